"""Keeping profiles current without retraining, and deciding when a retrain is due.

A GRU's hidden state is a running summary: continuing it from the stored h_T over a customer's
new events gives exactly the state a full pass over the whole history would (the time-gap feature
of the first new event is measured from the stored ``last_event_at``). So new orders cost one
short GRU pass per affected customer.

What the frozen model cannot absorb is drift; :mod:`engine.profiles.drift` measures it.
"""

from __future__ import annotations

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
