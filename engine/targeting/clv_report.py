"""Lifetime value for the shop: BG/NBD × Gamma-Gamma × margin, with intervals and plain words.

CLV over a horizon = expected orders in the horizon (BG/NBD) × expected value per order
(Gamma-Gamma, shrunk towards the shop average for customers with few orders) × gross margin.
No discounting: horizons are a year or less for the shops we serve. The 90% interval carries the
parameter uncertainty of the purchase model (a bootstrap over customers), which is what dominates
for a small shop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from engine.targeting.audiences.churn import ChurnOutlook, churn_outlook, describe_next_order
from engine.targeting.audiences.clv import BetaGeoModel, GammaGammaModel, summarise
from engine.targeting.interactions import SECONDS_PER_DAY, Purchases, to_seconds


@dataclass(frozen=True)
class ClvResult:
    """Per customer (sorted ids) lifetime value with its 90% interval, churn risk and outlook."""

    as_of: datetime
    horizon_weeks: float
    margin: float
    customers: np.ndarray
    clv: np.ndarray
    clv_low: np.ndarray
    clv_high: np.ndarray
    total_90: tuple[float, float]  # 90% interval of the shop's total, over the same draws
    expected_orders: np.ndarray
    outlook: ChurnOutlook
    purchase_model: BetaGeoModel
    spend_model: GammaGammaModel | None

    def report(self, top: int) -> dict[str, Any]:
        risk = self.outlook.churn_risk
        best = np.argsort(-self.clv)[:top]
        return {
            "as_of": self.as_of.date().isoformat(),
            "customers_modelled": len(self.customers),
            "horizon_weeks": self.horizon_weeks,
            "margin": self.margin,
            "purchase_model": self.purchase_model.params_.as_dict(),
            "spend_model": self.spend_model.params_.as_dict() if self.spend_model else None,
            "total_clv": round(float(self.clv.sum()), 2),
            "total_clv_90": [round(self.total_90[0], 2), round(self.total_90[1], 2)],
            "churn_bands": {
                b: int(np.sum(self.outlook.band() == b)) for b in ("high", "medium", "low")
            },
            "customers": [
                {
                    "customer_id": int(self.customers[i]),
                    "clv": round(float(self.clv[i]), 2),
                    "clv_90": [round(float(self.clv_low[i]), 2), round(float(self.clv_high[i]), 2)],
                    "expected_orders": round(float(self.expected_orders[i]), 2),
                    "churn_risk": round(float(risk[i]), 3),
                    "next_order": describe_next_order(
                        self.outlook.next_order_weeks[i], float(risk[i])
                    ),
                }
                for i in best
            ],
        }


def lifetime_values(
    purchases: Purchases, now: datetime, horizon_weeks: float, margin: float
) -> ClvResult:
    past = purchases.before(now)
    day = np.floor(past.time / SECONDS_PER_DAY)
    ids, summary = summarise(
        past.customer, day, past.revenue, np.floor(to_seconds(now) / SECONDS_PER_DAY)
    )
    repeat_buyers = int(np.sum(summary.frequency > 0))
    if repeat_buyers == 0:
        raise ValueError(
            f"none of your {len(ids):,} customers has ordered on two different days yet, so "
            "there is no repeat buying to learn lifetime value from; try again after more orders"
        )
    purchase_model = BetaGeoModel(penalizer=1e-3).fit(summary)
    draws = purchase_model.bootstrap_params(summary)
    expected, low, high = purchase_model.purchase_interval(horizon_weeks, summary, draws)
    spend_model: GammaGammaModel | None
    try:
        spend_model = GammaGammaModel(penalizer=1e-3).fit(summary)
        value = spend_model.expected_order_value(summary.frequency, summary.monetary)
    except ValueError:  # fewer than two repeat buyers: use the plain average repeat order
        spend_model = None
        repeat = summary.monetary[summary.frequency > 0]
        value = np.full(len(ids), float(repeat.mean()) if len(repeat) else 0.0)
    value = np.nan_to_num(value, nan=float(np.nanmean(value)) if np.isfinite(value).any() else 0.0)
    x, t_x, age = summary.frequency, summary.recency, summary.age
    with np.errstate(all="ignore"):
        per_draw = [purchase_model.expected_purchases(horizon_weeks, x, t_x, age, p) for p in draws]
        totals = np.array([np.nansum(np.clip(e, 0, None) * value * margin) for e in per_draw])
    return ClvResult(
        as_of=now, horizon_weeks=horizon_weeks, margin=margin, customers=ids,
        clv=expected * value * margin, clv_low=low * value * margin, clv_high=high * value * margin,
        total_90=(float(np.nanpercentile(totals, 5)), float(np.nanpercentile(totals, 95))),
        expected_orders=expected, outlook=churn_outlook(purchase_model, summary),
        purchase_model=purchase_model, spend_model=spend_model,
    )  # fmt: skip
