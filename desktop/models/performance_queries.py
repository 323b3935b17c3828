"""Performance per day across the imported ad reports, for the chart over time (no Qt here).

Read-only; like the other query modules a candidate for an engine service (evaluation has
per-campaign metrics but no series by day yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select

from engine.store.models import PerformanceRow


@dataclass(frozen=True)
class DayTotals:
    day: date
    impressions: int
    clicks: int
    cost: float
    conversions: float


def daily_totals(engine: Engine) -> list[DayTotals]:
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
    with engine.connect() as connection:
        return [
            DayTotals(d, int(i), int(c), float(cost), float(conv))
            for d, i, c, cost, conv in connection.execute(statement)
        ]
