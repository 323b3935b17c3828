"""Reading customer histories out of the store, for the GRU (events) and features (orders).

A customer's history is every purchased product line of their orders (not cancelled, state
``ok``, real products) merged in time order with their behaviour events (view, cart, fav, ...),
when those were imported. Lines of one order keep their position order. Items are product ids
(as strings) and categories are category names, ``Uncategorised`` when a product has none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.profiles.features import UNCATEGORISED, CustomerFacts, LineFacts, OrderFacts
from engine.profiles.sequences import RawEvents
from engine.store.models import BehaviourEvent, Category, Customer, Order, OrderLine, Product

EPOCH = datetime(1970, 1, 1)


def to_seconds(moment: datetime) -> float:
    return (moment - EPOCH).total_seconds()


def load_customer_events(
    session: Session,
    customer_ids: Collection[int] | None = None,
    after: dict[int, datetime] | None = None,
    until: datetime | None = None,
) -> RawEvents:
    """Every customer's ordered events, contiguous per customer: ready for :func:`encode_events`.

    Optionally only ``customer_ids``, only events after ``after[customer]`` (what an incremental
    update still has to read), only events up to ``until`` (what a model trained until then saw).
    """
    purchases = (
        select(
            Order.customer_id,
            Order.placed_at,
            Order.id,
            OrderLine.position,
            OrderLine.product_id,
            Category.name,
        )
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Product, Product.id == OrderLine.product_id)
        .outerjoin(Category, Category.id == Product.category_id)
        .where(Order.customer_id.is_not(None), Order.is_cancelled.is_(False))
        .where(OrderLine.state == "ok", OrderLine.is_non_product.is_(False))
        .where(Product.is_non_product.is_(False), OrderLine.quantity > 0)
    )
    events = (
        select(
            BehaviourEvent.customer_id,
            BehaviourEvent.occurred_at,
            BehaviourEvent.id,
            BehaviourEvent.product_id,
            Category.name,
        )
        .join(Product, Product.id == BehaviourEvent.product_id)
        .outerjoin(Category, Category.id == Product.category_id)
        .where(Product.is_non_product.is_(False))
    )
    if customer_ids is not None:
        purchases = purchases.where(Order.customer_id.in_(list(customer_ids)))
        events = events.where(BehaviourEvent.customer_id.in_(list(customer_ids)))
    # (customer, time, orders before events at the same time, order/event id, line position, ...)
    keyed: list[tuple[Any, ...]] = []
    for customer, placed, order_id, position, product, category in session.execute(purchases):
        keyed.append((customer, placed, 0, order_id, position, product, category or UNCATEGORISED))
    for customer, occurred, event_id, product, category in session.execute(events):
        keyed.append((customer, occurred, 1, event_id, 0, product, category or UNCATEGORISED))
    keyed.sort()
    raw = RawEvents([], [], [], [])
    for customer, moment, _kind, _id, _position, product, category in keyed:
        if after is not None and customer in after and moment <= after[customer]:
            continue
        if until is not None and moment > until:
            continue
        raw.sequence_keys.append(str(customer))
        raw.item_ids.append(str(product))
        raw.category_names.append(category)
        raw.timestamps.append(to_seconds(moment))
    return raw


def latest_activity(
    session: Session, customer_ids: Collection[int] | None = None
) -> dict[int, datetime]:
    """Each customer's latest order (of any state) or event time: who has news since a profile."""
    orders = (
        select(Order.customer_id, func.max(Order.placed_at))
        .where(Order.customer_id.is_not(None))
        .group_by(Order.customer_id)
    )
    events = select(BehaviourEvent.customer_id, func.max(BehaviourEvent.occurred_at)).group_by(
        BehaviourEvent.customer_id
    )
    if customer_ids is not None:
        orders = orders.where(Order.customer_id.in_(list(customer_ids)))
        events = events.where(BehaviourEvent.customer_id.in_(list(customer_ids)))
    latest: dict[int, datetime] = {}
    for customer, moment in [*session.execute(orders), *session.execute(events)]:
        if customer not in latest or moment > latest[customer]:
            latest[customer] = moment
    return latest


def load_customer_facts(
    session: Session, customer_ids: Collection[int] | None = None
) -> dict[int, CustomerFacts]:
    """Orders and lines per customer, as the pure feature functions expect them."""
    query = (
        select(
            Order.id,
            Order.customer_id,
            Order.placed_at,
            Order.is_cancelled,
            Order.discount,
            Order.discount_codes,
            Order.country,
            OrderLine.product_id,
            Category.name,
            OrderLine.quantity,
            OrderLine.unit_price,
            OrderLine.discount,
            OrderLine.state,
            OrderLine.is_non_product,
        )
        .join(OrderLine, OrderLine.order_id == Order.id)
        .outerjoin(Product, Product.id == OrderLine.product_id)
        .outerjoin(Category, Category.id == Product.category_id)
        .where(Order.customer_id.is_not(None))
        .order_by(Order.customer_id, Order.placed_at, Order.id, OrderLine.position)
    )  # plain columns, not ORM objects: ~5x faster on a shop's whole history
    if customer_ids is not None:
        query = query.where(Order.customer_id.in_(list(customer_ids)))
    lines: dict[int, list[LineFacts]] = defaultdict(list)
    orders: dict[int, tuple[Any, ...]] = {}
    for row in session.execute(query):
        orders[row[0]] = tuple(row[:7])
        lines[row[0]].append(
            LineFacts(
                product_id=row[7],
                category=row[8],
                quantity=row[9],
                unit_price=row[10],
                discount=row[11] or 0.0,
                state=row[12],
                is_non_product=row[13],
            )
        )
    by_customer: dict[int, list[OrderFacts]] = defaultdict(list)
    for order_id, (
        _,
        customer_id,
        placed_at,
        cancelled,
        discount,
        codes,
        country,
    ) in orders.items():
        by_customer[customer_id].append(
            OrderFacts(
                placed_at=placed_at,
                lines=tuple(lines[order_id]),
                is_cancelled=cancelled,
                discount=discount,
                discount_codes=tuple(str(code) for code in codes or ()),
                country=country,
            )
        )
    places = {
        customer_id: (country, region)
        for customer_id, country, region in session.execute(
            select(Customer.id, Customer.country, Customer.region).where(
                Customer.id.in_(list(by_customer))
            )
        )
    }
    return {
        customer_id: CustomerFacts(tuple(found), *places.get(customer_id, (None, None)))
        for customer_id, found in by_customer.items()
    }


def shop_unit_prices(session: Session) -> list[float]:
    """Sorted unit prices of every purchased product line: the shop's price reference."""
    query = (
        select(OrderLine.unit_price)
        .where(OrderLine.unit_price > 0, OrderLine.is_non_product.is_(False))
        .where(OrderLine.state == "ok")
        .order_by(OrderLine.unit_price)
    )
    return [float(price) for price in session.scalars(query) if price is not None]
