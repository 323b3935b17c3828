"""Interest segments: customers whose interest θ (from the GRU profiles) leans towards a category.

θ is a probability distribution over categories per customer (a column of
:class:`~engine.targeting.sequence_signals.SequenceSignals` ``theta``). When profiles do not exist
yet, each customer's share of recent orders per category stands in for it, so the segment still
works.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def interest_from_purchases(category_weights: sparse.csr_matrix, column: int) -> np.ndarray:
    """Share of each customer's (recency-weighted) purchases that fall in the category."""
    totals = np.asarray(category_weights.sum(axis=1)).ravel()
    own = category_weights[:, column].toarray().ravel()
    return np.divide(own, totals, out=np.zeros_like(own), where=totals > 0)


def interest_segment(scores: np.ndarray, threshold: float = 0.3) -> np.ndarray:
    """Boolean mask: customers whose interest in the category is at least ``threshold``."""
    return scores >= threshold
