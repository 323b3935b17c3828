"""Queries shared by several stages (counts, the default shop, what a customer has bought)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select, text
from sqlalchemy.orm import Session

from engine.store.models import ALL_TABLES, Order, Shop

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


def customer_order_totals(
    *conditions: ColumnElement[bool],
) -> Select[int | None, int, float | None, datetime]:
    """Per customer: ``orders``, ``spent``, ``last_order``: the one definition every screen uses.

    Orders that were not cancelled, money = order total minus refunds (shipping and manual
    charges included), so the customers table, a customer's detail and an audience's reasons
    quote the same figures. ``conditions`` narrow the orders (e.g. to the customers on screen).
    """
    return (
        select(
            Order.customer_id.label("customer_id"),
            func.count(Order.id).label("orders"),
            func.coalesce(func.sum(Order.total - Order.refunded_amount), 0.0).label("spent"),
            func.max(Order.placed_at).label("last_order"),
        )
        .where(Order.customer_id.is_not(None), Order.is_cancelled.is_(False), *conditions)
        .group_by(Order.customer_id)
    )
