"""Most-popular items: the floor every other recommender must clear."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

import numpy as np

from engine.profiles.sequences import UNKNOWN, EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.recommenders.base import Recommender


class Popularity(Recommender):
    """Scores every item by how often it occurs in the training events, whatever the context."""

    name = "popularity"

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        known = train.items[train.items != UNKNOWN]
        self.item_counts_ = np.bincount(known, minlength=train.n_items).astype(np.float32)
        self.n_items_ = train.n_items
        progress(1.0, "Counted item popularity")
        return self

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        self.check_fitted()
        for length in sequences.lengths:
            yield np.broadcast_to(self.item_counts_, (int(length), self.n_items_))

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        self.check_fitted()
        return np.tile(self.item_counts_, (sequences.n_sequences, 1))
