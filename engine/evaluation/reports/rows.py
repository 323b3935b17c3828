"""Turn the table under a header into :class:`ReportRow` objects, checking every cell.

Shared by the Google and Meta readers: both give a header, the mapped columns and the rows
below it; this module splits data rows from Total/summary rows, reads the numbers and names
the exact row and column of anything it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from engine.evaluation.reports.model import ReportError, ReportRow
from engine.evaluation.reports.values import (
    CellError,
    clean_text,
    parse_count,
    parse_date,
    parse_hour,
    parse_number,
    uses_decimal_comma,
)

COUNT_FIELDS = ("impressions", "reach", "clicks")
AMOUNT_FIELDS = ("cost", "conversions", "conversion_value", "frequency")
TEXT_FIELDS = (
    "campaign_name", "ad_set_name", "ad_name", "campaign_external_id", "ad_set_external_id",
    "ad_external_id", "channel",
)  # fmt: skip
NUMERIC_FIELDS = COUNT_FIELDS + AMOUNT_FIELDS
_DECIMAL_SAMPLE_ROWS = 2000  # a file writes its numbers one way; this many rows decide it
_TOTAL_LABEL = re.compile(
    r"^\s*(total|totals|gesamt|insgesamt|totale|总计|合计|總計)\s*[:：]", re.I
)


def total_label(cells: list[str]) -> str | None:
    """`Total: Campaigns` -> the label, for Google's footer rows (looked for in any early cell)."""
    for cell in cells[:4]:
        if _TOTAL_LABEL.match(cell):
            return " ".join(cell.split())
    return None


def decimal_comma_for(rows: list[list[str]], columns: dict[str, int], language: str) -> bool:
    """The file's decimal mark: the numbers decide, and the UI language breaks a tie."""
    cells = [
        row[index] for row in rows[:_DECIMAL_SAMPLE_ROWS] for field, index in columns.items()
        if field in NUMERIC_FIELDS and index < len(row)
    ]  # fmt: skip
    evidence = uses_decimal_comma(cells)
    return language in {"fr", "de", "es"} if evidence is None else evidence


def check_width(row: list[str], width: int, line: int, file_name: str) -> list[str]:
    """Refuse rows that do not fit the header: a cut-off or hand-edited file must not half-load."""
    if len(row) < width:
        raise ReportError(
            f"{file_name}: row {line} has {len(row)} cells but the header has {width}; "
            "the file looks truncated or edited. Export the report again."
        )
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        raise ReportError(
            f"{file_name}: row {line} has {len(row)} cells but the header has {width}; "
            "a value contains an unquoted delimiter. Export the report again."
        )
    return row[:width]


def build_row(
    cells: list[str],
    header: list[str],
    columns: dict[str, int],
    line: int,
    decimal_comma: bool,
    file_name: str,
) -> ReportRow:
    """Read one row's cells into a :class:`ReportRow`, keeping every original cell."""
    row = ReportRow(row_number=line, cells=dict(zip(header, cells, strict=True)))
    for field in TEXT_FIELDS:
        if field in columns:
            setattr(row, field, clean_text(cells[columns[field]]))
    readers: list[tuple[tuple[str, ...], Callable[[str, bool], object]]] = [
        (COUNT_FIELDS, parse_count),
        (AMOUNT_FIELDS, parse_number),
    ]
    for fields, reader in readers:
        for field in fields:
            if field not in columns:
                continue
            try:
                setattr(row, field, reader(cells[columns[field]], decimal_comma))
            except CellError as error:
                raise ReportError(
                    f"{file_name}: row {line}, column '{header[columns[field]]}': {error}."
                ) from None
    if "day" in columns:
        row.day = parse_date(cells[columns["day"]])
    if "hour" in columns:
        row.hour = parse_hour(cells[columns["hour"]])
    return row


def refuse_empty(rows: list[ReportRow], file_name: str) -> None:
    """An empty report, or one whose every metric is ` --`, has nothing to evaluate."""
    if not rows:
        raise ReportError(f"{file_name}: the report has a header but no data rows.")
    if not any(row.has_metrics() for row in rows):
        raise ReportError(
            f"{file_name}: all {len(rows)} rows have no numbers (every metric is ' --' or "
            "blank); pick a date range with activity and export again."
        )
