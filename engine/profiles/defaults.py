"""The customer-history GRU's network and training settings, shared by every stage that trains it.

The profiles stage trains it on the whole store; the targeting back-test trains the same network
on the past only (with its own, shorter schedule), so a back-tested lift measures the model the
merchant actually gets.
"""

from __future__ import annotations

from engine.profiles.gru import GRUConfig
from engine.profiles.train import TrainConfig

CUSTOMER_MODEL = GRUConfig(n_items=0, embedding_dim=64, hidden_size=128, dropout=0.25)
CUSTOMER_TRAINING = TrainConfig(epochs=10, batch_size=32, learning_rate=3e-3, n_negatives=512)
