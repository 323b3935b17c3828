"""The storing half of an import: normalised records in, rows in the store out, nothing lost.

:class:`BatchWriter` receives the reader's records one by one inside the batch's transaction,
buffers a few thousand order lines, and writes each chunk with Core ``executemany`` statements.
It keeps id maps (orders, customers, products) and 32 bytes per new line for the outlier pass
in memory, never an object per line, so memory grows slowly and stays small on huge files.

What happens to an order (keyed by shop, platform and the order number as the file writes it):

* **new**: stored with all its valid lines;
* **already stored** (the same file again, or a later export that overlaps): each line is matched
  by its line key (see :mod:`engine.importers.identity`). An identical line is a duplicate; a line
  whose state, quantity, price or discount changed (an order refunded since the last export) is
  updated in place; a new line is added. Order-level fields the new file states (status,
  cancellation, refunded amount, totals) replace the stored ones: the later export is the truth,
  but a blank never erases a stored value. The order keeps the ``batch_id`` that first stored it.
* **yielded again within the same file** (its rows were not contiguous): the new lines continue
  the order's positions, and order-level fields are left as the first rows gave them.

A file line id repeated within one part of an order is a duplicate row (the first counts). Known
limit: the same line id in two non-contiguous parts of one order is matched like a later export
(last values win), so re-importing such a file reports that row as stored again.

Every row is settled once in a :class:`~engine.importers.ledger.RowLedger` as stored, rejected
(with a reason, into ``rejected_rows``) or duplicate: ``rows_in == stored + rejected + duplicate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, select

from engine.importers import identity
from engine.importers.catalog import CatalogWriter
from engine.importers.cleaning import (
    CleaningReport,
    Rejection,
    check_line,
    check_order,
    is_non_product,
    normalise_currency,
)
from engine.importers.ledger import OrderOutcomes, Outcome, RowLedger
from engine.importers.order_store import (
    AT,
    LINE_FIELDS,
    LINES,
    ORDERS,
    line_changed,
    line_row,
    load_existing,
    merge_into,
    order_changes,
    write,
)
from engine.importers.outliers import FreshLines, flag_outliers
from engine.importers.records import (
    EventRecord,
    LineRecord,
    OrderRecord,
    ProductRecord,
    RowProblem,
    SourceRow,
)
from engine.importers.resolvers import (
    CategoryResolver,
    CustomerResolver,
    ProductResolver,
    next_id,
)
from engine.store.models import RejectedRow

REJECTED: Table = RejectedRow.__table__  # type: ignore[assignment]

DEFAULT_CHUNK_LINES = 5_000
MAX_RAW_TEXT = 2_000
_NO_LINES = "no_lines"
_PRODUCT, _QUANTITY, _PRICE = AT["product_id"], AT["quantity"], AT["unit_price"]
_STATE, _NON_PRODUCT = AT["state"], AT["is_non_product"]


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


@dataclass
class _OrderPlan:
    record: OrderRecord
    external_id: str
    currency: str
    customer_id: int | None
    order_id: int | None
    lines: list[tuple[int, LineRecord, int, bool]]  # position, line, product id, non-product
    outcomes: OrderOutcomes


@dataclass
class _Pending:
    """One chunk's writes, sent together by :func:`~engine.importers.order_store.write`."""

    orders: list[dict[str, Any]] = field(default_factory=list)
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    order_updates: list[dict[str, Any]] = field(default_factory=list)
    line_updates: list[dict[str, Any]] = field(default_factory=list)


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
        self._connection = connection
        self._shop_id = shop_id
        self._shop_currency = shop_currency
        self._batch_id = batch_id
        self._chunk_lines = chunk_lines or DEFAULT_CHUNK_LINES
        self._several_files = several_files  # rejected rows then say which file they are in
        self.ledger = RowLedger()
        self.result = BatchResult()
        self._customers = CustomerResolver(connection, shop_id)
        self._products = ProductResolver(connection, shop_id, CategoryResolver(connection, shop_id))
        self._catalog = CatalogWriter(
            connection,
            (shop_id, batch_id),
            (self._customers, self._products),
            self.ledger,
            self._settle,
            platform_hint,
        )
        self._known_orders: dict[str, dict[str, int]] = {}
        self._next_order_id = next_id(connection, ORDERS)
        self._first_line_id = self._next_line_id = next_id(connection, LINES)
        self._fresh = FreshLines()
        self._buffer: dict[tuple[str, str], OrderRecord] = {}
        self._buffered_lines = 0
        self._rejected: list[dict[str, Any]] = []
        self._held: dict[tuple[str, str], OrderRecord] = {}  # no valid line yet (see _plan)
        self._finishing = False
        # lines (valid or not) of each order seen so far in this file: a later, non-contiguous
        # part of the order continues the positions, the same way in every import of the file
        self._positions_used: dict[int, int] = {}

    # ------------------------------------------------------------------ intake

    def add(self, record: OrderRecord | ProductRecord | EventRecord | RowProblem) -> None:
        if isinstance(record, OrderRecord):
            self._buffer_order(record)
        elif isinstance(record, RowProblem):
            rejection = Rejection(record.code, record.reason, record.column)
            self._settle(record.source, Outcome.REJECTED, rejection)
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
        else:
            merge_into(earlier, order)
        self._buffered_lines += max(len(order.lines), 1)

    def flush(self) -> None:
        """Write everything buffered so far (still inside the caller's transaction)."""
        orders = list(self._buffer.values())
        self._buffer.clear()
        self._buffered_lines = 0
        plans = [plan for plan in map(self._plan, orders) if plan is not None]
        self._customers.flush()
        self._products.flush()
        self._catalog.flush()
        self._store(plans)
        if self._rejected:
            self._connection.execute(REJECTED.insert(), self._rejected)
            self._rejected.clear()

    def finish(self) -> BatchResult:
        """Flush, then settle what needs the whole batch: prices, first/last seen, outliers."""
        self._finishing = True
        for order in self._held.values():
            self._buffer[_order_key(order)] = order
        self._held.clear()
        self.flush()
        self._products.finish()
        self._customers.update_seen(ORDERS)
        flag_outliers(self._connection, self._products.touched, self._fresh, self._first_line_id)
        self.result.cleaning.outliers_flagged = int(
            self._connection.execute(
                select(func.count()).where(
                    LINES.c.id >= self._first_line_id, LINES.c.is_outlier.is_(True)
                )
            ).scalar_one()
        )
        self.result.rows_stored = self.ledger.stored
        self.result.rows_rejected = self.ledger.rejected
        self.result.rows_duplicate = self.ledger.duplicate
        self.result.products_stored = self._catalog.products_stored
        self.result.events_stored = self._catalog.events_stored
        return self.result

    # ------------------------------------------------------------------ planning

    def _plan(self, order: OrderRecord) -> _OrderPlan | None:
        """Validate an order and resolve its customer and products.

        None when it is rejected whole, or held: a new order with no valid line waits for the
        end of the file, where later rows of it may still bring lines; only then is it rejected.
        """
        outcomes = OrderOutcomes()
        external_id = (order.external_id or "").strip()[: identity.MAX_KEY_LENGTH]
        order_id = self._orders_of(order.platform).get(external_id)
        currency = normalise_currency(order.currency, self._shop_currency)
        rejection = check_order(order) or (currency if isinstance(currency, Rejection) else None)
        if rejection is not None:
            self._reject_everything(order, outcomes, rejection)
            return None
        assert isinstance(currency, str) and order.placed_at is not None
        valid: list[tuple[int, LineRecord, bool]] = []
        for position, line in enumerate(order.lines):
            non_product = is_non_product(line.sku, line.title)
            problem = check_line(line, non_product)
            if problem is None:
                valid.append((position, line, non_product))
            else:
                outcomes.mark(line.source, Outcome.REJECTED, problem)
        if not valid and order_id is None and not self._finishing:
            self._held[_order_key(order)] = order  # later rows of the file may bring its lines
            return None
        if not valid and order_id is None:
            self._reject_everything(order, outcomes, _no_lines(order))
            return None
        customer_id = self._customers.resolve(order.customer, order.platform)
        lines = [
            (
                position,
                line,
                self._products.resolve_line(line, non_product, order.placed_at, currency),
                non_product,
            )
            for position, line, non_product in valid
        ]
        return _OrderPlan(order, external_id, currency, customer_id, order_id, lines, outcomes)

    def _reject_everything(
        self, order: OrderRecord, outcomes: OrderOutcomes, rejection: Rejection
    ) -> None:
        for line in order.lines:
            outcomes.mark(line.source, Outcome.REJECTED, rejection)
        for source in order.sources:
            outcomes.mark(source, Outcome.REJECTED, rejection)
        self._settle_order(outcomes)

    def _orders_of(self, platform: str) -> dict[str, int]:
        known = self._known_orders.get(platform)
        if known is None:
            known = dict(
                self._connection.execute(
                    select(ORDERS.c.external_id, ORDERS.c.id).where(
                        ORDERS.c.shop_id == self._shop_id, ORDERS.c.platform == platform
                    )
                ).all()
            )
            self._known_orders[platform] = known
        return known

    # ------------------------------------------------------------------ storing

    def _store(self, plans: list[_OrderPlan]) -> None:
        """Insert new orders and lines, update changed ones, settle every row of the chunk."""
        pending = _Pending()
        existing = [plan.order_id for plan in plans if plan.order_id is not None]
        stored_lines, stored_orders = load_existing(self._connection, existing)
        for plan in plans:
            if plan.order_id is None:
                known_lines: dict[str, tuple[Any, ...]] = {}
                order_outcome, offset = self._insert_order(plan, pending), 0
            else:
                known_lines = stored_lines.get(plan.order_id, {})
                offset = self._positions_used.get(plan.order_id, 0)
                if plan.order_id in self._positions_used:  # more rows of an order of this file
                    order_outcome = Outcome.DUPLICATE
                else:
                    order_outcome = self._update_order(plan, stored_orders[plan.order_id], pending)
            assert plan.order_id is not None
            self._positions_used[plan.order_id] = offset + len(plan.record.lines)
            self._store_lines(plan, known_lines, offset, pending)
            for index, source in enumerate(plan.record.sources):
                if index == 0 or not plan.outcomes.marked(source):
                    plan.outcomes.mark(source, order_outcome)
            self._settle_order(plan.outcomes)
        self._keep_for_outliers(pending.lines)
        write(self._connection, pending.orders, pending.lines, pending.order_updates,
              pending.line_updates)  # fmt: skip

    def _keep_for_outliers(self, new_lines: list[tuple[Any, ...]]) -> None:
        """The chunk's new product lines, for the outlier pass at the end of the batch."""
        product_lines = [row for row in new_lines if not row[_NON_PRODUCT]]
        self._fresh.extend(
            [row[0] for row in product_lines],
            [row[_PRODUCT] for row in product_lines],
            [row[_QUANTITY] for row in product_lines],
            [row[_PRICE] for row in product_lines],
        )

    def _insert_order(self, plan: _OrderPlan, pending: _Pending) -> Outcome:
        plan.order_id = self._next_order_id
        self._next_order_id += 1
        self._orders_of(plan.record.platform)[plan.external_id] = plan.order_id
        pending.orders.append(self._order_row(plan))
        self.result.orders_stored += 1
        self.result.cleaning.count_order(plan.record, guest=plan.customer_id is None)
        return Outcome.STORED

    def _update_order(self, plan: _OrderPlan, stored: dict[str, Any], pending: _Pending) -> Outcome:
        """An order from an earlier import: the later file's order-level values win."""
        changes = order_changes(plan.record, plan.customer_id, stored)
        if not changes:
            return Outcome.DUPLICATE
        pending.order_updates.append({"order_id": plan.order_id, **changes})
        self.result.orders_stored += 1
        self.result.cleaning.orders_updated += 1
        return Outcome.STORED

    def _store_lines(
        self,
        plan: _OrderPlan,
        known_lines: dict[str, tuple[Any, ...]],
        offset: int,
        pending: _Pending,
    ) -> None:
        """New lines are inserted, changed ones updated, identical ones are duplicates.

        A line id the file repeats within the order is a duplicate row: the first one counts.
        """
        order_id = plan.order_id
        assert order_id is not None
        seen: set[str] = set()
        mark, stored_outcome, duplicate = plan.outcomes.mark, Outcome.STORED, Outcome.DUPLICATE
        new_rows = pending.lines  # bound once: this loop runs per line
        cleaning = self.result.cleaning
        inserted = 0
        for position, line, product_id, non_product in plan.lines:
            key = identity.line_key(line, position + offset)
            if key in seen:
                mark(line.source, duplicate)
                continue
            seen.add(key)
            stored = known_lines.get(key) if known_lines else None
            row = line_row(self._next_line_id, order_id, position + offset, key, line,
                           product_id, non_product)  # fmt: skip
            if stored is None:
                self._next_line_id += 1
                new_rows.append(row)
                inserted += 1
                cleaning.count_line(row[_STATE], non_product)
                mark(line.source, stored_outcome)
            elif line_changed(row, stored):
                pending.line_updates.append(
                    {"line_id": stored[0], **{f"new_{n}": row[AT[n]] for n in LINE_FIELDS}}
                )
                inserted += 1
                cleaning.lines_updated += 1
                mark(line.source, stored_outcome)
            else:
                mark(line.source, duplicate)
        self.result.lines_stored += inserted
        self.result.cleaning.repeated_lines += _repeated(plan.lines)

    def _order_row(self, plan: _OrderPlan) -> dict[str, Any]:
        order = plan.record
        return {
            "id": plan.order_id,
            "shop_id": self._shop_id,
            "batch_id": self._batch_id,
            "platform": order.platform[:30],
            "external_id": plan.external_id,
            "customer_id": plan.customer_id,
            "placed_at": order.placed_at,
            "currency": plan.currency,
            "subtotal": order.subtotal,
            "shipping": order.shipping,
            "tax": order.tax,
            "discount": order.discount,
            "total": order.total,
            "refunded_amount": order.refunded_amount or 0.0,
            "status": (order.status or "paid")[:30],
            "is_cancelled": bool(order.is_cancelled),
            "discount_codes": order.discount_codes or None,
            "country": (order.country or None) and order.country[:100],
            "extra": order.extra or None,
        }

    # ------------------------------------------------------------------ accounting

    def _settle_order(self, outcomes: OrderOutcomes) -> None:
        for source, outcome, rejection in outcomes.items():
            self._settle(source, outcome, rejection)

    def _settle(
        self, source: SourceRow | None, outcome: Outcome, rejection: Rejection | None
    ) -> None:
        if source is None:
            return
        if not self.ledger.settle(source, outcome) or outcome is not Outcome.REJECTED:
            return
        assert rejection is not None
        self.result.cleaning.note_rejection(rejection)
        self._rejected.append(
            {
                "batch_id": self._batch_id,
                "row_number": source.row_number,
                "raw_text": (source.raw or "")[:MAX_RAW_TEXT],
                "reason": _reason(rejection, source, self._several_files),
                "column": rejection.column and rejection.column[:200],
                "code": rejection.code,
            }
        )


def _no_lines(order: OrderRecord) -> Rejection:
    return Rejection(
        _NO_LINES,
        f"Order {order.external_id} has no line that could be imported "
        "(the other rejected rows of this order say why).",
    )


def _reason(rejection: Rejection, source: SourceRow, several_files: bool) -> str:
    """The reason, naming the file when the batch joined several (row numbers are per file)."""
    if several_files and source.file_name:
        return f"{rejection.reason} (in {source.file_name})"
    return rejection.reason


def _repeated(lines: list[tuple[int, LineRecord, int, bool]]) -> int:
    """Lines identical to an earlier line of the same order (same product, quantity, price).

    They are kept (the same item scanned twice is a real sale as often as a glitch) and counted,
    so the merchant can see them; a file with its own line ids dedupes them by id instead.
    """
    seen = {(p, line.quantity, line.unit_price, line.state) for _, line, p, _ in lines}
    return len(lines) - len(seen)


def _order_key(order: OrderRecord) -> tuple[str, str]:
    return order.platform, (order.external_id or "").strip()[: identity.MAX_KEY_LENGTH]
