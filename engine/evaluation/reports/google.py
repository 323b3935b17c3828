"""Google Ads UI report CSV: title line, date-range line, header, data rows, `Total:` footer.

```
Campaign report
"March 27, 2026 - April 23, 2026"            (or: All time)
Campaign status,Campaign,...,Impr.,Clicks,CTR,Currency code,Cost,Conversions,Cost / conv.
Enabled,Spring sale,..."12,034",341,2.83%,USD,"1,204.50",17.00,70.85
Total: Campaigns,,..."12,034",341,...
```

Nulls are ` --`, rates may be `< 10%`; the "Excel CSV" flavour is the same in UTF-16 with tabs.
"""

from __future__ import annotations

from engine.evaluation.reports.headers import GOOGLE, header_language, map_columns
from engine.evaluation.reports.model import ParsedReport, ReportRow, summary_row_totals
from engine.evaluation.reports.rows import (
    build_row,
    check_width,
    decimal_comma_for,
    refuse_empty,
    total_label,
)
from engine.evaluation.reports.text import TextTable
from engine.evaluation.reports.values import clean_text, parse_date_range

REQUIRED = (("campaign_name", "ad_set_name"), ("impressions", "clicks", "cost"))


def read_google(
    table: TextTable, header_index: int, file_name: str, file_hash: str
) -> ParsedReport:
    """Read a Google Ads UI report whose header is at ``header_index`` (0-based)."""
    header = [cell.strip() for cell in table.rows[header_index]]
    columns, _currency = map_columns(header, GOOGLE)
    preamble = [" ".join(c.strip() for c in row if c.strip()) for row in table.rows[:header_index]]
    preamble = [line for line in preamble if line]
    body = [(header_index + 2 + i, row) for i, row in enumerate(table.rows[header_index + 1 :])]
    body = [(line, row) for line, row in body if any(cell.strip() for cell in row)]
    decimal_comma = decimal_comma_for([row for _l, row in body], columns, header_language(header))
    rows: list[ReportRow] = []
    totals: dict[str, dict[str, float | None]] = {}
    for line, cells in body:
        cells = check_width(cells, len(header), line, file_name)
        row = build_row(cells, header, columns, line, decimal_comma, file_name)
        label = total_label(cells)
        if label:
            totals[label] = summary_row_totals(row)
        else:
            rows.append(row)
    refuse_empty(rows, file_name)
    report = ParsedReport(
        platform="google", file_name=file_name, file_hash=file_hash, encoding=table.encoding,
        delimiter=table.delimiter, header=header, rows=rows, file_totals=totals,
        columns={field: header[index] for field, index in columns.items()},
    )  # fmt: skip
    _read_preamble(report, preamble)
    _read_currency(report, columns, header)
    return report


def _read_preamble(report: ParsedReport, preamble: list[str]) -> None:
    """Line 1 is the title; the line above the header is the date range (or `All time`)."""
    if preamble:
        report.title = preamble[0]
    if len(preamble) >= 2:
        report.period_text = preamble[-1]
        report.period_start, report.period_end = parse_date_range(preamble[-1])
    days = [row.day for row in report.rows if row.day]
    if report.period_start is None and days:
        report.period_start, report.period_end = min(days), max(days)


def _read_currency(report: ParsedReport, columns: dict[str, int], header: list[str]) -> None:
    if "currency_code" not in columns:
        report.warnings.append(
            "The report has no 'Currency code' column; "
            "costs are taken to be in the shop's currency."
        )
        return
    name = header[columns["currency_code"]]
    codes = sorted({code for row in report.rows if (code := clean_text(row.cells[name]))})
    if len(codes) > 1:
        report.warnings.append(
            f"The report mixes currencies ({', '.join(codes)}); totals add them up as they are."
        )
    report.currency = codes[0].upper()[:3] if codes else None
