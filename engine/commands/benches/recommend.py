"""`pinpoint bench recommend`: the session protocol on any split in the benchmark TSV format.

Trains the GRU, item-kNN and popularity on ``--train`` and scores the next event of every
``--test`` session against all training items (see ``session_eval``), printing
``{"pairs", "models": {name: {"recall@20", "mrr@20", "train_s", ...}}}``.
"""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext
from engine.targeting.recommenders.base import Recommender
from engine.targeting.recommenders.gru import SESSION_MODEL, SESSION_TRAINING, GRURecommender
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.popularity import Popularity
from engine.targeting.recommenders.session_eval import compare_models, load_split

log = logging.getLogger(__name__)


def register(bench_subparsers: argparse._SubParsersAction) -> None:
    parser = bench_subparsers.add_parser(
        "recommend", help="next-item/category benchmark (GRU, item-kNN, popularity) on a TSV split"
    )
    parser.add_argument("--train", type=Path, required=True, help="training TSV")
    parser.add_argument("--test", type=Path, required=True, help="test TSV (same columns)")
    parser.add_argument("--target", choices=("item", "category"), default="item")
    parser.add_argument("--epochs", type=int, default=SESSION_TRAINING.epochs, help="GRU epochs")
    parser.add_argument("--seed", type=int, default=SESSION_TRAINING.seed)
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--cutoff", type=int, default=20, help="K of Recall@K and MRR@K")
    add_json_flag(parser)
    parser.set_defaults(handler=_run)


def benchmark_models(epochs: int, seed: int, device: str) -> dict[str, Recommender]:
    """The three models every run compares, with the tuned session defaults."""
    training = replace(SESSION_TRAINING, epochs=epochs, seed=seed, device=device)
    return {
        "gru": GRURecommender(SESSION_MODEL, training),
        "itemknn": ItemKNN(neighbours=100, shrinkage=20.0, alpha=0.5),
        "popularity": Popularity(),
    }


def run_benchmark(
    train: Path,
    test: Path,
    target: str = "item",
    epochs: int = SESSION_TRAINING.epochs,
    seed: int = SESSION_TRAINING.seed,
    device: str = "auto",
    cutoff: int = 20,
) -> dict[str, Any]:
    started = time.perf_counter()
    train_sequences, test_sequences, notes = load_split(train, test, target)
    models = benchmark_models(epochs, seed, device)

    def progress(fraction: float, message: str) -> None:
        log.debug("%3.0f%% %s", 100 * fraction, message)

    results = compare_models(models, train_sequences, test_sequences, cutoff, progress)
    return {
        "pairs": next(iter(results.values()))["pairs"],
        "target": target,
        "train_events": len(train_sequences),
        "items": train_sequences.n_items,
        "epochs": epochs,
        "models": results,
        "seconds": round(time.perf_counter() - started, 1),
        **notes,
    }


def _run(args: argparse.Namespace, ctx: AppContext) -> int:
    for path in (args.train, args.test):
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file")
    report = run_benchmark(
        args.train, args.test, args.target, args.epochs, args.seed, args.device, args.cutoff
    )
    k = args.cutoff
    lines = [f"{report['pairs']:,} next-{args.target} predictions; Recall@{k} / MRR@{k}:"]
    for name, row in report["models"].items():
        lines.append(
            f"  {name:<11} {row[f'recall@{k}']:.4f}  {row[f'mrr@{k}']:.4f}"
            f"  train {row['train_s']:.0f}s"
        )
    emit(args, report, "\n".join(lines))
    return 0
