"""Evaluation use cases the CLI and the GUI call: import reports, measure, test, advise, report.

Each function opens its own transaction, takes plain arguments and returns dataclasses or dicts;
heavy libraries (scikit-learn, scipy) are imported by the modules that need them, so listing
reports stays instant.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import select

from engine.evaluation.attribution import DEFAULT_WINDOW_DAYS
from engine.evaluation.experiment_store import record_experiment, variant_arm
from engine.evaluation.experiments import Arm, compare, sample_size_per_arm
from engine.evaluation.metrics import Metrics
from engine.evaluation.performance import group_metrics
from engine.evaluation.prediction import VariantPrediction, predict_rate
from engine.evaluation.prediction_data import FEATURE_NAMES, features, training_examples
from engine.evaluation.report_html import ReportData, render
from engine.evaluation.reports.model import ReportError
from engine.evaluation.reports.read import read_report
from engine.evaluation.reports.storage import (
    ReportSummary,
    find_existing,
    rematch_rows,
    save_report,
    summarise,
)
from engine.evaluation.reports.totals import disagreements, reconcile
from engine.evaluation.simulate import write_simulated_report
from engine.evaluation.strategy import (
    ArmShare,
    FrequencyAdvice,
    Timing,
    best_times,
    ctr_by_time,
    frequency_advice,
    thompson_split,
)
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import (
    Audience,
    AudienceMember,
    Experiment,
    Order,
    PerformanceReport,
    PerformanceRow,
)
from engine.store.queries import get_or_create_shop

ACCOUNT_NOTE = "An account total also counts campaigns a filter hides, such as removed ones."


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
    mismatches = disagreements(checks, "mismatch", parsed.file_name)
    if mismatches and not accept_mismatch:
        raise ReportError(
            f"{' '.join(mismatches)} The file may be truncated or edited: export it again (or "
            "import it with --accept-mismatch to keep it anyway)."
        )
    parsed.warnings += [f"Imported although the totals disagree: {m}" for m in mismatches]
    parsed.warnings += [
        f"{sentence} {ACCOUNT_NOTE}"
        for sentence in disagreements(checks, "warning", parsed.file_name)
    ]
    cancel.check()
    progress(0.5, f"Storing {len(parsed.rows)} rows")
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        report = find_existing(session, shop.id, parsed.file_hash)
        already = report is not None
        if report is None:
            report = save_report(session, shop.id, parsed, checks)
        else:
            rematch_rows(session, report)
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


def rematch_reports(ctx: AppContext) -> list[ReportSummary]:
    """Link every stored report's rows again, e.g. after campaigns were created or renamed."""
    with session_scope(ctx.engine) as session:
        reports = session.scalars(select(PerformanceReport).order_by(PerformanceReport.id)).all()
        for report in reports:
            rematch_rows(session, report)
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


def ab_test(
    ctx: AppContext,
    a: Arm | None = None,
    b: Arm | None = None,
    *,
    variant_a_id: int | None = None,
    variant_b_id: int | None = None,
    metric: str = "ctr",
    planned_per_arm: int | None = None,
    name: str | None = None,
    hypothesis: str | None = None,
    alpha: float = 0.05,
) -> dict[str, Any]:
    """Compare two arms given as counts or as stored variants; with ``name``, record it.

    The experiment row is created on first use of a name and updated on every later look, so
    its ``result`` always holds the latest verdict (with the peeking guard's warning if early).
    """
    if metric not in ("ctr", "cvr"):
        raise ValueError(f"metric must be 'ctr' or 'cvr', not {metric!r}")
    with session_scope(ctx.engine) as session:
        if variant_a_id is not None:
            a = variant_arm(session, variant_a_id, metric)
        if variant_b_id is not None:
            b = variant_arm(session, variant_b_id, metric)
        if a is None or b is None:
            raise ValueError("Give both arms, as counts or as variant ids.")
        result = compare(a, b, metric, planned_per_arm, alpha)
        payload = asdict(result)
        if name:
            payload["experiment_id"] = record_experiment(
                session,
                name,
                hypothesis,
                metric,
                planned_per_arm,
                variant_a_id,
                variant_b_id,
                result,
            )
    return payload


