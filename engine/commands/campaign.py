"""`pinpoint campaign plan|auto|list`: draft campaigns from an audience, a product and its copy.

The service is imported inside each handler so `pinpoint --help` stays instant.
"""

from __future__ import annotations

import argparse

from engine.campaigns.platforms import PLATFORMS
from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext


def register(subparsers: argparse._SubParsersAction) -> None:
    campaign = subparsers.add_parser("campaign", help="plan draft campaigns for the ad platforms")
    actions = campaign.add_subparsers(dest="action", metavar="ACTION")

    plan = actions.add_parser(
        "plan", help="one draft campaign: audience + copy + ad set for a product or category"
    )
    plan.add_argument("--platform", required=True, choices=tuple(PLATFORMS))
    target = plan.add_mutually_exclusive_group(required=True)
    target.add_argument("--product", metavar="SKU", help="advertise this product")
    target.add_argument("--category", metavar="NAME", help="advertise this category")
    plan.add_argument(
        "--audience", metavar="ID", type=int, help="use this stored audience (default: build one)"
    )
    _add_common(plan)
    plan.add_argument("--url", help="landing page (default: the product's URL or the shop URL)")
    add_json_flag(plan)
    plan.set_defaults(handler=_plan)

    auto = actions.add_parser(
        "auto", help="do it for me: campaigns for the best sellers on every chosen platform"
    )
    auto.add_argument(
        "--platforms",
        default=",".join(PLATFORMS),
        help=f"comma-separated, from {', '.join(PLATFORMS)} (default: all)",
    )
    auto.add_argument("--top", type=int, default=1, help="how many best sellers (default 1)")
    auto.add_argument("--by", choices=("category", "product"), default="category")
    _add_common(auto)
    auto.add_argument("--shop-url", help="your shop's address, e.g. https://myshop.com")
    add_json_flag(auto)
    auto.set_defaults(handler=_auto)

    listing = actions.add_parser("list", help="stored campaigns and their ad sets")
    add_json_flag(listing)
    listing.set_defaults(handler=_list)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--budget", type=float, default=10.0, help="daily budget (shop currency)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="ad copy language")
    parser.add_argument("--n", type=int, default=3, help="ad variants to write (default 3)")
    parser.add_argument("--days", type=int, help="run length in days (default: open-ended)")


def _plan(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.campaigns import PlanOptions, plan_campaign

    result = plan_campaign(
        ctx,
        args.platform,
        product=args.product,
        category=args.category,
        audience_id=args.audience,
        daily_budget=args.budget,
        final_url=args.url,
        copy_lang=args.lang,
        n_variants=args.n,
        options=PlanOptions(days=args.days),
    )
    emit(args, result.to_dict(), result.summary())
    return 0


def _auto(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.campaigns import PlanOptions, plan_from_recommendations

    options = PlanOptions(
        daily_budget=args.budget,
        shop_url=args.shop_url,
        copy_lang=args.lang,
        n_variants=args.n,
        days=args.days,
    )
    platforms = [p.strip() for p in args.platforms.split(",") if p.strip()]
    plans = plan_from_recommendations(ctx, platforms, args.top, args.by, options)
    emit(
        args,
        {"campaigns": [p.to_dict() for p in plans]},
        "\n".join(p.summary() for p in plans),
    )
    return 0


def _list(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.campaigns import campaigns

    stored = campaigns(ctx)
    lines = [
        f"{c['id']:>4}  {c['platform']:<9} {c['status']:<7} {c['name']}  "
        f"({len(c['ad_sets'])} ad sets, {sum(s['ads'] for s in c['ad_sets'])} ads)"
        for c in stored
    ]
    emit(args, {"campaigns": stored}, "\n".join(lines) or "No campaigns yet.")
    return 0
