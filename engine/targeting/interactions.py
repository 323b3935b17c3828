"""Purchases from the store as flat numpy arrays, cut at a date, and the matrices models need.

Everything in targeting starts here: one query reads every kept order line (paid, not cancelled or
refunded, a real product, a known customer, positive quantity) into :class:`Purchases`, and the
helpers slice it by time and turn it into customer×item or customer×category count matrices.
A back-test calls :meth:`Purchases.before` so no model ever sees a purchase after the cut.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
from scipy import sparse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.profiles.sequences import EventSequences, Vocabulary
from engine.store.models import Category, Customer, Order, OrderLine, Product
from engine.store.queries import customer_order_totals

SECONDS_PER_DAY = 86_400.0
UNCATEGORISED = "Uncategorised"


def to_seconds(moment: datetime) -> float:
    """Naive-UTC datetime (how the store keeps time) to seconds since the epoch."""
    return float(calendar.timegm(moment.timetuple()))


def from_seconds(seconds: float) -> datetime:
    return datetime.utcfromtimestamp(seconds)


@dataclass(frozen=True)
class Catalog:
    """Products that appear in purchases: store id, SKU, title, category index."""

    product_ids: np.ndarray  # sorted store ids
    skus: tuple[str, ...]
    titles: tuple[str, ...]
    category: np.ndarray  # index into category_names, parallel to product_ids
    category_names: tuple[str, ...]

    def index_of_products(self, product_ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.product_ids, product_ids)

    def category_index(self, name: str) -> int:
        lowered = {n.casefold(): i for i, n in enumerate(self.category_names)}
        if name.casefold() not in lowered:
            known = ", ".join(self.category_names[:12])
            raise ValueError(f"unknown category {name!r}; the shop's categories include: {known}")
        return lowered[name.casefold()]

    def product_index(self, sku: str) -> int:
        matches = np.flatnonzero(np.asarray(self.skus, dtype=object) == sku)
        if not len(matches):
            raise ValueError(
                f"no product with SKU {sku!r} in the store: check the SKU in your products list"
            )
        return int(matches[0])


@dataclass(frozen=True)
class Purchases:
    """One row per kept order line; ``product`` and ``category`` are catalog indices."""

    customer: np.ndarray  # store customer id
    order: np.ndarray  # store order id
    product: np.ndarray  # index into catalog.product_ids
    category: np.ndarray  # index into catalog.category_names
    time: np.ndarray  # seconds since the epoch (naive UTC)
    revenue: np.ndarray  # quantity × unit price (0 when the price is unknown)
    catalog: Catalog

    def __len__(self) -> int:
        return len(self.customer)

    def _take(self, mask: np.ndarray) -> Purchases:
        return replace(
            self,
            customer=self.customer[mask],
            order=self.order[mask],
            product=self.product[mask],
            category=self.category[mask],
            time=self.time[mask],
            revenue=self.revenue[mask],
        )

    def before(self, cutoff: datetime) -> Purchases:
        return self._take(self.time < to_seconds(cutoff))

    def between(self, start: datetime, end: datetime) -> Purchases:
        return self._take((self.time >= to_seconds(start)) & (self.time < to_seconds(end)))

    def customers(self) -> np.ndarray:
        """Sorted ids of customers with at least one purchase here."""
        return np.unique(self.customer)

    @property
    def last_time(self) -> datetime:
        if not len(self):
            raise ValueError("the store holds no purchases yet: import an orders file first")
        return from_seconds(float(self.time.max()))

    @property
    def first_time(self) -> datetime:
        if not len(self):
            raise ValueError("the store holds no purchases yet: import an orders file first")
        return from_seconds(float(self.time.min()))


def load_purchases(session: Session, shop_id: int | None = None) -> Purchases:
    """Read every kept order line of the shop (all shops when ``shop_id`` is None)."""
    query = (
        select(
            Order.customer_id,
            Order.id,
            OrderLine.product_id,
            Order.placed_at,
            OrderLine.quantity,
            OrderLine.unit_price,
        )
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Product, Product.id == OrderLine.product_id)
        .where(
            Order.customer_id.is_not(None),
            Order.is_cancelled.is_(False),
            OrderLine.state == "ok",
            OrderLine.is_non_product.is_(False),
            Product.is_non_product.is_(False),
            OrderLine.quantity > 0,
        )
        .order_by(Order.customer_id, Order.placed_at, Order.id, OrderLine.position)
    )
    if shop_id is not None:
        query = query.where(Order.shop_id == shop_id)
    rows = session.execute(query).all()
    catalog = load_catalog(session, shop_id)
    customer = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    product_ids = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
    product = catalog.index_of_products(product_ids)
    return Purchases(
        customer=customer,
        order=np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)),
        product=product,
        category=catalog.category[product] if len(rows) else np.zeros(0, dtype=np.int64),
        time=np.fromiter((to_seconds(r[3]) for r in rows), dtype=np.float64, count=len(rows)),
        revenue=np.fromiter(
            (float(r[4]) * float(r[5] or 0.0) for r in rows), dtype=np.float64, count=len(rows)
        ),
        catalog=catalog,
    )


def load_catalog(session: Session, shop_id: int | None = None) -> Catalog:
    """Every real product (bought or not, so new ones can be cold-started) with its category.

    Products without a category are grouped under 'Uncategorised'.
    """
    query = (
        select(Product.id, Product.sku, Product.title, Category.name)
        .outerjoin(Category, Category.id == Product.category_id)
        .where(Product.is_non_product.is_(False))
        .order_by(Product.id)
    )
    if shop_id is not None:
        query = query.where(Product.shop_id == shop_id)
    rows = session.execute(query).all()
    names = Vocabulary.build(sorted({r[3] or UNCATEGORISED for r in rows}))
    return Catalog(
        product_ids=np.asarray([r[0] for r in rows], dtype=np.int64),
        skus=tuple(r[1] for r in rows),
        titles=tuple(r[2] for r in rows),
        category=names.encode(r[3] or UNCATEGORISED for r in rows),
        category_names=names.ids,
    )


@dataclass(frozen=True)
class CustomerInfo:
    """What audiences need besides purchases: where a customer lives, whether we may market, and
    their order totals as the customers table shows them.

    ``orders`` and ``spent`` are what reasons quote. They are not the purchases' counts: those
    keep product lines only (models learn from products), while a merchant's order count and spend
    include orders of only a manual charge or postage and subtract refunds. Quoting the product
    counts made one customer read "22 orders / 25,301.54 spent" in an audience and 23 / 26,879.04
    in the customers table.
    """

    country: str | None
    accepts_marketing: bool | None
    display_name: str | None
    orders: int = 0
    spent: float = 0.0


def load_customer_info(session: Session, shop_id: int | None = None) -> dict[int, CustomerInfo]:
    """Every customer with their order totals (:func:`~engine.store.queries.customer_order_totals`,
    the figures the customers table shows)."""
    totals = customer_order_totals().subquery()
    query = select(
        Customer.id,
        Customer.country,
        Customer.accepts_marketing,
        Customer.display_name,
        func.coalesce(totals.c.orders, 0),
        func.coalesce(totals.c.spent, 0.0),
    ).outerjoin(totals, totals.c.customer_id == Customer.id)
    if shop_id is not None:
        query = query.where(Customer.shop_id == shop_id)
    return {
        row[0]: CustomerInfo(row[1], row[2], row[3], int(row[4]), float(row[5] or 0.0))
        for row in session.execute(query)
    }


def count_matrix(
    purchases: Purchases, customers: np.ndarray, by: str = "product"
) -> sparse.csr_matrix:
    """customers × items (``by="product"``) or × categories: the number of distinct orders.

    Orders, not quantities: a wholesaler buying 480 candles once is one signal, not 480.
    Rows follow ``customers`` (sorted ids); purchases by other customers are ignored.
    """
    columns = purchases.product if by == "product" else purchases.category
    n_columns = (
        len(purchases.catalog.product_ids)
        if by == "product"
        else len(purchases.catalog.category_names)
    )
    row = np.searchsorted(customers, purchases.customer)
    known = (row < len(customers)) & (
        customers[np.minimum(row, len(customers) - 1)] == purchases.customer
    )
    triples = np.unique(np.stack([row[known], columns[known], purchases.order[known]]), axis=1)
    matrix = sparse.coo_matrix(
        (np.ones(triples.shape[1], dtype=np.float32), (triples[0], triples[1])),
        shape=(len(customers), n_columns),
    )
    return matrix.tocsr()


def recency_weighted(
    purchases: Purchases, customers: np.ndarray, now: datetime, half_life_days: float, by: str
) -> sparse.csr_matrix:
    """Like :func:`count_matrix` but each order line counts 0.5^(age / half-life): recent > old."""
    columns = purchases.product if by == "product" else purchases.category
    n_columns = (
        len(purchases.catalog.product_ids)
        if by == "product"
        else len(purchases.catalog.category_names)
    )
    row = np.searchsorted(customers, purchases.customer)
    known = (row < len(customers)) & (
        customers[np.minimum(row, len(customers) - 1)] == purchases.customer
    )
    age_days = (to_seconds(now) - purchases.time[known]) / SECONDS_PER_DAY
    weights = np.power(0.5, np.maximum(age_days, 0) / half_life_days)
    matrix = sparse.coo_matrix(
        (weights, (row[known], columns[known])), shape=(len(customers), n_columns)
    )
    matrix.sum_duplicates()
    return matrix.tocsr()


def customer_sequences(purchases: Purchases, customers: np.ndarray) -> EventSequences:
    """Each customer's whole ordered history as one sequence (item ids = catalog indices).

    The order follows ``customers``; a customer without purchases gets an empty sequence, which
    recommenders answer with their empty-context scores.
    """
    catalog = purchases.catalog
    order = np.lexsort((purchases.time, purchases.customer))
    sorted_customer = purchases.customer[order]
    row = np.searchsorted(customers, sorted_customer)
    known = (row < len(customers)) & (
        customers[np.minimum(row, len(customers) - 1)] == sorted_customer
    )
    order, row = order[known], row[known]
    counts = np.bincount(row, minlength=len(customers))
    return EventSequences(
        items=purchases.product[order].astype(np.int64),
        offsets=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        categories=purchases.category[order].astype(np.int64),
        timestamps=purchases.time[order],
        keys=tuple(str(c) for c in customers),
        item_vocab=Vocabulary(tuple(str(i) for i in range(len(catalog.product_ids)))),
        category_vocab=Vocabulary(catalog.category_names),
    )
