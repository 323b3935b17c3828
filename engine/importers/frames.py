"""Read a plain one-record-per-line CSV in big blocks with pandas' C parser, numbered exactly.

The row reader (:class:`~engine.importers.reading.Table`, the csv module) copes with every oddity
of real exports but costs a few microseconds of Python per row. Most big exports have none of
those oddities, and for them this reader yields the very same rows with the very same numbers
at C speed: it decodes a block of bytes with the same decoder, splits it into physical lines,
and lets pandas tokenise the block as text columns. A record is then exactly one line, so its
number is its line number and its raw text is the line (looked up only for rejected rows).

Whenever a block holds something the row reader treats specially (a record spanning lines, a
lone carriage return, a row narrower or wider than the header, a NUL byte, an enormous line),
:class:`FrameUnsuitable` is raised: the caller rolls its transaction back and imports the file
row by row instead. Blank rows and footers are dropped exactly as the row reader drops them.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from engine.importers.encoding import DECODE_ERRORS, open_bytes
from engine.importers.reading import (
    MAX_FIELD_CHARS,
    RAW_TEXT_LIMIT,
    Row,
    TableLayout,
    is_footer,
    normalise_header_cell,
)
from engine.importers.records import SourceRow
from engine.importers.spreadsheet import WORKBOOK
from engine.progress import CancelToken

_IS_SPACE = np.frompyfunc(str.isspace, 1, 1)  # a C loop over the cells, no Python bytecode
BLOCK_BYTES = 4 << 20  # ~45,000 UCI lines: pandas' per-call cost vanishes, memory stays small


class FrameUnsuitable(Exception):
    """The file needs the row reader; the message says what was found, for the log."""


@dataclass
class Frame:
    """A block of data rows: text cells by column position, record numbers and raw lines."""

    cells: pd.DataFrame  # columns 0..width-1, every cell a str ("" when empty)
    numbers: np.ndarray  # int64 record number of each row, as the row reader numbers them
    lines: list[str]  # the raw text of each row (no line break)
    file_name: str

    def __len__(self) -> int:
        return len(self.numbers)

    def source(self, position: int) -> SourceRow:
        raw = self.lines[position][:RAW_TEXT_LIMIT]
        return SourceRow(int(self.numbers[position]), raw, self.file_name)

    @cached_property
    def _columns(self) -> list[np.ndarray]:
        """The cells column by column (not one 2-D copy of the block: few rows are wanted)."""
        return [self.cells[column].to_numpy() for column in self.cells.columns]

    def rows(self, positions: np.ndarray) -> list[Row]:
        """The rows at ``positions`` as the row reader yields them: (cells, SourceRow)."""
        picked = zip(*(column[positions] for column in self._columns), strict=True)
        return [
            (list(cells), self.source(position))
            for cells, position in zip(picked, positions.tolist(), strict=True)
        ]

    def part(self, start: int, stop: int) -> Frame:
        cells = self.cells.iloc[start:stop].reset_index(drop=True)
        return Frame(cells, self.numbers[start:stop], self.lines[start:stop], self.file_name)

    def then(self, later: Frame) -> Frame:
        """This frame followed by ``later`` (rows carried over from the previous block)."""
        cells = pd.concat([self.cells, later.cells], ignore_index=True)
        numbers = np.concatenate([self.numbers, later.numbers])
        return Frame(cells, numbers, self.lines + later.lines, self.file_name)


class FrameReader:
    """One CSV file as a stream of :class:`Frame` blocks; ``rows_in`` counts data rows read."""

    def __init__(
        self, layout: TableLayout, cancel: CancelToken | None = None, block_bytes: int | None = None
    ) -> None:
        if layout.encoding == WORKBOOK:
            raise FrameUnsuitable("a workbook is read row by row")
        self.layout = layout
        self.name = layout.path.name
        self.width = len(layout.header)
        self.cancel = cancel
        self.block_bytes = block_bytes or BLOCK_BYTES
        self.rows_in = 0
        self.total_bytes = max(layout.path.stat().st_size, 1)
        self.bytes_read = 0

    def __iter__(self) -> Iterator[Frame]:
        layout = self.layout
        errors = DECODE_ERRORS if layout.encoding.startswith("utf-8") else "replace"
        decoder = codecs.getincrementaldecoder(layout.encoding)(errors=errors)
        numbered = 0  # record number of the last line handed out (or skipped as the header)
        pending = ""
        with open_bytes(layout.path) as (handle, binary):
            while True:
                if self.cancel is not None:
                    self.cancel.check()
                data = binary.read(self.block_bytes)
                self.bytes_read = handle.tell()
                text = pending + decoder.decode(data, final=not data)
                if data:
                    cut = text.rfind("\n") + 1
                    text, pending = text[:cut], text[cut:]
                    if len(pending) > MAX_FIELD_CHARS:
                        raise FrameUnsuitable("a line longer than any export's row")
                if text:
                    if numbered == 0:
                        text = self._after_header(text)
                        numbered = layout.header_row
                    frame = self._parse(text, numbered)
                    numbered += frame.lines_read
                    if len(frame.frame):
                        self.rows_in += len(frame.frame)
                        yield frame.frame
                if not data:
                    return

    def _after_header(self, text: str) -> str:
        """The first block without the lines up to the header, which must be the sniffed one."""
        start = 0
        for _ in range(self.layout.header_row - 1):
            start = text.find("\n", start) + 1
            if start == 0:
                raise FrameUnsuitable("the header is not within the first block")
        end = text.find("\n", start)
        header_line = text[start:] if end < 0 else text[start:end]
        cells = next(csv.reader([header_line.rstrip("\r")], delimiter=self.layout.delimiter), [])
        if [normalise_header_cell(cell) for cell in cells] != self.layout.header:
            raise FrameUnsuitable("the lines before the header are not one record each")
        return "" if end < 0 else text[end + 1 :]

    def _parse(self, text: str, numbered: int) -> _Parsed:
        if "\x00" in text:
            raise FrameUnsuitable("a NUL character")
        if "\r" in text:
            if text.count("\r") != text.count("\r\n"):
                raise FrameUnsuitable("a carriage return that does not end a line")
            text = text.replace("\r\n", "\n")
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        if not lines:
            return _Parsed(self._frame(pd.DataFrame(), np.zeros(0, np.int64), []), 0)
        if max(map(len, lines)) > MAX_FIELD_CHARS:
            raise FrameUnsuitable("a line longer than any export's row")
        cells = self._tokenise(text)
        if len(cells) != len(lines):
            raise FrameUnsuitable("a record that spans several lines")
        if (cells[self.width] != "").any():
            raise FrameUnsuitable("a row wider than the header")
        keep = self._data_rows(cells, lines)
        read = len(lines)
        numbers = np.arange(numbered + 1, numbered + 1 + read, dtype=np.int64)
        cells = cells.drop(columns=self.width)
        if keep is not None:
            cells = cells[keep].reset_index(drop=True)
            numbers = numbers[keep]
            lines = [line for line, kept in zip(lines, keep.tolist(), strict=True) if kept]
        return _Parsed(self._frame(cells, numbers, lines), read)

    def _frame(self, cells: pd.DataFrame, numbers: np.ndarray, lines: list[str]) -> Frame:
        return Frame(cells, numbers, lines, self.name)

    def _tokenise(self, text: str) -> pd.DataFrame:
        """Every line as ``width + 1`` text columns; the extra one catches too wide rows."""
        try:
            return pd.read_csv(  # bytes: pandas tokenises UTF-8 bytes faster than a str stream
                io.BytesIO(text.encode("utf-8")), encoding="utf-8", sep=self.layout.delimiter,
                header=None, names=range(self.width + 1), index_col=False, dtype=object,
                na_filter=False, skip_blank_lines=False, engine="c", quotechar='"',
                doublequote=True,
            )  # fmt: skip
        except (pd.errors.ParserError, ValueError, UnicodeError) as error:
            raise FrameUnsuitable(f"pandas could not tokenise a block ({error})") from None

    def _data_rows(self, cells: pd.DataFrame, lines: list[str]) -> np.ndarray | None:
        """Which rows are data; None when all are. Blank rows and footers are not data.

        pandas pads a narrow row with empty cells, so rows whose first cell is blank or whose
        last cell is empty are re-read with the csv module, as the row reader reads them.
        """
        first, last = cells[0].to_numpy(), cells[self.width - 1].to_numpy()
        suspect = (last == "") | (first == "") | _IS_SPACE(first).astype(bool)
        if not suspect.any():
            return None
        keep = np.ones(len(cells), dtype=bool)
        for position in np.flatnonzero(suspect).tolist():
            row = next(csv.reader([lines[position]], delimiter=self.layout.delimiter), [])
            if not any(cell.strip() for cell in row) or is_footer(row):
                keep[position] = False
            elif len(row) < self.width or any(cell.strip() for cell in row[self.width :]):
                raise FrameUnsuitable(f"a row of {len(row)} columns; the header has {self.width}")
        return keep


@dataclass
class _Parsed:
    frame: Frame
    lines_read: int
