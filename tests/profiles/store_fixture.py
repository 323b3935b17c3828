"""A made-up shop for profile tests: three categories, a dozen products, customers whose
purchases follow a fixed cycle, so the right answers are known."""

from __future__ import annotations

from datetime import datetime, timedelta

from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import Category, Customer, Order, OrderLine, Product
from engine.store.queries import get_or_create_shop

CATEGORIES = ("Candles", "Mugs", "Cards")
START = datetime(2024, 1, 1, 9, 0)


def build_shop(ctx: AppContext, customers: int = 12, orders_each: int = 4) -> dict[str, list[int]]:
    """Customer c buys, in order k, products (c + k) % 12 and (c + k + 1) % 12 (one line each)."""
    ids: dict[str, list[int]] = {"customers": [], "products": []}
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        categories = [Category(shop_id=shop.id, name=name) for name in CATEGORIES]
        session.add_all(categories)
        products = [
            Product(
                shop_id=shop.id,
                sku=f"SKU-{p}",
                title=f"Made-up product {p}",
                price=2.0 + p,
                category=categories[p % 3],
            )
            for p in range(12)
        ]
        postage = Product(shop_id=shop.id, sku="POST", title="Postage", is_non_product=True)
        session.add_all([*products, postage])
        session.flush()
        ids["products"] = [p.id for p in products]
        for c in range(customers):
            customer = Customer(shop_id=shop.id, key=f"cust-{c}", country="United Kingdom")
            session.add(customer)
            session.flush()
            ids["customers"].append(customer.id)
            for k in range(orders_each):
                add_order(
                    session,
                    shop.id,
                    customer.id,
                    f"#{c}-{k}",
                    START + timedelta(days=7 * k + c, hours=c % 5),
                    [products[(c + k) % 12], products[(c + k + 1) % 12], postage],
                )
    return ids


def add_order(
    session,
    shop_id: int,
    customer_id: int,
    number: str,
    placed_at: datetime,  # type: ignore[no-untyped-def]
    products: list[Product],
    state: str = "ok",
    cancelled: bool = False,
) -> Order:
    order = Order(
        shop_id=shop_id,
        platform="test",
        external_id=number,
        customer_id=customer_id,
        placed_at=placed_at,
        is_cancelled=cancelled,
        country="United Kingdom",
    )
    session.add(order)
    session.flush()
    for position, product in enumerate(products):
        session.add(
            OrderLine(
                order_id=order.id,
                product_id=product.id,
                line_key=str(position),
                position=position,
                sku=product.sku,
                title=product.title,
                quantity=1,
                unit_price=product.price or 0.0,
                state=state,
                is_non_product=product.is_non_product,
            )
        )
    return order
