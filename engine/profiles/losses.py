"""Next-item losses over sampled candidates: softmax cross-entropy and BPR-max.

Both take ``logits`` of shape ``(pairs, candidates)``, the column of each pair's true item
(``label``) and ``excluded``: candidates that must not count as negatives (a sampled negative
that happens to be the true item).

* **Cross-entropy** treats the candidates as a (sampled) softmax: the true item should win.
* **BPR-max** (Hidasi & Karatzoglou 2018, the loss GRU4Rec uses): the true item should outscore
  the negatives, each negative weighted by its softmax among the negatives so the hard ones
  (high-scoring) dominate. Without its score regularisation ``λ · Σ_j s_j·r_j²`` the scores of
  negatives drift upward without bound; Hidasi & Czapp (2023) name a missing regulariser among
  the faults of third-party ports.
"""

from __future__ import annotations

import torch
from torch import nn

LOSSES = ("cross_entropy", "bpr_max")
_MASKED = -1e9


def sampled_loss(
    name: str,
    logits: torch.Tensor,
    label: torch.Tensor,
    excluded: torch.Tensor,
    bpr_regularisation: float = 1.0,
) -> torch.Tensor:
    """Mean loss over the pairs; ``name`` is one of :data:`LOSSES`."""
    if name == "cross_entropy":
        return nn.functional.cross_entropy(logits.masked_fill(excluded, _MASKED), label)
    if name == "bpr_max":
        return bpr_max(logits, label, excluded, bpr_regularisation)
    raise ValueError(f"unknown loss {name!r}: expected one of {', '.join(LOSSES)}")


def bpr_max(
    logits: torch.Tensor, label: torch.Tensor, excluded: torch.Tensor, regularisation: float
) -> torch.Tensor:
    """``−log Σ_j s_j·σ(r_i − r_j) + λ·Σ_j s_j·r_j²`` with ``s = softmax`` over negatives ``j``."""
    rows = torch.arange(len(label), device=logits.device)
    not_negative = excluded.clone()
    not_negative[rows, label] = True
    weights = torch.softmax(logits.masked_fill(not_negative, _MASKED), dim=1)
    positive = logits[rows, label].unsqueeze(1)
    ranking = (weights * torch.sigmoid(positive - logits)).sum(dim=1)
    penalty = (weights * logits.square()).sum(dim=1)
    return (-torch.log(ranking + 1e-24) + regularisation * penalty).mean()
