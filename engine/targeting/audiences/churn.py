"""Churn risk and the expected next-order window, from the BG/NBD purchase model.

* churn risk = 1 − P(alive | history) (Fader, Hardie & Lee 2005, eq. 13);
* next order: given the customer is still active, their purchase rate has a Gamma(r + x, α + T)
  posterior, and since BG/NBD customers only drop out right after a purchase, the chance of no
  order in the next t weeks is exactly ((α + T)/(α + T + t))^(r + x). Solving it for ¼, ½ and ¾
  gives the quartiles of the wait for the next order: "expected between week 2 and week 9".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from engine.targeting.audiences.clv import BetaGeoModel, RepeatSummary, summarise
from engine.targeting.interactions import SECONDS_PER_DAY, Purchases, to_seconds
from engine.targeting.wording import plural

HIGH_RISK, MEDIUM_RISK = 0.7, 0.4


@dataclass(frozen=True)
class ChurnOutlook:
    churn_risk: np.ndarray  # 1 − P(alive)
    next_order_weeks: np.ndarray  # (n, 3): 25%, 50%, 75% quantiles of the wait, if still active

    def band(self) -> np.ndarray:
        """'high' / 'medium' / 'low' per customer, for the GUI and segment audiences."""
        risk = self.churn_risk
        return np.where(risk >= HIGH_RISK, "high", np.where(risk >= MEDIUM_RISK, "medium", "low"))


def wait_quantiles(
    model: BetaGeoModel, summary: RepeatSummary, quantiles=(0.25, 0.5, 0.75)
) -> np.ndarray:
    """Weeks t with P(an order within t | active) = q, i.e. t = (α+T)·((1−q)^(−1/(r+x)) − 1)."""
    r, alpha, _, _ = model.params_.values
    shape = (r + summary.frequency)[:, None]
    scale = (alpha + summary.age)[:, None]
    q = np.asarray(quantiles)[None, :]
    return scale * (np.power(1 - q, -1 / shape) - 1)


def churn_outlook(model: BetaGeoModel, summary: RepeatSummary) -> ChurnOutlook:
    alive = model.probability_alive(summary.frequency, summary.recency, summary.age)
    return ChurnOutlook(churn_risk=1 - alive, next_order_weeks=wait_quantiles(model, summary))


def describe_next_order(weeks: np.ndarray, churn_risk: float) -> str:
    """'Next order likely in 2–9 weeks (if still a customer; 35% chance they have lapsed)'."""
    low, _, high = (round(w) for w in weeks)
    when = plural(low, "week") if low == high else f"{low}–{high} weeks"
    return (
        f"next order likely in {when} if still a customer "
        f"({churn_risk:.0%} chance they have stopped buying)"
    )


@dataclass(frozen=True)
class ChurnTable:
    customers: np.ndarray  # sorted ids of customers who bought before ``now``
    summary: RepeatSummary
    outlook: ChurnOutlook


def churn_table(purchases: Purchases, now: datetime) -> ChurnTable:
    """Fit BG/NBD on purchases before ``now`` and give every customer a churn risk and window."""
    past = purchases.before(now)
    day = np.floor(past.time / SECONDS_PER_DAY)
    end_day = np.floor(to_seconds(now) / SECONDS_PER_DAY)
    customers, summary = summarise(past.customer, day, past.revenue, end_day)
    model = BetaGeoModel(penalizer=1e-3).fit(summary)
    return ChurnTable(customers, summary, churn_outlook(model, summary))
