"""Who is likely to buy a category or product next: the audience model and its baselines.

:class:`AudienceScorer` is fitted on purchases up to ``now`` and scores every known customer for
any set of targets (category or product indices). Its score is a weighted blend of percentile
ranks of signals a merchant can understand — each also feeds the plain-word explanations:

* ``affinity``: the customer's own orders in the target, each weighted 0.5^(age / half-life);
* ``orders``: the same orders, all counted alike (loyal long-time buyers of the target);
* ``collaborative``: matrix-factorisation scores ("similar customers bought this"), summed over the
  target's products for a category;
* ``activity``: BG/NBD expected orders in the coming window (is the customer still buying?);
* ``sequence``: expected orders (as ``activity``) × a GRU's probability that the customer's next
  purchase is in the target — expected purchases in the target, the GRU's way;
* ``interest``: expected orders × the GRU's interest θ for the category.

The GRU's outputs are shares of one customer's next purchase; alone they rank a one-order
customer who bought only candles above a weekly buyer of everything, and on the UCI back-test
they held 1.35× as many next-60-day buyers as random against 2.3× when weighted by expected orders.

Both GRU signals come as :class:`~engine.targeting.sequence_signals.SequenceSignals`: a back-test
trains its own GRU on the past only (the stored profiles have seen the weeks it checks), current
audiences use the stored profiles. Without them both signals are constant and drop out.

Percentile ranks make signals on different scales comparable and keep the blend monotone in each.
The weights default to :data:`DEFAULT_WEIGHTS` and are re-chosen by back-test
(:func:`engine.targeting.backtest.tune_weights`). Baselines scored the same way: ``rfm`` (one
ranking of customers by recency, frequency and spend, whatever the target) and ``popularity`` (the
target's most frequent past buyers — what a merchant does by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Self

import numpy as np
from scipy import sparse, stats

from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.targeting.audiences.clv import BetaGeoModel, summarise
from engine.targeting.audiences.rfm import rfm_table
from engine.targeting.interactions import (
    SECONDS_PER_DAY,
    Purchases,
    count_matrix,
    customer_sequences,
    recency_weighted,
    to_seconds,
)
from engine.targeting.recommenders.mf import ImplicitALS
from engine.targeting.sequence_signals import SequenceSignals

TargetKind = Literal["category", "product"]
COMPONENTS = ("affinity", "orders", "collaborative", "activity", "sequence", "interest")
DEFAULT_WEIGHTS = {
    "affinity": 0.5,
    "orders": 0.0,
    "collaborative": 0.25,
    "activity": 0.25,
    "sequence": 0.0,
    "interest": 0.0,
}


def column_percentiles(matrix: np.ndarray) -> np.ndarray:
    """Per column, each customer's average rank / n (ties share a rank; constant columns → ½)."""
    if matrix.shape[0] == 0:
        return matrix.astype(float)
    return stats.rankdata(matrix, axis=0, method="average") / matrix.shape[0]


def expected_orders(
    past: Purchases, customers: np.ndarray, now: datetime, days: float
) -> np.ndarray:
    """BG/NBD expected orders in the next ``days`` per customer; frequency/age if the fit fails.

    A shop with a handful of repeat buyers can make the likelihood flat; the fallback keeps the
    ranking meaningful (orders per week so far) rather than refusing.
    """
    day = np.floor(past.time / SECONDS_PER_DAY)
    ids, summary = summarise(
        past.customer, day, past.revenue, np.floor(to_seconds(now) / SECONDS_PER_DAY)
    )
    try:
        model = BetaGeoModel(penalizer=1e-3).fit(summary)
        values = model.expected_purchases(
            days / 7.0, summary.frequency, summary.recency, summary.age
        )
        if not np.all(np.isfinite(values)):
            raise FloatingPointError("non-finite expectation")
    except (ValueError, FloatingPointError, np.linalg.LinAlgError):
        values = (summary.frequency + 1) / np.maximum(summary.age, 1.0)
    result = np.zeros(len(customers))
    position = np.searchsorted(ids, customers)
    found = (position < len(ids)) & (ids[np.minimum(position, len(ids) - 1)] == customers)
    result[found] = values[position[found]]
    return result


