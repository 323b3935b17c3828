"""When a frozen profile model should be retrained, and why, in words a shop owner can read.

Signals: products it has never seen (their embeddings do not exist), customers it never trained
on, time and activity since training, and whether its next-product guesses on recent orders still
beat plain "best sellers". :func:`measure_drift` computes them; :func:`assess_drift` compares them
with :class:`DriftThresholds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from engine.profiles.batching import iter_hidden_states
from engine.profiles.gru import SequenceGRU
from engine.profiles.ranking import conservative_ranks
from engine.profiles.sequences import UNKNOWN, EventSequences

RECALL_CUTOFF = 20


@dataclass(frozen=True)
class DriftThresholds:
    unseen_item_share: float = 0.20  # of events since training, on products the model lacks
    new_customer_share: float = 0.25  # of customers, unknown at training time
    max_days: float = 60.0  # since the last event the model trained on ...
    min_new_event_share: float = 0.10  # ... counts only when this much new data arrived
    min_lift_over_popularity: float = 1.2  # recall@20 on recent events, model / popularity


@dataclass
class DriftReport:
    retrain_recommended: bool
    reasons: list[str] = field(default_factory=list)
    signals: dict[str, object] = field(default_factory=dict)


def assess_drift(
    signals: dict[str, float | int | None], thresholds: DriftThresholds | None = None
) -> DriftReport:
    """Compare drift signals with thresholds; every threshold crossed becomes a plain reason.

    Expected signals: ``unseen_item_share``, ``new_customer_share``, ``days_since_training``,
    ``new_event_share``, ``recent_recall``, ``recent_popularity_recall`` (any may be None).
    """
    limits = thresholds or DriftThresholds()
    reasons: list[str] = []
    unseen = signals.get("unseen_item_share")
    if unseen is not None and unseen > limits.unseen_item_share:
        reasons.append(
            f"{unseen:.0%} of recent activity is on products the model has never seen "
            f"(limit {limits.unseen_item_share:.0%})"
        )
    new_customers = signals.get("new_customer_share")
    if new_customers is not None and new_customers > limits.new_customer_share:
        reasons.append(
            f"{new_customers:.0%} of customers arrived after the model was trained "
            f"(limit {limits.new_customer_share:.0%})"
        )
    days = signals.get("days_since_training")
    new_share = signals.get("new_event_share") or 0.0
    if days is not None and days > limits.max_days and new_share >= limits.min_new_event_share:
        reasons.append(
            f"the model is {days:.0f} days behind and {new_share:.0%} more activity "
            "has arrived since"
        )
    recall, popular = signals.get("recent_recall"), signals.get("recent_popularity_recall")
    if recall is not None and popular and recall / popular < limits.min_lift_over_popularity:
        reasons.append(
            f"on recent orders the model finds the next product only "
            f"{recall / popular:.2f}× as often "
            f"as 'best sellers' does (expected at least {limits.min_lift_over_popularity}×)"
        )
    return DriftReport(bool(reasons), reasons, dict(signals))


@torch.no_grad()
def measure_drift(
    model: SequenceGRU,
    sequences: EventSequences,
    trained_until: float,
    trained_events: int,
    device: torch.device,
) -> dict[str, float | int | None]:
    """Drift signals of ``sequences`` (whole histories) against a model trained until then.

    Recall@20 is measured on every event after ``trained_until`` from the customer's whole
    history before it, for the model and for popularity counted on the training period.
    """
    is_new = sequences.timestamps > trained_until
    first_seen = sequences.timestamps[sequences.offsets[:-1]]
    popularity = np.bincount(
        sequences.items[~is_new & (sequences.items != UNKNOWN)], minlength=sequences.n_items
    ).astype(np.float32)
    hits = popular_hits = pairs = 0
    news_per_sequence = (
        np.add.reduceat(is_new, sequences.offsets[:-1]) if len(sequences) else np.zeros(0, int)
    )
    recent = sequences.subset(np.flatnonzero(news_per_sequence > 0))
    for chosen, states, _ in iter_hidden_states(model, recent, device):
        for row, s in enumerate(chosen):
            start, end = recent.offsets[s], recent.offsets[s + 1]
            new_target = recent.timestamps[start + 1 : end] > trained_until
            targets = recent.items[start + 1 : end][new_target]
            if not len(targets):
                continue
            scores = model.item_scores(states[row, : end - start - 1]).float().cpu().numpy()
            hits += int((conservative_ranks(scores[new_target], targets) <= RECALL_CUTOFF).sum())
            baseline = np.broadcast_to(popularity, (len(targets), len(popularity)))
            popular_hits += int((conservative_ranks(baseline, targets) <= RECALL_CUTOFF).sum())
            pairs += len(targets)
    newest = float(sequences.timestamps.max()) if len(sequences) else trained_until
    return {
        "new_events": int(is_new.sum()),
        "new_event_share": round(float(is_new.sum()) / max(trained_events, 1), 4),
        "unseen_item_share": _share(sequences.items[is_new] == UNKNOWN),
        "new_customer_share": _share(first_seen > trained_until),
        "days_since_training": round((newest - trained_until) / 86400, 2),
        "recent_pairs": pairs,
        "recent_recall": round(hits / pairs, 4) if pairs else None,
        "recent_popularity_recall": round(popular_hits / pairs, 4) if pairs else None,
    }


def _share(flags: np.ndarray) -> float | None:
    return round(float(flags.mean()), 4) if len(flags) else None
