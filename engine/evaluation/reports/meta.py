"""Meta Ads Manager export: one header line, currency inside a header name, localized headers.

```
Reporting starts,Reporting ends,Campaign name,Ad set name,Ad name,Amount spent (USD),
Impressions,Reach,Link clicks,Results,Result indicator
2026-03-01,2026-03-31,Spring sale,Loyal buyers,Video A,123.45,10234,8120,210,12,
    actions:offsite_conversion.fb_pixel_purchase
```

"Results" count whatever the ad set optimised for; they are conversions only when the result
indicator names a purchase, lead or other conversion — otherwise conversions stay empty.
A row without any campaign/ad set/ad name is Meta's optional summary row (the file's total).
"""

from __future__ import annotations

from engine.evaluation.reports.headers import META, header_language, map_columns
from engine.evaluation.reports.model import (
    ParsedReport,
    ReportError,
    ReportRow,
    summary_row_totals,
)
from engine.evaluation.reports.rows import build_row, check_width, decimal_comma_for, refuse_empty
from engine.evaluation.reports.text import TextTable
from engine.evaluation.reports.values import CellError, parse_date, parse_number

REQUIRED = (("campaign_name", "ad_set_name", "ad_name"), ("cost", "period_start"))
CONVERSION_INDICATORS = ("purchase", "conversion", "lead", "complete_registration", "subscribe")
_NAME_FIELDS = ("campaign_name", "ad_set_name", "ad_name", "campaign_external_id",
                "ad_set_external_id", "ad_external_id")  # fmt: skip


def read_meta(table: TextTable, header_index: int, file_name: str, file_hash: str) -> ParsedReport:
    """Read a Meta Ads Manager CSV export whose header is at ``header_index`` (0-based)."""
    header = [cell.strip() for cell in table.rows[header_index]]
    columns, currency = map_columns(header, META)
    body = [(header_index + 2 + i, row) for i, row in enumerate(table.rows[header_index + 1 :])]
    body = [(line, row) for line, row in body if any(cell.strip() for cell in row)]
    decimal_comma = decimal_comma_for([row for _l, row in body], columns, header_language(header))
    report = ParsedReport(
        platform="meta", file_name=file_name, file_hash=file_hash, encoding=table.encoding,
        delimiter=table.delimiter, header=header, rows=[], currency=currency,
        columns={field: header[index] for field, index in columns.items()},
    )  # fmt: skip
    starts, ends = [], []
    for line, raw_cells in body:
        cells = check_width(raw_cells, len(header), line, file_name)
        row = build_row(cells, header, columns, line, decimal_comma, file_name)
        _read_results(row, cells, columns, decimal_comma, header, file_name, report)
        start = parse_date(cells[columns["period_start"]]) if "period_start" in columns else None
        end = parse_date(cells[columns["period_end"]]) if "period_end" in columns else None
        if not any(getattr(row, field) for field in _NAME_FIELDS):
            report.file_totals["Summary row"] = summary_row_totals(row)
            continue
        if row.day is None and start and start == end:
            row.day = start
        starts += [start] if start else []
        ends += [end] if end else []
        report.rows.append(row)
    refuse_empty(report.rows, file_name)
    report.period_start = min(starts) if starts else None
    report.period_end = max(ends) if ends else None
    if currency is None:
        report.warnings.append(
            "No currency in the 'Amount spent' header; "
            "costs are taken to be in the shop's currency."
        )
    return report


def _read_results(
    row: ReportRow,
    cells: list[str],
    columns: dict[str, int],
    decimal_comma: bool,
    header: list[str],
    file_name: str,
    report: ParsedReport,
) -> None:
    """Use "Results" as conversions when the indicator says they are conversions."""
    if "conversions" in columns or "results" not in columns:
        return
    indicator = cells[columns["result_indicator"]].lower() if "result_indicator" in columns else ""
    if not any(word in indicator for word in CONVERSION_INDICATORS):
        if indicator.strip() and not any("not conversions" in w for w in report.warnings):
            report.warnings.append(
                f"Row {row.row_number}: results are '{indicator.strip()}', not conversions; "
                "conversions are left empty for such rows."
            )
        return
    try:
        row.conversions = parse_number(cells[columns["results"]], decimal_comma)
    except CellError as error:
        raise ReportError(
            f"{file_name}: row {row.row_number}, column '{header[columns['results']]}': {error}."
        ) from None
    report.columns.setdefault("conversions", header[columns["results"]])
