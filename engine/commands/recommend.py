"""`pinpoint recommend --customer ID`: ranked products for one customer, with reasons."""

from __future__ import annotations

import argparse

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("recommend", help="products to show one customer, with reasons")
    parser.add_argument(
        "--customer", type=int, required=True, metavar="ID", help="store customer id"
    )
    parser.add_argument("-n", type=int, default=10, help="how many products (default 10)")
    add_json_flag(parser)
    parser.set_defaults(handler=_recommend)


def _recommend(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.targeting_customers import recommend_for_customer

    result = recommend_for_customer(ctx, args.customer, args.n)
    lines = [
        f"For customer {args.customer}{' (new: no orders yet)' if result['cold_start'] else ''}:"
    ]
    lines += [f"  {p['sku']:<12} {p['title'][:40]:<40} {p['reason']}" for p in result["products"]]
    emit(args, result, "\n".join(lines))
    return 0
