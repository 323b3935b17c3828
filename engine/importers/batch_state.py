"""What one batch knows while it stores: ids handed out, orders seen, rows settled, the result.

Both ways of storing orders share it: the row-by-row merge
(:class:`~engine.importers.order_merge.OrderMerger`), which handles every case, and the bulk
loader (:class:`~engine.importers.bulk_orders.BulkOrderLoader`), which stores plain new orders
of a big one-row-per-line export in columns. Because they hand out ids from the same counters,
register orders in the same maps and settle rows in the same ledger, a batch can mix them
freely and the accounting still adds up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select

from engine.importers.cleaning import CleaningReport, Rejection
from engine.importers.customer_resolver import CustomerResolver
from engine.importers.ledger import OrderOutcomes, Outcome, RowLedger
from engine.importers.order_store import LINES, ORDERS
from engine.importers.outliers import FreshLines
from engine.importers.records import SourceRow
from engine.importers.resolvers import CategoryResolver, ProductResolver, next_id
from engine.store.models import RejectedRow

REJECTED: Table = RejectedRow.__table__  # type: ignore[assignment]
MAX_RAW_TEXT = 2_000


@dataclass
class BatchResult:
    """What one batch stored; ``rows_*`` always add up to the rows the ledger saw."""

    rows_stored: int = 0
    rows_rejected: int = 0
    rows_duplicate: int = 0
    orders_stored: int = 0
    lines_stored: int = 0
    products_stored: int = 0
    events_stored: int = 0
    cleaning: CleaningReport = field(default_factory=CleaningReport)


class BatchState:
    """Shared, per-batch state on the batch's connection (the caller owns the transaction)."""

    def __init__(
        self,
        connection: Connection,
        shop: tuple[int, str],
        batch_id: int,
        several_files: bool = False,
    ) -> None:
        self.connection = connection
        self.shop_id, self.shop_currency = shop
        self.batch_id = batch_id
        self.several_files = several_files  # rejected rows then say which file they are in
        self.ledger = RowLedger()
        self.result = BatchResult()
        self.customers = CustomerResolver(connection, self.shop_id)
        self.products = ProductResolver(
            connection, self.shop_id, CategoryResolver(connection, self.shop_id)
        )
        self.fresh = FreshLines()
        self.next_order_id = next_id(connection, ORDERS)
        self.first_line_id = self.next_line_id = next_id(connection, LINES)
        # lines (valid or not) of each order seen so far in this file: a later, non-contiguous
        # part of the order continues the positions, the same way in every import of the file
        self.positions_used: dict[int, int] = {}
        # how many lines of each key suffix (SKU, title) each order has had so far in this file:
        # a later part of the order continues the count. An order in ``positions_used`` but not
        # here was stored new by the bulk path: its stored lines are exactly that part.
        self.suffixes_seen: dict[int, Counter[str]] = {}
        # the file's own line ids each order has used so far: the first use of an id counts
        self.line_ids_used: dict[int, set[str]] = {}
        self._known_orders: dict[str, dict[str, int]] = {}
        self._rejected: list[dict[str, Any]] = []

    def orders_of(self, platform: str) -> dict[str, int]:
        """Order ids by order number for ``platform``: the store's, plus this batch's new ones."""
        known = self._known_orders.get(platform)
        if known is None:
            known = dict(
                self.connection.execute(
                    select(ORDERS.c.external_id, ORDERS.c.id).where(
                        ORDERS.c.shop_id == self.shop_id, ORDERS.c.platform == platform
                    )
                ).all()
            )
            self._known_orders[platform] = known
        return known

    def settle_order(self, outcomes: OrderOutcomes) -> None:
        for source, outcome, rejection in outcomes.items():
            self.settle(source, outcome, rejection)

    def settle(
        self, source: SourceRow | None, outcome: Outcome, rejection: Rejection | None
    ) -> None:
        """Count the row once; a rejected row is queued for ``rejected_rows`` with its reason."""
        if source is None:
            return
        if not self.ledger.settle(source, outcome) or outcome is not Outcome.REJECTED:
            return
        assert rejection is not None
        self.result.cleaning.note_rejection(rejection)
        self._rejected.append(
            {
                "batch_id": self.batch_id,
                "row_number": source.row_number,
                "raw_text": (source.raw or "")[:MAX_RAW_TEXT],
                "reason": _reason(rejection, source, self.several_files),
                "column": rejection.column and rejection.column[:200],
                "code": rejection.code,
            }
        )

    def write_rejected(self) -> None:
        if self._rejected:
            self.connection.execute(REJECTED.insert(), self._rejected)
            self._rejected.clear()


def _reason(rejection: Rejection, source: SourceRow, several_files: bool) -> str:
    """The reason, naming the file when the batch joined several (row numbers are per file)."""
    if several_files and source.file_name:
        return f"{rejection.reason} (in {source.file_name})"
    return rejection.reason
