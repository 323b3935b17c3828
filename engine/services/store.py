"""Store use cases: create the data folder and report what it holds."""

from __future__ import annotations

from dataclasses import dataclass

from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.migrate import head_revision
from engine.store.queries import get_or_create_shop, table_counts


@dataclass
class StoreStatus:
    home: str
    database: str
    schema_revision: str | None
    counts: dict[str, int]


def init_store(
    ctx: AppContext, shop_name: str | None = None, currency: str | None = None
) -> StoreStatus:
    """Create (or upgrade) the database and make sure the shop row exists."""
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        if shop_name:
            shop.name = shop_name
        if currency:
            shop.currency = currency.upper()
    return store_status(ctx)


def store_status(ctx: AppContext) -> StoreStatus:
    with session_scope(ctx.engine) as session:
        counts = table_counts(session)
    return StoreStatus(
        home=str(ctx.paths.home),
        database=str(ctx.paths.database),
        schema_revision=head_revision(),
        counts=counts,
    )
