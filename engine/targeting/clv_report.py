"""Lifetime value for the shop: BG/NBD × Gamma-Gamma × margin, with intervals and plain words.

CLV over a horizon = expected orders in the horizon (BG/NBD) × expected value per order
(Gamma-Gamma, shrunk towards the shop average for customers with few orders) × gross margin.
No discounting: horizons are a year or less for the shops we serve. The 90% interval carries the
parameter uncertainty of the purchase model, which is what dominates for a small shop.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np

from engine.targeting.audiences.churn import churn_outlook, describe_next_order
from engine.targeting.audiences.clv import BetaGeoModel, GammaGammaModel, summarise
from engine.targeting.interactions import SECONDS_PER_DAY, Purchases, to_seconds


def clv_report(
    purchases: Purchases, now: datetime, horizon_weeks: float, margin: float, top: int
) -> dict[str, Any]:
    past = purchases.before(now)
    day = np.floor(past.time / SECONDS_PER_DAY)
    ids, summary = summarise(
        past.customer, day, past.revenue, np.floor(to_seconds(now) / SECONDS_PER_DAY)
    )
    purchase_model = BetaGeoModel(penalizer=1e-3).fit(summary)
    expected, low, high = purchase_model.purchase_interval(horizon_weeks, summary)
    try:
        spend_model: GammaGammaModel | None = GammaGammaModel(penalizer=1e-3).fit(summary)
        value = spend_model.expected_order_value(summary.frequency, summary.monetary)  # type: ignore[union-attr]
    except ValueError:
        spend_model = None
        repeat = summary.monetary[summary.frequency > 0]
        value = np.full(len(ids), float(repeat.mean()) if len(repeat) else 0.0)
    value = np.nan_to_num(value, nan=float(np.nanmean(value)) if np.isfinite(value).any() else 0.0)
    clv = expected * value * margin
    outlook = churn_outlook(purchase_model, summary)
    best = np.argsort(-clv)[:top]
    return {
        "as_of": now.date().isoformat(),
        "customers_modelled": len(ids),
        "horizon_weeks": horizon_weeks,
        "margin": margin,
        "purchase_model": purchase_model.params_.as_dict(),
        "spend_model": spend_model.params_.as_dict() if spend_model else None,
        "total_clv": round(float(clv.sum()), 2),
        "total_clv_90": [
            round(float((low * value * margin).sum()), 2),
            round(float((high * value * margin).sum()), 2),
        ],
        "churn_bands": {
            band: int(np.sum(outlook.band() == band)) for band in ("high", "medium", "low")
        },
        "customers": [
            {
                "customer_id": int(ids[i]),
                "clv": round(float(clv[i]), 2),
                "clv_90": [
                    round(float(low[i] * value[i] * margin), 2),
                    round(float(high[i] * value[i] * margin), 2),
                ],
                "expected_orders": round(float(expected[i]), 2),
                "churn_risk": round(float(outlook.churn_risk[i]), 3),
                "next_order": describe_next_order(
                    outlook.next_order_weeks[i], float(outlook.churn_risk[i])
                ),
            }
            for i in best
        ],
    }