@dataclass
class AudienceScorer:
    """Estimator-style: the constructor stores settings, ``fit`` learns; learned names end in _."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    half_life_days: float = 90.0
    horizon_days: float = 60.0
    mf_factors: int = 48
    mf_iterations: int = 10

    def fit(
        self,
        purchases: Purchases,
        now: datetime,
        signals: SequenceSignals | None = None,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        """Learn from purchases before ``now``; customers = everyone who bought before ``now``.

        ``signals`` rows follow those customers (sorted ids) and must come from before ``now``
        too when the scorer is back-tested.
        """
        past = purchases.before(now)
        self.now_ = now
        self.customers_ = past.customers()
        if len(self.customers_) == 0:
            raise ValueError(
                f"no purchases before {now:%Y-%m-%d}: nothing to build an audience from"
            )
        self.catalog_ = purchases.catalog
        if signals is not None and len(signals.theta) != len(self.customers_):
            raise ValueError("GRU signals must have one row per customer who bought before now")
        self.signals_ = signals
        progress(0.05, "Counting past purchases")
        self.item_affinity_ = recency_weighted(
            past, self.customers_, now, self.half_life_days, "product"
        )
        self.category_affinity_ = recency_weighted(
            past, self.customers_, now, self.half_life_days, "category"
        )
        self.item_orders_ = count_matrix(past, self.customers_, "product")
        self.category_orders_ = count_matrix(past, self.customers_, "category")
        progress(0.15, "Estimating who is still buying")
        self.activity_ = expected_orders(past, self.customers_, now, self.horizon_days)
        self.rfm_ = rfm_table(past, now)
        if cancel:
            cancel.check()
        self.mf_ = ImplicitALS(factors=self.mf_factors, iterations=self.mf_iterations).fit(
            customer_sequences(past, self.customers_),
            progress=scaled(progress, 0.3, 0.9),
            cancel=cancel,
        )
        self.item_scores_ = np.clip(
            self.mf_.customer_factors_ @ self.mf_.item_factors_.T, 0, None
        ).astype(np.float32)
        progress(1.0, "Audience model ready")
        return self

    def _target_matrix(self, kind: TargetKind, targets: np.ndarray) -> sparse.csr_matrix:
        """items × targets indicator: which products make up each target."""
        catalog = self.catalog_
        if kind == "product":
            columns = np.arange(len(targets))
            return sparse.csr_matrix(
                (np.ones(len(targets)), (targets, columns)),
                shape=(len(catalog.product_ids), len(targets)),
            )
        column_of_target = {int(c): j for j, c in enumerate(targets)}
        in_target = np.isin(catalog.category, targets)
        items = np.flatnonzero(in_target)
        columns = np.array([column_of_target[int(c)] for c in catalog.category[items]], dtype=int)
        return sparse.csr_matrix(
            (np.ones(len(items)), (items, columns)), shape=(len(catalog.product_ids), len(targets))
        )

    def components(self, kind: TargetKind, targets: np.ndarray) -> dict[str, np.ndarray]:
        """Raw signals, each customers × targets."""
        targets = np.asarray(targets, dtype=np.int64)
        category = kind == "category"
        affinity = (self.category_affinity_ if category else self.item_affinity_)[:, targets]
        orders = (self.category_orders_ if category else self.item_orders_)[:, targets]
        in_target = self._target_matrix(kind, targets)
        collaborative = np.asarray(in_target.T @ self.item_scores_.T).T
        activity = np.repeat(self.activity_[:, None], len(targets), axis=1)
        return {
            "affinity": affinity.toarray(),
            "orders": orders.toarray(),
            "collaborative": collaborative,
            "activity": activity,
            "sequence": activity * self._sequence(in_target),
            "interest": activity * self.theta_for(kind, targets),
        }

    @property
    def has_interest_(self) -> bool:
        return self.signals_ is not None and bool(np.any(self.signals_.theta))

    def _sequence(self, in_target: sparse.csr_matrix) -> np.ndarray:
        """P(next purchase is in the target): the GRU's next-product chances summed per target."""
        signals = self.signals_
        if signals is None or signals.next_product is None:
            return np.zeros((len(self.customers_), in_target.shape[1]))
        return np.asarray(in_target.T @ signals.next_product.T).T

    def theta_for(self, kind: TargetKind, targets: np.ndarray) -> np.ndarray:
        """θ of the target's category (a product's category for product targets)."""
        if self.signals_ is None:
            return np.zeros((len(self.customers_), len(targets)))
        categories = targets if kind == "category" else self.catalog_.category[targets]
        return self.signals_.theta[:, categories]

    def score(
        self, kind: TargetKind, targets: np.ndarray, weights: dict[str, float] | None = None
    ) -> np.ndarray:
        """The blended audience score, customers × targets, in [0, 1]."""
        return blend(self.components(kind, targets), weights or self.weights)

    def baseline(self, name: str, kind: TargetKind, targets: np.ndarray) -> np.ndarray:
        """``rfm`` or ``popularity`` scores, customers × targets."""
        targets = np.asarray(targets, dtype=np.int64)
        if name == "rfm":
            return np.repeat(self.rfm_.score[:, None], len(targets), axis=1)
        if name == "popularity":
            orders = self.category_orders_ if kind == "category" else self.item_orders_
            return orders[:, targets].toarray()
        raise ValueError(f"unknown baseline {name!r}; expected rfm or popularity")


def blend(components: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    total = sum(max(w, 0.0) for w in weights.values()) or 1.0
    first = next(iter(components.values()))
    score = np.zeros(first.shape)
    for name, weight in weights.items():
        if weight > 0 and name in components:
            score += (weight / total) * column_percentiles(components[name])
    return score
