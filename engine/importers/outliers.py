"""Flag order lines whose quantity or unit price is far from what is usual for that product.

The rule (robust, so a few huge wholesale orders cannot hide themselves by inflating the mean):

* work on ``log(quantity)`` and ``log(unit price)`` of product lines (not fees, positive values);
* a product with at least :data:`MIN_LINES_PER_PRODUCT` lines is compared with its own median;
  rarer products are compared with the median of all the lines being checked (every line of the
  products the batch touched);
* the spread is the median absolute deviation (MAD); the robust z-score is
  ``0.6745 * (x - median) / MAD`` (Iglewicz & Hoaglin), and a line is an outlier when
  ``|z| > 3.5`` **and** the value is at least :data:`MIN_RATIO` times (or, for prices, at most
  1/:data:`MIN_RATIO` of) the median. The ratio guard keeps products with a tiny spread (every
  line "6 pieces") from flagging an ordinary "12 pieces". When the MAD is 0, the ratio decides.
* quantities are only flagged upwards (buying one of something is never suspicious); prices both
  ways (a price far below usual is as likely a typo as one far above).

Outliers are flagged (``is_outlier``), never dropped: the merchant decides. Flags are recomputed
for every line of the products a batch touched, so they stay consistent as data grows.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from itertools import chain, pairwise
from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, select, update

from engine.importers.bulk import fetch_all
from engine.importers.order_store import LINES
from engine.importers.resolvers import touches_most_products

MIN_LINES_PER_PRODUCT = 8
MIN_RATIO = 10.0
Z_THRESHOLD = 3.5
_ID_CHUNK = 500
_SLICE = 50_000
_COLUMNS = "id, product_id, quantity, coalesce(unit_price, 0)"
_PRODUCT_LINE = "is_non_product = 0 AND quantity > 0"


def reference(values: np.ndarray) -> tuple[float, float]:
    """Median and MAD of all values: what a rarely sold product is compared with."""
    if values.size == 0:
        return 0.0, 0.0
    median = float(np.median(values))
    return median, float(np.median(np.abs(values - median)))


def robust_outliers(
    groups: np.ndarray,
    values: np.ndarray,
    upward_only: bool,
    overall: tuple[float, float] | None = None,
) -> np.ndarray:
    """Boolean mask of outliers in ``values`` (already logged), judged within each group.

    ``groups`` holds a group id per value (every value of a group must be present); a group with
    fewer than MIN_LINES_PER_PRODUCT values is judged against ``overall`` (median, MAD), by
    default those of ``values`` itself.
    """
    if values.size == 0:
        return np.zeros(0, dtype=bool)
    _, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    small = counts[inverse] < MIN_LINES_PER_PRODUCT
    median = _group_stat(inverse, values)
    mad = _group_stat(inverse, np.abs(values - median))
    overall_median, overall_mad = overall if overall is not None else reference(values)
    median[small] = overall_median
    mad[small] = overall_mad
    difference = values - median
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(mad > 0, 0.6745 * difference / mad, np.inf * np.sign(difference))
    far = np.abs(difference) >= np.log(MIN_RATIO)
    flagged = (np.abs(z) > Z_THRESHOLD) & far
    if upward_only:
        flagged &= difference > 0
    return flagged


def _group_stat(group_of: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The median of ``values`` within each group, broadcast back to every element."""
    order = np.lexsort((values, group_of))
    sorted_groups = group_of[order]
    sorted_values = values[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    counts = np.diff(np.r_[starts, sorted_values.size])
    medians = (sorted_values[starts + (counts - 1) // 2] + sorted_values[starts + counts // 2]) / 2
    per_sorted = np.repeat(medians, counts)
    result = np.empty_like(values)
    result[order] = per_sorted
    return result


class FreshLines:
    """The product lines a batch inserted, kept as compact arrays (32 bytes a line).

    Collected while writing, so the outlier pass need not read back what it just wrote.
    """

    def __init__(self) -> None:
        self.ids, self.products = array("q"), array("q")
        self.quantities, self.prices = array("d"), array("d")

    def extend(
        self,
        line_ids: list[int],
        product_ids: list[int],
        quantities: list[float],
        prices: list[float | None],
    ) -> None:
        """Add one chunk's product lines (column lists: one call per chunk, not per line)."""
        self.ids.extend(line_ids)
        self.products.extend(product_ids)
        self.quantities.extend(quantities)
        self.prices.extend([p if p is not None and p > 0 else 0.0 for p in prices])

    def extend_arrays(
        self,
        line_ids: np.ndarray,
        product_ids: np.ndarray,
        quantities: np.ndarray,
        prices: np.ndarray,
    ) -> None:
        """:meth:`extend` for numpy columns (the bulk path), copied as raw bytes."""
        self.ids.frombytes(line_ids.astype(np.int64).tobytes())
        self.products.frombytes(product_ids.astype(np.int64).tobytes())
        self.quantities.frombytes(quantities.astype(np.float64).tobytes())
        with np.errstate(invalid="ignore"):
            positive = np.where(prices > 0, prices, 0.0)
        self.prices.frombytes(positive.astype(np.float64).tobytes())

    def table(self) -> np.ndarray:
        """(id, product, quantity, price) rows; ids and products are exact in float64."""
        table = np.empty((len(self.ids), 4))
        table[:, 0] = np.frombuffer(self.ids, dtype=np.int64)
        table[:, 1] = np.frombuffer(self.products, dtype=np.int64)
        table[:, 2] = np.frombuffer(self.quantities, dtype=np.float64)
        table[:, 3] = np.frombuffer(self.prices, dtype=np.float64)
        return table


def flag_outliers(
    connection: Connection, product_ids: Iterable[int], fresh: FreshLines, first_fresh_id: int
) -> None:
    """Recompute ``is_outlier`` for every product line of ``product_ids``.

    Lines with ids from ``first_fresh_id`` on are in ``fresh``; older lines of the same products
    (earlier imports, possibly updated by this one) are read from the store. The rule runs on
    slices of whole products, so its temporary arrays stay small however big the import.
    """
    table = np.concatenate(
        [fresh.table(), *_stored_lines(connection, sorted(product_ids), first_fresh_id)]
    )
    if table.size == 0:
        return
    table = table[np.argsort(table[:, 1], kind="stable")]
    quantities = np.log(table[:, 2])
    priced = table[:, 3] > 0
    prices = np.log(np.where(priced, table[:, 3], 1.0))
    overall_quantity, overall_price = reference(quantities), reference(prices[priced])
    flagged_ids = []
    for start, stop in _product_slices(table[:, 1]):
        groups, part = table[start:stop, 1], slice(start, stop)
        flagged = robust_outliers(groups, quantities[part], True, overall_quantity)
        has_price = priced[part]
        flagged[has_price] |= robust_outliers(
            groups[has_price], prices[part][has_price], False, overall_price
        )
        flagged_ids.append(table[start:stop, 0][flagged].astype(np.int64))
    _write_flags(
        connection, table[:, 0].astype(np.int64), np.concatenate(flagged_ids), first_fresh_id
    )


def _product_slices(sorted_products: np.ndarray, size: int = _SLICE) -> list[tuple[int, int]]:
    """Consecutive (start, stop) ranges of about ``size`` rows that never split a product."""
    starts = np.flatnonzero(np.r_[True, sorted_products[1:] != sorted_products[:-1]])
    targets = np.arange(0, sorted_products.size, size)
    cuts = starts[np.searchsorted(starts, targets, side="right") - 1]  # the product's first row
    return list(pairwise([*np.unique(cuts).tolist(), int(sorted_products.size)]))


def _write_flags(
    connection: Connection, checked: np.ndarray, flagged: np.ndarray, first_fresh_id: int
) -> None:
    """Set the new flags and clear the ones that no longer hold; untouched rows are not written.

    Lines from ``first_fresh_id`` on were inserted unflagged by this batch, so only older lines
    are read back (a range of the primary key, not a scan of every line).
    """
    already = np.fromiter(
        connection.execute(
            select(LINES.c.id).where(LINES.c.id < first_fresh_id, LINES.c.is_outlier.is_(True))
        ).scalars(),
        dtype=np.int64,
    )
    if already.size:  # membership tests, not set operations: those sort all checked ids
        newly_flagged = flagged[~np.isin(flagged, already)]
        no_longer = already[np.isin(already, checked) & ~np.isin(already, flagged)]
    else:
        newly_flagged, no_longer = flagged, already
    statement = (
        update(LINES).where(LINES.c.id == bindparam("line_id")).values(is_outlier=bindparam("flag"))
    )
    changes = [{"line_id": int(i), "flag": True} for i in newly_flagged]
    changes += [{"line_id": int(i), "flag": False} for i in no_longer]
    if changes:
        connection.execute(statement, changes)


def _stored_lines(connection: Connection, ids: list[int], before_id: int) -> list[np.ndarray]:
    """Product lines stored before this batch, for the products it touched.

    When the batch touched most of the shop's products (a re-import, an overlapping export), the
    older lines are read in one pass in id order; otherwise the touched products' lines are
    looked up by product.
    """
    if not fetch_all(connection, f"SELECT 1 FROM {LINES.name} WHERE id < ? LIMIT 1", (before_id,)):
        return []
    if touches_most_products(connection, len(ids)):
        return list(_older_lines_scanned(connection, np.asarray(ids, dtype=np.float64), before_id))
    parts = []
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        rows = fetch_all(
            connection,
            f"SELECT {_COLUMNS} FROM {LINES.name} "
            f"WHERE product_id IN ({', '.join('?' for _ in chunk)}) AND {_PRODUCT_LINE} AND id < ?",
            [*chunk, before_id],
        )
        parts.append(_as_table(rows))
    return parts


def _older_lines_scanned(
    connection: Connection, ids: np.ndarray, before_id: int
) -> Iterator[np.ndarray]:
    """The touched products' lines below ``before_id``, read in slices of the id range."""
    for low in range(0, before_id, _SLICE):
        rows = fetch_all(
            connection,
            f"SELECT {_COLUMNS} FROM {LINES.name} WHERE id >= ? AND id < ? "
            f"AND product_id IS NOT NULL AND {_PRODUCT_LINE}",
            (low, min(low + _SLICE, before_id)),
        )
        table = _as_table(rows)
        yield table[np.isin(table[:, 1], ids)]


def _as_table(rows: list[tuple[Any, ...]]) -> np.ndarray:
    """(id, product, quantity, price) rows as one float array, without a Python loop."""
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.float64, count=4 * len(rows))
    return flat.reshape(-1, 4)
