"""The performance page's worker bodies (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.progress import CancelToken, ProgressFn
from engine.services.context import AppContext

if TYPE_CHECKING:
    from engine.services.performance import DayTotals


@dataclass
class PerformanceData:
    reports: list[Any]  # ReportSummary
    campaigns: list[Any]  # Metrics per campaign
    ads: list[Any]  # Metrics per ad variant, the A/B candidates
    days: list[DayTotals]

    def totals(self) -> dict[str, float]:
        keys = ("impressions", "clicks", "cost", "conversions")
        sums = {key: 0.0 for key in keys}
        for report in self.reports:
            for key in keys:
                sums[key] += float(report.totals.get(key) or 0.0)
        sums["revenue"] = sum(float(m.revenue or 0.0) for m in self.campaigns)
        return sums


def load_performance(ctx: AppContext) -> PerformanceData:
    from engine.services.evaluation import campaign_metrics, list_reports
    from engine.services.performance import daily_totals

    reports = list_reports(ctx)
    if not reports:
        return PerformanceData([], [], [], [])
    return PerformanceData(
        reports, campaign_metrics(ctx, "campaign"), campaign_metrics(ctx, "variant"),
        daily_totals(ctx),
    )  # fmt: skip


def import_report_file(
    ctx: AppContext, path: Path, progress: ProgressFn, cancel: CancelToken
) -> Any:
    from engine.services.evaluation import import_report

    return import_report(ctx, path, progress=progress, cancel=cancel)


def compare(ctx: AppContext, a: Any, b: Any, metric: str) -> dict[str, Any]:
    """A/B test two rows of the metrics table (clicks of impressions for CTR, conversions of
    clicks for CVR)."""
    from engine.evaluation.experiments import Arm
    from engine.services.evaluation import ab_test

    def arm(m: Any) -> Arm:
        return (
            Arm(m.name, m.clicks, m.impressions)
            if metric == "ctr"
            else Arm(m.name, m.conversions, m.clicks)
        )

    return ab_test(ctx, arm(a), arm(b), metric=metric)
