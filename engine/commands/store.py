"""`pinpoint init` and `pinpoint status`."""

from __future__ import annotations

import argparse

from engine.commands._output import add_json_flag, emit
from engine.services.context import AppContext
from engine.services.store import StoreStatus, init_store, store_status


def register(subparsers: argparse._SubParsersAction) -> None:
    init = subparsers.add_parser("init", help="create the data folder and database")
    init.add_argument("--shop-name", help="name of your shop")
    init.add_argument("--currency", help="three-letter currency code, e.g. GBP")
    add_json_flag(init)
    init.set_defaults(handler=_init)

    status = subparsers.add_parser("status", help="what is in the store")
    add_json_flag(status)
    status.set_defaults(handler=_status)


def _describe(status: StoreStatus) -> str:
    lines = [f"Data folder: {status.home}", f"Database:    {status.database}", ""]
    lines += [f"  {table:<24} {count:>9,}" for table, count in status.counts.items()]
    return "\n".join(lines)


def _init(args: argparse.Namespace, ctx: AppContext) -> int:
    status = init_store(ctx, args.shop_name, args.currency)
    emit(
        args,
        {"home": status.home, "database": status.database, "counts": status.counts},
        _describe(status),
    )
    return 0


def _status(args: argparse.Namespace, ctx: AppContext) -> int:
    status = store_status(ctx)
    emit(
        args,
        {
            "home": status.home,
            "database": status.database,
            "schema_revision": status.schema_revision,
            "counts": status.counts,
        },
        _describe(status),
    )
    return 0
