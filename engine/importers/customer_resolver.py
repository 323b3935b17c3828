"""Find-or-create customers in bulk, in the batch's transaction (like the product resolver).

A customer is found by identity key (hashed e-mail, else platform id) or by an id it has on a
platform; later rows fill in profile fields and raw contacts but never erase them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from engine.importers import identity
from engine.importers.bulk import execute_many
from engine.importers.records import CustomerRecord
from engine.importers.resolvers import ID_CHUNK, next_id, text_or_none
from engine.store.models import Customer, CustomerContact, CustomerExternalId

CUSTOMERS: Table = Customer.__table__  # type: ignore[assignment]
EXTERNAL_IDS: Table = CustomerExternalId.__table__  # type: ignore[assignment]
CONTACTS: Table = CustomerContact.__table__  # type: ignore[assignment]

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
UPDATE_PROFILES = (  # a blank in the file never erases what the store knows
    f"UPDATE {CUSTOMERS.name} SET "
    + ", ".join(f"{name} = coalesce(?, {name})" for name in PROFILE_FIELDS)
    + " WHERE id = ?"
)


_UNDATED = datetime.min  # a record without an order date (behaviour events) is the oldest


def _merge_latest(
    target: dict[str, Any], dates: dict[str, datetime], values: dict[str, Any], when: datetime
) -> None:
    """Values of the latest order win (on the same date, the later call); blanks never erase."""
    for key, value in values.items():
        if value is not None and when >= dates.get(key, _UNDATED):
            target[key] = value
            dates[key] = when


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
        # date of the order each profile or contact field was last taken from, for the batch
        self._dates: dict[int, dict[str, datetime]] = {}
        self.touched: set[int] = set()

    def resolve(
        self, customer: CustomerRecord | None, platform: str, placed_at: datetime | None = None
    ) -> int | None:
        """The customer's row id, creating the customer if new; ``None`` for a guest.

        Profile and contact fields come from the customer's latest order (``placed_at``) of
        the batch, whatever order the orders are resolved in.
        """
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
        self._remember(customer_id, customer, placed_at or _UNDATED)
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
        for start in range(0, len(ids), ID_CHUNK):
            self._connection.execute(
                update(CUSTOMERS)
                .where(CUSTOMERS.c.id.in_(ids[start : start + ID_CHUNK]))
                .values(first_seen=first, last_seen=last)
            )

    def _remember(self, customer_id: int, customer: CustomerRecord, when: datetime) -> None:
        self.touched.add(customer_id)
        profile = {
            "display_name": identity.display_name(customer),
            "email_sha256": identity.email_hash(customer.email),
            "phone_sha256": identity.phone_hash(customer.phone),
            "country": text_or_none(customer.country, 100),
            "country_code": text_or_none(customer.country_code, 2, upper=True),
            "region": text_or_none(customer.region, 100),
            "city": text_or_none(customer.city, 100),
            "zip": text_or_none(customer.zip, 20),
            "accepts_marketing": customer.accepts_marketing,
        }
        dates = self._dates.setdefault(customer_id, {})
        _merge_latest(self._profiles.setdefault(customer_id, {}), dates, profile, when)
        contact = {
            "email": text_or_none(customer.email, 320),
            "phone": text_or_none(customer.phone, 50),
            "first_name": text_or_none(customer.first_name, 100),
            "last_name": text_or_none(customer.last_name, 100),
        }
        if any(contact.values()):
            _merge_latest(self._contacts.setdefault(customer_id, {}), dates, contact, when)

    def flush(self) -> None:
        """Write new customers, their external ids, profile updates and raw contacts."""
        connection = self._connection
        if self._new:
            rows = []
            for customer_id, row in self._new.items():
                profile = self._profiles.pop(customer_id, {})
                rows.append({**row, **{name: profile.get(name) for name in PROFILE_FIELDS}})
            connection.execute(CUSTOMERS.insert(), rows)
        if self._profiles:  # every touched customer, every chunk: straight to the driver
            execute_many(
                connection,
                UPDATE_PROFILES,
                [
                    (*(profile.get(name) for name in PROFILE_FIELDS), customer_id)
                    for customer_id, profile in self._profiles.items()
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
