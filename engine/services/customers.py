"""Browsing customers: the ids a search matches, the rows on screen, one customer's detail.

Read-only, with SQLAlchemy Core. The split is Anki's browser: the id query (search, filter,
sort) returns plain ints, cheap even for 100,000 customers; rows are fetched for the ~100 ids on
screen. The detail gathers everything the customer panel shows in one call, so the desktop needs
one worker round trip per click.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select

from engine.services.context import AppContext
from engine.services.customer_query import SORT_KEYS, CustomerQuery, CustomerRow
from engine.store.models import (
    Audience,
    AudienceMember,
    Customer,
    CustomerProfile,
    Order,
    OrderLine,
)
from engine.store.queries import customer_order_totals

TIMELINE_ORDERS = 50
EXPLAINED_AUDIENCES = 5

__all__ = [
    "CustomerDetail",
    "CustomerQuery",
    "CustomerRow",
    "TimelineEntry",
    "customer_detail",
    "customer_ids",
    "customer_rows",
]


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


def customer_ids(ctx: AppContext, query: CustomerQuery) -> list[int]:
    """Every matching customer's id, in display order (ties broken by id, so order is stable)."""
    totals = customer_order_totals().subquery()
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
    with ctx.engine.connect() as connection:
        return list(connection.scalars(statement))


def customer_rows(ctx: AppContext, ids: Sequence[int]) -> dict[int, CustomerRow]:
    """The table rows for ``ids`` (one page), keyed by id."""
    if not ids:
        return {}
    totals = customer_order_totals(Order.customer_id.in_(ids))
    people = (
        select(Customer.id, _name_column(), Customer.country, CustomerProfile.interests)
        .outerjoin(CustomerProfile, CustomerProfile.customer_id == Customer.id)
        .where(Customer.id.in_(ids))
    )
    with ctx.engine.connect() as connection:
        by_customer = {row.customer_id: row[1:] for row in connection.execute(totals)}
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
    """The category with the largest share of a profile's interests ("" before profiling)."""
    if not interests:
        return ""
    return max(interests.items(), key=lambda item: float(item[1]))[0]


# ---------------------------------------------------------------------- one customer


@dataclass(frozen=True)
class TimelineEntry:
    placed_at: datetime
    order: str
    total: float | None
    items: str  # "2 × Blue mug, Green tea"
    cancelled: bool


@dataclass
class CustomerDetail:
    id: int
    name: str
    place: str
    first_seen: datetime | None
    orders: int
    spent: float
    churn_risk: float | None
    clv: float | None
    features: dict[str, Any]
    interests: dict[str, float]
    timeline: list[TimelineEntry] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (audience name, why)
    segment: str | None = None  # RFM segment, e.g. "champions"
    next_order: str | None = None  # "next order likely in 2–9 weeks if still a customer (...)"


def customer_detail(ctx: AppContext, customer_id: int) -> CustomerDetail:
    """Who they are, what they bought, what they are into, and why they are in each audience."""
    with ctx.engine.connect() as connection:
        person = connection.execute(
            select(
                Customer.display_name,
                Customer.key,
                Customer.city,
                Customer.country,
                Customer.first_seen,
            ).where(Customer.id == customer_id)
        ).one_or_none()
        if person is None:
            raise ValueError(f"customer {customer_id} is no longer in the shop")
        profile = connection.execute(
            select(CustomerProfile.churn_risk, CustomerProfile.clv, CustomerProfile.features,
                   CustomerProfile.interests)
            .where(CustomerProfile.customer_id == customer_id)
        ).one_or_none()  # fmt: skip
        totals = connection.execute(
            customer_order_totals(Order.customer_id == customer_id)
        ).one_or_none()
        orders_count, spent = (totals.orders, totals.spent) if totals else (0, 0.0)
        timeline = _timeline(connection, customer_id)
        memberships = connection.execute(
            select(Audience.id, Audience.name, AudienceMember.reason)
            .join(AudienceMember, AudienceMember.audience_id == Audience.id)
            .where(AudienceMember.customer_id == customer_id)
            .order_by(func.coalesce(AudienceMember.score, 0).desc())
            .limit(EXPLAINED_AUDIENCES)
        ).all()
    churn, clv, features, interests = profile or (None, None, {}, {})
    detail = CustomerDetail(
        id=customer_id,
        name=person.display_name or person.key,
        place=", ".join(part for part in (person.city, person.country) if part),
        first_seen=person.first_seen, orders=int(orders_count), spent=float(spent or 0.0),
        churn_risk=churn, clv=clv,
        features=features or {}, interests={k: float(v) for k, v in (interests or {}).items()},
        timeline=timeline,
        reasons=[(name, reason or "") for _, name, reason in memberships],
    )  # fmt: skip
    if memberships:
        detail.segment, detail.next_order = _outlook(ctx, memberships[0][0], customer_id)
    return detail


def _timeline(connection: Any, customer_id: int) -> list[TimelineEntry]:
    """The newest orders with their items in one line each."""
    orders = connection.execute(
        select(Order.id, Order.placed_at, Order.external_id, Order.total, Order.is_cancelled)
        .where(Order.customer_id == customer_id)
        .order_by(Order.placed_at.desc())
        .limit(TIMELINE_ORDERS)
    ).all()
    lines: dict[int, list[str]] = {}
    for order_id, quantity, title in connection.execute(
        select(OrderLine.order_id, OrderLine.quantity, OrderLine.title)
        .where(OrderLine.order_id.in_([o.id for o in orders]), OrderLine.is_non_product.is_(False))
        .order_by(OrderLine.order_id, OrderLine.position)
    ):
        lines.setdefault(order_id, []).append(f"{quantity:g} × {title}")
    return [
        TimelineEntry(
            o.placed_at, o.external_id, o.total, ", ".join(lines.get(o.id, [])), o.is_cancelled
        )
        for o in orders
    ]


def _outlook(ctx: AppContext, audience_id: int, customer_id: int) -> tuple[str | None, str | None]:
    """Their RFM segment and when they may order next: asked once, not per audience, because
    working it out reads every order in the shop."""
    from engine.services.targeting import explain_member  # numpy/scipy: load in the worker only

    explained = explain_member(ctx, audience_id, customer_id)
    return explained.get("segment"), explained.get("next_order")
