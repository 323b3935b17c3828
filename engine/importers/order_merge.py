"""The row-by-row order merge: each order record is validated, matched and stored or updated.

What happens to an order (keyed by shop, platform and the order number as the file writes it):

* **new**: stored with all its valid lines;
* **already stored** (the same file again, or a later export that overlaps): each line is matched
  by its line key (see :mod:`engine.importers.identity`). An identical line is a duplicate; a line
  whose state, quantity, price or discount changed (an order refunded since the last export) is
  updated in place; a new line is added. Order-level fields the new file states (status,
  cancellation, refunded amount, totals) replace the stored ones: the later export is the truth,
  but a blank never erases a stored value. The order keeps the ``batch_id`` that first stored it.
* **yielded again within the same file** (its rows were not contiguous): the new lines continue
  the order's positions and occurrence counts (line keys), and order-level fields are left as
  the first rows gave them.

A file line id is used once per order and file: repeated within one part of an order, or in a
later, non-contiguous part of it, the later row is a duplicate (the first counts), so importing
the same file again settles every row the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from engine.importers import identity
from engine.importers.batch_state import BatchState
from engine.importers.cleaning import (
    Rejection,
    check_line,
    check_order,
    is_non_product,
    normalise_currency,
)
from engine.importers.ledger import OrderOutcomes, Outcome
from engine.importers.order_store import (
    AT,
    LINE_FIELDS,
    line_changed,
    line_row,
    load_existing,
    order_changes,
    write,
)
from engine.importers.records import LineRecord, OrderRecord

_NO_LINES = "no_lines"
_PRODUCT, _QUANTITY, _PRICE = AT["product_id"], AT["quantity"], AT["unit_price"]
_STATE, _NON_PRODUCT = AT["state"], AT["is_non_product"]
_FILE_LINE_ID = "id:"  # the prefix of line keys that are the file's own line ids


@dataclass
class OrderPlan:
    record: OrderRecord
    external_id: str
    currency: str
    customer_id: int | None
    order_id: int | None
    lines: list[tuple[int, LineRecord, int, bool]]  # position, line, product id, non-product
    outcomes: OrderOutcomes


class Held:
    """A new order with no valid line yet: later rows of the file may still bring some."""


HELD = Held()


@dataclass
class _Pending:
    """One chunk's writes, sent together by :func:`~engine.importers.order_store.write`."""

    orders: list[dict[str, Any]] = field(default_factory=list)
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    order_updates: list[dict[str, Any]] = field(default_factory=list)
    line_updates: list[dict[str, Any]] = field(default_factory=list)


