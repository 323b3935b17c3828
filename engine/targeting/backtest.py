"""Back-test: "would this audience have worked?" on the shop's own history.

Method (what the GUI's lift number means):

1. Cut the history at ``cutoff``. Every model sees only purchases before it.
2. The customers we could have targeted are everyone who bought before the cut (N of them).
3. The targets are the ``top_n`` categories (or products) with the most distinct buyers before the
   cut — chosen from the past only, so the choice itself cannot peek.
4. For each target and audience size k = fraction·N, take the k best-scored customers (ties broken
   at random with a fixed seed) and measure, over the next ``window_days``, the share of that
   target's actual buyers the audience contained (recall).
5. A random audience of k customers contains k/N of the buyers on average, so
   **lift = recall / (k/N)**: "this audience held 4× as many of next month's buyers as a random one
   of the same size". Random is 1.0 exactly (and the tests check that by simulation too).
6. The reported lift is the mean over targets; its 95% interval comes from a seeded bootstrap over
   customers (resampling who the shop's customers were, audiences held fixed).

The GRU signals (its next-purchase chances and interest θ) come from a GRU trained for the
back-test on purchases before the cut only — a second one, before the inner cut, for choosing the
weights — so the weight they earn is measured, never leaked from the checked weeks.

Baselines, built from the same past: ``rfm`` ranks customers by recency, frequency and spend
(the same audience whatever the target: "send it to my best customers"), ``popularity`` ranks
them by how many orders they placed in the target (the target's most frequent past buyers: "send
it to whoever bought candles before"). A popularity *recommender* would score every customer the
same for one product, which is random targeting, so it is not a useful audience baseline.
``gru`` and ``theta`` (when the GRU could be trained) rank by each GRU signal alone, to show what
it adds by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.targeting.interactions import Purchases, count_matrix
from engine.targeting.scoring import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    AudienceScorer,
    TargetKind,
    blend,
)
from engine.targeting.sequence_signals import SequenceSignals, past_gru_signals

DEFAULT_SIZES = (0.01, 0.05, 0.1)
DEFAULT_WINDOW_DAYS = 60
BASELINES = ("rfm", "popularity")
GRU_ALONE = {"gru": "sequence", "theta": "interest"}  # report name -> scorer component
MIN_TUNING_GAIN = 0.02  # relative lift gain the tuned weights need over the defaults


def top_k_mask(scores: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """customers × targets booleans: the k highest scores per column, ties broken at random."""
    rng = np.random.default_rng(seed)
    n, n_targets = scores.shape
    mask = np.zeros(scores.shape, dtype=bool)
    for column in range(n_targets):
        order = np.lexsort((rng.random(size=(n,)), -scores[:, column]))
        mask[order[:k], column] = True
    return mask


def lifts(audience: np.ndarray, buyers: np.ndarray) -> np.ndarray:
    """Per target: P(in audience | bought) / P(in audience); NaN for targets nobody bought."""
    share = audience.mean(axis=0)
    hits = (audience & buyers).sum(axis=0)
    n_buyers = buyers.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (hits / n_buyers) / share


def bootstrap_mean_lift(
    audience: np.ndarray, buyers: np.ndarray, replicates: int = 400, seed: int = 0
) -> tuple[float, float]:
    """95% percentile interval of the mean lift, resampling customers with replacement."""
    rng = np.random.default_rng(seed)
    n = audience.shape[0]
    weights = rng.multinomial(n, np.full(n, 1.0 / n), size=replicates).astype(float)
    hit = weights @ (audience & buyers)
    bought = weights @ buyers
    in_audience = weights @ audience
    with np.errstate(invalid="ignore", divide="ignore"):
        lift = (hit / bought) / (in_audience / n)
    finite = np.isfinite(lift).any(axis=1)  # a replicate may resample away every buyer
    means = np.nanmean(lift[finite], axis=1)
    low, high = np.nanpercentile(means, [2.5, 97.5])
    return float(low), float(high)


@dataclass
class SizeResult:
    size: float
    audience_size: int
    model: float
    baselines: dict[str, float]
    ci95: tuple[float, float]
    per_target: list[float]
    random: float = 1.0


@dataclass
class BacktestResult:
    cutoff: datetime
    window_days: int
    customers: int
    kind: str
    targets: list[str]
    buyers_per_target: list[int]
    weights: dict[str, float]
    sizes: list[SizeResult] = field(default_factory=list)

    def as_contract(self) -> dict[str, object]:
        """The ``pinpoint bench lift --json`` shape."""
        return {
            "cutoff": self.cutoff.date().isoformat(),
            "customers": self.customers,
            "window_days": self.window_days,
            "kind": self.kind,
            "targets": self.targets,
            "buyers_per_target": self.buyers_per_target,
            "weights": self.weights,
            "sizes": {
                f"{s.size:g}": {
                    "model": _round(s.model),
                    **{name: _round(value) for name, value in s.baselines.items()},
                    "random": 1.0,
                    "ci95": [_round(s.ci95[0]), _round(s.ci95[1])],
                    "audience_size": s.audience_size,
                }
                for s in self.sizes
            },
        }

    def plain_words(self) -> str:
        """What the number means, for the merchant."""
        lines = [
            f"Back-test: audiences built from orders before {self.cutoff:%d %b %Y} "
            f"({self.customers:,} customers), checked against who actually bought in the next "
            f"{self.window_days} days, averaged over {len(self.targets)} {self.kind} targets."
        ]
        for s in self.sizes:
            rfm = s.baselines.get("rfm", float("nan"))
            lines.append(
                f"  Top {s.size:.0%} ({s.audience_size:,} customers): held {s.model:.1f}× as many "
                f"of the "
                f"real buyers as a random audience of the same size (95% interval {s.ci95[0]:.1f}–"
                f"{s.ci95[1]:.1f}×); targeting your best customers by RFM alone: {rfm:.1f}×."
            )
        return "\n".join(lines)


def _round(value: float) -> float | None:
    return None if not np.isfinite(value) else round(float(value), 3)


def choose_targets(
    past: Purchases, customers: np.ndarray, kind: TargetKind, top_n: int
) -> np.ndarray:
    """The ``top_n`` targets with the most distinct past buyers (from before the cut only)."""
    buyers = (count_matrix(past, customers, kind) > 0).sum(axis=0).A1
    ranked = np.argsort(-buyers, kind="stable")
    return ranked[:top_n][buyers[ranked[:top_n]] > 0]


def future_buyers(
    purchases: Purchases,
    customers: np.ndarray,
    start: datetime,
    days: int,
    kind: TargetKind,
    targets: np.ndarray,
) -> np.ndarray:
    """customers × targets: who bought each target in [start, start + days)."""
    future = purchases.between(start, start + timedelta(days=days))
    return (count_matrix(future, customers, kind)[:, targets] > 0).toarray()


def evaluate_scores(
    scores: np.ndarray, buyers: np.ndarray, size: float, seed: int = 0
) -> tuple[float, np.ndarray, int]:
    """Mean lift over targets with buyers, per-target lifts and the audience size used."""
    k = max(1, round(size * scores.shape[0]))
    per_target = lifts(top_k_mask(scores, k, seed), buyers)
    return (
        float(np.nanmean(per_target)) if np.isfinite(per_target).any() else float("nan"),
        per_target,
        k,
    )


def tune_weights(
    purchases: Purchases,
    cutoff: datetime,
    window_days: int,
    kind: TargetKind,
    top_n: int,
    signals: SequenceSignals | None = None,
    size: float = 0.05,
    step: float = 0.25,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> dict[str, float]:
    """Choose blend weights by an inner back-test that ends at ``cutoff`` (never after it).

    The validation cut is ``cutoff − window_days``; weights on a grid of ``step`` over the
    components are scored by mean lift at ``size`` (on a tie the first grid point found stays).
    ``signals`` must come from a GRU trained before the validation cut. A component that is
    constant for everyone (e.g. no GRU) is left out of the grid. The defaults stay unless the
    best grid point beats them by :data:`MIN_TUNING_GAIN`.
    """
    inner_cut = cutoff - timedelta(days=window_days)
    past = purchases.before(cutoff)
    scorer = AudienceScorer(horizon_days=window_days).fit(
        past, inner_cut, signals, progress=scaled(progress, 0, 0.8), cancel=cancel
    )
    targets = choose_targets(past.before(inner_cut), scorer.customers_, kind, top_n)
    buyers = future_buyers(past, scorer.customers_, inner_cut, window_days, kind, targets)
    components = scorer.components(kind, targets)
    usable = [c for c in COMPONENTS if np.ptp(components[c]) > 0]
    default_lift, _, _ = evaluate_scores(blend(components, scorer.weights), buyers, size)
    best_weights, best_lift = dict(scorer.weights), -np.inf
    for weights in _grid(usable, step):
        lift, _, _ = evaluate_scores(blend(components, weights), buyers, size)
        if np.isfinite(lift) and lift > best_lift + 1e-9:
            best_weights, best_lift = weights, lift
    if not best_lift > default_lift * (1 + MIN_TUNING_GAIN):
        best_weights = dict(scorer.weights)  # a small shop's noise is not worth chasing
    progress(1.0, "Blend weights chosen")
    return {name: best_weights.get(name, 0.0) for name in COMPONENTS}


def _grid(names: list[str], step: float) -> list[dict[str, float]]:
    """All weight vectors on the simplex with the given step (at least one positive)."""
    units = round(1 / step)
    results: list[dict[str, float]] = []

    def extend(prefix: list[int], remaining: int) -> None:
        if len(prefix) == len(names) - 1:
            results.append(dict(zip(names, [p * step for p in [*prefix, remaining]], strict=True)))
            return
        for value in range(remaining + 1):
            extend([*prefix, value], remaining - value)

    if names:
        extend([], units)
    return results


def run_backtest(
    purchases: Purchases,
    cutoff: datetime | None = None,
    sizes: tuple[float, ...] = DEFAULT_SIZES,
    window_days: int = DEFAULT_WINDOW_DAYS,
    kind: TargetKind = "category",
    top_n: int = 10,
    tune: bool = True,
    gru: bool = True,
    seed: int = 0,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> BacktestResult:
    """Back-test the model and baselines; the default cut leaves ``window_days`` to check.

    With ``gru`` a GRU is trained on the past only (one before the inner cut when tuning, one
    before the cut) and its signals join the blend candidates.
    """
    cutoff = _checked_cutoff(purchases, cutoff, window_days)
    inner_cut = cutoff - timedelta(days=window_days)
    weights = None
    if tune and inner_cut > purchases.first_time:
        inner_signals = (
            past_gru_signals(purchases, inner_cut, scaled(progress, 0, 0.3), cancel)
            if gru
            else None
        )
        weights = tune_weights(
            purchases,
            cutoff,
            window_days,
            kind,
            top_n,
            inner_signals,
            progress=scaled(progress, 0.3, 0.45),
            cancel=cancel,
        )
    signals = (
        past_gru_signals(purchases, cutoff, scaled(progress, 0.45, 0.75), cancel) if gru else None
    )
    scorer = AudienceScorer(weights=weights or dict(DEFAULT_WEIGHTS), horizon_days=window_days)
    scorer.fit(purchases, cutoff, signals, progress=scaled(progress, 0.75, 0.9), cancel=cancel)
    customers = scorer.customers_
    targets = choose_targets(purchases.before(cutoff), customers, kind, top_n)
    buyers = future_buyers(purchases, customers, cutoff, window_days, kind, targets)
    names = purchases.catalog.category_names if kind == "category" else purchases.catalog.skus
    result = BacktestResult(
        cutoff=cutoff,
        window_days=window_days,
        customers=len(customers),
        kind=kind,
        targets=[names[t] for t in targets],
        buyers_per_target=[int(b) for b in buyers.sum(axis=0)],
        weights=dict(scorer.weights),
    )
    model_scores = scorer.score(kind, targets)
    baseline_scores = {name: scorer.baseline(name, kind, targets) for name in BASELINES}
    if signals is not None:
        components = scorer.components(kind, targets)
        baseline_scores |= {name: components[part] for name, part in GRU_ALONE.items()}
    for size in sizes:
        model_lift, per_target, k = evaluate_scores(model_scores, buyers, size, seed)
        audience = top_k_mask(model_scores, k, seed)
        result.sizes.append(
            SizeResult(
                size=size,
                audience_size=k,
                model=model_lift,
                baselines={
                    n: evaluate_scores(s, buyers, size, seed)[0] for n, s in baseline_scores.items()
                },
                ci95=bootstrap_mean_lift(audience, buyers, seed=seed),
                per_target=[_round(v) for v in per_target],  # type: ignore[misc]
            )
        )
    progress(1.0, "Back-test finished")
    return result


def _checked_cutoff(purchases: Purchases, cutoff: datetime | None, window_days: int) -> datetime:
    """The user's cut-off, or ``window_days`` before the last order; explained when unusable."""
    chosen_by_user = cutoff is not None
    if cutoff is None:
        cutoff = (purchases.last_time - timedelta(days=window_days)).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
    if cutoff <= purchases.first_time:
        if chosen_by_user:
            raise ValueError(
                f"the cut-off {cutoff:%Y-%m-%d} is before the first order "
                f"({purchases.first_time:%Y-%m-%d}): choose a later date"
            )
        span = (purchases.last_time - purchases.first_time).days
        raise ValueError(
            f"your orders cover only {span} days: a back-test needs orders before a cut-off and "
            f"{window_days} days after it to check against; import a longer order history"
        )
    return cutoff
