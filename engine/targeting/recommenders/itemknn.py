"""Item-kNN on session co-occurrence: the strong, simple baseline of the session literature.

Two items are similar when many sessions contain both; dividing by their supports (smoothed by
``shrinkage`` λ and balanced by ``alpha``) keeps very popular items from being everyone's
neighbour:

    sim(i, j) = sessions(i and j) / ((supp(i) + λ)^α · (supp(j) + λ)^(1-α))

Each item keeps its ``neighbours`` most similar items; the next item is scored by its similarity
to the *last* item seen (unknown last item: no information, every score 0).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

import numpy as np
from scipy import sparse

from engine.profiles.sequences import UNKNOWN, EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.recommenders.base import Recommender


class ItemKNN(Recommender):
    name = "itemknn"

    def __init__(self, neighbours: int = 100, shrinkage: float = 20.0, alpha: float = 0.5) -> None:
        self.neighbours = neighbours
        self.shrinkage = shrinkage
        self.alpha = alpha

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        n_items = train.n_items
        sequence_of_event = np.repeat(np.arange(train.n_sequences), train.lengths)
        known = train.items != UNKNOWN
        presence = sparse.csr_matrix(
            (
                np.ones(int(known.sum()), dtype=np.float32),
                (sequence_of_event[known], train.items[known]),
            ),
            shape=(train.n_sequences, n_items),
        )
        presence.data[:] = 1.0  # duplicates were summed: a session counts once per item
        co_occurrence = (presence.T @ presence).tocsr()
        co_occurrence.setdiag(0.0)
        co_occurrence.eliminate_zeros()
        support = np.asarray(presence.sum(axis=0)).ravel() + self.shrinkage
        row_norm = support**self.alpha
        column_norm = support ** (1.0 - self.alpha)
        similarity = co_occurrence.multiply(1.0 / row_norm[:, None]).multiply(
            1.0 / column_norm[None, :]
        )
        self.similarity_ = _keep_top_per_row(similarity.tocsr(), self.neighbours)
        self.n_items_ = n_items
        progress(1.0, "Computed item neighbours")
        return self

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        self.check_fitted()
        for items in sequences.iter_sequences():
            scores = np.zeros((len(items), self.n_items_), dtype=np.float32)
            known = np.flatnonzero(items != UNKNOWN)
            if len(known):
                scores[known] = self.similarity_[items[known]].toarray()
            yield scores


def _keep_top_per_row(matrix: sparse.csr_matrix, top: int) -> sparse.csr_matrix:
    """Zero all but the ``top`` largest entries of each row."""
    rows, columns, values = [], [], []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        row_values = matrix.data[start:end]
        keep = np.argsort(-row_values, kind="stable")[:top]
        rows.append(np.full(len(keep), row))
        columns.append(matrix.indices[start:end][keep])
        values.append(row_values[keep])
    if not rows:
        return sparse.csr_matrix(matrix.shape, dtype=np.float32)
    return sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
        shape=matrix.shape,
        dtype=np.float32,
    )
