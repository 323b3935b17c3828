"""Implicit-feedback matrix factorisation: alternating least squares (Hu, Koren & Volinsky 2008).

Every customer×item cell is a preference p (bought or not) with a confidence c = 1 + α·log(1 + n/ε)
where n counts the orders containing the item; ALS alternates exact ridge solutions for customer
and item factors. The customer step needs only the item factors, so any history — a customer
unseen at fit time, or a prefix of one — is "folded in" with one k×k solve: that is how
:meth:`score_sequences` and :meth:`score_last` work, so the model never needs the customer key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

import numpy as np
from scipy import sparse

from engine.profiles.sequences import EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.recommenders.base import Recommender


def _confidence(counts: sparse.csr_matrix, alpha: float, epsilon: float) -> sparse.csr_matrix:
    scaled = counts.copy()
    scaled.data = alpha * np.log1p(scaled.data / epsilon)
    return scaled  # c − 1, stored sparsely (zero for unobserved cells)


SOLVE_BATCH = 512  # ALS systems per LAPACK call (512 × 48² floats ≈ 9 MB)


def _solve_rows(
    extra_confidence: sparse.csr_matrix, fixed: np.ndarray, regularization: float
) -> np.ndarray:
    """For each row u: x_u = (YᵀY + Yᵀ(C_u − I)Y + λI)⁻¹ Yᵀ C_u p_u, with p_u = 1 where observed."""
    k = fixed.shape[1]
    gram = fixed.T @ fixed + regularization * np.eye(k)
    solved = np.zeros((extra_confidence.shape[0], k))
    indptr, indices, data = extra_confidence.indptr, extra_confidence.indices, extra_confidence.data
    observed = np.flatnonzero(np.diff(indptr))
    # The systems are solved SOLVE_BATCH at a time: one LAPACK call per batch instead of one
    # Python-level call per row (the same solver per system, so the same answer).
    for batch in np.array_split(observed, max(1, -(-len(observed) // SOLVE_BATCH))):
        a = np.empty((len(batch), k, k))
        b = np.empty((len(batch), k, 1))
        for i, u in enumerate(batch):
            factors = fixed[indices[indptr[u] : indptr[u + 1]]]
            confidence = data[indptr[u] : indptr[u + 1]]
            a[i] = gram + (factors.T * confidence) @ factors
            b[i, :, 0] = factors.T @ (confidence + 1.0)
        if len(batch):
            solved[batch] = np.linalg.solve(a, b)[:, :, 0]
    return solved


class ImplicitALS(Recommender):
    """Implicit-feedback ALS over customer histories (sessions work too: each is a 'user')."""

    name = "mf"

    def __init__(
        self,
        factors: int = 48,
        regularization: float = 5.0,
        alpha: float = 10.0,
        epsilon: float = 1.0,
        iterations: int = 12,
        seed: int = 0,
    ) -> None:
        self.factors = factors
        self.regularization = regularization
        self.alpha = alpha
        self.epsilon = epsilon
        self.iterations = iterations
        self.seed = seed

    def _history_matrix(self, sequences: EventSequences) -> sparse.csr_matrix:
        """sequences × items counts (unknown items dropped: they carry no learned information)."""
        rows = np.repeat(np.arange(sequences.n_sequences), sequences.lengths)
        keep = sequences.items >= 0
        matrix = sparse.coo_matrix(
            (np.ones(int(keep.sum())), (rows[keep], sequences.items[keep])),
            shape=(sequences.n_sequences, self.n_items_),
        )
        matrix.sum_duplicates()
        return matrix.tocsr()

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        self.n_items_ = train.n_items
        counts = self._history_matrix(train)
        confidence = _confidence(counts, self.alpha, self.epsilon)
        confidence_t = confidence.T.tocsr()
        rng = np.random.default_rng(self.seed)
        self.item_factors_ = rng.normal(0, 0.01, (self.n_items_, self.factors))
        customer_factors = np.zeros((train.n_sequences, self.factors))
        for iteration in range(self.iterations):
            if cancel:
                cancel.check()
            customer_factors = _solve_rows(confidence, self.item_factors_, self.regularization)
            self.item_factors_ = _solve_rows(confidence_t, customer_factors, self.regularization)
            progress((iteration + 1) / self.iterations, f"Matrix factorisation {iteration + 1}")
        self.customer_factors_ = customer_factors
        popularity = np.asarray(counts.sum(axis=0)).ravel()
        self.popularity_ = (popularity / max(popularity.max(), 1.0)).astype(np.float32)
        return self

    def fold_in(self, sequences: EventSequences) -> np.ndarray:
        """Customer factors for whole sequences, solved against the fitted item factors."""
        self.check_fitted()
        confidence = _confidence(self._history_matrix(sequences), self.alpha, self.epsilon)
        return _solve_rows(confidence, self.item_factors_, self.regularization)

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        """Scores after each whole history; empty histories get item popularity."""
        scores = (self.fold_in(sequences) @ self.item_factors_.T).astype(np.float32)
        empty = sequences.lengths == 0
        scores[empty] = self.popularity_
        return scores

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        """Row t folds in the prefix ``sequence[: t + 1]`` (one k×k solve per step)."""
        self.check_fitted()
        for sequence in sequences.iter_sequences():
            counts: dict[int, float] = {}
            rows = np.zeros((len(sequence), self.n_items_), dtype=np.float32)
            gram = self.item_factors_.T @ self.item_factors_ + self.regularization * np.eye(
                self.factors
            )
            for t, item in enumerate(sequence):
                if item >= 0:
                    counts[int(item)] = counts.get(int(item), 0.0) + 1.0
                if not counts:
                    rows[t] = self.popularity_
                    continue
                items = np.fromiter(counts, dtype=np.int64)
                confidence = self.alpha * np.log1p(
                    np.fromiter(counts.values(), float) / self.epsilon
                )
                factors = self.item_factors_[items]
                a = gram + (factors.T * confidence) @ factors
                user = np.linalg.solve(a, factors.T @ (confidence + 1.0))
                rows[t] = user @ self.item_factors_.T
            yield rows
