"""`pinpoint bench lift [--cutoff YYYY-MM-DD] --json`: the audience back-test on the store."""

from __future__ import annotations

import argparse
from datetime import datetime

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext


def register(bench_subparsers: argparse._SubParsersAction) -> None:
    parser = bench_subparsers.add_parser(
        "lift", help="would audiences have worked? back-test lift vs random, RFM and popularity"
    )
    parser.add_argument(
        "--cutoff", type=_date, help="cut the history here (default: 60 days before the last order)"
    )
    parser.add_argument(
        "--window-days", type=int, default=60, help="days after the cut to check (default 60)"
    )
    add_json_flag(parser)
    parser.set_defaults(handler=_lift)


def _date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2011-10-01, got {text!r}") from None


def _lift(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting_backtest import backtest

    result = backtest(ctx, cutoff=args.cutoff, window_days=args.window_days)
    payload = {key: value for key, value in result.items() if key != "explanation"}
    emit(args, payload, result["explanation"])
    return 0
