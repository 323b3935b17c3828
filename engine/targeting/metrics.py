"""Top-k ranking metrics for "what will each customer buy next" (the customer-history protocol)."""

from __future__ import annotations

import numpy as np


def recall_ndcg_at_k(
    scores: np.ndarray, targets: list[np.ndarray], k: int = 20
) -> tuple[float, float]:
    """Mean Recall@k (hits in the top k ÷ number of targets) and NDCG@k (binary relevance).

    ``scores`` is rows × items; ``targets[row]`` holds the item indices that row really bought.
    Rows without targets must be left out by the caller. Ties are broken by item index.
    """
    if not targets:
        raise ValueError("no rows to evaluate")
    k = min(k, scores.shape[1])
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    discounts = 1 / np.log2(np.arange(2, k + 2))
    recalls = np.empty(len(targets))
    ndcgs = np.empty(len(targets))
    for row, wanted in enumerate(targets):
        hit = np.isin(top[row], wanted)
        recalls[row] = hit.sum() / len(wanted)
        ndcgs[row] = (hit * discounts).sum() / discounts[: min(len(wanted), k)].sum()
    return float(recalls.mean()), float(ndcgs.mean())
