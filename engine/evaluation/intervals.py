"""Rates with Wilson score intervals, and ratios that say why they are missing.

Wilson rather than the normal ("Wald") interval because ad rates are small (CTR ~1 %) and
counts often are too: Wald gives negative lower bounds and zero-width intervals at 0 clicks,
Wilson stays inside [0, 1] and is honest about small samples (Brown, Cai & DasGupta 2001).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist


@dataclass(frozen=True, slots=True)
class Rate:
    """A proportion such as CTR, with its interval; ``value`` is None when it cannot exist."""

    value: float | None
    low: float | None = None
    high: float | None = None
    successes: float = 0
    trials: float = 0
    reason: str | None = None  # why value or interval is missing, in words


@dataclass(frozen=True, slots=True)
class Ratio:
    """A money ratio (CPC, CPA, ROAS, ROI); ``value`` is None with a reason instead of 1/0."""

    value: float | None
    reason: str | None = None


def z_for(confidence: float) -> float:
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def wilson(successes: float, trials: float, confidence: float = 0.95, what: str = "trials") -> Rate:
    """Wilson score interval for ``successes / trials``.

    Fractional successes (Google's data-driven conversions such as 9.5) are used as they are.
    More successes than trials (view-through conversions counted against clicks) give the
    rate without an interval, since no binomial interval describes it.
    """
    if trials <= 0:
        return Rate(None, successes=successes, trials=trials, reason=f"no {what}")
    p = successes / trials
    if successes < 0 or p > 1:
        reason = "more conversions than clicks (view-through conversions); no interval"
        return Rate(p, successes=successes, trials=trials, reason=reason)
    z = z_for(confidence)
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return Rate(p, max(0.0, centre - half), min(1.0, centre + half), successes, trials)


def ratio(numerator: float | None, denominator: float | None, missing: str) -> Ratio:
    """``numerator / denominator``, or None with ``missing`` (e.g. "no clicks") as the reason."""
    if numerator is None or denominator is None:
        return Ratio(None, "not in the report")
    if denominator == 0:
        return Ratio(None, missing)
    return Ratio(numerator / denominator)
