"""The shape every report reader produces: rows with canonical metrics plus every original cell.

Readers never touch the database. Everything a merchant may later want to see (a column we do
not use, the file's own Total rows, why a total did not add up) is kept here verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

TOTAL_KEYS = ("impressions", "clicks", "cost", "conversions")
"""The totals the CLI contract prints and the reconciliation checks."""


class ReportError(ValueError):
    """A report that cannot be imported; the message names the file, row and column."""


@dataclass(slots=True)
class ReportRow:
    """One data row of a report, with its metrics read into numbers."""

    row_number: int  # 1-based line number in the file, as a spreadsheet shows it
    cells: dict[str, str]  # every original cell, by header
    campaign_name: str | None = None
    ad_set_name: str | None = None
    ad_name: str | None = None
    campaign_external_id: str | None = None
    ad_set_external_id: str | None = None
    ad_external_id: str | None = None
    channel: str | None = None  # Google "Campaign type" (Search, Display...) for subtotals
    day: date | None = None
    hour: int | None = None
    impressions: int | None = None
    reach: int | None = None
    frequency: float | None = None
    clicks: int | None = None
    cost: float | None = None
    conversions: float | None = None
    conversion_value: float | None = None

    def has_metrics(self) -> bool:
        """True when at least one metric cell held a number (not ` --` or blank)."""
        return any(
            value is not None
            for value in (self.impressions, self.clicks, self.cost, self.conversions, self.reach)
        )


@dataclass(slots=True)
class ParsedReport:
    """A whole report file, read but not yet stored."""

    platform: str  # google | meta
    file_name: str
    file_hash: str  # sha256 of the bytes: re-importing the same file is a no-op
    encoding: str
    delimiter: str
    header: list[str]
    rows: list[ReportRow]
    title: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_text: str | None = None  # the date-range line as written ("All time", ...)
    currency: str | None = None
    file_totals: dict[str, dict[str, float | None]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # canonical name -> header used


def compute_totals(rows: list[ReportRow], columns: dict[str, str]) -> dict[str, float | None]:
    """Sum the data rows; a metric whose column the file lacks is ``None``, not zero."""
    totals: dict[str, float | None] = {}
    for key in TOTAL_KEYS:
        if key not in columns:
            totals[key] = None
            continue
        values = [getattr(row, key) for row in rows if getattr(row, key) is not None]
        total = sum(values) if values else 0
        totals[key] = round(total, 2) if isinstance(total, float) else total
    return totals


def summary_row_totals(row: ReportRow) -> dict[str, Any]:
    """The four contract totals of a Total/summary row, as written in the file."""
    return {key: getattr(row, key) for key in TOTAL_KEYS}
