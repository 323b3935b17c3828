"""A block of order lines in columns: what a format's vectorised parser hands the bulk loader.

The row parsers build one :class:`~engine.importers.records.OrderRecord` and one
:class:`~engine.importers.records.LineRecord` per row, which is most of an import's cost on a big
one-row-per-line export. A :class:`LineBlock` holds the same facts for a whole block of rows as
arrays: one entry per line, one per order (a run of consecutive rows with the same order
number) and one per distinct (SKU, title) pair, which is what products and line keys depend on.

Orders the vectorised parser cannot settle by itself (an unreadable date, a cell that needs the
slow number parser, a line that the cleaning rules may reject) are marked ``needs_rows``: the
loader hands their rows to the format's row parser, so every rejection keeps the row parser's
reason and row number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

import numpy as np
import pandas as pd

from engine.importers import identity
from engine.importers.frames import Frame
from engine.importers.reading import Row, Table
from engine.importers.records import CustomerRecord, OrderRecord, RowProblem

if TYPE_CHECKING:  # the formats package imports this module
    from engine.importers.formats.base import ParseContext

Output = OrderRecord | RowProblem
T = TypeVar("T")


@dataclass
class LineBlock:
    """One block's orders and lines in columns (line ``i`` is row ``i`` of the frame)."""

    frame: Frame
    platform: str
    # one entry per order (a run of rows), in file order
    starts: np.ndarray
    keys: list[str]  # the order number as stored (trimmed, capped)
    placed_at: list[datetime | None]
    customers: list[CustomerRecord | None]
    currencies: list[str | None]
    countries: list[str | None]
    order_cancelled: np.ndarray
    needs_rows: np.ndarray  # bool: the row parser and the row-by-row writer take this order
    # one entry per line
    titles: list[str]
    skus: list[str | None]
    quantities: np.ndarray  # positive; cancellations are in ``line_cancelled``
    prices: np.ndarray
    line_cancelled: np.ndarray
    line_doubtful: np.ndarray  # bool: the cleaning rules or the slow number parser must decide
    pair_of_line: np.ndarray  # index into the pair arrays below
    # one entry per distinct (SKU, title), first occurrence first
    pair_first_line: np.ndarray
    pair_non_product: np.ndarray
    # computed on first use by ``line_keys``
    _suffixes: list[str] | None = field(default=None, init=False, repr=False)
    _first_keys: np.ndarray | None = field(default=None, init=False, repr=False)
    _occurrence: np.ndarray | None = field(default=None, init=False, repr=False)

    @property
    def order_count(self) -> int:
        return len(self.keys)

    def bounds(self) -> np.ndarray:
        """Order ``k`` holds lines ``bounds[k]:bounds[k + 1]``."""
        return np.append(self.starts, len(self.frame))

    def order_of_line(self) -> np.ndarray:
        return np.repeat(np.arange(self.order_count), np.diff(self.bounds()))

    def line_keys(self, lines: np.ndarray) -> list[str]:
        """The stored line key of each of ``lines`` (k-th line of its order with its SKU and
        title; see :func:`~engine.importers.identity.line_key`).

        Almost every line is the first of its kind in its order, so each pair's first key is
        built once and shared; only the repeats get a text of their own.
        """
        suffixes = self._suffix_of_pair()
        if self._first_keys is None:
            first_keys = identity.occurrence_keys([0] * len(suffixes), suffixes)
            self._first_keys = np.array(first_keys, dtype=object)
        keys = self._first_keys[self.pair_of_line[lines]]
        occurrences = self._occurrences()[lines]
        repeats = np.flatnonzero(occurrences)
        if repeats.size:
            repeat_suffixes = [suffixes[p] for p in self.pair_of_line[lines[repeats]].tolist()]
            keys[repeats] = identity.occurrence_keys(occurrences[repeats].tolist(), repeat_suffixes)
        return keys.tolist()

    def line_suffixes(self, lines: np.ndarray) -> list[str]:
        """The :func:`~engine.importers.identity.key_suffix` (SKU, title) of each of ``lines``."""
        suffixes = self._suffix_of_pair()
        return [suffixes[pair] for pair in self.pair_of_line[lines].tolist()]

    def _suffix_of_pair(self) -> list[str]:
        if self._suffixes is None:
            self._suffixes = [
                identity.key_suffix(self.skus[first], self.titles[first])
                for first in self.pair_first_line.tolist()
            ]
        return self._suffixes

    def _occurrences(self) -> np.ndarray:
        """For every line, how many earlier lines of its order have the same key suffix.

        Pairs are exact (SKU, title) texts; two pairs may share a suffix (a title that differs
        only in spaces or case), so lines are grouped by suffix, as the row path counts them.
        """
        if self._occurrence is None:
            suffix_codes, _ = pd.factorize(np.asarray(self._suffix_of_pair(), dtype=object))
            suffix_of_line = suffix_codes[self.pair_of_line]
            order_of_line = self.order_of_line()
            ordered = np.lexsort((np.arange(len(order_of_line)), suffix_of_line, order_of_line))
            group_start = np.ones(ordered.size, dtype=bool)
            group_start[1:] = (np.diff(order_of_line[ordered]) != 0) | (
                np.diff(suffix_of_line[ordered]) != 0
            )
            starts = np.flatnonzero(group_start)
            rank = np.arange(ordered.size) - np.repeat(
                starts, np.diff(np.append(starts, ordered.size))
            )
            self._occurrence = np.empty(ordered.size, dtype=np.int64)
            self._occurrence[ordered] = rank
        return self._occurrence

    def rows_of(self, order: int) -> list[Row]:
        bounds = self.bounds()
        return self.frame.rows(np.arange(bounds[order], bounds[order + 1]))


