"""Advice from the numbers: when to show ads, how often, and where to put the budget.

* Timing — from the audience's own order times in the store (the platforms' hour reports say
  when people click, the shop's orders say when these customers actually buy). Below
  :data:`MIN_ORDERS_FOR_TIMING` orders the result is marked as a hint only.
* Frequency cap — rule documented in :func:`frequency_advice`.
* Budget split — Thompson sampling: each arm's rate gets a Beta(1 + successes, 1 + failures)
  posterior; the budget share of an arm is the probability that it is the best arm, estimated
  from seeded draws, so the same data always gives the same split.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from engine.evaluation.intervals import Rate, wilson

MIN_ORDERS_FOR_TIMING = 30
"""With fewer orders one busy afternoon decides the 'best hour'; show it as a hint only."""
DEFAULT_FREQUENCY_CAP = 3
"""Impressions per person per week when the report cannot tell us better (rule of thumb)."""
CTR_KEEP_SHARE = 0.7
"""Cap where CTR has fallen below 70 % of its value at the lowest observed frequency."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(slots=True)
class Timing:
    orders: int
    by_weekday: dict[str, int]
    by_hour: dict[int, int]
    best_weekdays: list[tuple[str, int]]
    best_hours: list[tuple[int, int]]
    enough_data: bool
    note: str
    ctr_by_weekday: dict[str, Rate] = field(default_factory=dict)  # from reports with a Day column
    ctr_by_hour: dict[int, Rate] = field(default_factory=dict)  # from reports with an hour column


def best_times(order_times: Iterable[datetime], top: int = 3) -> Timing:
    """Order counts per weekday and hour, and the ``top`` busiest of each (with counts)."""
    times = list(order_times)
    weekdays = Counter(WEEKDAYS[t.weekday()] for t in times)
    hours = Counter(t.hour for t in times)
    enough = len(times) >= MIN_ORDERS_FOR_TIMING
    note = (
        f"From {len(times)} orders of this audience; times are the shop export's clock as "
        "stored (UTC) — shift them to your ad account's time zone when scheduling."
    )
    if not enough:
        note += f" Fewer than {MIN_ORDERS_FOR_TIMING} orders: treat this as a hint, not a rule."
    return Timing(
        orders=len(times),
        by_weekday={day: weekdays.get(day, 0) for day in WEEKDAYS},
        by_hour={hour: hours.get(hour, 0) for hour in range(24)},
        best_weekdays=weekdays.most_common(top),
        best_hours=hours.most_common(top),
        enough_data=enough,
        note=note,
    )


def ctr_by_time(
    rows: Iterable[tuple[date | None, int | None, int | None, int | None]],
) -> tuple[dict[str, Rate], dict[int, Rate]]:
    """CTR (Wilson 95 %) per weekday and per hour from (day, hour, impressions, clicks) rows.

    This is when people *click*; the order times say when they *buy*. Both are shown, since
    a campaign may want either.
    """
    day_clicks: Counter[str] = Counter()
    day_impressions: Counter[str] = Counter()
    hour_clicks: Counter[int] = Counter()
    hour_impressions: Counter[int] = Counter()
    for day, hour, impressions, clicks in rows:
        if not impressions:
            continue
        if day is not None:
            day_clicks[WEEKDAYS[day.weekday()]] += clicks or 0
            day_impressions[WEEKDAYS[day.weekday()]] += impressions
        if hour is not None:
            hour_clicks[hour] += clicks or 0
            hour_impressions[hour] += impressions
    day_rates = {
        d: wilson(day_clicks[d], day_impressions[d], what="impressions")
        for d in WEEKDAYS if d in day_impressions
    }  # fmt: skip
    hour_rates = {
        h: wilson(hour_clicks[h], hour_impressions[h], what="impressions")
        for h in sorted(hour_impressions)
    }
    return day_rates, hour_rates


@dataclass(slots=True)
class FrequencyAdvice:
    cap_per_week: int
    basis: str  # "ctr_decay" | "average_frequency" | "default"
    average_frequency: float | None
    ctr_by_frequency: dict[str, float] = field(default_factory=dict)
    explanation: str = ""


