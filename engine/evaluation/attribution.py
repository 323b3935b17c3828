"""Revenue the shop's own orders attribute to a campaign, ad set or audience.

Rule (documented for the merchant, shown in the report): an order line counts when
  * its buyer is a member of the audience the ads targeted (the ad sets' audiences, or the
    creatives' audiences when an ad set has none),
  * it was placed between the report's first day and ``window_days`` (default 7) after its last,
  * it is a product the ads promoted (the creatives' products) — or any product when the ads
    name none — and it is not cancelled/refunded/returned, postage or a fee.
Revenue is quantity × unit price − line discount. Gross profit uses the catalog's unit cost
where known and ``settings.default_margin`` otherwise. This is *influenced* revenue, an upper
bound: some of these buyers would have bought anyway, and a customer in two campaigns'
audiences counts for both. The platform's own conversion value is shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.store.models import AudienceMember, Order, OrderLine, Product

DEFAULT_WINDOW_DAYS = 7


@dataclass(frozen=True, slots=True)
class Attribution:
    revenue: float
    gross_profit: float
    orders: int
    lines: int
    cost_known_share: float  # share of revenue whose margin came from catalog costs
    rule: str


def attribute(
    session: Session,
    audience_ids: set[int],
    product_ids: set[int],
    start: date,
    end: date,
    default_margin: float,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> Attribution:
    """Revenue and gross profit of audience members' matching orders in the window."""
    members = select(AudienceMember.customer_id).where(AudienceMember.audience_id.in_(audience_ids))
    until = datetime.combine(end + timedelta(days=window_days), time.max)
    query = (
        select(OrderLine.order_id, OrderLine.quantity, OrderLine.unit_price, OrderLine.discount,
               Product.cost)
        .join(Order, OrderLine.order_id == Order.id)
        .outerjoin(Product, OrderLine.product_id == Product.id)
        .where(
            Order.customer_id.in_(members), Order.is_cancelled.is_(False),
            Order.placed_at >= datetime.combine(start, time.min), Order.placed_at <= until,
            OrderLine.state == "ok", OrderLine.is_non_product.is_(False),
        )
    )  # fmt: skip
    if product_ids:
        query = query.where(OrderLine.product_id.in_(product_ids))
    revenue = profit = known = 0.0
    orders: set[int] = set()
    lines = 0
    for order_id, quantity, unit_price, discount, unit_cost in session.execute(query):
        line_revenue = quantity * (unit_price or 0.0) - (discount or 0.0)
        revenue += line_revenue
        if unit_cost is not None:
            profit += line_revenue - quantity * unit_cost
            known += line_revenue
        else:
            profit += line_revenue * default_margin
        orders.add(order_id)
        lines += 1
    scope = "the promoted products" if product_ids else "any product"
    rule = (
        f"orders of the targeted audience's members for {scope}, {start} to {end} "
        f"+ {window_days} days"
    )
    return Attribution(
        round(revenue, 2), round(profit, 2), len(orders), lines,
        round(known / revenue, 3) if revenue else 0.0, rule,
    )  # fmt: skip
