"""The customer-history GRU's network and training settings, shared by every stage that trains it.

The profiles stage trains it on the whole store; the targeting back-test trains the same network
on the past only (with its own, shorter schedule), so a back-tested lift measures the model the
merchant actually gets.

Its item head answers the merchant's question — which products a customer buys in their coming
orders (``targets``: an item of a later order within :data:`TARGET_HORIZON_DAYS`) — scored against
every product (full softmax) when the catalogue is small enough for that to be cheap. On the full
UCI data (1,789 returning customers, 60 days after a cut) these two changes took Recall@20 from
.091 to .109 and NDCG@20 from .132 to .172 (``benchmarks/notes/gru_tuning.md``, session 4).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from engine.profiles.gru import GRUConfig
from engine.profiles.train import TrainConfig

# The targeting back-test's horizon (``engine.targeting.backtest.DEFAULT_WINDOW_DAYS``): audiences
# are built for what customers buy in the next two months.
TARGET_HORIZON_DAYS = 60.0
# Full-softmax training costs one score per product per step: on UCI's 3,946 products (history
# before the benchmark's cut) 1.2× the time of 512 sampled negatives. Above this many products,
# sampled negatives keep training affordable.
FULL_SOFTMAX_MAX_ITEMS = 5_000
SAMPLED_NEGATIVES = 512

CUSTOMER_MODEL = GRUConfig(n_items=0, embedding_dim=64, hidden_size=128, dropout=0.25)
CUSTOMER_TRAINING = TrainConfig(
    epochs=10,
    batch_size=32,
    learning_rate=3e-3,
    n_negatives=SAMPLED_NEGATIVES,
    target_horizon_days=TARGET_HORIZON_DAYS,
)


def negatives_for(n_items: int) -> int:
    """0 (full softmax) for a catalogue of at most :data:`FULL_SOFTMAX_MAX_ITEMS` products."""
    return 0 if n_items <= FULL_SOFTMAX_MAX_ITEMS else SAMPLED_NEGATIVES


def customer_training(n_items: int, **changes: Any) -> TrainConfig:
    """:data:`CUSTOMER_TRAINING` for a catalogue of ``n_items`` products, with ``changes``."""
    return replace(CUSTOMER_TRAINING, n_negatives=negatives_for(n_items), **changes)
