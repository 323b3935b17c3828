"""Orders an earlier import stored, found unchanged in a bulk block: duplicates, settled in columns.

Importing the same big export again, or a later one that overlaps it, brings back mostly orders
the store already holds exactly. The row-by-row merge would parse, plan and compare each of
their lines; here a block's candidates (known to the store, not yet seen in this batch, listed
once in the block, every line sure) are compared with the stored rows in one query per few
hundred orders. An order whose order-level fields and every line (by line key: state,
quantity, unit price, discount) are as stored is a duplicate, with the same side effects as in
the row path (customer and products touched, prices noted, positions remembered). Any
difference, even one line, sends the whole order to the row path, which updates it.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from engine.importers.batch_state import BatchState
from engine.importers.bulk import fetch_all
from engine.importers.identity import customer_key
from engine.importers.ledger import Outcome
from engine.importers.line_blocks import LineBlock
from engine.importers.order_store import LINES, ORDERS

_ID_CHUNK = 500


class UnchangedOrders:
    """Finds and settles the candidates of a block that the store already holds as they are."""

    def __init__(self, state: BatchState) -> None:
        self.state = state

    def settle(self, block: LineBlock, candidates: np.ndarray) -> np.ndarray:
        """A mask of the orders found unchanged; their rows are settled as duplicates."""
        orders = np.flatnonzero(candidates)
        unchanged = np.zeros(block.order_count, dtype=bool)
        if not orders.size:
            return unchanged
        known = self.state.orders_of(block.platform)
        order_ids = [known[block.keys[order]] for order in orders.tolist()]
        stored_orders, stored_lines = self._stored(order_ids)
        lines = _CandidateLines(block, np.flatnonzero(candidates[block.order_of_line()]))
        sizes = np.diff(block.bounds())[orders]
        lines_as_stored = lines.as_stored(np.repeat(order_ids, sizes).tolist(), stored_lines, sizes)
        starts = np.cumsum(sizes) - sizes
        for order, order_id, start, size, same_lines in zip(
            orders.tolist(), order_ids, starts.tolist(), sizes.tolist(), lines_as_stored.tolist(),
            strict=True,
        ):  # fmt: skip
            if same_lines and self._same_order(block, order, stored_orders[order_id]):
                unchanged[order] = True
                self.state.positions_used[order_id] = size
                self.state.suffixes_seen[order_id] = Counter(lines.suffixes[start : start + size])
        settled = np.flatnonzero(unchanged[block.order_of_line()])
        self.state.ledger.settle_rows(
            block.frame.file_name, block.frame.numbers[settled], Outcome.DUPLICATE
        )
        return unchanged

    def _stored(self, order_ids: list[int]) -> tuple[dict[int, tuple], dict[int, dict[str, tuple]]]:
        """Order-level fields and lines (by key) of ``order_ids`` as stored."""
        orders: dict[int, tuple] = {}
        lines: dict[int, dict[str, tuple]] = {}
        connection = self.state.connection
        for start in range(0, len(order_ids), _ID_CHUNK):
            chunk = order_ids[start : start + _ID_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in fetch_all(
                connection,
                f"SELECT id, customer_id, status, is_cancelled, refunded_amount, country "
                f"FROM {ORDERS.name} WHERE id IN ({marks})",
                chunk,
            ):
                orders[row[0]] = row[1:]
            for row in fetch_all(
                connection,
                f"SELECT order_id, line_key, state, quantity, unit_price, discount "
                f"FROM {LINES.name} WHERE order_id IN ({marks})",
                chunk,
            ):
                lines.setdefault(row[0], {})[row[1]] = row[2:]
        return orders, lines

    def _same_order(self, block: LineBlock, order: int, stored: tuple) -> bool:
        """What :func:`~engine.importers.order_store.order_changes` would find nothing in."""
        customer_id, status, is_cancelled, refunded, country = stored
        cancelled = bool(block.order_cancelled[order])
        if status != ("cancelled" if cancelled else "paid") or bool(is_cancelled) != cancelled:
            return False
        if refunded is None or abs(refunded) > 1e-9:  # isclose(0.0, refunded): abs_tol
            return False
        if block.countries[order] is not None and block.countries[order] != country:
            return False
        buyer = block.customers[order]  # a buyer the stored order lacks would be added to it
        return customer_id is not None or buyer is None or not customer_key(buyer, block.platform)


class _CandidateLines:
    """The candidate orders' lines in columns (keys built once per block, not per order)."""

    def __init__(self, block: LineBlock, lines: np.ndarray) -> None:
        self.keys = block.line_keys(lines)
        self.suffixes = block.line_suffixes(lines)
        self.cancelled = block.line_cancelled[lines]
        self.quantities = block.quantities[lines]
        self.prices = block.prices[lines]

    def as_stored(
        self, order_ids: list[int], stored: dict[int, dict[str, tuple]], sizes: np.ndarray
    ) -> np.ndarray:
        """For each order (``sizes`` lines each): is every line stored under its key with the
        same state, quantity, unit price and no discount? Compared in columns."""
        nothing: dict[str, tuple] = {}
        found = [
            stored.get(order_id, nothing).get(key, _MISSING)
            for order_id, key in zip(order_ids, self.keys, strict=True)
        ]
        states = np.array([row[0] for row in found], dtype=object)
        same = np.where(self.cancelled, states == "cancelled", states == "ok")
        for compared, at in ((self.quantities, 1), (self.prices, 2), (0.0, 3)):
            same &= _close(compared, np.array([row[at] for row in found], dtype=np.float64))
        return np.logical_and.reduceat(same, np.cumsum(sizes) - sizes)


_MISSING = (None, None, None, None)  # no stored line under that key: never the same


def _close(values: np.ndarray | float, stored: np.ndarray) -> np.ndarray:
    """:func:`math.isclose` (``rel_tol=abs_tol=1e-9``) of each value with its stored value, as
    :func:`~engine.importers.order_store.same` compares floats; a missing (NaN) one differs."""
    with np.errstate(invalid="ignore"):
        tolerance = np.maximum(1e-9 * np.maximum(np.abs(values), np.abs(stored)), 1e-9)
        return (values == stored) | (np.abs(values - stored) <= tolerance)
