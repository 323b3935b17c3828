"""Read-only lists for choosers: best-selling products and the shop's categories (no Qt here).

Like :mod:`desktop.models.customer_queries`, a candidate for an engine service; it only reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from engine.store.models import Category, OrderLine, Product, Shop


@dataclass(frozen=True)
class ProductChoice:
    id: int
    sku: str
    title: str
    units: float


def best_sellers(engine: Engine, limit: int = 300) -> list[ProductChoice]:
    """Products by units sold (what a merchant most likely wants to advertise first)."""
    units = func.coalesce(func.sum(OrderLine.quantity), 0.0)
    statement = (
        select(Product.id, Product.sku, Product.title, units)
        .outerjoin(OrderLine, (OrderLine.product_id == Product.id) & (OrderLine.state == "ok"))
        .where(Product.is_non_product.is_(False))
        .group_by(Product.id)
        .order_by(units.desc(), Product.title)
        .limit(limit)
    )
    with engine.connect() as connection:
        return [
            ProductChoice(int(i), sku, title, float(n))
            for i, sku, title, n in connection.execute(statement)
        ]


def shop_name(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.scalar(select(Shop.name).order_by(Shop.id).limit(1)) or ""


def category_names(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return sorted(connection.scalars(select(Category.name).distinct()))
