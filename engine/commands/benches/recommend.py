"""`pinpoint bench recommend`: the session protocol on any split in the benchmark TSV format.

Trains the GRU, item-kNN and popularity on ``--train`` and scores the next event of every
``--test`` session against all training items (see ``session_eval``), printing
``{"pairs", "models": {name: {"recall@20", "mrr@20", "train_s", ...}}}``.
Torch is imported only when the command runs, so ``pinpoint --help`` stays instant.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext


def register(bench_subparsers: argparse._SubParsersAction) -> None:
    parser = bench_subparsers.add_parser(
        "recommend", help="next-item/category benchmark (GRU, item-kNN, popularity) on a TSV split"
    )
    parser.add_argument("--train", type=Path, required=True, help="training TSV")
    parser.add_argument("--test", type=Path, required=True, help="test TSV (same columns)")
    parser.add_argument("--target", choices=("item", "category"), default="item")
    parser.add_argument("--epochs", type=int, default=None, help="GRU epochs (default: tuned)")
    parser.add_argument("--seed", type=int, default=None, help="GRU seed (default: 42)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--cutoff", type=int, default=20, help="K of Recall@K and MRR@K")
    add_json_flag(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.targeting.recommenders.session_eval import run_session_benchmark

    for path in (args.train, args.test):
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file")
    report = run_session_benchmark(
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