def list_experiments(ctx: AppContext) -> list[dict[str, Any]]:
    with session_scope(ctx.engine) as session:
        experiments = session.scalars(select(Experiment).order_by(Experiment.id)).all()
        return [
            {"id": e.id, "name": e.name, "metric": e.metric, "status": e.status,
             "planned_per_arm": e.planned_sample_size,
             "verdict": (e.result or {}).get("verdict")}
            for e in experiments
        ]  # fmt: skip


def sample_size(
    ctx: AppContext,
    baseline: float,
    lift: float,
    alpha: float = 0.05,
    power: float = 0.8,
    daily_trials: float | None = None,
) -> dict[str, Any]:
    """How many impressions (CTR) or clicks (CVR) each variant needs, and for how many days."""
    per_arm = sample_size_per_arm(baseline, lift, alpha, power)
    days = math.ceil(2 * per_arm / daily_trials) if daily_trials else None
    return {
        "per_arm": per_arm, "total": 2 * per_arm, "days": days, "baseline": baseline,
        "lift": lift, "alpha": alpha, "power": power,
        "explanation": (
            f"To see a {lift:+.0%} change from {baseline:.2%} with {power:.0%} power at "
            f"{alpha:.0%} significance, each variant needs {per_arm:,} observations"
            + (f": about {days} days at {daily_trials:,.0f} a day." if days else ".")
            + " Decide this before starting and do not stop the test early."
        ),
    }  # fmt: skip


def recommend_timing(
    ctx: AppContext, audience_id: int | None = None, report_ids: list[int] | None = None
) -> Timing:
    """Best weekdays and hours from the audience's own orders (all customers when None), plus
    CTR by weekday and hour from the reports that break results down by time."""
    with session_scope(ctx.engine) as session:
        query = select(Order.placed_at).where(Order.is_cancelled.is_(False))
        if audience_id is not None:
            if session.get(Audience, audience_id) is None:
                raise ValueError(f"There is no audience with id {audience_id}.")
            members = select(AudienceMember.customer_id).where(
                AudienceMember.audience_id == audience_id
            )
            query = query.where(Order.customer_id.in_(members))
        timing = best_times(session.scalars(query))
        rows = select(
            PerformanceRow.day,
            PerformanceRow.hour,
            PerformanceRow.impressions,
            PerformanceRow.clicks,
        )
        if report_ids:
            rows = rows.where(PerformanceRow.report_id.in_(report_ids))
        timing.ctr_by_weekday, timing.ctr_by_hour = ctr_by_time(
            (day, hour, impressions, clicks)
            for day, hour, impressions, clicks in session.execute(rows)
        )
        return timing


def recommend_frequency(ctx: AppContext, report_ids: list[int] | None = None) -> FrequencyAdvice:
    """A frequency cap from the reports' impressions, reach and clicks (rule in strategy.py)."""
    with session_scope(ctx.engine) as session:
        query = select(PerformanceRow.impressions, PerformanceRow.reach, PerformanceRow.clicks)
        if report_ids:
            query = query.where(PerformanceRow.report_id.in_(report_ids))
        return frequency_advice((i, r, c) for i, r, c in session.execute(query))


def budget_split(
    ctx: AppContext,
    budget: float,
    level: str = "variant",
    metric: str = "ctr",
    report_ids: list[int] | None = None,
    seed: int = 0,
) -> list[ArmShare]:
    """Thompson-sampling budget shares across the variants/ad sets/audiences in the reports."""
    groups = campaign_metrics(ctx, level, report_ids)
    if metric == "ctr":
        arms = [(g.name, float(g.clicks), float(g.impressions)) for g in groups if g.impressions]
    elif metric == "cvr":
        arms = [(g.name, g.conversions, float(g.clicks)) for g in groups if g.clicks]
    else:
        raise ValueError(f"metric must be 'ctr' or 'cvr', not {metric!r}")
    return thompson_split(arms, budget, seed=seed)


