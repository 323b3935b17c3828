"""The shop's catalogue for choosers: best-selling products, the categories, the shop's name.

Read-only. The audience builder and the ad studio list products best sellers first, because
that is what a merchant most likely wants to advertise.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from engine.services.context import AppContext
from engine.store.models import Category, OrderLine, Product, Shop


@dataclass(frozen=True)
class ProductChoice:
    id: int
    sku: str
    title: str
    units: float


def best_sellers(ctx: AppContext, limit: int = 300) -> list[ProductChoice]:
    """Products by units sold (fees, shipping and other non-products left out)."""
    units = func.coalesce(func.sum(OrderLine.quantity), 0.0)
    statement = (
        select(Product.id, Product.sku, Product.title, units)
        .outerjoin(OrderLine, (OrderLine.product_id == Product.id) & (OrderLine.state == "ok"))
        .where(Product.is_non_product.is_(False))
        .group_by(Product.id)
        .order_by(units.desc(), Product.title)
        .limit(limit)
    )
    with ctx.engine.connect() as connection:
        return [
            ProductChoice(int(i), sku, title, float(n))
            for i, sku, title, n in connection.execute(statement)
        ]


def shop_name(ctx: AppContext) -> str:
    """The shop's name for copy prompts ("" before the first import names it)."""
    with ctx.engine.connect() as connection:
        return connection.scalar(select(Shop.name).order_by(Shop.id).limit(1)) or ""


def category_names(ctx: AppContext) -> list[str]:
    with ctx.engine.connect() as connection:
        return sorted(connection.scalars(select(Category.name).distinct()))
