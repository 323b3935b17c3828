"""The storing half of an import: normalised records in, rows in the store out, nothing lost.

:class:`BatchWriter` receives the reader's records one by one inside the batch's transaction,
buffers a few thousand order lines, and hands each chunk to the row-by-row merge
(:mod:`engine.importers.order_merge`, which says what happens to new, known and repeated
orders), product and event records to :mod:`engine.importers.catalog`. It keeps id maps
(orders, customers, products) and 32 bytes per new line for the outlier pass in memory, never an
object per line, so memory grows slowly and stays small on huge files. A big one-row-per-line
export skips most of this through :mod:`engine.importers.bulk_orders`, on the same
:class:`~engine.importers.batch_state.BatchState`.

Every row is settled once in a :class:`~engine.importers.ledger.RowLedger` as stored, rejected
(with a reason, into ``rejected_rows``) or duplicate: ``rows_in == stored + rejected + duplicate``.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from engine.importers import identity
from engine.importers.batch_state import BatchResult, BatchState
from engine.importers.catalog import CatalogWriter
from engine.importers.cleaning import Rejection
from engine.importers.ledger import Outcome, RowLedger
from engine.importers.line_rekey import rekey_position_lines
from engine.importers.order_merge import HELD, OrderMerger, OrderPlan
from engine.importers.order_store import LINES, ORDERS, merge_into
from engine.importers.outliers import flag_outliers
from engine.importers.records import EventRecord, OrderRecord, ProductRecord, RowProblem

__all__ = ["DEFAULT_CHUNK_LINES", "BatchResult", "BatchWriter"]

DEFAULT_CHUNK_LINES = 5_000


class BatchWriter:
    """Stores one batch's records on ``connection``; the caller owns the transaction."""

    def __init__(
        self,
        connection: Connection,
        shop_id: int,
        shop_currency: str,
        batch_id: int,
        platform_hint: str = "import",
        chunk_lines: int | None = None,
        several_files: bool = False,
    ) -> None:
        rekey_position_lines(connection)  # a store from before occurrence keys, converted once
        self.state = BatchState(connection, (shop_id, shop_currency), batch_id, several_files)
        self._chunk_lines = chunk_lines or DEFAULT_CHUNK_LINES
        self._merger = OrderMerger(self.state)
        self._catalog = CatalogWriter(
            connection,
            (shop_id, batch_id),
            (self.state.customers, self.state.products),
            self.state.ledger,
            self.state.settle,
            platform_hint,
        )
        self._buffer: dict[tuple[str, str], OrderRecord] = {}
        self._buffered_lines = 0
        self._held: dict[tuple[str, str], OrderRecord] = {}  # no valid line yet (see plan)
        self._finishing = False

    @property
    def ledger(self) -> RowLedger:
        return self.state.ledger

    @property
    def result(self) -> BatchResult:
        return self.state.result

    def is_pending(self, platform: str, external_id: str) -> bool:
        """True while an order with this number waits in the buffer (not yet in the store)."""
        key = (platform, external_id)
        return key in self._buffer or key in self._held

    # ------------------------------------------------------------------ intake

    def add(self, record: OrderRecord | ProductRecord | EventRecord | RowProblem) -> None:
        if isinstance(record, OrderRecord):
            self._buffer_order(record)
        elif isinstance(record, RowProblem):
            rejection = Rejection(record.code, record.reason, record.column)
            self.state.settle(record.source, Outcome.REJECTED, rejection)
        elif isinstance(record, ProductRecord):
            self._catalog.add_product(record)
        else:
            self._catalog.add_event(record)
        if self._buffered_lines >= self._chunk_lines or self._catalog.pending >= self._chunk_lines:
            self.flush()

    def _buffer_order(self, order: OrderRecord) -> None:
        key = _order_key(order)
        held = self._held.pop(key, None)
        if held is not None:  # its first rows had no valid line; these may bring some
            merge_into(held, order)
            order = held
        earlier = self._buffer.get(key)
        if earlier is None:
            self._buffer[key] = order
        else:  # an earlier part that can be stored keeps its order-level fields, blanks too, as
            # when it was stored in an earlier chunk; one without a date still takes the later's
            merge_into(earlier, order, fill_blanks=earlier.placed_at is None)
        self._buffered_lines += max(len(order.lines), 1)

    def flush(self) -> None:
        """Write everything buffered so far (still inside the caller's transaction)."""
        orders = list(self._buffer.values())
        self._buffer.clear()
        self._buffered_lines = 0
        plans: list[OrderPlan] = []
        for order in orders:
            plan = self._merger.plan(order, self._finishing)
            if plan is HELD:
                self._held[_order_key(order)] = order
            elif isinstance(plan, OrderPlan):
                plans.append(plan)
        self.state.customers.flush()
        self.state.products.flush()
        self._catalog.flush()
        self._merger.store(plans)
        self.state.write_rejected()

    def finish(self) -> BatchResult:
        """Flush, then settle what needs the whole batch: prices, first/last seen, outliers."""
        state = self.state
        self._finishing = True
        for order in self._held.values():
            self._buffer[_order_key(order)] = order
        self._held.clear()
        self.flush()
        state.products.finish(ORDERS, LINES, state.first_line_id)
        state.customers.update_seen(ORDERS)
        flag_outliers(state.connection, state.products.touched, state.fresh, state.first_line_id)
        result = state.result
        result.cleaning.outliers_flagged = int(
            state.connection.execute(
                select(func.count()).where(
                    LINES.c.id >= state.first_line_id, LINES.c.is_outlier.is_(True)
                )
            ).scalar_one()
        )
        result.rows_stored = state.ledger.stored
        result.rows_rejected = state.ledger.rejected
        result.rows_duplicate = state.ledger.duplicate
        result.products_stored = self._catalog.products_stored
        result.events_stored = self._catalog.events_stored
        return result


def _order_key(order: OrderRecord) -> tuple[str, str]:
    return order.platform, (order.external_id or "").strip()[: identity.MAX_KEY_LENGTH]
