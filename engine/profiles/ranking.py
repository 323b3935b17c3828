"""The rank rule every evaluation in Pinpoint uses: ties count against the model."""

from __future__ import annotations

import numpy as np

from engine.profiles.sequences import UNKNOWN


def conservative_ranks(scores: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Rank of each row's target = how many items score at least as high (1 = best).

    Rows whose target is ``UNKNOWN`` get rank ``n_items + 1`` (a miss at any cutoff).
    """
    known = targets != UNKNOWN
    ranks = np.full(len(targets), scores.shape[1] + 1, dtype=np.int64)
    if known.any():
        rows = np.flatnonzero(known)
        target_scores = scores[rows, targets[rows]]
        ranks[rows] = (scores[rows] >= target_scores[:, None]).sum(axis=1)
    return ranks
