"""Made-up shops for targeting tests: purchases with a planted structure, in memory or stored."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
from sqlalchemy.orm import Session

from engine.profiles.sequences import Vocabulary
from engine.store.models import Category, Customer, Order, OrderLine, Product, Shop
from engine.targeting.interactions import Catalog, Purchases, to_seconds

START = datetime(2024, 1, 1)
CATEGORIES = ("Candles", "Mugs", "Scarves", "Toys")
PRODUCTS_PER_CATEGORY = 5


def block_shop(
    n_customers: int = 200, days: int = 300, seed: int = 0
) -> list[tuple[int, int, datetime, int]]:
    """(customer, product, time, order) rows: each customer loves one category and buys from it
    ~85% of the time, at a personal rate; a fifth of customers stop buying half-way."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[int, int, datetime, int]] = []
    order = 0
    for customer in range(1, n_customers + 1):
        favourite = (customer - 1) % len(CATEGORIES)
        rate = rng.uniform(0.01, 0.08)  # orders per day
        stops = days // 2 if customer % 5 == 0 else days
        day = rng.exponential(1 / rate)
        while day < stops:
            order += 1
            for _ in range(rng.integers(1, 4)):
                category = favourite if rng.random() < 0.85 else rng.integers(len(CATEGORIES))
                product = category * PRODUCTS_PER_CATEGORY + rng.integers(PRODUCTS_PER_CATEGORY)
                rows.append((customer, int(product), START + timedelta(days=float(day)), order))
            day += rng.exponential(1 / rate)
    return rows


def purchases_from_rows(rows: list[tuple[int, int, datetime, int]]) -> Purchases:
    """In-memory :class:`Purchases` (no store), every line worth 10."""
    names = Vocabulary(CATEGORIES)
    n_products = len(CATEGORIES) * PRODUCTS_PER_CATEGORY
    catalog = Catalog(
        product_ids=np.arange(n_products),
        skus=tuple(f"SKU-{p}" for p in range(n_products)),
        titles=tuple(
            f"{CATEGORIES[p // PRODUCTS_PER_CATEGORY]} item {p}" for p in range(n_products)
        ),
        category=np.arange(n_products) // PRODUCTS_PER_CATEGORY,
        category_names=names.ids,
    )
    customer, product, moment, order = zip(*rows, strict=True)
    product_index = np.asarray(product)
    return Purchases(
        customer=np.asarray(customer, dtype=np.int64),
        order=np.asarray(order, dtype=np.int64),
        product=product_index,
        category=catalog.category[product_index],
        time=np.asarray([to_seconds(m) for m in moment]),
        revenue=np.full(len(rows), 10.0),
        catalog=catalog,
    )


def fill_store(session: Session, rows: list[tuple[int, int, datetime, int]]) -> None:
    """Write the same shop into a store (customer ids 1..n, product SKU-p), as an import would."""
    shop = Shop(name="Synthetic gifts", currency="GBP")
    session.add(shop)
    session.flush()
    categories = [Category(shop_id=shop.id, name=name, source="user") for name in CATEGORIES]
    session.add_all(categories)
    session.flush()
    products = []
    for p in range(len(CATEGORIES) * PRODUCTS_PER_CATEGORY):
        category = categories[p // PRODUCTS_PER_CATEGORY]
        products.append(
            Product(
                shop_id=shop.id,
                sku=f"SKU-{p}",
                title=f"{category.name} item {p}",
                price=10.0,
                category_id=category.id,
            )
        )
    session.add_all(products)
    customer_ids = sorted({r[0] for r in rows})
    session.add_all(
        Customer(
            id=c,
            shop_id=shop.id,
            key=f"customer-{c}",
            display_name=f"C{c}",
            country="United Kingdom" if c % 3 else "France",
            accepts_marketing=c % 7 != 0,
        )
        for c in customer_ids
    )
    session.flush()
    orders: dict[int, Order] = {}
    for position, (customer, product, moment, order_number) in enumerate(rows):
        if order_number not in orders:
            orders[order_number] = Order(
                shop_id=shop.id,
                platform="test",
                external_id=str(order_number),
                customer_id=customer,
                placed_at=moment.replace(microsecond=0),
            )
            session.add(orders[order_number])
        orders[order_number].lines.append(
            OrderLine(
                line_key=f"{position}",
                position=position,
                sku=f"SKU-{product}",
                title=products[product].title,
                quantity=1,
                unit_price=10.0,
                product_id=products[product].id,
            )
        )
    session.flush()
