"""The session protocol of the GRU4Rec papers, exactly as ``shared/data/README.md`` defines it.

For each test sequence x0..x(n-1) and each t ≥ 1 the model sees x0..x(t-1) of that sequence only
and ranks x_t against **all** training items:

* items already in the sequence are not removed;
* ties count against the model: rank = number of items scoring ≥ the target's score;
* a target the training data never saw (``UNKNOWN``) is a miss, never dropped;
* Recall@K and MRR@K are averaged over all pairs.

:func:`run_session_benchmark` applies it to a TSV split with GRU, item-kNN and popularity (the
``pinpoint bench recommend`` command and ``benchmarks/bench_recommend.py``), plus the hybrid
``gru+itemknn`` (their scores blended, :mod:`~engine.targeting.recommenders.hybrid`), reported
beside the three, never instead of the GRU.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from engine.profiles.gru import cpu_threads
from engine.profiles.ranking import conservative_ranks
from engine.profiles.sequences import (
    NA_CATEGORY,
    UNKNOWN,
    EventSequences,
    encode_events,
    read_events_tsv,
)
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.targeting.recommenders.base import Recommender
from engine.targeting.recommenders.blend import BlendRecommender
from engine.targeting.recommenders.gru import SESSION_MODEL, SESSION_TRAINING, GRURecommender
from engine.targeting.recommenders.hybrid import GRU_ITEMKNN_WEIGHTS, SessionItemKNN
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.popularity import Popularity


@dataclass(frozen=True)
class SessionScore:
    pairs: int
    recall: float
    mrr: float
    unknown_targets: int
    cutoff: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            f"recall@{self.cutoff}": round(self.recall, 4),
            f"mrr@{self.cutoff}": round(self.mrr, 4),
            "pairs": self.pairs,
            "unknown_targets": self.unknown_targets,
        }


def evaluate_sessions(
    model: Recommender,
    test: EventSequences,
    cutoff: int = 20,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> SessionScore:
    """Score ``model`` on every next-event pair of ``test`` (encoded with the training vocab)."""
    hits = 0
    reciprocal_sum = 0.0
    pairs = 0
    unknown = 0
    total = max(test.n_sequences, 1)
    for s, scores in enumerate(model.score_sequences(test)):
        if cancel is not None and s % 256 == 0:
            cancel.check()
        targets = test.sequence(s)[1:]
        if not len(targets):
            continue
        ranks = conservative_ranks(np.asarray(scores[:-1]), targets)
        top = ranks <= cutoff
        hits += int(top.sum())
        reciprocal_sum += float((1.0 / ranks[top]).sum())
        pairs += len(targets)
        unknown += int((targets == UNKNOWN).sum())
        if s % 256 == 0:
            progress(s / total, f"Evaluated {s:,} of {total:,} sessions")
    progress(1.0, "Evaluation finished")
    return SessionScore(
        pairs=pairs,
        recall=hits / pairs if pairs else 0.0,
        mrr=reciprocal_sum / pairs if pairs else 0.0,
        unknown_targets=unknown,
        cutoff=cutoff,
    )


def load_split(
    train_path: Path, test_path: Path, target: str = "item"
) -> tuple[EventSequences, EventSequences, dict[str, object]]:
    """Read a train/test pair of benchmark TSVs, encoded with the training vocabularies.

    ``target="category"`` predicts the next item's category: sequences of categories replace
    sequences of items. A missing category (``NA``) is kept as one class of its own; a split with
    no categories at all is refused, because every prediction would be trivially right.
    """
    if target not in ("item", "category"):
        raise ValueError(f"unknown target {target!r}: expected item or category")
    train = encode_events(read_events_tsv(train_path))
    test = encode_events(read_events_tsv(test_path), train.item_vocab, train.category_vocab)
    notes: dict[str, object] = {}
    if target == "category":
        named = [c for c in train.category_vocab.ids if c != NA_CATEGORY]
        if not named:
            raise ValueError(
                f"{train_path}: every category is {NA_CATEGORY}, "
                "so there is no category to predict; "
                "use --target item, or a split whose category column is filled in"
            )
        na_index = train.category_vocab.index_of(NA_CATEGORY)
        notes["na_category_share"] = round(float((train.categories == na_index).mean()), 4)
        train, test = train.as_category_sequences(), test.as_category_sequences()
    return train, test, notes


def compare_models(
    models: dict[str, Recommender],
    train: EventSequences,
    test: EventSequences,
    cutoff: int = 20,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> dict[str, dict[str, float | int]]:
    """Fit each model on ``train`` and score it on ``test`` with the protocol; adds ``train_s``.

    A blend whose ``prefitted`` members are also in ``models`` comes after them (they are fitted
    once); its ``train_s`` includes theirs.
    """
    results: dict[str, dict[str, float | int]] = {}
    for index, (name, model) in enumerate(models.items()):
        step = scaled(progress, index / len(models), (index + 1) / len(models))
        started = time.perf_counter()
        model.fit(train, scaled(step, 0.0, 0.9), cancel)
        train_seconds = time.perf_counter() - started
        if isinstance(model, BlendRecommender):
            reused = [model.members[n] for n in model.prefitted]
            shared = [n for n, m in models.items() if any(m is x for x in reused)]
            train_seconds += sum(float(results[n]["train_s"]) for n in shared)
        score = evaluate_sessions(model, test, cutoff, scaled(step, 0.9, 1.0), cancel)
        results[name] = {**score.as_dict(), "train_s": round(train_seconds, 2)}
        seconds_per_epoch = getattr(getattr(model, "training_", None), "seconds_per_epoch", None)
        if seconds_per_epoch is not None:
            results[name]["train_s_per_epoch"] = round(seconds_per_epoch, 2)
    return results


def benchmark_models(
    epochs: int | None, seed: int | None, device: str
) -> tuple[GRURecommender, dict[str, Recommender]]:
    """The models every benchmark run compares, with the tuned session defaults."""
    training = replace(
        SESSION_TRAINING,
        epochs=SESSION_TRAINING.epochs if epochs is None else epochs,
        seed=SESSION_TRAINING.seed if seed is None else seed,
        device=device,
    )
    gru = GRURecommender(SESSION_MODEL, training)
    session_knn = SessionItemKNN(neighbours=100, shrinkage=20.0, alpha=0.5)
    return gru, {
        "gru": gru,
        "itemknn": ItemKNN(neighbours=100, shrinkage=20.0, alpha=0.5),
        "popularity": Popularity(),
        "gru+itemknn": BlendRecommender(
            {"gru": gru, "session_itemknn": session_knn}, GRU_ITEMKNN_WEIGHTS, prefitted={"gru"}
        ),
    }


def run_session_benchmark(
    train: Path,
    test: Path,
    target: str = "item",
    epochs: int | None = None,
    seed: int | None = None,
    device: str = "auto",
    cutoff: int = 20,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """Load a split, fit every benchmark model on it and score each with the protocol."""
    started = time.perf_counter()
    train_sequences, test_sequences, notes = load_split(train, test, target)
    gru, models = benchmark_models(epochs, seed, device)
    # Scoring on the GRU's thread count too: two OpenMP threads with one core busy elsewhere made
    # the evaluation ~5× slower on the 2-core machine (benchmarks/notes/gru_tuning.md, run 3).
    with cpu_threads(gru.train_config.cpu_threads):
        results = compare_models(models, train_sequences, test_sequences, cutoff, progress, cancel)
    return {
        "pairs": next(iter(results.values()))["pairs"],
        "target": target,
        "train_events": len(train_sequences),
        "items": train_sequences.n_items,
        "epochs": gru.train_config.epochs,
        "models": results,
        "seconds": round(time.perf_counter() - started, 1),
        **notes,
    }
