"""Find-or-create products and imported categories in bulk, in the batch's transaction.

Each resolver keeps only an id map in memory (identity key -> row id), hands out ids for new rows
itself (the batch holds SQLite's write lock, so ``max(id) + 1`` is safe) and writes its pending
rows with one Core ``executemany`` per table when the pipeline flushes a chunk. No ORM object is
created per row: that is what keeps a million-line import fast and its memory flat. Customers
work the same way (:mod:`engine.importers.customer_resolver`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, select, update

from engine.importers import identity
from engine.importers.records import LineRecord, ProductRecord
from engine.store.models import Category, Product

PRODUCTS: Table = Product.__table__  # type: ignore[assignment]
CATEGORIES: Table = Category.__table__  # type: ignore[assignment]

ID_CHUNK = 500


def touches_most_products(connection: Connection, product_count: int) -> bool:
    """True when a batch touched at least half the products: reading every older line in id
    order is then cheaper than looking each of the touched products' lines up in the index."""
    return 2 * product_count >= connection.execute(select(func.count(PRODUCTS.c.id))).scalar_one()


def next_id(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


class CategoryResolver:
    """Categories named by the file itself (``source="imported"``), by name."""

    def __init__(self, connection: Connection, shop_id: int) -> None:
        self._connection = connection
        self._shop_id = shop_id
        self._by_name: dict[str, int] = dict(
            connection.execute(
                select(CATEGORIES.c.name, CATEGORIES.c.id).where(CATEGORIES.c.shop_id == shop_id)
            ).all()
        )

    def resolve(self, name: str | None) -> int | None:
        cleaned = text_or_none(name, 200)
        if not cleaned:
            return None
        category_id = self._by_name.get(cleaned)
        if category_id is None:
            category_id = int(
                self._connection.execute(
                    CATEGORIES.insert()
                    .values(shop_id=self._shop_id, name=cleaned, source="imported")
                    .returning(CATEGORIES.c.id)
                ).scalar_one()
            )
            self._by_name[cleaned] = category_id
        return category_id


class ProductResolver:
    """Products by SKU (or title key); the price is the latest one seen in an order."""

    def __init__(self, connection: Connection, shop_id: int, categories: CategoryResolver) -> None:
        self._connection = connection
        self._shop_id = shop_id
        self._categories = categories
        self._by_key: dict[str, int] = dict(
            connection.execute(
                select(PRODUCTS.c.sku, PRODUCTS.c.id).where(PRODUCTS.c.shop_id == shop_id)
            ).all()
        )
        self._next_id = next_id(connection, PRODUCTS)
        self._new: list[dict[str, Any]] = []
        self._latest_price: dict[int, tuple[datetime, float]] = {}
        self._category_if_missing: dict[int, int] = {}
        self.touched: set[int] = set()

    def resolve_line(
        self, line: LineRecord, non_product: bool, placed_at: datetime, currency: str | None
    ) -> int:
        key = identity.product_key(line.sku, line.title)
        product_id = self._by_key.get(key)
        category_id = self._categories.resolve(line.category) if line.category else None
        if product_id is None:
            product_id = self._add(
                key,
                title=line.title.strip()[:500],
                external_id=text_or_none(line.product_external_id, 200),
                currency=currency,
                vendor=text_or_none(line.vendor, 200),
                is_non_product=non_product,
                category_id=category_id,
            )
        elif category_id is not None:
            self._category_if_missing.setdefault(product_id, category_id)
        self.touched.add(product_id)
        if line.unit_price is not None and line.unit_price > 0 and line.state == "ok":
            self.note_price(product_id, placed_at, line.unit_price)
        return product_id

    def resolve_plain(
        self, sku: str | None, title: str, non_product: bool, currency: str | None
    ) -> int:
        """What :meth:`resolve_line` does for a line with only a SKU and a title (bulk path)."""
        key = identity.product_key(sku, title)
        product_id = self._by_key.get(key)
        if product_id is None:
            product_id = self._add(
                key, title=title.strip()[:500], external_id=None, currency=currency, vendor=None,
                is_non_product=non_product, category_id=None,
            )  # fmt: skip
        self.touched.add(product_id)
        return product_id

    def note_price(self, product_id: int, placed_at: datetime, price: float) -> None:
        """A sale at ``price``: it becomes the product's price if no later sale was seen."""
        seen = self._latest_price.get(product_id)
        if seen is None or placed_at >= seen[0]:
            self._latest_price[product_id] = (placed_at, price)

    def resolve_item(self, item: str) -> int:
        """A product named only by SKU or id (behaviour events); a bare row when unknown."""
        key = identity.product_key(item, item)
        product_id = self._by_key.get(key)
        if product_id is None:
            product_id = self._add(key, title=item[:500])
        return product_id

    def upsert_catalog(self, record: ProductRecord) -> tuple[int, bool]:
        """A catalog row is authoritative for title, description, price, tags and category.

        Returns the product id and whether anything changed (False: the row is a duplicate).
        """
        key = identity.product_key(record.sku, record.title)
        category_id = self._categories.resolve(record.category)
        values: dict[str, Any] = {
            "title": record.title.strip()[:500],
            "description": record.description,
            "price": record.price,
            "cost": record.cost,
            "currency": text_or_none(record.currency, 3, upper=True),
            "vendor": text_or_none(record.vendor, 200),
            "tags": record.tags or None,
            "attributes": record.attributes,
            "external_id": text_or_none(record.external_id, 200),
            "url": record.url,
        }
        product_id = self._by_key.get(key)
        if product_id is None:
            return self._add(key, category_id=category_id, **values), True
        present = {name: value for name, value in values.items() if value is not None}
        if category_id is not None:
            present["category_id"] = category_id
        self.flush()
        stored = self._connection.execute(
            select(*(PRODUCTS.c[name] for name in present)).where(PRODUCTS.c.id == product_id)
        ).one()
        if all(old == new for old, new in zip(stored, present.values(), strict=True)):
            return product_id, False
        self._connection.execute(
            update(PRODUCTS).where(PRODUCTS.c.id == product_id).values(present)
        )
        return product_id, True

    def _latest_earlier_sales(
        self, orders: Table, lines: Table, first_line_id: int
    ) -> dict[int, tuple[datetime, float]]:
        """(date, price) of the latest priced sale stored before this batch, per product.

        SQLite takes the bare ``unit_price`` from the row that holds ``max(placed_at)`` (from
        one of them when several sales share that very time: SQL leaves the order unspecified).
        """
        found: dict[int, tuple[datetime, float]] = {}
        if not self._connection.execute(
            select(lines.c.id).where(lines.c.id < first_line_id).limit(1)
        ).first():
            return found
        ids = sorted(self._latest_price)
        sales = (
            select(lines.c.product_id, func.max(orders.c.placed_at), lines.c.unit_price)
            .join(orders, orders.c.id == lines.c.order_id)
            .where(lines.c.id < first_line_id, lines.c.state == "ok", lines.c.unit_price > 0)
        )
        if touches_most_products(self._connection, len(ids)):
            # grouping by an expression keeps SQLite off the product index (a lookup per line)
            wanted = set(ids)
            for product_id, placed_at, price in self._connection.execute(
                sales.group_by(lines.c.product_id + 0)
            ):
                if product_id in wanted:
                    found[product_id] = (placed_at, price)
            return found
        for start in range(0, len(ids), ID_CHUNK):
            query = sales.where(lines.c.product_id.in_(ids[start : start + ID_CHUNK])).group_by(
                lines.c.product_id
            )
            for product_id, placed_at, price in self._connection.execute(query):
                found[product_id] = (placed_at, price)
        return found

    def _add(self, key: str, **values: Any) -> int:
        product_id = self._next_id
        self._next_id += 1
        self._by_key[key] = product_id
        self._new.append({"id": product_id, "shop_id": self._shop_id, "sku": key, **values})
        return product_id

    def flush(self) -> None:
        if self._new:
            columns = sorted({name for row in self._new for name in row})
            self._connection.execute(
                PRODUCTS.insert(), [{name: row.get(name) for name in columns} for row in self._new]
            )
            self._new.clear()

    def finish(self, orders: Table, lines: Table, first_line_id: int) -> None:
        """Write the latest prices and the categories the file gave to already-known products.

        The price is that of the latest sale by order date, across every import: a sale stored
        by an earlier batch (lines before ``first_line_id``) dated later than this batch's
        latest keeps its price, so importing an old export after a new one changes nothing.
        A category named on an order line only fills an empty one; a catalog row replaces it.
        """
        self.flush()
        if self._latest_price:
            earlier = self._latest_earlier_sales(orders, lines, first_line_id)
            self._connection.execute(
                update(PRODUCTS)
                .where(PRODUCTS.c.id == bindparam("product_id"))
                .values(price=bindparam("new_price")),
                [
                    {"product_id": pid, "new_price": _later(seen, earlier.get(pid))}
                    for pid, seen in self._latest_price.items()
                ],
            )
        if self._category_if_missing:
            self._connection.execute(
                update(PRODUCTS)
                .where(PRODUCTS.c.id == bindparam("product_id"), PRODUCTS.c.category_id.is_(None))
                .values(category_id=bindparam("new_category")),
                [
                    {"product_id": p, "new_category": c}
                    for p, c in self._category_if_missing.items()
                ],
            )


def _later(batch: tuple[datetime, float], earlier: tuple[datetime, float] | None) -> float:
    """The price of the later sale; on the same date this batch's (the newer export) wins."""
    return earlier[1] if earlier is not None and earlier[0] > batch[0] else batch[1]


def text_or_none(value: str | None, limit: int, upper: bool = False) -> str | None:
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned:
        return None
    return (cleaned.upper() if upper else cleaned)[:limit]
