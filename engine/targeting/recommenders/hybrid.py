"""A blend of session recommenders that were fitted already: the benchmark's "gru+itemknn".

The GRU reads the whole session; item-kNN knows the exact co-occurrences of the last item,
including rare pairs that the GRU's embeddings blur. Their standardised scores are summed
(:class:`~engine.targeting.recommenders.blend.BlendRecommender`) with a weight chosen on the
validation split only (``train_tr`` → ``valid``, ``benchmarks/notes/gru_tuning.md``).

The members are fitted by the caller (the benchmark fits and scores each of them on its own
first), so ``fit`` here only checks that they were fitted on data of the same shape instead of
training the GRU a second time.
"""

from __future__ import annotations

from typing import Self

from engine.profiles.sequences import EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.recommenders.blend import BlendRecommender

# Chosen on valid (grid .05–1; probability mixing was worse): z(gru) + .1 · z(itemknn) lifted
# Recall@20 by .003 over the GRU alone there (benchmarks/notes/gru_tuning.md).
GRU_ITEMKNN_WEIGHTS = {"gru": 1.0, "itemknn": 0.1}


class PrefittedBlend(BlendRecommender):
    """:class:`BlendRecommender` over members that are already fitted on ``train``."""

    name = "prefitted_blend"

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        for name, member in self.members.items():
            member.check_fitted()
            if member.n_items_ != train.n_items:
                raise ValueError(
                    f"blend member {name!r} was fitted on {member.n_items_} items, "
                    f"but this training data has {train.n_items}: fit it on the same data"
                )
        self.weights_ = self.weights or {name: 1.0 for name in self.members}
        self.n_items_ = train.n_items
        progress(1.0, "Blend ready")
        return self
