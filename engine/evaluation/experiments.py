"""A/B tests between two variants (or audiences): is the difference real, and how sure are we?

Three views of the same counts, because merchants ask three questions:
  * "Is it significant?"  — two-sided two-proportion z-test with the pooled variance (the test
    statsmodels' ``proportions_ztest`` runs by default);
  * "How likely is B better, and what do I lose if I pick it and I'm wrong?" — Beta-Binomial
    with a uniform Beta(1, 1) prior; P(B > A) and the expected loss are one-dimensional integrals
    computed by numerical quadrature (no sampling noise, so no seed is needed);
  * "How long must it run?" — per-arm sample size for the lift the merchant cares about, with
    Cohen's h and the normal power function (what statsmodels' ``NormalIndPower`` solves).
Peeking guard: looking at a running test and stopping when p < 0.05 inflates false positives
far above 5 %; a result computed before the planned sample size says so in plain words.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from engine.evaluation.intervals import Rate, wilson

STOPPED_EARLY = "Stopped early: the difference may not be real."
_NORMAL = NormalDist()


@dataclass(frozen=True, slots=True)
class Arm:
    name: str
    successes: float  # clicks (CTR) or conversions (CVR)
    trials: float  # impressions (CTR) or clicks (CVR)


@dataclass(slots=True)
class ZTest:
    z: float | None  # positive when B's rate is higher
    p_value: float | None
    difference: float  # rate B − rate A
    reason: str | None = None


@dataclass(slots=True)
class Bayes:
    prob_b_beats_a: float
    expected_loss_choosing_a: float  # rate given up, on average, if A is chosen and B is better
    expected_loss_choosing_b: float
    prior: str = "Beta(1, 1)"


@dataclass(slots=True)
class ABResult:
    metric: str
    a: Rate
    b: Rate
    a_name: str
    b_name: str
    z_test: ZTest
    bayes: Bayes
    alpha: float
    planned_per_arm: int | None
    stopped_early: bool
    verdict: str
    notes: list[str] = field(default_factory=list)


def two_proportion_ztest(a: Arm, b: Arm) -> ZTest:
    """Pooled two-sided z-test of rate B − rate A."""
    if a.trials <= 0 or b.trials <= 0:
        return ZTest(None, None, 0.0, "an arm has no trials yet")
    p_a, p_b = a.successes / a.trials, b.successes / b.trials
    pooled = (a.successes + b.successes) / (a.trials + b.trials)
    variance = pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials)
    if variance <= 0:
        return ZTest(None, None, p_b - p_a, "both arms have identical all-or-nothing results")
    z = (p_b - p_a) / math.sqrt(variance)
    return ZTest(z, 2 * _NORMAL.cdf(-abs(z)), p_b - p_a)


def beta_binomial(a: Arm, b: Arm) -> Bayes:
    """P(rate B > rate A) and expected losses; posteriors Beta(1 + s, 1 + n − s), independent."""
    from scipy import integrate
    from scipy.stats import beta

    post_a = beta(1 + a.successes, 1 + a.trials - a.successes)
    post_b = beta(1 + b.successes, 1 + b.trials - b.successes)

    def over_support(func: Callable[[float], float], dist: Any) -> float:
        low, high = dist.ppf(1e-12), dist.ppf(1 - 1e-12)
        value, _error = integrate.quad(func, low, high, limit=200, points=[dist.mean()])
        return float(value)

    def expected_excess(dist: Any, at: float) -> float:
        """E[max(X − at, 0)] for X ~ Beta(α, β), in closed form via the Beta CDF."""
        alpha, beta_ = dist.args
        upper_mean = dist.mean() * beta(alpha + 1, beta_).sf(at)
        return float(upper_mean - at * dist.sf(at))

    prob = over_support(lambda x: post_b.pdf(x) * post_a.cdf(x), post_b)
    loss_b = over_support(lambda y: post_b.pdf(y) * expected_excess(post_a, y), post_b)
    loss_a = over_support(lambda y: post_a.pdf(y) * expected_excess(post_b, y), post_a)
    return Bayes(min(max(prob, 0.0), 1.0), max(loss_a, 0.0), max(loss_b, 0.0))


def cohens_h(p1: float, p2: float) -> float:
    """Effect size for two proportions (statsmodels ``proportion_effectsize(p2, p1)``)."""
    return 2 * math.asin(math.sqrt(p2)) - 2 * math.asin(math.sqrt(p1))


def power(effect: float, per_arm: float, alpha: float = 0.05) -> float:
    """Two-sided power of the two-sample normal test at ``per_arm`` observations per arm."""
    crit = _NORMAL.inv_cdf(1 - alpha / 2)
    shift = abs(effect) * math.sqrt(per_arm / 2)
    return _NORMAL.cdf(shift - crit) + _NORMAL.cdf(-shift - crit)


def sample_size_per_arm(
    baseline: float, lift: float, alpha: float = 0.05, power_: float = 0.8
) -> int:
    """Observations per arm to detect a relative ``lift`` (0.2 = +20 %) over ``baseline``."""
    target = baseline * (1 + lift)
    if not 0 < baseline < 1 or not 0 < target < 1 or lift == 0:
        raise ValueError(
            f"baseline {baseline} and lift {lift} must give two different rates between 0 and 1"
        )
    effect = cohens_h(baseline, target)
    low, high = 2.0, 4.0
    while power(effect, high, alpha) < power_:
        low, high = high, high * 2
    for _ in range(200):  # bisection: power is increasing in n
        middle = (low + high) / 2
        low, high = (middle, high) if power(effect, middle, alpha) < power_ else (low, middle)
    return math.ceil(high - 1e-9)


def compare(
    a: Arm, b: Arm, metric: str = "ctr", planned_per_arm: int | None = None, alpha: float = 0.05
) -> ABResult:
    """Every view of an A/B test, with a verdict a shop owner can act on."""
    what = "impressions" if metric == "ctr" else "clicks"
    z_test = two_proportion_ztest(a, b)
    bayes = beta_binomial(a, b)
    early = planned_per_arm is not None and min(a.trials, b.trials) < planned_per_arm
    result = ABResult(
        metric=metric, a=wilson(a.successes, a.trials, what=what),
        b=wilson(b.successes, b.trials, what=what), a_name=a.name, b_name=b.name,
        z_test=z_test, bayes=bayes, alpha=alpha, planned_per_arm=planned_per_arm,
        stopped_early=early, verdict="",
    )  # fmt: skip
    result.verdict = _verdict(result, a, b, what)
    if planned_per_arm is None:
        result.notes.append(
            "No planned sample size: decide it before the test starts (see the sample-size "
            "calculator), or every look at the numbers raises the chance of a false winner."
        )
    return result


def _pct(rate: Rate) -> str:
    return "n/a" if rate.value is None else f"{100 * rate.value:.2f}%"


def _share(probability: float) -> str:
    """`>99%` rather than a misleading `100%` when the posterior is merely very sure."""
    if probability > 0.99:
        return ">99%"
    return "<1%" if probability < 0.01 else f"{100 * probability:.0f}%"


def _p_text(p_value: float) -> str:
    """`p < 0.001` rather than `p = 0`: a test never proves a difference with certainty."""
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3g}"


def _verdict(result: ABResult, a: Arm, b: Arm, what: str) -> str:
    rates = f"{a.name} {_pct(result.a)} vs {b.name} {_pct(result.b)}"
    chance = f"chance {b.name} is better: {_share(result.bayes.prob_b_beats_a)}"
    if result.stopped_early:
        return (
            f"{STOPPED_EARLY} So far {rates} ({chance}). Keep it running until each variant "
            f"has {result.planned_per_arm:,} {what} (now {int(min(a.trials, b.trials)):,})."
        )
    p_value = result.z_test.p_value
    if p_value is None:
        return f"Not enough data to compare: {result.z_test.reason}."
    if p_value < result.alpha:
        winner = b.name if result.z_test.difference > 0 else a.name
        return f"{winner} is better: {rates} ({_p_text(p_value)}; {chance})."
    return f"No real difference found: {rates} ({_p_text(p_value)}; {chance})."
