"""Store a read report as ``PerformanceReport`` + ``PerformanceRow`` rows, and summarise it.

``PerformanceReport`` has one JSON column, ``file_totals``; besides the file's own Total rows it
holds what a later screen needs to explain the import: the reconciliation checks, the warnings,
the column mapping (so stored rows can be matched again when campaigns are added later) and how
the file was read. Layout: ``{"rows": {label: totals}, "checks": [...], "warnings": [...],
"columns": {field: header}, "source": {...}}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from engine.evaluation.reports.matching import ID_FIELDS, NAME_FIELDS, Match, Matcher, RowKeys
from engine.evaluation.reports.model import TOTAL_KEYS, ParsedReport, ReportRow
from engine.evaluation.reports.totals import TotalCheck, checks_as_json
from engine.store.models import PerformanceReport, PerformanceRow


@dataclass
class ReportSummary:
    """What an import did, in the terms of the CLI contract plus the details behind it."""

    report_id: int
    platform: str
    file_name: str
    rows: int
    matched: int
    unmatched: int
    totals: dict[str, float | None]
    unmatched_rows: list[dict[str, Any]] = field(default_factory=list)
    file_totals: dict[str, Any] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    period_start: str | None = None
    period_end: str | None = None
    currency: str | None = None
    already_imported: bool = False

    def contract(self) -> dict[str, Any]:
        """Exactly the object ``pinpoint report import FILE --json`` promises."""
        return {
            "platform": self.platform, "rows": self.rows, "matched": self.matched,
            "unmatched": self.unmatched, "totals": {k: self.totals.get(k) for k in TOTAL_KEYS},
        }  # fmt: skip


def find_existing(session: Session, shop_id: int, file_hash: str) -> PerformanceReport | None:
    return session.scalars(
        select(PerformanceReport).where(
            PerformanceReport.shop_id == shop_id, PerformanceReport.file_hash == file_hash
        )
    ).first()


def save_report(
    session: Session, shop_id: int, parsed: ParsedReport, checks: list[TotalCheck]
) -> PerformanceReport:
    """Add the report and all its rows, already matched (the caller's transaction commits).

    Rows go in with one bulk INSERT: a year of daily rows is tens of thousands of them.
    """
    report = PerformanceReport(
        shop_id=shop_id, platform=parsed.platform, file_name=parsed.file_name,
        file_hash=parsed.file_hash, period_start=parsed.period_start,
        period_end=parsed.period_end, currency=parsed.currency,
        file_totals={
            "rows": parsed.file_totals, "checks": checks_as_json(checks),
            "warnings": parsed.warnings, "columns": parsed.columns,
            "source": {"encoding": parsed.encoding, "delimiter": parsed.delimiter,
                       "title": parsed.title, "period_text": parsed.period_text},
        },
    )  # fmt: skip
    session.add(report)
    session.flush()
    matcher = Matcher(session, shop_id, parsed.platform)
    values = [_row_values(report.id, row, matcher.match(_keys(row))) for row in parsed.rows]
    if values:
        session.execute(insert(PerformanceRow), values)
    session.expire(report, ["rows"])
    return report


def _keys(row: ReportRow) -> RowKeys:
    return RowKeys(**{field: getattr(row, field) for field in (*NAME_FIELDS, *ID_FIELDS)})


def _row_values(report_id: int, row: ReportRow, match: Match) -> dict[str, Any]:
    return {
        "report_id": report_id, "row_number": row.row_number, "day": row.day, "hour": row.hour,
        "campaign_name": row.campaign_name, "ad_set_name": row.ad_set_name,
        "ad_name": row.ad_name, "campaign_id": match.campaign_id, "ad_set_id": match.ad_set_id,
        "variant_id": match.variant_id, "impressions": row.impressions, "reach": row.reach,
        "clicks": row.clicks, "cost": row.cost, "conversions": row.conversions,
        "conversion_value": row.conversion_value, "raw": row.cells,
    }  # fmt: skip


def row_keys(row: PerformanceRow, columns: dict[str, str]) -> RowKeys:
    """Names from a stored row and platform ids recovered from its raw cells."""
    raw = row.raw or {}
    ids = {
        f: (str(raw.get(columns[f], "")).strip() or None) if f in columns else None
        for f in ID_FIELDS
    }
    names = {f: getattr(row, f) for f in NAME_FIELDS}
    return RowKeys(**names, **ids)


def rematch_rows(session: Session, report: PerformanceReport) -> None:
    """Link a stored report's rows again (campaigns may have been added since); only changed
    rows are written."""
    matcher = Matcher(session, report.shop_id, report.platform)
    columns = (report.file_totals or {}).get("columns", {})
    for row in report.rows:
        match = matcher.match(row_keys(row, columns))
        if (row.campaign_id, row.ad_set_id, row.variant_id) != (
            match.campaign_id, match.ad_set_id, match.variant_id,
        ):  # fmt: skip
            row.campaign_id, row.ad_set_id, row.variant_id = (
                match.campaign_id, match.ad_set_id, match.variant_id,
            )  # fmt: skip
    session.flush()


def summarise(report: PerformanceReport, already_imported: bool = False) -> ReportSummary:
    """Counts, totals from the stored data rows, and the unmatched rows listed by line."""
    meta = report.file_totals or {}
    columns = meta.get("columns", {})
    totals: dict[str, float | None] = {}
    for key in TOTAL_KEYS:
        values = [getattr(row, key) for row in report.rows if getattr(row, key) is not None]
        total = sum(values) if key in columns else None
        totals[key] = round(total, 2) if isinstance(total, float) else total
    unmatched = [
        {"row": row.row_number, "campaign": row.campaign_name, "ad_set": row.ad_set_name,
         "ad": row.ad_name}
        for row in report.rows if row.campaign_id is None
    ]  # fmt: skip
    return ReportSummary(
        report_id=report.id, platform=report.platform, file_name=report.file_name,
        rows=len(report.rows), matched=len(report.rows) - len(unmatched), unmatched=len(unmatched),
        totals=totals, unmatched_rows=unmatched, file_totals=meta.get("rows", {}),
        checks=meta.get("checks", []), warnings=meta.get("warnings", []),
        period_start=report.period_start.isoformat() if report.period_start else None,
        period_end=report.period_end.isoformat() if report.period_end else None,
        currency=report.currency, already_imported=already_imported,
    )  # fmt: skip
