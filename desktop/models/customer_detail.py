"""Everything the customer detail panel shows, gathered in one worker call (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from engine.services.context import AppContext
from engine.store.models import (
    Audience,
    AudienceMember,
    Customer,
    CustomerProfile,
    Order,
    OrderLine,
)

TIMELINE_ORDERS = 50
EXPLAINED_AUDIENCES = 5


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


def load_customer_detail(ctx: AppContext, customer_id: int) -> CustomerDetail:
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
        orders_count, spent = connection.execute(
            select(
                func.count(Order.id),
                func.coalesce(func.sum(Order.total - Order.refunded_amount), 0.0),
            ).where(Order.customer_id == customer_id, Order.is_cancelled.is_(False))
        ).one()
        orders = connection.execute(
            select(Order.id, Order.placed_at, Order.external_id, Order.total, Order.is_cancelled)
            .where(Order.customer_id == customer_id)
            .order_by(Order.placed_at.desc())
            .limit(TIMELINE_ORDERS)
        ).all()
        lines: dict[int, list[str]] = {}
        for order_id, quantity, title in connection.execute(
            select(OrderLine.order_id, OrderLine.quantity, OrderLine.title)
            .where(
                OrderLine.order_id.in_([o.id for o in orders]), OrderLine.is_non_product.is_(False)
            )
            .order_by(OrderLine.order_id, OrderLine.position)
        ):
            lines.setdefault(order_id, []).append(f"{quantity:g} × {title}")
        memberships = connection.execute(
            select(Audience.id, Audience.name)
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
        first_seen=person.first_seen, orders=int(orders_count), spent=float(spent),
        churn_risk=churn, clv=clv,
        features=features or {}, interests={k: float(v) for k, v in (interests or {}).items()},
    )  # fmt: skip
    detail.timeline = [
        TimelineEntry(
            o.placed_at, o.external_id, o.total, ", ".join(lines.get(o.id, [])), o.is_cancelled
        )
        for o in orders
    ]
    from engine.services.targeting import explain_member  # numpy/scipy: load in the worker only

    detail.reasons = [
        (name, explain_member(ctx, audience_id, customer_id)) for audience_id, name in memberships
    ]
    return detail
