"""A weighted blend of recommenders, with the weights chosen by back-test.

Each member's scores are standardised per customer (z-scores over all items), so a member with
large raw scores cannot drown the others, then summed with the weights. :func:`tune_blend`
fits the members on history up to an inner cut, measures Recall@20 on what customers bought
after it, and keeps the best weights on a grid — the caller then refits on all history.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from itertools import product
from typing import Self

import numpy as np

from engine.profiles.sequences import EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.targeting.metrics import recall_ndcg_at_k
from engine.targeting.recommenders.base import Recommender


def _standardise(scores: np.ndarray) -> np.ndarray:
    mean = scores.mean(axis=-1, keepdims=True)
    spread = scores.std(axis=-1, keepdims=True)
    return (scores - mean) / np.where(spread > 0, spread, 1.0)


class BlendRecommender(Recommender):
    """``members`` are recommenders by name; ``weights`` default to equal.

    Members named in ``prefitted`` were fitted by the caller on the same training data (the
    session benchmark fits and scores its GRU alone first): ``fit`` reuses them instead of
    training them again, and refuses one fitted on a different item vocabulary.
    """

    name = "blend"

    def __init__(
        self,
        members: dict[str, Recommender],
        weights: dict[str, float] | None = None,
        prefitted: Collection[str] = (),
    ) -> None:
        self.members = members
        self.weights = weights
        self.prefitted = frozenset(prefitted)

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        for index, (name, member) in enumerate(self.members.items()):
            if cancel:
                cancel.check()
            if name in self.prefitted:
                member.check_fitted()
                if member.n_items_ != train.n_items:
                    raise ValueError(
                        f"blend member {name!r} was fitted on {member.n_items_} items, "
                        f"but this training data has {train.n_items}: fit it on the same data"
                    )
                continue
            start, end = index / len(self.members), (index + 1) / len(self.members)
            member.fit(train, progress=scaled(progress, start, end), cancel=cancel)
        self.weights_ = self.weights or {name: 1.0 for name in self.members}
        self.n_items_ = train.n_items
        return self

    def _combine(self, parts: dict[str, np.ndarray]) -> np.ndarray:
        first = next(iter(parts.values()))
        total = np.zeros(first.shape, dtype=np.float32)
        for name, scores in parts.items():
            weight = self.weights_.get(name, 0.0)
            if weight:
                total += weight * _standardise(scores).astype(np.float32)
        return total

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        self.check_fitted()
        return self._combine(
            {n: m.score_last(sequences) for n, m in self.members.items() if self.weights_.get(n)}
        )

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        self.check_fitted()
        active = {n: m for n, m in self.members.items() if self.weights_.get(n)}
        streams = {n: m.score_sequences(sequences) for n, m in active.items()}
        for _ in range(sequences.n_sequences):
            yield self._combine({n: next(stream) for n, stream in streams.items()})


def tune_blend(
    make_members: Callable[[], dict[str, Recommender]],
    train: EventSequences,
    rows: np.ndarray,
    targets: list[np.ndarray],
    grid: tuple[float, ...] = (0.0, 0.5, 1.0),
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> tuple[dict[str, float], float]:
    """Best weights by Recall@20 of ``train``'s sequences ``rows`` against ``targets``.

    ``train`` ends at the inner cut; ``targets[i]`` are the items sequence ``rows[i]`` bought after
    it. Every member is fitted once; only the combination is searched.
    """
    blend = BlendRecommender(make_members()).fit(
        train, progress=scaled(progress, 0, 0.8), cancel=cancel
    )
    context = train.subset(rows)
    member_scores = {name: _standardise(m.score_last(context)) for name, m in blend.members.items()}
    names = list(member_scores)
    best: tuple[dict[str, float], float] = ({n: 1.0 for n in names}, -1.0)
    for values in product(grid, repeat=len(names)):
        if not any(values) or (max(values) < 1.0):  # scale-free: fix the largest weight at 1
            continue
        weights = dict(zip(names, values, strict=True))
        combined = sum(w * member_scores[n] for n, w in weights.items() if w)
        recall, _ = recall_ndcg_at_k(np.asarray(combined), targets)
        if recall > best[1] + 1e-9:
            best = (weights, recall)
    progress(1.0, "Blend weights chosen")
    return best
