"""What each training position of a customer history learns to predict.

Both functions return, per event, the flat position of the *target event*; its item is what the
item head learns and its category what the category head (θ) learns.

* **Next event** (the default, and the session benchmark's task): position ``p`` predicts the event
  at ``p + 1`` of the same sequence.
* **Horizon** (``horizon_days > 0``, customer histories): position ``p`` predicts one item drawn
  uniformly from the customer's *later orders* within ``horizon_days`` — the merchant's question,
  "what will this customer buy in the coming weeks", rather than "which line comes next in this
  basket". Drawing one target per position and epoch is an unbiased sample of the multinomial
  likelihood of the whole future basket, at the cost of a next-event target. Items of the same
  order (same timestamp) are never targets: at scoring time the history ends with a finished
  order. A position with no later order inside the horizon (the customer's last order, a
  one-time buyer) falls back to the next event, so a shop of one-time buyers still teaches the
  model which products are bought together.

On the full UCI data (cut 60 days before the end, 1,789 returning customers), with full-softmax
training, the horizon target raised NDCG@20 from .159 to .172 (Recall@20 .106 → .109) and
trained in less time (``benchmarks/notes/gru_tuning.md``, session 4).
"""

from __future__ import annotations

import numpy as np

from engine.profiles.sequences import EventSequences

SECONDS_PER_DAY = 86_400


NO_TARGET = -1  # a position with nothing to learn (the last event of a sequence)


def next_event_targets(sequences: EventSequences) -> np.ndarray:
    """Per event, the flat position of the next event of its sequence (:data:`NO_TARGET` for
    each sequence's last event)."""
    targets = np.arange(1, len(sequences) + 1, dtype=np.int64)
    if len(sequences):
        targets[sequences.offsets[1:] - 1] = NO_TARGET
    return targets


def horizon_targets(
    sequences: EventSequences, horizon_days: float, rng: np.random.Generator
) -> np.ndarray:
    """Per event, the flat position of one event of a later order of the same sequence within
    ``horizon_days``, drawn uniformly; the next event where there is none.

    Events must be in time order within each sequence, as ``encode_events`` requires anyway."""
    targets = next_event_targets(sequences)
    if not len(sequences):
        return targets
    sequence_of = np.repeat(np.arange(sequences.n_sequences), sequences.lengths)
    seconds = np.round(sequences.timestamps - sequences.timestamps.min()).astype(np.int64)
    horizon = round(horizon_days * SECONDS_PER_DAY)
    # One sortable key per event: sequence first, then time. The sequence step exceeds any time
    # span plus the horizon, so both searches stay inside the event's own sequence.
    key = sequence_of.astype(np.int64) * (int(seconds.max()) + horizon + 1) + seconds
    first_later = np.searchsorted(key, key, side="right")  # first event of a later order
    past_horizon = np.searchsorted(key, key + horizon, side="right")
    choices = past_horizon - first_later
    has_later = choices > 0
    draw = first_later + np.floor(rng.random(len(key)) * np.maximum(choices, 1)).astype(np.int64)
    targets[has_later] = draw[has_later]
    return targets
