"""Storing product-catalog rows and behaviour events (the records that are not orders).

A catalog row updates the product it names (the catalog is authoritative for titles,
descriptions, prices and categories); an identical row is a duplicate. Behaviour events are unique
by customer, product, event type and time, so re-importing an events file adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table

from engine.importers.cleaning import Rejection
from engine.importers.customer_resolver import CustomerResolver
from engine.importers.ledger import Outcome, RowLedger
from engine.importers.records import EventRecord, ProductRecord, SourceRow
from engine.importers.resolvers import ProductResolver
from engine.store.models import BehaviourEvent

EVENTS: Table = BehaviourEvent.__table__  # type: ignore[assignment]
_NO_TITLE = Rejection("missing_value", "The product has no name.", "title")
_NO_ITEM = Rejection("missing_value", "The event names no product.", "item")
_NO_CUSTOMER = Rejection("missing_value", "The event names no customer.", "customer")

SettleFn = Callable[[SourceRow | None, Outcome, Rejection | None], None]


class CatalogWriter:
    """Buffers events and writes them in bulk; catalog rows go straight to the resolver."""

    def __init__(
        self,
        connection: Connection,
        ids: tuple[int, int],
        resolvers: tuple[CustomerResolver, ProductResolver],
        ledger: RowLedger,
        settle: SettleFn,
        platform: str,
    ) -> None:
        self._connection = connection
        self._shop_id, self._batch_id = ids
        self._customers, self._products = resolvers
        self._ledger = ledger
        self._settle = settle
        self._platform = platform
        self._events: list[EventRecord] = []
        self.products_stored = 0
        self.events_stored = 0

    @property
    def pending(self) -> int:
        return len(self._events)

    def add_product(self, record: ProductRecord) -> None:
        if not record.title or not record.title.strip():
            self._settle(record.source, Outcome.REJECTED, _NO_TITLE)
            return
        _, changed = self._products.upsert_catalog(record)
        self.products_stored += changed
        self._settle(record.source, Outcome.STORED if changed else Outcome.DUPLICATE, None)

    def add_event(self, record: EventRecord) -> None:
        if not record.item or not record.item.strip():
            self._settle(record.source, Outcome.REJECTED, _NO_ITEM)
        elif not record.customer_platform_id or not record.customer_platform_id.strip():
            self._settle(record.source, Outcome.REJECTED, _NO_CUSTOMER)
        else:
            self._events.append(record)

    def flush(self) -> None:
        """Insert buffered events; those already stored (or repeated in the file) are duplicates."""
        if not self._events:
            return
        rows: dict[tuple[int, int, str, Any], dict[str, Any]] = {}
        for event in self._events:
            customer_id = self._customers.resolve_platform_id(
                event.customer_platform_id, self._platform
            )
            product_id = self._products.resolve_item(event.item.strip())
            key = (customer_id, product_id, event.event_type, event.occurred_at)
            rows.setdefault(
                key,
                {
                    "shop_id": self._shop_id,
                    "batch_id": self._batch_id,
                    "customer_id": customer_id,
                    "product_id": product_id,
                    "event_type": event.event_type,
                    "occurred_at": event.occurred_at,
                    "session_id": event.session_id and event.session_id[:100],
                },
            )
        self._customers.flush()
        self._products.flush()
        statement = EVENTS.insert().prefix_with("OR IGNORE")
        inserted = self._connection.execute(statement, list(rows.values())).rowcount
        self.events_stored += inserted
        self._ledger.settle_counted([e.source for e in self._events if e.source], stored=inserted)
        self._events.clear()
