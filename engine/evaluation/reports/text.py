"""Bytes to table rows for report files, reusing the importers' encoding and delimiter detection.

Google's UI export is UTF-8 with commas; its "Excel CSV" flavour is UTF-16 with tabs; Meta's
exports are UTF-8, sometimes with a BOM, and localized spreadsheets re-save with semicolons.
Excel workbooks (Meta's default export) are handed to :mod:`.workbook`; anything else that is
not text (an image, a PDF, an old .xls, random bytes) is refused with a sentence saying so.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from engine.evaluation.reports.model import ReportError
from engine.importers.encoding import SAMPLE_BYTES, binary_reason, detect_encoding
from engine.importers.reading import detect_delimiter

ZIP_MAGIC = b"PK\x03\x04"


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
    encoding, _evidence = detect_encoding(data[:SAMPLE_BYTES])
    reason = binary_reason(data[:SAMPLE_BYTES], encoding)
    if reason:
        raise ReportError(f"{file_name}: this is not a text report: it holds {reason}.")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        raise ReportError(
            f"{file_name}: byte {error.start} is not valid {encoding}; the file may be damaged."
        ) from None


def read_table(path: Path) -> tuple[TextTable, bytes]:
    """Read a report file into rows of cells (and return its bytes for hashing)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError(f"{path.name}: cannot read the file ({error.strerror}).") from None
    if data.startswith(ZIP_MAGIC):
        from engine.evaluation.reports.workbook import read_workbook

        return read_workbook(data, path.name), data
    text, encoding = decode(data, path.name)
    delimiter, _evidence = detect_delimiter(text[:SAMPLE_BYTES])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ReportError(
            f"{path.name}: the CSV is broken ({error}); the file may be truncated."
        ) from None
    return TextTable(rows=rows, encoding=encoding, delimiter=delimiter), data
