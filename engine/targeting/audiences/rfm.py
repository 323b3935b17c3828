"""RFM: recency, frequency and monetary value per customer, scores 1–5, and named segments.

Score rules (documented because merchants will ask "why is she 'at risk'?"):

* **R** (recency): days since the last order, **F** (frequency): distinct orders, **M** (monetary):
  total spend — each measured up to a date ``now``.
* Each becomes a 1–5 score from the customer's percentile among all customers (ties share the
  average rank, so the many one-order customers all get the same F): score = 1 + ⌊5·(rank − ½)/n⌋.
  Recent is good, so R uses negated days. 5 is best.
* Segments come from the R×F grid used in the RFM literature (M only breaks ties in rankings):

  ============  ============================  ===================================
  R \\ F        1–2                           3            4–5
  ============  ============================  ===================================
  5             F1 new, F2 potential loyalist potential    champions
  4             F1 promising, F2 pot. loyal.  potential    loyal
  3             about to sleep                need attention  loyal
  2             hibernating                   at risk (F3–4)  can't lose them (F5)
  1             lost                          at risk (F3–4)  can't lose them (F5)
  ============  ============================  ===================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from scipy import stats

from engine.targeting.interactions import SECONDS_PER_DAY, Purchases, to_seconds

SEGMENTS = (
    "champions",
    "loyal",
    "potential loyalists",
    "new customers",
    "promising",
    "need attention",
    "about to sleep",
    "at risk",
    "can't lose them",
    "hibernating",
    "lost",
)

SEGMENT_ADVICE = {
    "champions": "bought recently and often: reward them, ask for reviews, show new arrivals",
    "loyal": "order regularly: upsell and cross-sell",
    "potential loyalists": "recent with a few orders: a membership or bundle offer",
    "new customers": "first order was recent: a welcome series",
    "promising": "recent but only one order: build the relationship",
    "need attention": "average recency and frequency: a limited-time offer",
    "about to sleep": "slipping away after few orders: a reminder with popular products",
    "at risk": "used to buy often but not lately: win them back personally",
    "can't lose them": "your most frequent buyers have gone quiet: win them back now",
    "hibernating": "few orders, long ago: only cheap reminders",
    "lost": "one or two orders, very long ago: leave out of paid campaigns",
}


@dataclass(frozen=True)
class RfmTable:
    """Per customer (sorted ids): raw values, 1–5 scores, a continuous score and a segment."""

    customers: np.ndarray
    recency_days: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray
    score: np.ndarray  # mean percentile of R, F and M in [0, 1]: the RFM-only ranking
    segment: np.ndarray  # object array of segment names


def percentile(values: np.ndarray) -> np.ndarray:
    """Average rank scaled to (0, 1]; ties share a value."""
    if len(values) == 0:
        return np.zeros(0)
    return stats.rankdata(values, method="average") / len(values)


def quintile_score(values: np.ndarray) -> np.ndarray:
    ranks = stats.rankdata(values, method="average")
    return np.clip(1 + np.floor(5 * (ranks - 0.5) / len(values)), 1, 5).astype(int)


def segment_of(r: int, f: int) -> str:
    """The R×F grid from the module docstring."""
    if r >= 4 and f >= 4:
        return "champions" if r == 5 else "loyal"
    if r == 3:
        return "about to sleep" if f <= 2 else "need attention" if f == 3 else "loyal"
    if r >= 4:
        if f == 1:
            return "new customers" if r == 5 else "promising"
        return "potential loyalists"
    if f == 5:
        return "can't lose them"
    if f >= 3:
        return "at risk"
    return "lost" if r == 1 else "hibernating"


def rfm_table(purchases: Purchases, now: datetime) -> RfmTable:
    """RFM for every customer with a purchase before ``now``."""
    past = purchases._take(purchases.time < to_seconds(now))
    customers, inverse = np.unique(past.customer, return_inverse=True)
    if len(customers) == 0:
        raise ValueError(f"no purchases before {now:%Y-%m-%d}: nothing to score")
    last = np.full(len(customers), -np.inf)
    np.maximum.at(last, inverse, past.time)
    pairs = np.unique(np.stack([inverse, past.order]), axis=1)
    frequency = np.bincount(pairs[0], minlength=len(customers)).astype(float)
    monetary = np.bincount(inverse, weights=past.revenue, minlength=len(customers))
    recency_days = (to_seconds(now) - last) / SECONDS_PER_DAY
    r, f, m = quintile_score(-recency_days), quintile_score(frequency), quintile_score(monetary)
    score = (percentile(-recency_days) + percentile(frequency) + percentile(monetary)) / 3
    segment = np.array(
        [segment_of(int(a), int(b)) for a, b in zip(r, f, strict=True)], dtype=object
    )
    return RfmTable(customers, recency_days, frequency, monetary, r, f, m, score, segment)


def segment_counts(table: RfmTable) -> dict[str, int]:
    """Customers per segment, in the order of :data:`SEGMENTS` (empty ones included)."""
    return {name: int(np.sum(table.segment == name)) for name in SEGMENTS}
