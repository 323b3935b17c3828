"""The bulk path: plain new orders of a big one-row-per-line export, stored block by block.

A block (:class:`~engine.importers.frames.Frame`, ~45,000 rows) is parsed in columns by the
format (:class:`~engine.importers.line_blocks.LineBlock`). An order is stored here, with one
``executemany`` for the block's orders and one for its lines, when it is **plain**: new to the
store and to this batch, listed once in the block, with a date, a known currency and only lines
the cleaning rules accept. Everything else (an order seen before, a continuation of an order, a
row that may be rejected) goes through the format's row parser and the row-by-row
:class:`~engine.importers.pipeline.BatchWriter`, on the same
:class:`~engine.importers.batch_state.BatchState`, so every rule, reason and row number is the
row path's own. The run of rows that ends a block is carried into the next block, so an order
is never cut in two.

An order an earlier import stored, found here exactly as stored, is settled as a duplicate in
columns too (:mod:`engine.importers.bulk_repeats`), so a re-import of a big export stays fast.

Products are found or created for every line certain to be stored (plain or not), in file
order, before either path stores lines, so a product is normally created from the same line
whichever path stores it. Where the two paths can differ (the row path itself differs there with
its chunk size, because it plans an order whose rows are not contiguous at its first rows):
which of a SKU's differing titles names the product when that SKU first appears in such an
order; the ``repeated_lines`` count for identical lines in separate parts of one order; and,
for two sales of a product on the very same date and time, which one's price is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import numpy as np

from engine.importers.batch_state import BatchState
from engine.importers.bulk import execute_many
from engine.importers.bulk_repeats import UnchangedOrders
from engine.importers.cleaning import Rejection, normalise_currency
from engine.importers.formats.base import ParseContext
from engine.importers.frames import Frame, FrameReader, FrameUnsuitable
from engine.importers.ledger import Outcome
from engine.importers.line_blocks import BlockParser, LineBlock, run_starts
from engine.importers.order_store import INSERT_PLAIN_LINES, ORDERS
from engine.importers.pipeline import BatchWriter
from engine.importers.records import CustomerRecord
from engine.progress import CancelToken, ProgressFn

MAX_CARRIED_ROWS = 200_000  # rows of one order held back; the row path streams anything
ORDER_COLUMNS = (
    "id", "shop_id", "batch_id", "platform", "external_id", "customer_id", "placed_at",
    "currency", "refunded_amount", "status", "is_cancelled", "country",
)  # fmt: skip
INSERT_ORDERS = (  # the ORM writes an empty JSON column as the text 'null': so do we
    f"INSERT INTO {ORDERS.name} ({', '.join(ORDER_COLUMNS)}, discount_codes, extra) "
    f"VALUES ({', '.join('?' for _ in ORDER_COLUMNS)}, 'null', 'null')"
)


class BulkOrderLoader:
    """Feeds the frames of one file to the batch: plain orders in columns, the rest row by row."""

    def __init__(self, writer: BatchWriter, parser: BlockParser, context: ParseContext) -> None:
        self.writer = writer
        self.state: BatchState = writer.state
        self.parser = parser
        self.context = context
        self._unchanged = UnchangedOrders(self.state)
        # dates written as the ORM writes them, so they compare and sort alike in SQL
        dialect = self.state.connection.dialect
        date_text = ORDERS.c.placed_at.type.dialect_impl(dialect).bind_processor(dialect)
        assert date_text is not None  # SQLite stores datetimes as text
        self._date_text = date_text

    def load(self, reader: FrameReader, progress: ProgressFn, cancel: CancelToken) -> None:
        """Every frame in file order; the last run of rows of each waits for the next frame."""
        group = self.parser.group_column(self.context)
        carried: Frame | None = None
        for frame in reader:
            if carried is not None:
                frame = carried.then(frame)
            starts = run_starts(frame.cells[group].to_numpy())
            last = int(starts[-1]) if len(starts) else 0
            carried = frame.part(last, len(frame))
            if len(carried) > MAX_CARRIED_ROWS:  # one "order" over many blocks: a broken file
                raise FrameUnsuitable(f"an order of more than {MAX_CARRIED_ROWS:,} rows")
            if last:
                self._load(frame.part(0, last))
            cancel.check()
            progress(reader.bytes_read / reader.total_bytes, f"Importing {reader.name}")
        if carried is not None and len(carried):
            self._load(carried)

    def _load(self, frame: Frame) -> None:
        block = self.parser.parse_block(frame, self.context)
        order_of_line = block.order_of_line()
        currencies = self._currencies(block)
        accepted = np.array([currency is not None for currency in currencies], dtype=bool)
        certain = accepted[order_of_line] & ~block.line_doubtful
        product_of_line = self._resolve_products(block, certain, order_of_line, currencies)
        plain, again = self._new_or_again(block, accepted)
        if plain.any():
            self._store_plain(block, plain, order_of_line, product_of_line, currencies)
        unchanged = self._unchanged.settle(block, again)
        if unchanged.any():
            self._note_unchanged(block, unchanged, order_of_line, product_of_line)
        for order in np.flatnonzero(~plain & ~unchanged).tolist():
            for record in self.parser.parse_rows(block.rows_of(order), self.context):
                self.writer.add(record)

    def _currencies(self, block: LineBlock) -> list[str | None]:
        """Each order's currency; None for an order rejected whole (no number, date, currency)."""
        shop_currency = self.state.shop_currency
        found: list[str | None] = []
        for key, placed_at, currency in zip(
            block.keys, block.placed_at, block.currencies, strict=True
        ):
            code = normalise_currency(currency, shop_currency) if key and placed_at else None
            found.append(None if isinstance(code, Rejection) else code)
        return found

    def _new_or_again(
        self, block: LineBlock, accepted: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Masks of the plain orders (new to the store and the batch) and of those an earlier
        import stored; both listed once in the block, not waiting in the writer, lines sure."""
        plain = accepted & ~block.needs_rows
        again = np.zeros(block.order_count, dtype=bool)
        known = self.state.orders_of(block.platform)
        counts = Counter(block.keys)
        for order in np.flatnonzero(plain).tolist():
            key = block.keys[order]
            order_id = known.get(key)
            pending = self.writer.is_pending(block.platform, key)
            if order_id is not None or counts[key] > 1 or pending:
                plain[order] = False
                again[order] = (
                    order_id is not None and counts[key] == 1 and not pending
                    and order_id not in self.state.positions_used
                )  # fmt: skip
        return plain, again

    def _note_unchanged(
        self,
        block: LineBlock,
        unchanged: np.ndarray,
        order_of_line: np.ndarray,
        product_of_line: np.ndarray,
    ) -> None:
        """What the row path also does for an unchanged order: customer, prices, repeats."""
        self._resolve_customers(block, np.flatnonzero(unchanged))
        lines = np.flatnonzero(unchanged[order_of_line])
        line_order = order_of_line[lines]
        columns = _LineColumns(
            ids=lines, orders=line_order, products=product_of_line[lines], positions=lines,
            quantities=block.quantities[lines], prices=block.prices[lines],
            cancelled=block.line_cancelled[lines],
            non_product=block.pair_non_product[block.pair_of_line[lines]],
        )  # fmt: skip
        self.state.result.cleaning.repeated_lines += _repeated(
            (line_order, columns.products, columns.quantities, columns.prices, columns.cancelled)
        )
        self._note_prices(block, line_order, columns)

    def _resolve_products(
        self,
        block: LineBlock,
        certain: np.ndarray,
        order_of_line: np.ndarray,
        currencies: list[str | None],
    ) -> np.ndarray:
        """Product id of each certain line (-1 elsewhere), created in file order when new."""
        product_of_pair = np.full(len(block.pair_first_line), -1, dtype=np.int64)
        lines = np.flatnonzero(certain)
        pairs, first = np.unique(block.pair_of_line[lines], return_index=True)
        resolve = self.state.products.resolve_plain
        for at in np.argsort(first).tolist():
            pair, line = int(pairs[at]), int(lines[first[at]])
            product_of_pair[pair] = resolve(
                block.skus[line], block.titles[line], bool(block.pair_non_product[pair]),
                currencies[order_of_line[line]],
            )  # fmt: skip
        return product_of_pair[block.pair_of_line]

    def _store_plain(
        self,
        block: LineBlock,
        plain: np.ndarray,
        order_of_line: np.ndarray,
        product_of_line: np.ndarray,
        currencies: list[str | None],
    ) -> None:
        state = self.state
        orders = np.flatnonzero(plain)
        lines = np.flatnonzero(plain[order_of_line])
        order_ids = np.arange(state.next_order_id, state.next_order_id + orders.size)
        line_ids = np.arange(state.next_line_id, state.next_line_id + lines.size)
        state.next_order_id += orders.size
        state.next_line_id += lines.size
        id_of_order = np.full(block.order_count, -1, dtype=np.int64)
        id_of_order[orders] = order_ids
        customer_ids = self._insert_orders(block, orders, order_ids, currencies)
        line_order = order_of_line[lines]
        pairs = block.pair_of_line[lines]
        columns = _LineColumns(
            ids=line_ids, orders=id_of_order[line_order], products=product_of_line[lines],
            positions=lines - block.starts[line_order], quantities=block.quantities[lines],
            prices=block.prices[lines], cancelled=block.line_cancelled[lines],
            non_product=block.pair_non_product[pairs],
        )  # fmt: skip
        execute_many(state.connection, INSERT_PLAIN_LINES, columns.rows(block, lines))
        known = state.orders_of(block.platform)
        known.update(zip([block.keys[k] for k in orders.tolist()], order_ids.tolist(), strict=True))
        lengths = np.diff(block.bounds())[orders]
        state.positions_used.update(zip(order_ids.tolist(), lengths.tolist(), strict=True))
        state.ledger.settle_rows(block.frame.file_name, block.frame.numbers[lines], Outcome.STORED)
        self._count(block, orders, customer_ids, columns)
        self._note_prices(block, line_order, columns)

    def _insert_orders(
        self,
        block: LineBlock,
        orders: np.ndarray,
        order_ids: np.ndarray,
        currencies: list[str | None],
    ) -> list[int | None]:
        state = self.state
        platform = block.platform
        customer_ids = self._resolve_customers(block, orders)
        state.customers.flush()
        state.products.flush()
        rows = []
        for order, order_id, customer_id in zip(
            orders.tolist(), order_ids.tolist(), customer_ids, strict=True
        ):
            cancelled, country = bool(block.order_cancelled[order]), block.countries[order]
            rows.append((
                order_id, state.shop_id, state.batch_id, platform[:30], block.keys[order],
                customer_id, self._date_text(block.placed_at[order]), currencies[order], 0.0,
                "cancelled" if cancelled else "paid", cancelled, country and country[:100],
            ))  # fmt: skip
        execute_many(state.connection, INSERT_ORDERS, rows)
        return customer_ids

    def _resolve_customers(self, block: LineBlock, orders: np.ndarray) -> list[int | None]:
        """Each order's customer id; a buyer record the block shares is resolved once.

        The parser shares one record per buyer and country, so resolving it once with its
        latest order date gives the profile the row path gives resolving it per order.
        """
        latest: dict[int, tuple[CustomerRecord, datetime]] = {}
        for order in orders.tolist():
            customer, placed_at = block.customers[order], block.placed_at[order]
            if customer is not None and placed_at is not None:
                seen = latest.get(id(customer))
                if seen is None or placed_at >= seen[1]:
                    latest[id(customer)] = (customer, placed_at)
        resolve, platform = self.state.customers.resolve, block.platform
        ids = {key: resolve(customer, platform, when) for key, (customer, when) in latest.items()}
        return [
            None if block.customers[order] is None else ids[id(block.customers[order])]
            for order in orders.tolist()
        ]

    def _count(
        self,
        block: LineBlock,
        orders: np.ndarray,
        customer_ids: list[int | None],
        lines: _LineColumns,
    ) -> None:
        """The same counts the row path keeps per order and line, and the outlier arrays."""
        result = self.state.result
        result.orders_stored += orders.size
        result.lines_stored += lines.ids.size
        cleaning = result.cleaning
        cleaning.guest_orders += sum(customer is None for customer in customer_ids)
        cleaning.cancelled_orders += int(block.order_cancelled[orders].sum())
        cleaning.non_product_lines += int(lines.non_product.sum())
        cleaning.cancelled_lines += int(lines.cancelled.sum())
        cleaning.repeated_lines += _repeated(
            (lines.orders, lines.products, lines.quantities, lines.prices, lines.cancelled)
        )
        goods = ~lines.non_product
        self.state.fresh.extend_arrays(
            lines.ids[goods], lines.products[goods], lines.quantities[goods], lines.prices[goods]
        )

    def _note_prices(self, block: LineBlock, line_order: np.ndarray, lines: _LineColumns) -> None:
        """Each product's latest price in this block: the last sale by date, then by row."""
        sold = ~lines.cancelled & (lines.prices > 0)
        if not sold.any():
            return
        orders, products, prices = line_order[sold], lines.products[sold], lines.prices[sold]
        dated = np.unique(orders)
        time_of_order = np.zeros(block.order_count, dtype="datetime64[us]")
        dates = [block.placed_at[k] for k in dated.tolist()]
        time_of_order[dated] = np.array(dates, dtype="datetime64[us]")
        order = np.lexsort((np.arange(orders.size), time_of_order[orders], products))
        ordered = products[order]
        last = order[np.flatnonzero(np.append(ordered[1:] != ordered[:-1], True))]
        note = self.state.products.note_price
        for at in last.tolist():
            placed_at = block.placed_at[int(orders[at])]
            assert placed_at is not None  # plain orders have a date
            note(int(products[at]), placed_at, float(prices[at]))


def _repeated(columns: tuple[np.ndarray, ...]) -> int:
    """Lines equal to an earlier line in every column (same order, product, quantity, ...)."""
    if columns[0].size < 2:
        return 0
    order = np.lexsort(columns)
    same = np.ones(columns[0].size - 1, dtype=bool)
    for column in columns:
        ordered = column[order]
        same &= ordered[1:] == ordered[:-1]
    return int(same.sum())


_STATES = np.array(["ok", "cancelled"], dtype=object)  # two shared strings, not one per line


class _LineColumns:
    """The plain lines of a block, column by column, as they are inserted."""

    def __init__(self, **columns: np.ndarray) -> None:
        self.ids = columns["ids"]
        self.orders = columns["orders"]
        self.products = columns["products"]
        self.positions = columns["positions"]
        self.quantities = columns["quantities"]
        self.prices = columns["prices"]
        self.cancelled = columns["cancelled"]
        self.non_product = columns["non_product"]

    def rows(self, block: LineBlock, lines: np.ndarray) -> Iterator[tuple[Any, ...]]:
        """Tuples in ``PLAIN_LINE_COLUMNS`` order, built from whole columns at once.

        A lazy ``zip``, not a list: the driver binds each tuple and lets it go, so ``zip``
        reuses one tuple for every row instead of allocating one per line.
        """
        pairs = block.pair_of_line[lines]
        used = np.unique(pairs)
        at = block.pair_first_line[used].tolist()
        per_pair = np.empty((2, len(block.pair_first_line)), dtype=object)  # sku, title
        per_pair[0, used] = [(block.skus[i] or "")[:200] or None for i in at]
        per_pair[1, used] = [block.titles[i][:500] for i in at]
        line_skus, line_titles = per_pair[:, pairs].tolist()
        states = _STATES[self.cancelled.astype(np.intp)].tolist()
        return zip(
            self.ids.tolist(), self.orders.tolist(), self.products.tolist(),
            block.line_keys(lines), self.positions.tolist(), line_skus, line_titles,
            self.quantities.tolist(), self.prices.tolist(), states, self.non_product.tolist(),
            strict=True,
        )  # fmt: skip