def predict_variant(
    ctx: AppContext,
    text: str,
    audience_id: int | None = None,
    language: str | None = None,
    weekday: int | None = None,
    hour: int | None = None,
    scores: dict[str, Any] | None = None,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> VariantPrediction:
    """Predicted CTR and CVR for new copy shown to an audience (or "not enough data yet")."""
    cancel = cancel or CancelToken()
    progress(0.0, "Collecting results of past variants")
    with session_scope(ctx.engine) as session:
        examples = training_examples(session)
        audience = session.get(Audience, audience_id) if audience_id is not None else None
        if audience_id is not None and audience is None:
            raise ValueError(f"There is no audience with id {audience_id}.")
        size, kind = (audience.size, audience.kind) if audience else (None, None)
    lines = len([part for part in text.split("|") if part.strip()]) or 1
    vector = features(text, lines, scores, language, size, kind, weekday, hour)
    cancel.check()
    progress(0.2, "Cross-validating the CTR models")
    ctr = predict_rate(examples, "ctr", vector)
    cancel.check()
    progress(0.6, "Cross-validating the CVR models")
    cvr = predict_rate(examples, "cvr", vector)
    progress(1.0, "Prediction ready")
    return VariantPrediction(ctr, cvr, dict(zip(FEATURE_NAMES, vector, strict=True)))


def write_report(
    ctx: AppContext,
    report_ids: list[int] | None = None,
    title: str = "Campaign report",
    simulated: bool = False,
    budget: float | None = None,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the HTML campaign report under ``ctx.paths.reports`` and return its path."""
    cancel = cancel or CancelToken()
    progress(0.0, "Measuring campaigns")
    campaigns = campaign_metrics(ctx, "campaign", report_ids)
    if not campaigns:
        raise ReportError("No ad report imported yet: import a Google Ads or Meta report first.")
    summaries = [s for s in list_reports(ctx) if not report_ids or s.report_id in report_ids]
    cancel.check()
    progress(0.4, "Timing, frequency and budget advice")
    arms = [(m.name, float(m.clicks), float(m.impressions)) for m in campaigns if m.impressions]
    to_split = budget if budget is not None else round(sum(m.cost for m in campaigns), 2)
    split = thompson_split(arms, to_split) if arms else []
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        shop_name, currency = shop.name, shop.currency
    data = ReportData(
        title=title, shop_name=shop_name,
        currency=next((s.currency for s in summaries if s.currency), None) or currency,
        reports=[asdict(s) for s in summaries], campaigns=campaigns, ads=_ads(ctx, report_ids),
        timing=recommend_timing(ctx), frequency=recommend_frequency(ctx, report_ids),
        budget=split, experiments=list_experiments(ctx),
        unmatched_rows=[row for s in summaries for row in s.unmatched_rows], simulated=simulated,
    )  # fmt: skip
    cancel.check()
    progress(0.8, "Writing the HTML report")
    ctx.paths.reports.mkdir(parents=True, exist_ok=True)
    path = ctx.paths.reports / f"campaign-report-{data.generated_at:%Y%m%d-%H%M%S}.html"
    path.write_text(render(data), encoding="utf-8")
    progress(1.0, f"Report written: {path.name}")
    return path


def _ads(ctx: AppContext, report_ids: list[int] | None) -> list[Metrics]:
    """Variant-level metrics for the report, only when the reports name their ads."""
    with session_scope(ctx.engine) as session:
        query = select(PerformanceRow.id).where(PerformanceRow.ad_name.is_not(None)).limit(1)
        if report_ids:
            query = query.where(PerformanceRow.report_id.in_(report_ids))
        named = session.scalar(query) is not None
    return campaign_metrics(ctx, "variant", report_ids) if named else []


def demo_evaluate(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
    """Demo stage: a SIMULATED Google Ads report for campaigns made from the store, imported
    through the real reader, measured, and written up as the HTML campaign report."""
    progress(0.0, "Simulating a Google Ads report (made-up numbers)")
    with session_scope(ctx.engine) as session:
        csv_path = write_simulated_report(session, ctx.paths.reports)
    cancel.check()
    summary = import_report(ctx, csv_path, progress=scaled(progress, 0.1, 0.4), cancel=cancel)
    campaigns = campaign_metrics(ctx, "campaign", [summary.report_id])
    html = write_report(
        ctx, [summary.report_id], title="Campaign report - SIMULATED demo data", simulated=True,
        progress=scaled(progress, 0.5, 1.0), cancel=cancel,
    )  # fmt: skip
    store_revenue = [m.name for m in campaigns if m.revenue_source == "store orders"]
    return {
        "simulated": True,
        "note": "SIMULATED ad results: the sample shop has no ad account",
        "rows": summary.rows, "matched": summary.matched,
        "campaigns_with_store_revenue": len(store_revenue),
        "simulated_csv_file": str(csv_path), "report_file": str(html),
    }  # fmt: skip
