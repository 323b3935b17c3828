"""`pinpoint report import FILE`, `report list`, `report show ID`, `report rematch`."""

from __future__ import annotations

import argparse
import logging

from engine.commands._output import add_json_flag, emit
from engine.evaluation.reports.storage import ReportSummary
from engine.services.context import AppContext

log = logging.getLogger("pinpoint.report")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    report = subparsers.add_parser("report", help="import and list ad performance reports")
    actions = report.add_subparsers(dest="report_action", metavar="ACTION", required=True)
    importer = actions.add_parser("import", help="import a Google Ads or Meta Ads Manager report")
    importer.add_argument("file", help="the report file (.csv, as exported by the platform)")
    importer.add_argument(
        "--accept-mismatch", action="store_true",
        help="store the report even if its rows do not add up to its own Total row",
    )  # fmt: skip
    add_json_flag(importer)
    importer.set_defaults(handler=_import)
    lister = actions.add_parser("list", help="the reports imported so far")
    add_json_flag(lister)
    lister.set_defaults(handler=_list)
    rematch = actions.add_parser("rematch", help="link stored rows to campaigns created since")
    add_json_flag(rematch)
    rematch.set_defaults(handler=_rematch)
    show = actions.add_parser("show", help="one report: totals, checks and unmatched rows")
    show.add_argument("report_id", type=int)
    add_json_flag(show)
    show.set_defaults(handler=_show)


def _describe(summary: ReportSummary) -> str:
    totals = summary.totals
    lines = [
        f"{summary.file_name} ({summary.platform}), report #{summary.report_id}"
        + (" — already imported, rows matched again" if summary.already_imported else ""),
        f"  period {summary.period_start or '?'} to {summary.period_end or '?'}, "
        f"currency {summary.currency or 'shop currency'}",
        f"  {summary.rows} rows: {summary.matched} matched to campaigns, {summary.unmatched} not",
        "  totals: " + ", ".join(f"{k} {v if v is not None else '-'}" for k, v in totals.items()),
    ]
    lines += [f"  warning: {w}" for w in summary.warnings]
    if summary.unmatched_rows:
        lines.append("  unmatched rows (kept; create or rename the campaign to link them):")
        lines += [
            f"    row {u['row']}: campaign {u['campaign']!r}, ad set {u['ad_set']!r}, "
            f"ad {u['ad']!r}"
            for u in summary.unmatched_rows
        ]
    return "\n".join(lines)


def _import(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import import_report

    summary = import_report(ctx, args.file, accept_mismatch=args.accept_mismatch)
    for warning in summary.warnings:
        log.warning("warning: %s", warning)
    if summary.unmatched and args.json:
        log.info(
            "%d unmatched rows kept: see `pinpoint report show %d`",
            summary.unmatched,
            summary.report_id,
        )
    emit(args, summary.contract(), _describe(summary))
    return 0


def _list(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import list_reports

    summaries = list_reports(ctx)
    payload = {"reports": [{"id": s.report_id, "file_name": s.file_name, **s.contract(),
                            "period_start": s.period_start, "period_end": s.period_end,
                            "currency": s.currency} for s in summaries]}  # fmt: skip
    text = "\n\n".join(_describe(s) for s in summaries) or "No reports imported yet."
    emit(args, payload, text)
    return 0


def _rematch(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import rematch_reports

    summaries = rematch_reports(ctx)
    payload = {"reports": [{"id": s.report_id, "matched": s.matched, "unmatched": s.unmatched}
                           for s in summaries]}  # fmt: skip
    text = "\n".join(f"#{s.report_id} {s.file_name}: {s.matched} matched, {s.unmatched} not"
                     for s in summaries)  # fmt: skip
    emit(args, payload, text or "No reports imported yet.")
    return 0


def _show(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.services.evaluation import show_report

    summary = show_report(ctx, args.report_id)
    emit(args, summary, _describe(summary))
    return 0
