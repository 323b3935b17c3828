"""`pinpoint audience build|list|show|rebuild|segments|clv|check`: who to show what, and why.

The service is imported inside each handler so `pinpoint --help` stays instant.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from engine.commands._output import add_json_flag, emit, to_jsonable
from engine.services.context import AppContext

if TYPE_CHECKING:
    from engine.services.targeting import AudienceView


def register(subparsers: argparse._SubParsersAction) -> None:
    audience = subparsers.add_parser("audience", help="build and inspect audiences")
    actions = audience.add_subparsers(dest="action", metavar="ACTION")

    build = actions.add_parser(
        "build", help="rank customers for a product, category, segment or seed"
    )
    target = build.add_mutually_exclusive_group(required=True)
    target.add_argument("--product", metavar="SKU", help="likely buyers of this product")
    target.add_argument("--category", metavar="NAME", help="likely buyers in this category")
    target.add_argument("--segment", metavar="NAME", help="an RFM segment, e.g. 'at risk'")
    target.add_argument(
        "--lookalike", metavar="AUDIENCE_ID", type=int, help="customers like this audience"
    )
    target.add_argument("--interest", metavar="CATEGORY", help="customers interested in a category")
    target.add_argument("--churn", action="store_true", help="valuable customers likely to lapse")
    build.add_argument("--size", type=int, help="how many customers (default: 10%% of customers)")
    build.add_argument(
        "--exclude-recent-days",
        type=int,
        default=30,
        help="leave out customers who bought the target this recently (0 = keep)",
    )
    build.add_argument(
        "--require-consent",
        action="store_true",
        help="keep only customers who explicitly accepted marketing",
    )
    add_json_flag(build)
    build.set_defaults(handler=_build)

    listing = actions.add_parser("list", help="stored audiences")
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="one audience with its members and reasons")
    show.add_argument("id", type=int)
    add_json_flag(show)
    show.set_defaults(handler=_show)

    rebuild = actions.add_parser("rebuild", help="build an audience again on the newest data")
    rebuild.add_argument("id", type=int)
    add_json_flag(rebuild)
    rebuild.set_defaults(handler=_rebuild)

    segment = actions.add_parser("segments", help="RFM segments (saved as audiences)")
    add_json_flag(segment)
    segment.set_defaults(handler=_segments)

    value = actions.add_parser("clv", help="customer lifetime value with intervals (BG/NBD)")
    value.add_argument("--weeks", type=float, default=52.0, help="horizon in weeks (default 52)")
    value.add_argument("--top", type=int, default=20, help="customers to list (default 20)")
    add_json_flag(value)
    value.set_defaults(handler=_clv)

    check = actions.add_parser("check", help="will a platform accept this audience's size?")
    check.add_argument("id", type=int)
    check.add_argument("--platform", default="google", choices=("google", "meta"))
    add_json_flag(check)
    check.set_defaults(handler=_check)


def _describe(view: AudienceView, limit: int = 20) -> str:
    lines = [
        f"Audience {view.id}: {view.name} — {view.size:,} customers "
        f"(of {view.candidates:,} eligible)"
    ]
    lines += [f"  left out: {count:,} ({why})" for why, count in view.excluded.items() if count]
    lines += [f"  {check.platform}: {check.message}" for check in view.size_checks]
    lines += [
        f"  {m['customer_id']:>8} {m['score']:.3f}  {m['reason']}" for m in view.members[:limit]
    ]
    if len(view.members) > limit:
        lines.append(f"  … and {len(view.members) - limit:,} more (use --json for all)")
    return "\n".join(lines)


def _build(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting import as_dict, build_audience

    view = build_audience(
        ctx,
        product=args.product,
        category=args.category,
        segment=args.segment,
        lookalike_seed=args.lookalike,
        interest=args.interest,
        churn=args.churn,
        size=args.size,
        exclude_recent_days=args.exclude_recent_days,
        require_consent=args.require_consent,
    )
    emit(args, to_jsonable(as_dict(view)), _describe(view))
    return 0


def _rebuild(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting import as_dict, rebuild_audience

    view = rebuild_audience(ctx, args.id)
    emit(args, to_jsonable(as_dict(view)), _describe(view))
    return 0


def _list(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting import list_audiences

    rows = list_audiences(ctx)
    text = (
        "\n".join(f"{r['id']:>5}  {r['kind']:<10} {r['size']:>7,}  {r['name']}" for r in rows)
        or "No audiences yet."
    )
    emit(args, {"audiences": rows}, text)
    return 0


def _show(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting import as_dict, show_audience

    view = show_audience(ctx, args.id)
    emit(args, to_jsonable(as_dict(view)), _describe(view))
    return 0


def _segments(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting import segments

    result = segments(ctx)
    lines = [f"RFM segments as of {result['as_of']} ({result['customers']:,} customers):"]
    lines += [
        f"  {s['segment']:<20} {s['customers']:>6,}  {s['advice']}" for s in result["segments"]
    ]
    emit(args, result, "\n".join(lines))
    return 0


def _clv(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting_customers import clv

    report = clv(ctx, horizon_weeks=args.weeks, top=args.top)
    low, high = report["total_clv_90"]
    lines = [
        f"Lifetime value over {report['horizon_weeks']:g} weeks at {report['margin']:.0%} margin "
        f"({report['customers_modelled']:,} customers): {report['total_clv']:,.2f} "
        f"(90% interval {low:,.2f}–{high:,.2f})"
    ]
    lines += [
        f"  {row['customer_id']:>8} {row['clv']:>10,.2f}  {row['next_order']}"
        for row in report["customers"]
    ]
    emit(args, report, "\n".join(lines))
    return 0


def _check(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting import audience_size_check

    check = audience_size_check(ctx, args.id, args.platform)
    emit(args, to_jsonable(check), check.message)
    return 0 if check.ok else 3
