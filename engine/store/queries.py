"""Queries shared by several stages (counts, the default shop)."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from engine.store.models import ALL_TABLES, Shop

DEFAULT_SHOP_NAME = "My shop"


def table_counts(session: Session) -> dict[str, int]:
    """Rows per table, in dependency order; what ``pinpoint status`` shows."""
    return {
        table: int(session.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar_one())
        for table in ALL_TABLES
    }


def get_or_create_shop(
    session: Session, name: str = DEFAULT_SHOP_NAME, currency: str = "USD"
) -> Shop:
    """The shop everything is imported into; Pinpoint manages one shop per data folder today."""
    shop = session.scalars(select(Shop).order_by(Shop.id).limit(1)).first()
    if shop is None:
        shop = Shop(name=name, currency=currency)
        session.add(shop)
        session.flush()
    return shop


def shop_count(session: Session) -> int:
    return int(session.scalar(select(func.count(Shop.id))) or 0)
