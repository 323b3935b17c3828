"""A GRU that trains itself on whatever history ``fit`` is given: the blend member used when the
recommender weights are chosen by back-test, where ``fit`` only ever sees history before the
inner cut. Sized like the audience back-test's GRU (:mod:`engine.targeting.sequence_signals`);
current recommendations use the profiles stage's GRU instead (``StoredGRU``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

import numpy as np

from engine.profiles.sequences import EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.recommenders.base import Recommender
from engine.targeting.sequence_signals import READ_WINDOW, keep_last, past_gru


class PastGRU(Recommender):
    name = "gru"

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        self.gru_ = past_gru(train, progress, cancel)
        self.n_items_ = train.n_items
        return self

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        self.check_fitted()
        return self.gru_.score_sequences(sequences)

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        self.check_fitted()
        return self.gru_.score_last(keep_last(sequences, READ_WINDOW))
