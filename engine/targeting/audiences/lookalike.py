"""Lookalikes: customers whose embedding is close to a seed audience's.

Each candidate scores the mean cosine similarity to its ``neighbours`` nearest seed members
(mean-of-k rather than the centroid, so a seed with two distinct groups finds people like either
group). Embeddings are the GRU hidden states stored with profiles, or the matrix-factorisation
customer factors when no profiles exist.
"""

from __future__ import annotations

import numpy as np


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def lookalike_scores(embeddings: np.ndarray, seed: np.ndarray, neighbours: int = 10) -> np.ndarray:
    """Similarity of every customer to the seed (rows of ``embeddings``; ``seed`` = boolean mask).

    Seed members themselves get −inf so an audience never re-targets its own seed.
    """
    if not seed.any():
        raise ValueError("the seed audience is empty: choose an audience with members")
    unit = normalise_rows(np.asarray(embeddings, dtype=np.float64))
    similarity = unit @ unit[seed].T
    k = min(neighbours, int(seed.sum()))
    nearest = -np.partition(-similarity, k - 1, axis=1)[:, :k]
    scores = nearest.mean(axis=1)
    scores[seed] = -np.inf
    return scores
