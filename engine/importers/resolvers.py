"""Find-or-create customers, products and imported categories in bulk, in the batch's transaction.

Each resolver keeps only an id map in memory (identity key -> row id), hands out ids for new rows
itself (the batch holds SQLite's write lock, so ``max(id) + 1`` is safe) and writes its pending
rows with one Core ``executemany`` per table when the pipeline flushes a chunk. No ORM object is
created per row: that is what keeps a million-line import fast and its memory flat.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from engine.importers import identity
from engine.importers.records import CustomerRecord, LineRecord, ProductRecord
from engine.store.models import Category, Customer, CustomerContact, CustomerExternalId, Product

CUSTOMERS: Table = Customer.__table__  # type: ignore[assignment]
EXTERNAL_IDS: Table = CustomerExternalId.__table__  # type: ignore[assignment]
CONTACTS: Table = CustomerContact.__table__  # type: ignore[assignment]
PRODUCTS: Table = Product.__table__  # type: ignore[assignment]
CATEGORIES: Table = Category.__table__  # type: ignore[assignment]

PROFILE_FIELDS = (
    "display_name",
    "email_sha256",
    "phone_sha256",
    "country",
    "country_code",
    "region",
    "city",
    "zip",
    "accepts_marketing",
)
CONTACT_FIELDS = ("email", "phone", "first_name", "last_name")
_ID_CHUNK = 500


def next_id(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def _merge_latest(target: dict[str, Any], values: dict[str, Any]) -> None:
    """Later non-empty values win; empty ones never erase what an earlier row said."""
    for key, value in values.items():
        if value is not None:
            target[key] = value


class CustomerResolver:
    """Customers by identity key, linked to their id on each platform."""

    def __init__(self, connection: Connection, shop_id: int) -> None:
        self._connection = connection
        self._shop_id = shop_id
        self._by_key: dict[str, int] = dict(
            connection.execute(
                select(CUSTOMERS.c.key, CUSTOMERS.c.id).where(CUSTOMERS.c.shop_id == shop_id)
            ).all()
        )
        self._by_external: dict[tuple[str, str], int] = {
            (platform, external): customer_id
            for platform, external, customer_id in connection.execute(
                select(
                    EXTERNAL_IDS.c.platform, EXTERNAL_IDS.c.external_id, EXTERNAL_IDS.c.customer_id
                )
                .join(CUSTOMERS, CUSTOMERS.c.id == EXTERNAL_IDS.c.customer_id)
                .where(CUSTOMERS.c.shop_id == shop_id)
            ).all()
        }
        self._next_id = next_id(connection, CUSTOMERS)
        self._new: dict[int, dict[str, Any]] = {}
        self._profiles: dict[int, dict[str, Any]] = {}
        self._contacts: dict[int, dict[str, Any]] = {}
        self._new_external: list[dict[str, Any]] = []
        self._by_bare_external: dict[str, int] | None = None
        self.touched: set[int] = set()

    def resolve(self, customer: CustomerRecord | None, platform: str) -> int | None:
        """The customer's row id, creating the customer if new; ``None`` for a guest."""
        if customer is None:
            return None
        key = identity.customer_key(customer, platform)
        if key is None:
            return None
        platform_id = identity.clean_platform_id(customer.platform_id)
        customer_id = self._by_key.get(key)
        if customer_id is None and platform_id:
            customer_id = self._by_external.get((platform, platform_id))
            if customer_id is not None:  # the same account with a new e-mail: same person
                self._by_key[key] = customer_id
        if customer_id is None:
            customer_id = self._next_id
            self._next_id += 1
            self._by_key[key] = customer_id
            self._new[customer_id] = {"id": customer_id, "shop_id": self._shop_id, "key": key}
        if platform_id and (platform, platform_id) not in self._by_external:
            self._by_external[(platform, platform_id)] = customer_id
            self._new_external.append(
                {"customer_id": customer_id, "platform": platform, "external_id": platform_id}
            )
        self._remember(customer_id, customer)
        return customer_id

    def resolve_platform_id(self, platform_id: str, platform: str) -> int:
        """A customer known only by an id (behaviour events).

        An events file names no platform, so an id that exactly one known customer has on any
        platform is that customer; otherwise the id becomes a customer of ``platform``.
        """
        cleaned = identity.clean_platform_id(platform_id) or platform_id
        known = self._by_external.get((platform, cleaned))
        if known is not None:
            return known
        if self._by_bare_external is None:
            self._by_bare_external = {}
            for (_, external), customer_id in self._by_external.items():
                seen = self._by_bare_external.get(external)
                self._by_bare_external[external] = (
                    customer_id if seen in (None, customer_id) else -1
                )
        match = self._by_bare_external.get(cleaned, -1)
        if match != -1:
            return match
        resolved = self.resolve(CustomerRecord(platform_id=cleaned), platform)
        assert resolved is not None  # a non-empty platform id always yields a key
        return resolved

    def update_seen(self, orders: Table) -> None:
        """First and last order date of every customer touched so far, from ``orders``."""
        ids = sorted(self.touched)
        placed = orders.c.placed_at
        mine = orders.c.customer_id == CUSTOMERS.c.id
        first = select(func.min(placed)).where(mine).scalar_subquery()
        last = select(func.max(placed)).where(mine).scalar_subquery()
        for start in range(0, len(ids), _ID_CHUNK):
            self._connection.execute(
                update(CUSTOMERS)
                .where(CUSTOMERS.c.id.in_(ids[start : start + _ID_CHUNK]))
                .values(first_seen=first, last_seen=last)
            )

    def _remember(self, customer_id: int, customer: CustomerRecord) -> None:
        self.touched.add(customer_id)
        profile = {
            "display_name": identity.display_name(customer),
            "email_sha256": identity.email_hash(customer.email),
            "phone_sha256": identity.phone_hash(customer.phone),
            "country": _text(customer.country, 100),
            "country_code": _text(customer.country_code, 2, upper=True),
            "region": _text(customer.region, 100),
            "city": _text(customer.city, 100),
            "zip": _text(customer.zip, 20),
            "accepts_marketing": customer.accepts_marketing,
        }
        _merge_latest(self._profiles.setdefault(customer_id, {}), profile)
        contact = {
            "email": _text(customer.email, 320),
            "phone": _text(customer.phone, 50),
            "first_name": _text(customer.first_name, 100),
            "last_name": _text(customer.last_name, 100),
        }
        if any(contact.values()):
            _merge_latest(self._contacts.setdefault(customer_id, {}), contact)

    def flush(self) -> None:
        """Write new customers, their external ids, profile updates and raw contacts."""
        connection = self._connection
        if self._new:
            rows = []
            for customer_id, row in self._new.items():
                profile = self._profiles.pop(customer_id, {})
                rows.append({**row, **{name: profile.get(name) for name in PROFILE_FIELDS}})
            connection.execute(CUSTOMERS.insert(), rows)
        if self._profiles:
            statement = (
                update(CUSTOMERS)
                .where(CUSTOMERS.c.id == bindparam("customer_id"))
                .values(
                    {
                        name: func.coalesce(bindparam(f"new_{name}"), CUSTOMERS.c[name])
                        for name in PROFILE_FIELDS
                    }
                )
            )
            connection.execute(
                statement,
                [
                    {"customer_id": customer_id, **{f"new_{n}": p.get(n) for n in PROFILE_FIELDS}}
                    for customer_id, p in self._profiles.items()
                ],
            )
        if self._new_external:
            connection.execute(EXTERNAL_IDS.insert().prefix_with("OR IGNORE"), self._new_external)
        if self._contacts:
            upsert = sqlite_insert(CONTACTS)
            upsert = upsert.on_conflict_do_update(
                index_elements=[CONTACTS.c.customer_id],
                set_={
                    name: func.coalesce(upsert.excluded[name], CONTACTS.c[name])
                    for name in CONTACT_FIELDS
                },
            )
            connection.execute(
                upsert,
                [
                    {"customer_id": cid, **{n: c.get(n) for n in CONTACT_FIELDS}}
                    for cid, c in self._contacts.items()
                ],
            )
        self._new.clear()
        self._profiles.clear()
        self._contacts.clear()
        self._new_external.clear()


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
        cleaned = _text(name, 200)
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
                external_id=_text(line.product_external_id, 200),
                currency=currency,
                vendor=_text(line.vendor, 200),
                is_non_product=non_product,
                category_id=category_id,
            )
        elif category_id is not None:
            self._category_if_missing.setdefault(product_id, category_id)
        self.touched.add(product_id)
        if line.unit_price is not None and line.unit_price > 0 and line.state == "ok":
            seen = self._latest_price.get(product_id)
            if seen is None or placed_at >= seen[0]:
                self._latest_price[product_id] = (placed_at, line.unit_price)
        return product_id

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
            "currency": _text(record.currency, 3, upper=True),
            "vendor": _text(record.vendor, 200),
            "tags": record.tags or None,
            "attributes": record.attributes,
            "external_id": _text(record.external_id, 200),
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

    def finish(self) -> None:
        """Write the latest prices and the categories the file gave to already-known products.

        A category named on an order line only fills an empty one; a catalog row replaces it.
        """
        self.flush()
        if self._latest_price:
            self._connection.execute(
                update(PRODUCTS)
                .where(PRODUCTS.c.id == bindparam("product_id"))
                .values(price=bindparam("new_price")),
                [
                    {"product_id": pid, "new_price": price}
                    for pid, (_, price) in self._latest_price.items()
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


def _text(value: str | None, limit: int, upper: bool = False) -> str | None:
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned:
        return None
    return (cleaned.upper() if upper else cleaned)[:limit]
