"""Customer lifetime value: BG/NBD for repeat purchases and Gamma-Gamma for spend per order.

Our own implementation of Fader, Hardie & Lee (2005) "Counting your customers the easy way: an
alternative to the Pareto/NBD model" (BG/NBD) and Fader & Hardie (2013) "The Gamma-Gamma model of
monetary value", fitted by maximum likelihood with scipy. Parameters are optimised on the log scale
(they must be positive); their standard errors come from the inverse Hessian of the negative
log-likelihood, and per-customer intervals from refitting on bootstrap resamples of the customers
(robust where an estimate sits at the edge of its range). That is how a shop with a few hundred
customers still gets numbers: wide intervals, never a refusal.

Inputs are the usual summary per customer, in one time unit (weeks here):
``frequency`` x = repeat purchases (distinct purchase days minus one), ``recency`` t_x = time from
the first to the last purchase, ``age`` T = time from the first purchase to the end of observation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

DAYS_PER_UNIT = 7.0  # BG/NBD time unit: weeks, as in the published CDNOW fits
REJECTED = 1e10  # objective value for parameters where the likelihood is not finite


@dataclass(frozen=True)
class RepeatSummary:
    """Frequency/recency/age (weeks) and mean repeat-order value per customer."""

    frequency: np.ndarray
    recency: np.ndarray
    age: np.ndarray
    monetary: np.ndarray  # mean value of the repeat purchase days (0 when frequency == 0)


def summarise(
    customer: np.ndarray, day: np.ndarray, value: np.ndarray, end_day: float
) -> tuple[np.ndarray, RepeatSummary]:
    """Summarise transactions as ``lifetimes.utils.summary_data_from_transaction_data`` does.

    ``day`` is a whole-day number (e.g. days since the epoch). Transactions of one customer on the
    same day count as one purchase whose value is their sum; the first purchase day is excluded
    from the monetary mean (it is the acquisition, not a repeat). Only days ``<= end_day`` count.
    Returns the customer ids (sorted) and their summary.
    """
    keep = day <= end_day
    customer, day, value = customer[keep], day[keep], value[keep]
    pairs, inverse = np.unique(np.stack([customer, day]), axis=1, return_inverse=True)
    day_value = np.bincount(inverse.ravel(), weights=value, minlength=pairs.shape[1])
    ids, first_index, n_days = np.unique(pairs[0], return_index=True, return_counts=True)
    last_index = first_index + n_days - 1
    first_day, last_day = pairs[1][first_index], pairs[1][last_index]
    total = np.add.reduceat(day_value, first_index)
    frequency = (n_days - 1).astype(float)
    repeat_total = total - day_value[first_index]
    monetary = np.divide(repeat_total, frequency, out=np.zeros_like(total), where=frequency > 0)
    return ids, RepeatSummary(
        frequency=frequency,
        recency=(last_day - first_day) / DAYS_PER_UNIT,
        age=(end_day - first_day) / DAYS_PER_UNIT,
        monetary=monetary,
    )


def _fit_log_params(
    negative_ll: Callable[[np.ndarray], float], start: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise on log-parameters; return the estimates and their covariance (log scale)."""
    result = optimize.minimize(negative_ll, start, method="L-BFGS-B")
    log_params = result.x
    hessian = _numeric_hessian(negative_ll, log_params)
    try:
        covariance = np.linalg.inv(hessian)
    except np.linalg.LinAlgError:
        covariance = np.full_like(hessian, np.nan)
    return log_params, covariance


def _numeric_hessian(
    function: Callable[[np.ndarray], float], point: np.ndarray, step: float = 1e-4
) -> np.ndarray:
    """Central-difference Hessian; the log-likelihoods here are smooth and cheap to evaluate."""
    n = len(point)
    hessian = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            shifts = [(1, 1), (1, -1), (-1, 1), (-1, -1)]
            values = []
            for si, sj in shifts:
                moved = point.copy()
                moved[i] += si * step
                moved[j] += sj * step
                values.append(function(moved))
            hessian[i, j] = hessian[j, i] = (values[0] - values[1] - values[2] + values[3]) / (
                4 * step * step
            )
    return hessian