class OrderMerger:
    """Plans and stores order records on the batch's state, one chunk at a time."""

    def __init__(self, state: BatchState) -> None:
        self.state = state

    # ------------------------------------------------------------------ planning

    def plan(self, order: OrderRecord, finishing: bool) -> OrderPlan | Held | None:
        """Validate an order and resolve its customer and products.

        None when it is rejected whole; :data:`HELD` when it is new and has no valid line while
        the file is still being read (later rows of it may bring lines; at the end it is
        rejected).
        """
        state = self.state
        outcomes = OrderOutcomes()
        external_id = (order.external_id or "").strip()[: identity.MAX_KEY_LENGTH]
        order_id = state.orders_of(order.platform).get(external_id)
        currency = normalise_currency(order.currency, state.shop_currency)
        rejection = check_order(order) or (currency if isinstance(currency, Rejection) else None)
        if rejection is not None:
            self.reject_everything(order, outcomes, rejection)
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
        if not valid and order_id is None:
            if not finishing:
                return HELD
            self.reject_everything(order, outcomes, _no_lines(order))
            return None
        customer_id = state.customers.resolve(order.customer, order.platform, order.placed_at)
        lines = [
            (
                position,
                line,
                state.products.resolve_line(line, non_product, order.placed_at, currency),
                non_product,
            )
            for position, line, non_product in valid
        ]
        return OrderPlan(order, external_id, currency, customer_id, order_id, lines, outcomes)

    def reject_everything(
        self, order: OrderRecord, outcomes: OrderOutcomes, rejection: Rejection
    ) -> None:
        for line in order.lines:
            outcomes.mark(line.source, Outcome.REJECTED, rejection)
        for source in order.sources:
            outcomes.mark(source, Outcome.REJECTED, rejection)
        self.state.settle_order(outcomes)

    # ------------------------------------------------------------------ storing

    def store(self, plans: list[OrderPlan]) -> None:
        """Insert new orders and lines, update changed ones, settle every row of the chunk."""
        state = self.state
        pending = _Pending()
        existing = [plan.order_id for plan in plans if plan.order_id is not None]
        stored_lines, stored_orders = load_existing(state.connection, existing)
        for plan in plans:
            if plan.order_id is None:
                known_lines: dict[str, tuple[Any, ...]] = {}
                order_outcome, offset = self._insert_order(plan, pending), 0
            else:
                known_lines = stored_lines.get(plan.order_id, {})
                offset = state.positions_used.get(plan.order_id, 0)
                if plan.order_id in state.positions_used:  # more rows of an order of this file
                    order_outcome = Outcome.DUPLICATE
                else:
                    order_outcome = self._update_order(plan, stored_orders[plan.order_id], pending)
            assert plan.order_id is not None
            occurrences = self._occurrences(plan, known_lines)
            state.positions_used[plan.order_id] = offset + len(plan.record.lines)
            self._store_lines(plan, known_lines, offset, occurrences, pending)
            for index, source in enumerate(plan.record.sources):
                if index == 0 or not plan.outcomes.marked(source):
                    plan.outcomes.mark(source, order_outcome)
            state.settle_order(plan.outcomes)
        self._keep_for_outliers(pending.lines)
        write(state.connection, pending.orders, pending.lines, pending.order_updates,
              pending.line_updates)  # fmt: skip

    def _keep_for_outliers(self, new_lines: list[tuple[Any, ...]]) -> None:
        """The chunk's new product lines, for the outlier pass at the end of the batch."""
        product_lines = [row for row in new_lines if not row[_NON_PRODUCT]]
        self.state.fresh.extend(
            [row[0] for row in product_lines],
            [row[_PRODUCT] for row in product_lines],
            [row[_QUANTITY] for row in product_lines],
            [row[_PRICE] for row in product_lines],
        )

    def _insert_order(self, plan: OrderPlan, pending: _Pending) -> Outcome:
        state = self.state
        plan.order_id = state.next_order_id
        state.next_order_id += 1
        state.orders_of(plan.record.platform)[plan.external_id] = plan.order_id
        pending.orders.append(self._order_row(plan))
        state.result.orders_stored += 1
        state.result.cleaning.count_order(plan.record, guest=plan.customer_id is None)
        return Outcome.STORED

    def _update_order(self, plan: OrderPlan, stored: dict[str, Any], pending: _Pending) -> Outcome:
        """An order from an earlier import: the later file's order-level values win."""
        changes = order_changes(plan.record, plan.customer_id, stored)
        if not changes:
            return Outcome.DUPLICATE
        pending.order_updates.append({"order_id": plan.order_id, **changes})
        self.state.result.orders_stored += 1
        self.state.result.cleaning.orders_updated += 1
        return Outcome.STORED

    def _occurrences(self, plan: OrderPlan, known_lines: dict[str, tuple[Any, ...]]) -> list[int]:
        """For each line of the record, how many earlier lines of the order (in this file, valid
        or not) have the same SKU and title: the ``k`` of its line key.

        An earlier part that the bulk path stored as a new order is not counted in memory; its
        lines are exactly the order's stored ones, so the count for a suffix is the first ``k``
        whose key the store does not hold.
        """
        state = self.state
        assert plan.order_id is not None
        bulk_part = (
            plan.order_id in state.positions_used and plan.order_id not in state.suffixes_seen
        )
        counts = state.suffixes_seen.setdefault(plan.order_id, Counter())
        occurrences = []
        for line in plan.record.lines:
            if identity.has_file_line_id(line):
                occurrences.append(0)
                continue
            suffix = identity.key_suffix(line.sku, line.title)
            if bulk_part and suffix not in counts:
                while identity.line_key(line, counts[suffix]) in known_lines:
                    counts[suffix] += 1
            occurrences.append(counts[suffix])
            counts[suffix] += 1
        return occurrences

    def _store_lines(
        self,
        plan: OrderPlan,
        known_lines: dict[str, tuple[Any, ...]],
        offset: int,
        occurrences: list[int],
        pending: _Pending,
    ) -> None:
        """New lines are inserted, changed ones updated, identical ones are duplicates.

        A file line id that this order already used in this file is a duplicate row.
        """
        state = self.state
        order_id = plan.order_id
        assert order_id is not None
        seen = set(state.line_ids_used.get(order_id, ()))
        mark, stored_outcome, duplicate = plan.outcomes.mark, Outcome.STORED, Outcome.DUPLICATE
        new_rows = pending.lines  # bound once: this loop runs per line
        cleaning = state.result.cleaning
        inserted = 0
        for position, line, product_id, non_product in plan.lines:
            key = identity.line_key(line, occurrences[position])
            if key in seen:
                mark(line.source, duplicate)
                continue
            seen.add(key)
            stored = known_lines.get(key) if known_lines else None
            row = line_row(state.next_line_id, order_id, position + offset, key, line,
                           product_id, non_product)  # fmt: skip
            if stored is None:
                state.next_line_id += 1
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
        file_line_ids = {key for key in seen if key.startswith(_FILE_LINE_ID)}
        if file_line_ids:
            state.line_ids_used[order_id] = file_line_ids
        state.result.lines_stored += inserted
        cleaning.repeated_lines += _repeated(plan.lines)

    def _order_row(self, plan: OrderPlan) -> dict[str, Any]:
        order = plan.record
        return {
            "id": plan.order_id,
            "shop_id": self.state.shop_id,
            "batch_id": self.state.batch_id,
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


def _no_lines(order: OrderRecord) -> Rejection:
    return Rejection(
        _NO_LINES,
        f"Order {order.external_id} has no line that could be imported "
        "(the other rejected rows of this order say why).",
    )


def _repeated(lines: list[tuple[int, LineRecord, int, bool]]) -> int:
    """Lines identical to an earlier line of the same order (same product, quantity, price).

    They are kept (the same item scanned twice is a real sale as often as a glitch) and counted,
    so the merchant can see them; a file with its own line ids dedupes them by id instead.
    """
    seen = {(p, line.quantity, line.unit_price, line.state) for _, line, p, _ in lines}
    return len(lines) - len(seen)
