"""`pinpoint demo`: the headless pipeline on the bundled sample shop."""

from __future__ import annotations

import argparse
import logging

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext
from engine.services.demo import run_demo

log = logging.getLogger("pinpoint.demo")


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="run every stage on the bundled sample shop")
    add_json_flag(demo)
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, ctx: AppContext) -> int:
    report = run_demo(ctx, log=log.info)
    lines = [f"Pinpoint demo finished. Data folder: {report.home}", "", "Stages:"]
    lines += [f"  {s['stage']:<12} {s['seconds']:>7.2f}s" for s in report.stages]
    if report.outputs:
        lines += ["", "Outputs:"] + [f"  {k}: {v}" for k, v in report.outputs.items()]
    emit(args, report, "\n".join(lines))
    return 0