def frequency_advice(rows: Iterable[tuple[int | None, int | None, int | None]]) -> FrequencyAdvice:
    """Suggest impressions per person per week from (impressions, reach, clicks) rows.

    Rule: when rows (ad sets, days) reach people at different average frequencies, pool CTR by
    frequency band (1, 2, 3, 4, 5+) and cap at the highest band whose CTR is still at least
    70 % of the lowest band's — beyond it, extra impressions mostly buy fatigue. This compares
    different rows, not the same people over time, so it is a guide. With reach but a single
    band, or no reach at all, the cap is the rule-of-thumb 3 a week (lower if the ads already
    run below it), and the explanation says so.
    """
    usable = [(i, r, c or 0) for i, r, c in rows if i and r and i >= r]
    if not usable:
        return FrequencyAdvice(DEFAULT_FREQUENCY_CAP, "default", None, explanation=(
            f"The report has no reach, so frequency is unknown; {DEFAULT_FREQUENCY_CAP} "
            "impressions per person per week is a common, conservative starting cap."
        ))  # fmt: skip
    average = sum(i for i, _r, _c in usable) / sum(r for _i, r, _c in usable)
    bands: dict[int, list[int]] = {}
    for impressions, reach, clicks in usable:
        band = min(5, max(1, round(impressions / reach)))
        totals = bands.setdefault(band, [0, 0])
        totals[0] += impressions
        totals[1] += clicks
    ctr = {band: clicks / impressions for band, (impressions, clicks) in sorted(bands.items())}
    labels = {f"{band}{'+' if band == 5 else ''}": round(value, 5) for band, value in ctr.items()}
    if len(ctr) >= 2 and ctr[min(ctr)] > 0:
        floor = CTR_KEEP_SHARE * ctr[min(ctr)]
        kept = [band for band, value in ctr.items() if value >= floor]
        cap = max(kept)
        return FrequencyAdvice(cap, "ctr_decay", round(average, 2), labels, (
            f"CTR stays at or above {CTR_KEEP_SHARE:.0%} of its level at the lowest frequency "
            f"up to about {cap} impressions per person: cap at {cap} a week "
            "(compared across ad sets, so a guide)."
        ))  # fmt: skip
    cap = max(1, min(DEFAULT_FREQUENCY_CAP, math.ceil(average)))
    return FrequencyAdvice(cap, "average_frequency", round(average, 2), labels, (
        f"People saw these ads {average:.1f} times on average; without a spread of frequencies "
        f"to measure fatigue, cap at {cap} a week (rule of thumb: at most {DEFAULT_FREQUENCY_CAP})."
    ))  # fmt: skip


@dataclass(slots=True)
class ArmShare:
    name: str
    successes: float
    trials: float
    posterior_mean: float
    credible_low: float
    credible_high: float
    prob_best: float
    budget: float


def thompson_split(
    arms: list[tuple[str, float, float]], budget: float, draws: int = 20_000, seed: int = 0
) -> list[ArmShare]:
    """Split ``budget`` by each arm's posterior probability of having the best rate."""
    if not arms:
        raise ValueError("No arms to split the budget across: import a report first.")
    if budget < 0:
        raise ValueError(f"The budget must not be negative (got {budget}).")
    rng = np.random.default_rng(seed)
    alpha = np.array([1 + max(s, 0.0) for _n, s, _t in arms])
    beta_ = np.array([1 + max(t - s, 0.0) for _n, s, t in arms])
    samples = rng.beta(alpha, beta_, size=(draws, len(arms)))
    wins = np.bincount(samples.argmax(axis=1), minlength=len(arms)) / draws
    low, high = np.quantile(samples, [0.025, 0.975], axis=0)
    return [
        ArmShare(name, s, t, float(alpha[k] / (alpha[k] + beta_[k])), float(low[k]),
                 float(high[k]), float(wins[k]), round(budget * float(wins[k]), 2))
        for k, (name, s, t) in enumerate(arms)
    ]  # fmt: skip
