"""Turn a shop's export file into rows: encoding, delimiter, header row, and streaming records.

Knows nothing about platforms. :func:`detect_layout` looks at the first ~256 KB once; a
:class:`Table` then streams the whole file with the csv module, numbering each record the way a
spreadsheet shows it and keeping its raw text, so any row a parser cannot use is reported with
its number and content instead of being dropped. Memory stays bounded whatever the file holds: a
physical line longer than :data:`MAX_LINE_CHARS` is skipped in chunks, never read whole.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from engine.importers.encoding import (
    DECODE_ERRORS,
    SAMPLE_BYTES,
    binary_reason,
    detect_encoding,
    open_bytes,
    read_sample,
)
from engine.importers.records import RowProblem, SourceRow
from engine.importers.spreadsheet import WORKBOOK, WorkbookError, is_workbook, open_sheet
from engine.progress import CancelToken

MAX_FIELD_CHARS = 1_000_000  # no real cell is longer; a bigger one is a broken or hostile file
MAX_LINE_CHARS = 2_000_000
RAW_TEXT_LIMIT = 2_000  # raw text kept per record, enough to show a rejected row
PREVIEW_ROWS = 20
DELIMITERS = (",", "\t", ";", "|")

csv.field_size_limit(MAX_FIELD_CHARS)

_FOOTER_RE = re.compile(
    r"^\s*(\d[\d,]*\s+record\(?s?\)?\s+downloaded|seller id\s*:|total:|totals?\b)", re.IGNORECASE
)


class ImportFormatError(ValueError):
    """Nothing can be read from the file(s); the message tells the shop owner why and what to do."""


# ---------------------------------------------------------------- layout


@dataclass
class TableLayout:
    """How to read one file: everything :func:`detect_layout` decided, with the reasons."""

    path: Path
    encoding: str
    delimiter: str
    header_row: int  # 1-based row number (as a spreadsheet shows it) of the header
    header: list[str]
    preview: list[list[str]]  # the first data rows, shown by the wizard
    evidence: list[str] = field(default_factory=list)
    whole_file_sampled: bool = False  # the sample held the whole file
    rows_after_header: int = 0  # non-blank, non-footer rows after the header in the sample
    samples: list[list[str]] = field(default_factory=list)  # every data row of the sample


def detect_layout(path: Path) -> TableLayout:
    """Decide encoding, delimiter and header row from the start of the file."""
    sample = read_sample(path)
    if not sample.strip():
        raise ImportFormatError(f"{path.name} is empty: there is nothing to import.")
    if is_workbook(path, sample):
        return _workbook_layout(path)
    encoding, encoding_evidence = detect_encoding(sample)
    reason = binary_reason(sample, encoding)
    if reason:
        raise ImportFormatError(
            f"{path.name} is not a CSV or text export: it looks like {reason}. "
            "Export the orders from your shop as CSV and choose that file."
        )
    complete = len(sample) < SAMPLE_BYTES
    text = _decode_sample(sample, encoding, complete=complete)
    delimiter, delimiter_evidence = detect_delimiter(text)
    rows = _sample_rows(text, delimiter)
    if not any(any(c.strip() for c in cells) for _, cells in rows):
        raise ImportFormatError(
            f"{path.name} has no readable rows in its first {SAMPLE_BYTES // 1024} KB "
            "(the first line is longer than any CSV export's header)."
        )
    layout = TableLayout(path, encoding, delimiter, 0, [], [], [encoding_evidence])
    layout.evidence.append(delimiter_evidence)
    layout.whole_file_sampled = complete
    return _with_header(layout, rows)


def _workbook_layout(path: Path) -> TableLayout:
    try:
        with open_sheet(path) as (sheet_rows, title, size):
            rows = list(zip(range(1, 201), sheet_rows, strict=False))
    except WorkbookError as error:
        raise ImportFormatError(str(error)) from None
    if not any(any(c.strip() for c in cells) for _, cells in rows):
        raise ImportFormatError(f"{path.name}: the first sheet ({title}) is empty.")
    layout = TableLayout(path, WORKBOOK, "", 0, [], [], [f"Excel workbook, sheet {title!r}"])
    layout.whole_file_sampled = size <= len(rows)
    return _with_header(layout, rows)


def _with_header(layout: TableLayout, rows: list[tuple[int, list[str]]]) -> TableLayout:
    """Fill in the header row, the preview and their evidence from the sample rows."""
    header_index = find_header(rows)
    header_row, header = rows[header_index]
    layout.header_row = header_row
    layout.header = [normalise_header_cell(cell) for cell in header]
    skipped = [number for number, cells in rows[:header_index] if any(c.strip() for c in cells)]
    if header_row > 1:
        what = f"{len(skipped)} title line(s) skipped" if skipped else "blank line(s) skipped"
        layout.evidence.append(f"header on line {header_row} ({what})")
    else:
        layout.evidence.append("header on line 1")
    after = [
        c for _, c in rows[header_index + 1 :] if any(x.strip() for x in c) and not is_footer(c)
    ]
    width = len(header)
    layout.samples = [  # only rows the table will yield as data rows (the header's width)
        cells[:width] for cells in after if len(cells) >= width and not any(cells[width:])
    ]
    layout.preview = layout.samples[:PREVIEW_ROWS]
    layout.rows_after_header = len(after)
    return layout


def _decode_sample(sample: bytes, encoding: str, *, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(sample, final=complete)
    if not complete and "\n" in text:
        text = text[: text.rfind("\n") + 1]  # drop the partial last line
    return text.replace("\r\n", "\n")


def detect_delimiter(text: str) -> tuple[str, str]:
    """The delimiter whose rows agree best on a column count (ties go to the earlier one)."""
    best: tuple[int, int, str] = (0, 0, ",")
    for delimiter in DELIMITERS:
        widths = Counter(len(cells) for _, cells in _sample_rows(text, delimiter) if len(cells) > 1)
        if widths:
            width, rows = widths.most_common(1)[0]
            if (rows, width) > best[:2]:
                best = (rows, width, delimiter)
    names = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
    rows, width, delimiter = best
    return delimiter, f"{names[delimiter]}-separated ({width} columns on {rows} sample rows)"


def _sample_rows(text: str, delimiter: str, limit: int = 200) -> list[tuple[int, list[str]]]:
    """The first rows of the sample with their spreadsheet row numbers (1-based)."""
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            rows.append((number, cells))
            if len(rows) >= limit:
                break
    except csv.Error:
        pass  # a damaged sample row: decide from the rows before it
    return rows


def find_header(rows: list[tuple[int, list[str]]]) -> int:
    """Index of the header: the first row as wide as the table whose cells are mostly filled.

    Title and date lines (Google Ads), a leading blank line (eBay) and Microsoft's
    ``Format Version`` row are narrower or emptier than the header, so they are skipped.
    """
    widths = Counter(len(cells) for _, cells in rows if len(cells) > 1)
    if not widths:
        return next(i for i, (_, cells) in enumerate(rows) if any(c.strip() for c in cells))
    width = widths.most_common(1)[0][0]
    for index, (_, cells) in enumerate(rows):
        filled = sum(1 for cell in cells if cell.strip())
        if len(cells) >= width * 0.8 and filled >= max(2, width * 0.5):
            return index
    for index, (_, cells) in enumerate(rows):
        if len(cells) == width:
            return index
    return 0


def is_footer(cells: list[str]) -> bool:
    """`3 record(s) downloaded`, `Seller ID : x`, `Total: …` alone on a row: not data."""
    filled = [cell for cell in cells if cell.strip()]
    return len(filled) == 1 and _FOOTER_RE.match(filled[0]) is not None


def normalise_header_cell(cell: str) -> str:
    """A header cell without BOM, protection quote or surrounding spaces."""
    return cell.replace("\ufeff", "").strip().lstrip("'").strip()


# ---------------------------------------------------------------- streaming

Row = tuple[list[str], SourceRow]


class _OverlongLine(Exception):
    """A physical line longer than :data:`MAX_LINE_CHARS`; its rest was skipped, not read."""


def _physical_lines(text: io.TextIOBase, consumed: list[str], ended: list[bool]) -> Iterator[str]:
    """Lines for the csv reader, remembering them so each record keeps its raw text."""
    readline = text.readline
    append = consumed.append
    while line := readline(MAX_LINE_CHARS):
        if len(line) == MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            append(line[:RAW_TEXT_LIMIT])
            while (rest := readline(MAX_LINE_CHARS)) and not rest.endswith(("\n", "\r")):
                pass
            raise _OverlongLine
        append(line)
        yield line
    ended[0] = True


def _replayed_lines(lines: list[str], consumed: list[str], ended: list[bool]) -> Iterator[str]:
    """Lines already read once, fed to a fresh reader after a quote that never closed."""
    ended[0] = False
    for line in lines:
        consumed.append(line)
        yield line
    ended[0] = True


class Table:
    """One file, streamed as ``(cells, SourceRow)`` pairs or :class:`RowProblem` for broken rows.

    Blank rows and footers (`3 record(s) downloaded`, `Seller ID : x`) are not data and are not
    counted; every other record after the header is counted in :attr:`rows_in` and comes out
    exactly once, as a row or as a problem.
    """

    def __init__(self, layout: TableLayout, cancel: CancelToken | None = None) -> None:
        self.layout = layout
        self.path = layout.path
        self.name = layout.path.name
        self.header = layout.header
        self.cancel = cancel
        self.rows_in = 0
        self.total_bytes = max(layout.path.stat().st_size, 1)
        self._position = lambda: 0

    @property
    def bytes_read(self) -> int:
        return self._position()

    def __iter__(self) -> Iterator[Row | RowProblem]:
        if self.layout.encoding == WORKBOOK:
            yield from self._sheet_records()
            return
        with open_bytes(self.path) as (handle, binary):
            self._position = handle.tell
            errors = DECODE_ERRORS if self.layout.encoding.startswith("utf-8") else "replace"
            text = io.TextIOWrapper(
                binary, encoding=self.layout.encoding, errors=errors, newline=""
            )
            try:
                yield from self._records(text)
            finally:  # finished, failed or cancelled: progress stays readable after closing
                reached = self.total_bytes if handle.read(1) == b"" else handle.tell()
                self._position = lambda: reached

    def _records(self, text: io.TextIOWrapper) -> Iterator[Row | RowProblem]:
        width = len(self.header)
        header_row = self.layout.header_row
        name = self.name
        consumed: list[str] = []
        ended = [False]  # set by the line source once the file is exhausted
        number = 0
        reader = csv.reader(_physical_lines(text, consumed, ended), delimiter=self.layout.delimiter)
        while True:
            try:
                for cells in reader:
                    number += 1
                    if number <= header_row:
                        consumed.clear()
                        continue
                    if not number & 4095 and self.cancel is not None:
                        self.cancel.check()
                    if len(cells) == width and (cells[0].strip() or any(c.strip() for c in cells)):
                        raw = "".join(consumed)
                        consumed.clear()
                        self.rows_in += 1
                        yield cells, SourceRow(number, raw[:RAW_TEXT_LIMIT].rstrip("\r\n"), name)
                        continue
                    if ended[0] and len(consumed) > 1 and "".join(consumed).count('"') % 2:
                        yield self._unclosed_quote(number, consumed[0])
                        lines = consumed[1:]
                        consumed.clear()
                        reader = csv.reader(
                            _replayed_lines(lines, consumed, ended), delimiter=self.layout.delimiter
                        )
                        break
                    raw = "".join(consumed)[:RAW_TEXT_LIMIT]
                    consumed.clear()
                    if item := self._odd_row(cells, number, raw, width):
                        yield item
                else:
                    return
            except (csv.Error, _OverlongLine) as error:
                number += 1
                self.rows_in += 1
                raw = "".join(consumed)[:RAW_TEXT_LIMIT]
                consumed.clear()
                yield _unreadable(SourceRow(number, raw, name), error)
                reader = csv.reader(
                    _physical_lines(text, consumed, ended), delimiter=self.layout.delimiter
                )

    def _sheet_records(self) -> Iterator[Row | RowProblem]:
        """A workbook's rows; the raw text of a row is its cells joined by commas."""
        width = len(self.header)
        try:
            with open_sheet(self.path) as (rows, _, size):
                done = [0]  # rows read, for progress by share of the sheet
                self._position = lambda: self.total_bytes * done[0] // max(size, done[0], 1)
                for number, cells in enumerate(rows, start=1):
                    if number <= self.layout.header_row:
                        continue
                    if not number & 1023:
                        done[0] = number
                        if self.cancel is not None:
                            self.cancel.check()
                    raw = ",".join(cells)[:RAW_TEXT_LIMIT]
                    if len(cells) == width and any(c.strip() for c in cells):
                        self.rows_in += 1
                        yield cells, SourceRow(number, raw, self.name)
                    elif item := self._odd_row(cells, number, raw, width):
                        yield item
        except WorkbookError as error:
            raise ImportFormatError(str(error)) from None
        self._position = lambda: self.total_bytes

    def _unclosed_quote(self, number: int, line: str) -> RowProblem:
        """The first line of a record whose quote never closes; the lines after it are re-read.

        A stray `"` would otherwise swallow every later row into one cell. The last row of a
        file cut off mid-download looks the same, so the reason names both causes.
        """
        self.rows_in += 1
        source = SourceRow(number, line[:RAW_TEXT_LIMIT].rstrip("\r\n"), self.name)
        return RowProblem(
            source,
            'a quote (") opened in this row is never closed, so the row cannot be read; either '
            "the file was cut off while copying or downloading, or a value has a stray quote",
            code="truncated",
        )

    def _odd_row(
        self, cells: list[str], number: int, raw: str, width: int
    ) -> Row | RowProblem | None:
        """A row whose width differs from the header: blank, footer, padded, or a problem."""
        if not any(cell.strip() for cell in cells):
            return None
        if is_footer(cells):
            return None
        self.rows_in += 1
        source = SourceRow(number, raw.rstrip("\r\n"), self.name)
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            return cells[:width], source  # trailing empty cells a spreadsheet added
        if raw.count('"') % 2:
            return RowProblem(
                source, "the file ends in the middle of this row (a quote is never closed); "
                "the file was probably cut off while copying or downloading", code="truncated",
            )  # fmt: skip
        return RowProblem(
            source,
            f"this row has {len(cells)} columns but the header has {width}; a value may contain "
            "an unquoted separator or a line break",
            code="wrong_columns",
        )


def _unreadable(source: SourceRow, error: Exception) -> RowProblem:
    if isinstance(error, _OverlongLine) or "field larger" in str(error):
        reason = (
            f"this row holds a value longer than {MAX_FIELD_CHARS:,} characters, "
            "which no shop export contains; it was skipped"
        )
        return RowProblem(source, reason, code="too_long")
    return RowProblem(source, f"this row cannot be read as CSV ({error})", code="unreadable")
