"""Ad results per day across every imported report, for the performance chart over time.

Read-only. :mod:`engine.services.evaluation` measures campaigns and ads over a whole report;
this is the series by day that the chart draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from engine.services.context import AppContext
from engine.store.models import PerformanceRow


@dataclass(frozen=True)
class DayTotals:
    day: date
    impressions: int
    clicks: int
    cost: float
    conversions: float


def daily_totals(ctx: AppContext) -> list[DayTotals]:
    """One entry per day that any report covers, oldest first (rows without a day left out)."""
    statement = (
        select(
            PerformanceRow.day,
            func.coalesce(func.sum(PerformanceRow.impressions), 0),
            func.coalesce(func.sum(PerformanceRow.clicks), 0),
            func.coalesce(func.sum(PerformanceRow.cost), 0.0),
            func.coalesce(func.sum(PerformanceRow.conversions), 0.0),
        )
        .where(PerformanceRow.day.is_not(None))
        .group_by(PerformanceRow.day)
        .order_by(PerformanceRow.day)
    )
    with ctx.engine.connect() as connection:
        return [
            DayTotals(day, int(i or 0), int(c or 0), float(cost or 0.0), float(conv or 0.0))
            for day, i, c, cost, conv in connection.execute(statement)
            if day is not None  # the WHERE clause already says so; this tells the type checker
        ]
