"""Bytes to table rows: encoding, delimiter and CSV splitting for report files.

Google's UI export is UTF-8 with commas; its "Excel CSV" flavour is UTF-16 with tabs; Meta's
exports are UTF-8, sometimes with a BOM, and localized spreadsheets re-save with semicolons.
Excel workbooks (Meta's default export) are handed to :mod:`.workbook`; anything else that is
not text (an image, a PDF, an old .xls) is refused here with a sentence saying so.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from engine.evaluation.reports.model import ReportError

DELIMITERS = ("\t", ",", ";")
_SNIFF_ROWS = 40
_MAGIC_BINARY = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls file (save it as CSV first)",
    b"SQLite format 3": "a database file",
}


@dataclass(slots=True)
class TextTable:
    """The file's rows as lists of cells, with how they were read."""

    rows: list[list[str]]
    encoding: str
    delimiter: str


def decode(data: bytes, file_name: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; refuse empty and binary files with a clear reason."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReportError(f"{file_name}: the file is empty.")
    for magic, what in _MAGIC_BINARY.items():
        if data.startswith(magic):
            raise ReportError(f"{file_name}: this is {what}, not a CSV report.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", file_name), "utf-8-sig"
    if _looks_utf16le(data):
        return _strict(data, "utf-16-le", file_name), "utf-16-le"
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _guess(data, file_name)
    _refuse_binary(text, file_name)
    return text, encoding


def _looks_utf16le(data: bytes) -> bool:
    sample = data[:400]
    return len(sample) >= 4 and sample[1::2].count(0) > 0.6 * len(sample[1::2])


def _strict(data: bytes, encoding: str, file_name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReportError(
            f"{file_name}: byte {error.start} is not valid {encoding}; the file may be damaged."
        ) from None
    _refuse_binary(text, file_name)
    return text


def _guess(data: bytes, file_name: str) -> tuple[str, str]:
    """Non-UTF-8 text: let charset-normalizer pick (GBK, cp1252...), refusing what it cannot."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ReportError(f"{file_name}: this is not a text file (no known encoding fits).")
    encoding = best.encoding
    return data.decode(encoding, errors="strict"), encoding


def _refuse_binary(text: str, file_name: str) -> None:
    sample = text[:4000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    if "\x00" in sample or control > max(3, len(sample) // 50):
        raise ReportError(f"{file_name}: this is not a text file (it holds binary data).")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same, largest number of cells.

    Title and date lines have one cell whatever the delimiter, so consistency is measured over
    lines that split at all; a tab file with `1,234` numbers still wins as tab because commas
    would give ragged rows.
    """
    lines = text.splitlines()[:_SNIFF_ROWS]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


def read_table(path: Path) -> tuple[TextTable, bytes]:
    """Read a report file into rows of cells (and return its bytes for hashing)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError(f"{path.name}: cannot read the file ({error.strerror}).") from None
    if data.startswith(b"PK\x03\x04"):
        from engine.evaluation.reports.workbook import read_workbook

        return read_workbook(data, path.name), data
    text, encoding = decode(data, path.name)
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ReportError(
            f"{path.name}: the CSV is broken ({error}); the file may be truncated."
        ) from None
    return TextTable(rows=rows, encoding=encoding, delimiter=delimiter), data
