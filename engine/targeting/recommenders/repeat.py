"""Buy again: score each item by how often, and how recently, this customer bought it.

Many shops live on replenishment (wholesalers re-order the same candles every month), and no
collaborative model ranks "what you always buy" as well as the customer's own history. Each past
purchase of an item adds 0.5^(age / half-life), age measured back from the customer's latest
event; items never bought score 0. ``fit`` only records the catalogue size (nothing to learn).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

import numpy as np

from engine.profiles.sequences import EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.recommenders.base import Recommender

SECONDS_PER_DAY = 86_400.0


class RepeatPurchases(Recommender):
    name = "repeat"

    def __init__(self, half_life_days: float = 90.0) -> None:
        self.half_life_days = half_life_days

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        self.n_items_ = train.n_items
        progress(1.0, "Repeat purchases ready")
        return self

    def _decayed(self, items: np.ndarray, times: np.ndarray, now: float) -> np.ndarray:
        row = np.zeros(self.n_items_, dtype=np.float32)
        known = items >= 0
        age_days = (now - times[known]) / SECONDS_PER_DAY
        np.add.at(row, items[known], np.power(0.5, age_days / self.half_life_days))
        return row

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        self.check_fitted()
        rows = np.zeros((sequences.n_sequences, self.n_items_), dtype=np.float32)
        for s in range(sequences.n_sequences):
            start, end = sequences.offsets[s], sequences.offsets[s + 1]
            if end > start:
                times = sequences.timestamps[start:end]
                rows[s] = self._decayed(sequences.items[start:end], times, float(times[-1]))
        return rows

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        self.check_fitted()
        for s in range(sequences.n_sequences):
            start, end = sequences.offsets[s], sequences.offsets[s + 1]
            items, times = sequences.items[start:end], sequences.timestamps[start:end]
            yield (
                np.stack(
                    [
                        self._decayed(items[: t + 1], times[: t + 1], float(times[t]))
                        for t in range(end - start)
                    ]
                )
                if end > start
                else np.zeros((0, self.n_items_), dtype=np.float32)
            )
