"""Read-only queries behind the customers table: ordered ids for a search, then rows by id.

No Qt here. Kept apart from the model so it can move into an engine service unchanged (there is
no customer-browsing service yet); it only reads, with SQLAlchemy Core.

The split is Anki's browser: the id query (search, filter, sort) returns plain ints, cheap even
for 100,000 customers; rows are fetched for the ~100 ids on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, Select, and_, func, or_, select

from desktop.models.customer_query import SORT_KEYS, CustomerQuery, CustomerRow
from engine.store.models import AudienceMember, Customer, CustomerProfile, Order


def _order_totals() -> Any:
    """Orders and money per customer, cancelled orders excluded."""
    return (
        select(
            Order.customer_id.label("customer_id"),
            func.count(Order.id).label("orders"),
            func.coalesce(func.sum(Order.total - Order.refunded_amount), 0.0).label("spent"),
            func.max(Order.placed_at).label("last_order"),
        )
        .where(Order.customer_id.is_not(None), Order.is_cancelled.is_(False))
        .group_by(Order.customer_id)
        .subquery()
    )


def _name_column() -> Any:
    return func.coalesce(Customer.display_name, Customer.key)


def _filtered(statement: Select[Any], query: CustomerQuery) -> Select[Any]:
    if query.search.strip():
        pattern = f"%{query.search.strip()}%"
        statement = statement.where(
            or_(
                Customer.display_name.ilike(pattern),
                Customer.key.ilike(pattern),
                Customer.country.ilike(pattern),
                Customer.city.ilike(pattern),
            )
        )
    if query.audience_id is not None:
        members = select(AudienceMember.customer_id).where(
            AudienceMember.audience_id == query.audience_id
        )
        statement = statement.where(Customer.id.in_(members))
    return statement


def customer_ids(engine: Engine, query: CustomerQuery) -> list[int]:
    """Every matching customer's id, in display order (ties broken by id, so order is stable)."""
    totals = _order_totals()
    sort_columns = {
        "name": func.lower(_name_column()),
        "country": Customer.country,
        "orders": func.coalesce(totals.c.orders, 0),
        "spent": func.coalesce(totals.c.spent, 0.0),
        "last_order": totals.c.last_order,
    }
    if query.sort not in sort_columns:
        raise ValueError(f"cannot sort customers by {query.sort!r}; choose one of {SORT_KEYS}")
    column = sort_columns[query.sort]
    statement = select(Customer.id)
    if query.sort in ("orders", "spent", "last_order"):
        statement = statement.outerjoin(totals, totals.c.customer_id == Customer.id)
    order = column.desc() if query.descending else column.asc()
    statement = _filtered(statement, query).order_by(order.nulls_last(), Customer.id)
    with engine.connect() as connection:
        return list(connection.scalars(statement))


def customer_rows(engine: Engine, ids: Sequence[int]) -> dict[int, CustomerRow]:
    """The table rows for ``ids`` (one page), keyed by id."""
    if not ids:
        return {}
    totals = (
        select(
            Order.customer_id,
            func.count(Order.id),
            func.coalesce(func.sum(Order.total - Order.refunded_amount), 0.0),
            func.max(Order.placed_at),
        )
        .where(and_(Order.customer_id.in_(ids), Order.is_cancelled.is_(False)))
        .group_by(Order.customer_id)
    )
    people = (
        select(Customer.id, _name_column(), Customer.country, CustomerProfile.interests)
        .outerjoin(CustomerProfile, CustomerProfile.customer_id == Customer.id)
        .where(Customer.id.in_(ids))
    )
    with engine.connect() as connection:
        by_customer = {row[0]: row[1:] for row in connection.execute(totals)}
        rows = {}
        for customer_id, name, country, interests in connection.execute(people):
            orders, spent, last_order = by_customer.get(customer_id, (0, 0.0, None))
            rows[customer_id] = CustomerRow(
                customer_id,
                name or "",
                country or "",
                int(orders),
                float(spent or 0.0),
                last_order,
                top_interest(interests),
            )
    return rows


def top_interest(interests: dict[str, Any] | None) -> str:
    if not interests:
        return ""
    return max(interests.items(), key=lambda item: float(item[1]))[0]
