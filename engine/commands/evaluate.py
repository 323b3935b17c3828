"""`pinpoint evaluate …` (metrics, timing, frequency, budget, predict, html), `pinpoint abtest …`.

The handlers import the services lazily so `pinpoint --help` stays instant.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from engine.commands._output import add_json_flag, emit, to_jsonable
from engine.services.context import AppContext


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    evaluate = subparsers.add_parser("evaluate", help="measure campaigns and get advice")
    actions = evaluate.add_subparsers(dest="evaluate_action", metavar="ACTION", required=True)

    metrics = _action(actions, "metrics", "CTR, CVR, CPC, CPA, ROAS, ROI per level", _metrics)
    levels = ["campaign", "ad_set", "variant", "creative", "audience"]
    metrics.add_argument("--level", default="campaign", choices=levels)
    metrics.add_argument(
        "--window-days", type=int, default=7, help="attribution window after the report"
    )

    timing = _action(
        actions, "timing", "best weekdays and hours from the audience's orders", _timing
    )
    timing.add_argument("--audience", type=int, help="audience id (default: all customers)")

    _action(actions, "frequency", "suggest a frequency cap from reach and clicks", _frequency)

    budget = _action(actions, "budget", "split a budget by Thompson sampling", _budget)
    budget.add_argument("budget", type=float, help="the budget to split, in the shop's currency")
    budget.add_argument(
        "--level", default="variant", choices=["campaign", "ad_set", "variant", "audience"]
    )
    budget.add_argument("--metric", default="ctr", choices=["ctr", "cvr"])
    budget.add_argument("--seed", type=int, default=0)

    predict = _action(actions, "predict", "predict CTR and CVR of a new variant/audience", _predict)
    predict.add_argument("--text", required=True, help="the ad copy (headlines and descriptions)")
    predict.add_argument("--audience", type=int, help="audience id")
    predict.add_argument("--language", default="en")
    predict.add_argument("--weekday", type=int, choices=range(7), help="0 = Monday")
    predict.add_argument("--hour", type=int, choices=range(24))

    html = _action(actions, "html", "write the readable campaign report (HTML)", _html)
    html.add_argument("--title", default="Campaign report")

    abtest = subparsers.add_parser("abtest", help="A/B tests: compare, sample size, list")
    ab_actions = abtest.add_subparsers(dest="abtest_action", metavar="ACTION", required=True)
    compare = _action(
        ab_actions, "compare", "is the difference between A and B real?", _compare, False
    )
    compare.add_argument("--a", nargs=2, type=float, metavar=("SUCCESSES", "TRIALS"))
    compare.add_argument("--b", nargs=2, type=float, metavar=("SUCCESSES", "TRIALS"))
    compare.add_argument("--variant-a", type=int, help="ad variant id (counts from the reports)")
    compare.add_argument("--variant-b", type=int)
    compare.add_argument("--metric", default="ctr", choices=["ctr", "cvr"])
    compare.add_argument("--planned", type=int, help="planned sample size per arm")
    compare.add_argument("--name", help="record the test under this name")
    compare.add_argument("--alpha", type=float, default=0.05)
    size = _action(ab_actions, "size", "sample size and duration for a test", _size, False)
    size.add_argument("--baseline", type=float, required=True, help="current rate, e.g. 0.02")
    size.add_argument(
        "--lift", type=float, required=True, help="relative change to detect, e.g. 0.2"
    )
    size.add_argument("--alpha", type=float, default=0.05)
    size.add_argument("--power", type=float, default=0.8)
    size.add_argument("--daily", type=float, help="impressions (CTR) or clicks (CVR) per day")
    _action(ab_actions, "list", "recorded experiments", _list, False)


def _action(actions: Any, name: str, help_text: str, handler: Any, reports: bool = True) -> Any:
    parser = actions.add_parser(name, help=help_text)
    if reports:
        parser.add_argument("--report", type=int, action="append", dest="reports",
                            help="only this report id (repeatable; default: all)")  # fmt: skip
    add_json_flag(parser)
    parser.set_defaults(handler=handler)
    return parser


def _pct(rate: dict[str, Any]) -> str:
    return "-" if rate["value"] is None else f"{100 * rate['value']:.2f}%"


def _num(ratio: dict[str, Any], fmt: str = "{:.2f}") -> str:
    return "-" if ratio["value"] is None else fmt.format(ratio["value"])


def _metrics(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import campaign_metrics

    groups = to_jsonable(campaign_metrics(ctx, args.level, args.reports, args.window_days))
    lines = [f"{'name':<34} {'impr.':>9} {'clicks':>7} {'CTR':>7} {'conv.':>7} {'cost':>9} "
             f"{'CPA':>8} {'ROAS':>6} {'ROI':>7}"]  # fmt: skip
    for g in groups:
        name = ("" if g["matched"] else "? ") + g["name"]
        lines.append(
            f"{name[:34]:<34} {g['impressions']:>9,} {g['clicks']:>7,} {_pct(g['ctr']):>7} "
            f"{g['conversions']:>7.1f} {g['cost']:>9,.2f} {_num(g['cpa']):>8} "
            f"{_num(g['roas']):>6} {_num(g['roi'], '{:+.0%}'):>7}"
        )
    lines.append("(? = not linked to a Pinpoint campaign yet)")
    emit(args, {"level": args.level, "groups": groups}, "\n".join(lines))
    return 0


def _timing(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import recommend_timing

    timing = recommend_timing(ctx, args.audience)
    text = (
        f"Best days: {', '.join(f'{d} ({n})' for d, n in timing.best_weekdays) or '-'}\n"
        f"Best hours: {', '.join(f'{h:02d}:00 ({n})' for h, n in timing.best_hours) or '-'}\n"
        f"{timing.note}"
    )
    emit(args, asdict(timing), text)
    return 0


def _frequency(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import recommend_frequency

    advice = recommend_frequency(ctx, args.reports)
    emit(
        args,
        asdict(advice),
        f"Cap: {advice.cap_per_week} per person per week. {advice.explanation}",
    )
    return 0


def _budget(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import budget_split

    shares = budget_split(ctx, args.budget, args.level, args.metric, args.reports, args.seed)
    lines = [f"{s.name[:40]:<40} {100 * s.prob_best:>5.1f}%  {s.budget:>10,.2f}" for s in shares]
    emit(args, {"metric": args.metric, "level": args.level, "arms": [asdict(s) for s in shares]},
         "\n".join(lines))  # fmt: skip
    return 0


def _predict(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import predict_variant

    prediction = predict_variant(
        ctx, args.text, args.audience, args.language, args.weekday, args.hour
    )
    emit(args, to_jsonable(prediction), prediction.summary())
    return 0


def _html(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import write_report

    path = write_report(ctx, args.reports, title=args.title)
    emit(args, {"report_file": str(path)}, f"Report written: {path}")
    return 0


def _compare(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.evaluation.experiments import Arm
    from engine.services.evaluation import ab_test

    a = Arm("A", *args.a) if args.a else None
    b = Arm("B", *args.b) if args.b else None
    result = ab_test(ctx, a, b, variant_a_id=args.variant_a, variant_b_id=args.variant_b,
                     metric=args.metric, planned_per_arm=args.planned, name=args.name,
                     alpha=args.alpha)  # fmt: skip
    emit(args, result, "\n".join([result["verdict"], *result["notes"]]))
    return 0


def _size(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import sample_size

    result = sample_size(ctx, args.baseline, args.lift, args.alpha, args.power, args.daily)
    emit(args, result, result["explanation"])
    return 0


def _list(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import list_experiments

    experiments = list_experiments(ctx)
    text = "\n".join(f"#{e['id']} {e['name']} [{e['status']}]: {e['verdict']}" for e in experiments)
    emit(args, {"experiments": experiments}, text or "No experiments recorded yet.")
    return 0
