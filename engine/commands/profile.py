"""`pinpoint profile`: build or update customer profiles, or report drift, with timings."""

from __future__ import annotations

import argparse
import dataclasses

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "profile",
        help="build customer profiles (features, interests, next products) from the store",
    )
    parser.add_argument(
        "--device",
        choices=("auto", "cpu", "cuda"),
        default=None,
        help="where to train and run the model (default: the settings' device)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--retrain", action="store_true", help="train a new model even if one exists")
    mode.add_argument(
        "--update", action="store_true", help="only advance customers with new orders (no training)"
    )
    mode.add_argument("--drift", action="store_true", help="only report whether a retrain is due")
    parser.add_argument("--epochs", type=int, default=None, help="training epochs (default: tuned)")
    add_json_flag(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace, ctx: AppContext) -> int:
    # imported here: torch loads only when a profile command runs, never for `pinpoint --help`
    from engine.services.profiling import build_profiles, drift_report, update_profiles

    device = args.device or ctx.settings.device
    if args.drift:
        drift = drift_report(ctx, device)
        text = (
            "Retrain recommended:\n  " + "\n  ".join(drift.reasons)
            if drift.retrain_recommended
            else ("No retrain needed.")
        )
        emit(args, dataclasses.asdict(drift), text)
        return 0
    if args.update:
        update = update_profiles(ctx, device=device)
        emit(
            args,
            dataclasses.asdict(update),
            f"Updated {update.customers_updated:,} customers ({update.new_events:,} new events) "
            f"in {update.seconds:.3f}s",
        )
        return 0
    report = build_profiles(ctx, device=device, retrain=args.retrain, epochs=args.epochs)
    text = (
        f"Profiled {report.customers:,} customers ({report.with_history:,} with purchases, "
        f"{report.events:,} events, {report.products:,} products, "
        f"{report.categories:,} categories) "
        f"on {report.device} in {report.seconds.get('total', 0):.1f}s"
        + (" after training a new model" if report.trained else " with the existing model")
    )
    emit(args, dataclasses.asdict(report), text)
    return 0
