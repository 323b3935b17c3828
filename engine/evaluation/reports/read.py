"""Which platform wrote this file, and read it with that platform's reader.

The header may sit on line 1 (Meta) or under a title and date line (Google), so the first few
lines are each tried as a header against each platform's column names. A file that matches
neither gets an error saying what it looks like instead (a shop's order export, say).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from engine.evaluation.reports import google, meta
from engine.evaluation.reports.headers import GOOGLE, META, Aliases, map_columns, normalise
from engine.evaluation.reports.model import ParsedReport, ReportError
from engine.evaluation.reports.text import TextTable, read_table

_HEADER_SEARCH_ROWS = 10
Reader = Callable[[TextTable, int, str, str], ParsedReport]
PLATFORMS: tuple[tuple[str, Aliases, tuple[tuple[str, ...], ...], Reader], ...] = (
    ("meta", META, meta.REQUIRED, meta.read_meta),
    ("google", GOOGLE, google.REQUIRED, google.read_google),
)
_OTHER_FILES = {
    "lineitem name": "a Shopify orders export (import it with the order importer instead)",
    "order #": "a WooCommerce orders export (import it with the order importer instead)",
    "sale date": "an Etsy orders export (import it with the order importer instead)",
    "amazon-order-id": "an Amazon orders report (import it with the order importer instead)",
    "订单编号": "a Taobao orders export (import it with the order importer instead)",
    "headline 1": "a Google Ads Editor upload file, not a performance report",
}


def sniff_platform(table: TextTable, file_name: str) -> tuple[str, int, Reader]:
    """``(platform, header_index, reader)`` for the first line that reads as a report header."""
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        for platform, aliases, required, reader in PLATFORMS:
            columns, _currency = map_columns([cell.strip() for cell in row], aliases)
            if all(any(field in columns for field in group) for group in required):
                return platform, index, reader
    raise ReportError(f"{file_name}: {_what_it_looks_like(table)}")


def _what_it_looks_like(table: TextTable) -> str:
    seen = {normalise(cell) for row in table.rows[:_HEADER_SEARCH_ROWS] for cell in row}
    for marker, what in _OTHER_FILES.items():
        if marker in seen:
            return f"this looks like {what}."
    first = next(
        (" | ".join(c for c in row if c.strip())[:120] for row in table.rows if any(row)), ""
    )
    return (
        "this is not a Google Ads or Meta Ads Manager performance report (no line has the "
        f"columns Campaign/Impr./Clicks/Cost or Campaign name/Amount spent). First line: {first!r}"
    )


def read_report(path: Path) -> ParsedReport:
    """Read a Google Ads or Meta Ads Manager report file; raise :class:`ReportError` if unfit."""
    table, data = read_table(path)
    _platform, header_index, reader = sniff_platform(table, path.name)
    return reader(table, header_index, path.name, hashlib.sha256(data).hexdigest())
