"""The benchmark's hybrid "gru+itemknn": the GRU blended with item-kNN read over the whole session.

The GRU reads the whole session; item-kNN knows the exact co-occurrences of items, including
rare pairs that the GRU's embeddings blur. The kNN side here sums the neighbour rows of every
item seen so far, older ones discounted (:class:`SessionItemKNN`), which tuned better in the
blend than the last item alone. The two are z-scored and summed
(:class:`~engine.targeting.recommenders.blend.BlendRecommender`) with a weight and a decay chosen
on the validation split only (``train_tr`` → ``valid``, ``benchmarks/notes/gru_tuning.md``).

The GRU is fitted by the caller (the benchmark fits and scores it on its own first), so the
blend names it in ``prefitted`` and reuses it instead of training it again.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from engine.profiles.sequences import EventSequences
from engine.targeting.recommenders.itemknn import ItemKNN

# Chosen on valid (see the tuning notes for the grids): z(gru) + w · z(session item-kNN).
SESSION_KNN_DECAY = 0.7
GRU_ITEMKNN_WEIGHTS = {"gru": 1.0, "session_itemknn": 0.2}


class SessionItemKNN(ItemKNN):
    """Item-kNN over the session so far: ``score_t = Σ_j decay^(t−j) · sim(item_j, ·)``.

    ``decay=0`` is plain item-kNN (the last item only).
    """

    name = "session_itemknn"

    def __init__(
        self,
        neighbours: int = 100,
        shrinkage: float = 20.0,
        alpha: float = 0.5,
        decay: float = SESSION_KNN_DECAY,
    ) -> None:
        super().__init__(neighbours, shrinkage, alpha)
        self.decay = decay

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        for scores in super().score_sequences(sequences):
            for t in range(1, len(scores)):
                scores[t] += self.decay * scores[t - 1]
            yield scores