@dataclass(frozen=True)
class FittedParams:
    """Estimates with standard errors (delta method from the log-scale covariance)."""

    names: tuple[str, ...]
    log_values: np.ndarray
    log_covariance: np.ndarray

    @property
    def values(self) -> np.ndarray:
        return np.exp(self.log_values)

    @property
    def standard_errors(self) -> np.ndarray:
        return self.values * np.sqrt(np.clip(np.diag(self.log_covariance), 0, None))

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            name: {"value": float(v), "se": float(se)}
            for name, v, se in zip(self.names, self.values, self.standard_errors, strict=True)
        }


class BetaGeoModel:
    """BG/NBD: purchases at Poisson rate λ ~ Gamma(r, α); after each purchase the customer drops
    out with probability p ~ Beta(a, b)."""

    def __init__(self, penalizer: float = 0.0) -> None:
        self.penalizer = penalizer

    @staticmethod
    def log_likelihood(
        params: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
    ) -> np.ndarray:
        r, alpha, a, b = params
        a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
        a2 = special.betaln(a, b + x) - special.betaln(a, b)
        a3 = -(r + x) * np.log(alpha + T)
        with np.errstate(divide="ignore"):
            a4 = np.where(
                x > 0,
                np.log(a) - np.log(np.maximum(b + x - 1, 1e-12)) - (r + x) * np.log(alpha + t_x),
                -np.inf,
            )
        return a1 + a2 + np.logaddexp(a3, a4)

    def fit(self, summary: RepeatSummary) -> BetaGeoModel:
        x, t_x, T = summary.frequency, summary.recency, summary.age
        if len(x) == 0:
            raise ValueError("no customers to fit the purchase model on")

        def negative_ll(log_params: np.ndarray) -> float:
            with np.errstate(all="ignore"):  # the optimiser may probe absurd values: reject them
                params = np.exp(log_params)
                penalty = self.penalizer * float(np.sum(params**2))
                value = -float(np.mean(self.log_likelihood(params, x, t_x, T))) + penalty
            return value if np.isfinite(value) else REJECTED

        log_params, covariance = _fit_log_params(negative_ll, np.zeros(4))
        # The objective is a mean, so the Hessian of the summed log-likelihood is n times larger.
        self.params_ = FittedParams(("r", "alpha", "a", "b"), log_params, covariance / len(x))
        self.n_customers_ = len(x)
        return self

    def _params(self, params: np.ndarray | None) -> np.ndarray:
        return self.params_.values if params is None else params

    def probability_alive(
        self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray, params: np.ndarray | None = None
    ) -> np.ndarray:
        """P(still a customer | history) = 1 / (1 + δ(x>0)·a/(b+x-1)·((α+T)/(α+t_x))^(r+x))."""
        r, alpha, a, b = self._params(params)
        log_ratio = (
            np.log(a)
            - np.log(np.maximum(b + x - 1, 1e-12))
            + (r + x) * np.log((alpha + T) / (alpha + t_x))
        )
        return np.where(x > 0, special.expit(-log_ratio), 1.0)

    def expected_purchases(
        self,
        horizon: float,
        x: np.ndarray,
        t_x: np.ndarray,
        T: np.ndarray,
        params: np.ndarray | None = None,
    ) -> np.ndarray:
        """E[purchases in (T, T+horizon] | history]: FHL (2005) equation 10."""
        r, alpha, a, b = self._params(params)
        a = a if abs(a - 1) > 1e-9 else 1 + 1e-9  # (a-1) cancels in the limit; avoid 0/0
        hyper = special.hyp2f1(r + x, b + x, a + b + x - 1, horizon / (alpha + T + horizon))
        head = (a + b + x - 1) / (a - 1)
        body = 1 - ((alpha + T) / (alpha + T + horizon)) ** (r + x) * hyper
        return head * body * self.probability_alive(x, t_x, T, params)

    def bootstrap_params(self, summary: RepeatSummary, n: int = 30, seed: int = 0) -> np.ndarray:
        """Parameters refitted on ``n`` resamples of the customers (rows: r, α, a, b).

        The normal approximation behind the standard errors breaks down when an estimate sits at
        the edge of its range (a shop where nobody seems to leave fits a ≈ 0), so per-customer
        intervals use this bootstrap instead; each refit costs well under a second.
        """
        rng = np.random.default_rng(seed)
        fits = []
        for _ in range(n):
            take = rng.integers(0, len(summary.frequency), len(summary.frequency))
            resampled = RepeatSummary(*(np.asarray(field)[take] for field in (
                summary.frequency, summary.recency, summary.age, summary.monetary
            )))  # fmt: skip
            fits.append(BetaGeoModel(self.penalizer).fit(resampled).params_.values)
        return np.stack(fits)

    def purchase_interval(
        self, horizon: float, summary: RepeatSummary, draws: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Expected purchases in ``horizon`` and a 90% interval over parameter sets ``draws``."""
        x, t_x, T = summary.frequency, summary.recency, summary.age
        point = self.expected_purchases(horizon, x, t_x, T)
        with np.errstate(all="ignore"):
            sampled = np.stack([self.expected_purchases(horizon, x, t_x, T, p) for p in draws])
            sampled[~np.isfinite(sampled) | (sampled < 0)] = np.nan  # numerically failed draws
            low = np.nanpercentile(sampled, 5, axis=0)
            high = np.nanpercentile(sampled, 95, axis=0)
        return point, np.fmin(low, point), np.fmax(high, point)


class GammaGammaModel:
    """Spend per order ~ Gamma(p, ν) around each customer's mean, with ν ~ Gamma(q, γ) across
    customers. Fitted on repeat buyers only (frequency > 0, mean repeat value > 0)."""

    def __init__(self, penalizer: float = 0.0) -> None:
        self.penalizer = penalizer

    @staticmethod
    def log_likelihood(params: np.ndarray, x: np.ndarray, m: np.ndarray) -> np.ndarray:
        p, q, gamma = params
        return (
            special.gammaln(p * x + q)
            - special.gammaln(p * x)
            - special.gammaln(q)
            + q * np.log(gamma)
            + (p * x - 1) * np.log(m)
            + p * x * np.log(x)
            - (p * x + q) * np.log(gamma + m * x)
        )

    def fit(self, summary: RepeatSummary) -> GammaGammaModel:
        repeat = (summary.frequency > 0) & (summary.monetary > 0)
        x, m = summary.frequency[repeat], summary.monetary[repeat]
        if len(x) < 2:
            raise ValueError("need at least two repeat buyers to fit the spend model")

        def negative_ll(log_params: np.ndarray) -> float:
            with np.errstate(all="ignore"):  # the optimiser may probe absurd values: reject them
                params = np.exp(log_params)
                penalty = self.penalizer * float(np.sum(params**2))
                value = -float(np.mean(self.log_likelihood(params, x, m))) + penalty
            return value if np.isfinite(value) else REJECTED

        log_params, covariance = _fit_log_params(negative_ll, np.log([1.0, 1.0, float(np.mean(m))]))
        self.params_ = FittedParams(("p", "q", "gamma"), log_params, covariance / len(x))
        self.n_customers_ = len(x)
        return self

    def expected_order_value(self, x: np.ndarray, m: np.ndarray) -> np.ndarray:
        """E[spend per order | x, m̄] = p(γ + x·m̄)/(p·x + q − 1); the population mean when x = 0."""
        p, q, gamma = self.params_.values
        population_mean = p * gamma / (q - 1) if q > 1 else float(np.nan)
        weighted = (p * (gamma + x * m)) / np.maximum(p * x + q - 1, 1e-12)
        return np.where(x > 0, weighted, population_mean)
