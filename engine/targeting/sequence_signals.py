"""What a sequence GRU says about each customer: interest θ and the chance of each next product.

Two sources, one shape (:class:`SequenceSignals`, rows = the scorer's customers, columns = the
catalog's categories and products):

* **back-tests** train a fresh GRU on purchases before the cut only (:func:`past_gru_signals`):
  the profiles stage's model has seen the weeks a back-test checks against, so its weight in the
  blend could not be measured honestly. The past-only GRU is smaller in epochs than the profile
  model's recipe (see :func:`past_training`) so a back-test stays minutes, not hours;
* **current audiences** read what the profiles stage stored: θ from the profiles and next-product
  chances from its checkpoint (:mod:`engine.targeting.stored_gru`), trained on everything, which
  is right for the present.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
import torch

from engine.profiles.batching import iter_hidden_states
from engine.profiles.defaults import CUSTOMER_MODEL, customer_training
from engine.profiles.gru import SequenceGRU, cpu_threads
from engine.profiles.sequences import EventSequences
from engine.profiles.train import TrainConfig
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.targeting.interactions import Purchases, customer_sequences
from engine.targeting.model_cache import cached
from engine.targeting.recommenders.gru import GRURecommender

# The profiles stage's network (engine.profiles.defaults.CUSTOMER_MODEL), trained with shorter
# windows: a customer history of 100 steps is one update, of 20 steps five,
# and on the full UCI data 3 epochs of 20-step windows reached a lower loss (6.97 vs 7.65) in
# less time (76 s vs 104 s) than 100-step ones. The epochs are budgeted to the shop's size.
READ_WINDOW = 20  # steps per training window; customers are read over as many recent events
EVENT_STEPS = 800_000  # epochs × training events for one back-test GRU (3–4 epochs on UCI)
EPOCH_RANGE = (2, 4)  # a back-test trains three of these while the merchant waits


@dataclass(frozen=True)
class SequenceSignals:
    """``theta``: customers × categories (rows sum to 1; all 0 = nothing known).
    ``next_product``: customers × products, the GRU's probability that each comes next, or None
    when only θ is known (profiles without a checkpoint)."""

    theta: np.ndarray
    next_product: np.ndarray | None = None

    @classmethod
    def from_profiles(
        cls,
        customers: np.ndarray,
        interests: dict[int, dict[str, float]],
        category_names: tuple[str, ...],
        next_product: np.ndarray | None = None,
    ) -> SequenceSignals:
        """θ stored on profiles (category name → share) laid out as a matrix."""
        column = {name: j for j, name in enumerate(category_names)}
        theta = np.zeros((len(customers), len(category_names)))
        for row, customer in enumerate(customers):
            for name, share in (interests.get(int(customer)) or {}).items():
                if name in column:
                    theta[row, column[name]] = float(share)
        return cls(theta, next_product)


def keep_last(sequences: EventSequences, last: int) -> EventSequences:
    """Only the ``last`` most recent events of each sequence: a GRU trained on windows of that
    many steps from a zero state reads a customer the same way, at a fraction of the cost."""
    starts = np.maximum(sequences.offsets[1:] - last, sequences.offsets[:-1])
    ends = sequences.offsets[1:]
    ranges = [np.arange(a, b) for a, b in zip(starts, ends, strict=True)]
    take = np.concatenate(ranges).astype(np.int64) if ranges else np.zeros(0, np.int64)
    return replace(
        sequences,
        items=sequences.items[take],
        offsets=np.concatenate([[0], np.cumsum(ends - starts)]).astype(np.int64),
        categories=sequences.categories[take],
        timestamps=sequences.timestamps[take],
    )


def past_training(n_events: int, n_items: int) -> TrainConfig:
    """The profile recipe with epochs sized to the shop: more passes for a small history."""
    epochs = int(np.clip(round(EVENT_STEPS / max(n_events, 1)), *EPOCH_RANGE))
    return customer_training(n_items, epochs=epochs, max_length=READ_WINDOW)


def past_gru(
    history: EventSequences, progress: ProgressFn = null_progress, cancel: CancelToken | None = None
) -> GRURecommender:
    """A GRU trained on ``history`` with the back-test recipe; the last one is kept while the
    same history comes back.

    A back-test asks twice for the GRU of the same past: the audience back-test at its cut, then
    the recommender-weight choice whose inner cut is that same date. Training is seeded, so
    reusing the model gives exactly what a second training would, in none of the time.
    """
    training = past_training(len(history), history.n_items)
    key = (
        hashlib.sha1(
            b"".join(a.tobytes() for a in (history.items, history.offsets, history.timestamps))
        ).hexdigest(),
        history.n_items,
        len(history.category_vocab),
        training,
    )
    return cached(
        "past-gru",
        key,
        lambda: GRURecommender(CUSTOMER_MODEL, training).fit(
            history, progress=progress, cancel=cancel
        ),
    )


@torch.no_grad()
def read_gru(
    model: SequenceGRU, sequences: EventSequences, device: torch.device
) -> tuple[np.ndarray, np.ndarray]:
    """θ (softmax of the category head) and next-item probabilities after each sequence.

    Columns follow the model's vocabularies; sequences without events keep rows of zeros.
    """
    theta = np.zeros((sequences.n_sequences, model.config.n_categories), dtype=np.float32)
    items = np.zeros((sequences.n_sequences, model.config.n_items), dtype=np.float32)
    with cpu_threads(1):
        for chosen, _, last in iter_hidden_states(model, sequences, device):
            theta[chosen] = torch.softmax(model.category_logits(last), dim=-1).cpu().numpy()
            items[chosen] = torch.softmax(model.item_scores(last), dim=-1).cpu().numpy()
    return theta, items


def past_gru_signals(
    purchases: Purchases,
    now: datetime,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> SequenceSignals | None:
    """Train a GRU on purchases before ``now`` only and read every past customer at ``now``.

    Rows follow ``purchases.before(now).customers()`` — the scorer's customers. None when no
    customer has two purchases before ``now`` (nothing for a GRU to learn from).
    """
    past = purchases.before(now)
    customers = past.customers()
    history = customer_sequences(past, customers)
    if not np.any(history.lengths >= 2):
        return None
    recommender = past_gru(history, scaled(progress, 0, 0.9), cancel)
    progress(0.9, "Reading customers with the past-only GRU")
    recent = keep_last(history, READ_WINDOW)
    theta, items = read_gru(recommender.model_, recent, recommender.device_)
    progress(1.0, "Past-only GRU ready")
    return SequenceSignals(theta.astype(np.float64), items)
