"""`pinpoint bench copy`: fp32 vs int8 speed, memory and quality guard for a copy model."""

from __future__ import annotations

import argparse
from pathlib import Path

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext

CONTRACT = (
    "model",
    "method",
    "fp32_tok_s",
    "int8_tok_s",
    "fp32_rss_mb",
    "int8_rss_mb",
    "fp32_ppl",
    "int8_ppl",
    "agreement",
)


def register(bench_subparsers: argparse._SubParsersAction) -> None:
    parser = bench_subparsers.add_parser(
        "copy", help="copy model: fp32 vs int8 tokens/s, memory, quality guard"
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="which bundled model")
    parser.add_argument(
        "--model-dir", type=Path, default=None, help="another GPT-2 checkpoint folder"
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="torch threads in each measured process"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="interleaved fp32/int8 runs (medians reported)"
    )
    add_json_flag(parser)
    parser.set_defaults(handler=_bench_copy)


def _bench_copy(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.copywriting.bench import bench_checkpoint
    from engine.copywriting.loading import bundled_model_dir, check_model_folder

    folder = args.model_dir or bundled_model_dir(args.lang)
    check_model_folder(folder)
    row = bench_checkpoint(folder, threads=args.threads, repeats=args.repeats)
    payload = {key: row[key] for key in CONTRACT} | {
        k: v for k, v in row.items() if k not in CONTRACT
    }
    text = "\n".join(f"{key:<20} {value}" for key, value in payload.items())
    emit(args, payload, text)
    return 0
