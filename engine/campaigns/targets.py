"""What a campaign advertises: one product, or a category through its best sellers.

A category campaign writes its copy about the category's best-selling product (the copy model is
trained on product facts), bids on the category and its top titles, and on Amazon advertises the
top SKUs. "Best" is revenue from kept order lines (paid, not cancelled or refunded, a real
product, not a wholesale outlier) — over the last 90 days of the store's history when there are
any, else over all of it — the "do it for me" ranking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from engine.store.models import Category, Order, OrderLine, Product

RECENT_DAYS = 90
TOP_PRODUCTS_PER_CATEGORY = 5
TargetKind = Literal["product", "category"]
AnySelect = TypeVar("AnySelect", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    key: str  # the SKU or category name the targeting service builds the audience for
    label: str  # product title or category name, as the merchant reads it
    product_id: int  # the product the copy is written about
    product_url: str | None
    category: str | None  # for keywords; None when the product has no category
    skus: tuple[str, ...]  # advertised SKUs (Amazon product ads)
    titles: tuple[str, ...]  # product titles the keywords come from

    def audience_request(self) -> dict[str, Any]:
        return {self.kind: self.key}

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "label": self.label, "skus": list(self.skus)}


def _revenue() -> ColumnElement[float]:
    return func.sum(OrderLine.quantity * func.coalesce(OrderLine.unit_price, 0.0))


def _kept_lines(query: AnySelect, since: Any = None) -> AnySelect:
    query = (
        query.select_from(OrderLine)
        .join(Order, Order.id == OrderLine.order_id)
        .join(Product, Product.id == OrderLine.product_id)
        .where(
            OrderLine.state == "ok",
            OrderLine.is_non_product.is_(False),
            OrderLine.is_outlier.is_(False),
            Order.is_cancelled.is_(False),
            Product.is_non_product.is_(False),
        )
    )
    return query.where(Order.placed_at >= since) if since is not None else query


def _recent_since(session: Session) -> Any:
    last = session.scalar(select(func.max(Order.placed_at)))
    return last - timedelta(days=RECENT_DAYS) if last else None


def best_sellers(session: Session, kind: TargetKind, n: int) -> list[str]:
    """The top ``n`` SKUs or category names by recent revenue (all-time when nothing is recent)."""
    column = Product.sku if kind == "product" else Category.name
    for since in (_recent_since(session), None):
        query = select(column, _revenue().label("revenue"))
        query = _kept_lines(query, since)
        if kind == "category":
            query = query.join(Category, Category.id == Product.category_id)
        rows = session.execute(
            query.group_by(column).order_by(_revenue().desc(), column).limit(n)
        ).all()
        if rows:
            return [str(row[0]) for row in rows]
    return []


def product_target(session: Session, sku: str) -> Target:
    product = session.scalars(
        select(Product).where(Product.sku == sku, Product.is_non_product.is_(False))
    ).first()
    if product is None:
        raise ValueError(
            f"no product with SKU {sku!r} in the store; `pinpoint recommend` and the catalog "
            "page list the SKUs"
        )
    category = product.category.name if product.category else None
    return Target(
        "product", sku, product.title, product.id, product.url, category, (sku,), (product.title,)
    )


def category_target(session: Session, name: str) -> Target:
    category = session.scalars(
        select(Category).where(func.lower(Category.name) == name.strip().lower())
    ).first()
    if category is None:
        known = ", ".join(session.scalars(select(Category.name).order_by(Category.name).limit(12)))
        raise ValueError(
            f"no category {name!r} in the store; the shop's categories include: {known}"
        )
    top = session.execute(
        _kept_lines(select(Product.id, Product.sku, Product.title, Product.url))
        .where(Product.category_id == category.id)
        .group_by(Product.id)
        .order_by(_revenue().desc(), Product.id)
        .limit(TOP_PRODUCTS_PER_CATEGORY)
    ).all()
    if not top:
        raise ValueError(
            f"category {category.name!r} has no sales yet, so there is no product to write ads "
            "about; choose a product or another category"
        )
    best = top[0]
    return Target(
        "category",
        category.name,
        category.name,
        best.id,
        best.url,
        category.name,
        tuple(row.sku for row in top),
        tuple(row.title for row in top[:3]),
    )
