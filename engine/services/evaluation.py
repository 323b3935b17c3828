"""Evaluation use cases the CLI and the GUI call: import reports, measure, test, advise, report.

Each function opens its own transaction, takes plain arguments and returns dataclasses or dicts;
heavy libraries (scikit-learn, scipy) are imported by the modules that need them, so listing
reports stays instant.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from engine.evaluation.attribution import DEFAULT_WINDOW_DAYS
from engine.evaluation.metrics import Metrics
from engine.evaluation.performance import group_metrics
from engine.evaluation.reports.model import ReportError
from engine.evaluation.reports.read import read_report
from engine.evaluation.reports.storage import (
    ReportSummary,
    find_existing,
    match_rows,
    save_report,
    summarise,
)
from engine.evaluation.reports.totals import reconcile
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import PerformanceReport
from engine.store.queries import get_or_create_shop

ACCOUNT_NOTE = "(an account total also counts campaigns a filter hides, such as removed ones)"


def import_report(
    ctx: AppContext,
    path: str | Path,
    accept_mismatch: bool = False,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> ReportSummary:
    """Read, check and store an ad performance report; importing the same file again is a no-op.

    Rows are matched to the shop's campaigns each time (so a report imported before its
    campaigns existed gets linked on re-import). If the data rows do not add up to the file's
    own Total row the import is refused unless ``accept_mismatch``; nothing is written then.
    """
    cancel = cancel or CancelToken()
    progress(0.0, f"Reading {Path(path).name}")
    parsed = read_report(Path(path))
    checks = reconcile(parsed)
    mismatches = [check for check in checks if check.status == "mismatch"]
    sentences = " ".join(check.sentence(parsed.file_name) for check in mismatches)
    if mismatches and not accept_mismatch:
        raise ReportError(
            f"{sentences} The file may be truncated or edited: export it again (or import it "
            "with --accept-mismatch to keep it anyway)."
        )
    if mismatches:
        parsed.warnings.append(f"Imported although the totals disagree: {sentences}")
    parsed.warnings += [
        f"{check.sentence(parsed.file_name)} {ACCOUNT_NOTE}"
        for check in checks if check.status == "warning"
    ]  # fmt: skip
    cancel.check()
    progress(0.5, f"Storing {len(parsed.rows)} rows")
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        report = find_existing(session, shop.id, parsed.file_hash)
        already = report is not None
        if report is None:
            report = save_report(session, shop.id, parsed, checks)
        match_rows(session, report)
        summary = summarise(report, already_imported=already)
    progress(1.0, f"Imported {summary.rows} rows, {summary.matched} matched")
    return summary


def list_reports(ctx: AppContext) -> list[ReportSummary]:
    """Every imported report, newest first, with its counts and totals."""
    with session_scope(ctx.engine) as session:
        reports = session.scalars(
            select(PerformanceReport).order_by(PerformanceReport.imported_at.desc())
        ).all()
        return [summarise(report) for report in reports]


def show_report(ctx: AppContext, report_id: int) -> ReportSummary:
    with session_scope(ctx.engine) as session:
        report = session.get(PerformanceReport, report_id)
        if report is None:
            raise ReportError(f"There is no imported report with id {report_id}.")
        return summarise(report)


def campaign_metrics(
    ctx: AppContext,
    level: str = "campaign",
    report_ids: list[int] | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[Metrics]:
    """CTR, CVR, CPC, CPA, revenue, ROAS and ROI per campaign / ad set / variant / creative /
    audience over the imported reports (all of them, or ``report_ids``)."""
    with session_scope(ctx.engine) as session:
        return group_metrics(
            session, level, ctx.settings.default_margin, report_ids, window_days=window_days
        )
