"""Predict the CTR and CVR of a new variant/audience pair, and say honestly how good that is.

Two models, compared with a constant-rate baseline (the pooled rate of the training folds):
  * logistic regression on standardised features, fitted to the binomial counts
    (each example = ``successes`` ones and ``trials − successes`` zeros, as sample weights);
  * a random forest regressor on the observed rate, weighted by trials.
Errors are cross-validated with folds grouped by variant (a variant never helps predict
itself): weighted binomial log loss and weighted mean absolute error of the rate. The
prediction uses the model with the lowest log loss — which may be the baseline, and then the
answer says that the models do not beat the average yet.

Not enough data: fewer than :data:`MIN_EXAMPLES` examples with at least ``MIN_TRIALS[metric]``
trials each, or fewer than :data:`MIN_VARIANTS` distinct variants. Why: the feature vector has
~30 columns, so a dozen examples is already a thin fit, and grouped cross-validation needs a
few variants per fold; below 500 impressions a 2 % CTR has a standard error of ~0.6 points
(30 % of the value), and below 30 clicks a CVR is mostly noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.evaluation.prediction_data import FEATURE_NAMES, Example

MIN_EXAMPLES = 12
MIN_VARIANTS = 4
MIN_TRIALS = {"ctr": 500, "cvr": 30}
MODELS = ("logistic", "forest")
_EPS = 1e-6


@dataclass(slots=True)
class ModelScore:
    model: str  # logistic | forest | baseline
    log_loss: float
    mae: float


@dataclass(slots=True)
class MetricPrediction:
    metric: str  # ctr | cvr
    state: str  # ready | not_enough_data
    examples: int
    value: float | None = None
    model: str | None = None
    beats_baseline: bool = False
    cv: list[ModelScore] = field(default_factory=list)
    message: str = ""


def _arrays(examples: list[Example], metric: str) -> tuple[np.ndarray, ...]:
    rows: list[tuple[Example, float, float]]
    if metric == "ctr":
        rows = [
            (e, e.clicks, e.impressions) for e in examples if e.impressions >= MIN_TRIALS["ctr"]
        ]
    else:
        rows = [(e, e.conversions, e.clicks) for e in examples if e.clicks >= MIN_TRIALS["cvr"]]
    x = np.array([e.features for e, _s, _n in rows], dtype=float).reshape(-1, len(FEATURE_NAMES))
    successes = np.array([min(s, n) for _e, s, n in rows], dtype=float)
    trials = np.array([n for _e, _s, n in rows], dtype=float)
    groups = np.array([e.group for e, _s, _n in rows])
    return x, successes, trials, groups


def _fit_predict(model: str, x: np.ndarray, s: np.ndarray, n: np.ndarray, x_new: np.ndarray,
                 seed: int) -> np.ndarray:  # fmt: skip
    """Fit ``model`` on (x, s successes of n) and return predicted rates for ``x_new``."""
    if model == "baseline":
        return np.full(len(x_new), s.sum() / n.sum())
    if model == "logistic":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        stacked = np.vstack([x, x])
        labels = np.concatenate([np.ones(len(x)), np.zeros(len(x))])
        weights = np.concatenate([s, n - s])
        pipeline = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
        pipeline.fit(stacked, labels, logisticregression__sample_weight=weights)
        return np.asarray(pipeline.predict_proba(x_new)[:, 1])
    from sklearn.ensemble import RandomForestRegressor

    forest = RandomForestRegressor(
        n_estimators=200, min_samples_leaf=2, random_state=seed, n_jobs=1
    )
    forest.fit(x, s / n, sample_weight=n)
    return np.asarray(forest.predict(x_new))


def _score(model: str, predicted: np.ndarray, s: np.ndarray, n: np.ndarray) -> ModelScore:
    p = np.clip(predicted, _EPS, 1 - _EPS)
    log_loss = -float(np.sum(s * np.log(p) + (n - s) * np.log(1 - p)) / n.sum())
    mae = float(np.sum(n * np.abs(p - s / n)) / n.sum())
    return ModelScore(model, round(log_loss, 6), round(mae, 6))


def cross_validate(examples: list[Example], metric: str, seed: int = 0) -> list[ModelScore]:
    """Grouped k-fold errors of every model and the baseline (k = min(5, variants))."""
    from sklearn.model_selection import GroupKFold

    x, s, n, groups = _arrays(examples, metric)
    folds = GroupKFold(n_splits=min(5, len(set(groups.tolist()))))
    scores = []
    for model in ("baseline", *MODELS):
        predicted = np.zeros(len(x))
        for train, test in folds.split(x, s, groups):
            predicted[test] = _fit_predict(model, x[train], s[train], n[train], x[test], seed)
        scores.append(_score(model, predicted, s, n))
    return scores


def enough_data(examples: list[Example], metric: str) -> tuple[bool, str]:
    x, _s, _n, groups = _arrays(examples, metric)
    variants = len(set(groups.tolist()))
    if len(x) >= MIN_EXAMPLES and variants >= MIN_VARIANTS:
        return True, ""
    unit = "impressions" if metric == "ctr" else "clicks"
    return False, (
        f"Not enough data yet to predict {metric.upper()}: {len(x)} variant/audience results "
        f"with at least {MIN_TRIALS[metric]} {unit} from {variants} variants; the model needs "
        f"{MIN_EXAMPLES} results from {MIN_VARIANTS} variants. Import more reports."
    )


def predict_rate(
    examples: list[Example], metric: str, new: list[float], seed: int = 0
) -> MetricPrediction:
    """Predict ``metric`` for the feature vector ``new`` with the best cross-validated model."""
    ready, message = enough_data(examples, metric)
    usable = len(_arrays(examples, metric)[0])
    if not ready:
        return MetricPrediction(metric, "not_enough_data", usable, message=message)
    scores = cross_validate(examples, metric, seed)
    best = min(scores, key=lambda score: score.log_loss)
    x, s, n, _groups = _arrays(examples, metric)
    value = float(_fit_predict(best.model, x, s, n, np.array([new], dtype=float), seed)[0])
    beats = best.model != "baseline"
    baseline = next(score for score in scores if score.model == "baseline")
    message = (
        f"{best.model} model: cross-validated error {best.mae:.4f} vs {baseline.mae:.4f} for "
        "always predicting the average." if beats else
        "The models do not beat the shop's average rate yet; the prediction is that average."
    )  # fmt: skip
    return MetricPrediction(metric, "ready", usable, value, best.model, beats, scores, message)


@dataclass(slots=True)
class VariantPrediction:
    """Predicted CTR and CVR of one variant/audience pair, with the features used."""

    ctr: MetricPrediction
    cvr: MetricPrediction
    features: dict[str, float]

    def summary(self) -> str:
        lines = []
        for prediction in (self.ctr, self.cvr):
            shown = "-" if prediction.value is None else f"{100 * prediction.value:.2f}%"
            lines.append(f"{prediction.metric.upper()}: {shown}. {prediction.message}")
        return "\n".join(lines)
