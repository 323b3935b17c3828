"""Keeping profiles current without retraining, and deciding when a retrain is due.

A GRU's hidden state is a running summary: continuing it from the stored h_T over a customer's
new events gives exactly the state a full pass over the whole history would (the time-gap feature
of the first new event is measured from the stored ``last_event_at``). So new orders cost one
short GRU pass per affected customer.

What the frozen model cannot absorb is drift: products it has never seen (their embeddings do not
exist), many customers it never trained on, a long time since training, or predictions that no
longer beat plain popularity on recent orders. :func:`assess_drift` turns those signals into a
recommendation with the reasons a shop owner can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from engine.profiles.batching import iter_hidden_states
from engine.profiles.gru import SequenceGRU
from engine.profiles.sequences import EventSequences


def advance_states(
    model: SequenceGRU,
    new_events: EventSequences,
    initial_hidden: np.ndarray,
    previous_timestamps: np.ndarray,
    device: torch.device,
) -> np.ndarray:
    """Continue each sequence's hidden state over its new events: ``(n_sequences, hidden)``.

    A sequence without new events keeps its state. ``previous_timestamps`` is NaN where the
    customer had no earlier events (and ``initial_hidden`` then zeros).
    """
    states = initial_hidden.astype(np.float32).copy()
    for chosen, _, last in iter_hidden_states(
        model, new_events, device, initial_hidden=states, previous_timestamps=previous_timestamps
    ):
        states[chosen] = last.float().cpu().numpy()
    return states


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
    signals: dict[str, float | int | None] = field(default_factory=dict)


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