@runtime_checkable
class BlockParser(Protocol):
    """A format that can parse a :class:`~engine.importers.frames.Frame` in columns."""

    platform: str

    def context(self, table: Table) -> ParseContext: ...

    def reads_blocks(self, context: ParseContext) -> bool:
        """False when this file has something only the row parser keeps (unknown columns)."""
        ...

    def group_column(self, context: ParseContext) -> int: ...

    def parse_block(self, frame: Frame, context: ParseContext) -> LineBlock: ...

    def parse_rows(self, rows: Iterable[Row], context: ParseContext) -> Iterator[Output]: ...


def run_starts(values: np.ndarray) -> np.ndarray:
    """Positions where a run of equal consecutive values begins (always includes 0)."""
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    changed = np.ones(values.size, dtype=bool)
    changed[1:] = values[1:] != values[:-1]
    return np.flatnonzero(changed)


def floats(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``float(cell)`` for every text cell (Python's own rules), and where that failed.

    The whole column is converted in C when every cell is plain; otherwise cell by cell, and
    the cells that failed are NaN with ``failed`` set, for the slow, locale-aware parser.
    """
    try:
        return values.astype(np.float64), np.zeros(values.size, dtype=bool)
    except (ValueError, TypeError):
        pass
    result = np.empty(values.size, dtype=np.float64)
    failed = np.zeros(values.size, dtype=bool)
    for index, text in enumerate(values.tolist()):
        try:
            result[index] = float(text)
        except ValueError:
            result[index], failed[index] = np.nan, True
    return result, failed


def each_distinct(values: np.ndarray, clean: Callable[[str], T]) -> list[T]:
    """``[clean(v) for v in values]``, calling ``clean`` once per distinct value (a shop's
    titles repeat: 540,000 lines, 4,000 titles)."""
    codes, distinct = pd.factorize(values)
    return np.array([clean(value) for value in distinct], dtype=object)[codes].tolist()


def distinct_pairs(skus: list[str | None], titles: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each line its (SKU, title) pair's index, and each pair's first line, first seen first."""
    sku_codes, _ = pd.factorize(np.asarray(skus, dtype=object))  # None is -1
    title_codes, title_values = pd.factorize(np.asarray(titles, dtype=object))
    combined = (sku_codes.astype(np.int64) + 1) * (len(title_values) + 1) + title_codes
    codes, _ = pd.factorize(combined)  # numbered in order of first appearance
    _, first = np.unique(codes, return_index=True)
    return codes.astype(np.int64), first
