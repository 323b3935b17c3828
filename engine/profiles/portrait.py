"""Turning hidden states into what a profile shows: interests θ and the likely next products."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from engine.profiles.gru import SequenceGRU
from engine.profiles.sequences import Vocabulary

TOP_ITEMS = 20
MIN_INTEREST = 0.001  # smaller shares are noise on a profile page


@dataclass(frozen=True)
class Portrait:
    interests: dict[str, float]  # category name -> probability (θ), largest first
    next_items: list[list[float | str]]  # [[item id, score], ...] best first
    embedding: bytes  # float32 hidden state


@torch.no_grad()
def describe_states(
    model: SequenceGRU,
    states: np.ndarray,
    item_vocab: Vocabulary,
    category_vocab: Vocabulary,
    top: int = TOP_ITEMS,
    batch_size: int = 1024,
) -> list[Portrait]:
    """One :class:`Portrait` per row of ``states`` (``(n, hidden)`` float32)."""
    device = next(model.parameters()).device
    portraits: list[Portrait] = []
    for begin in range(0, len(states), batch_size):
        hidden = torch.from_numpy(np.ascontiguousarray(states[begin : begin + batch_size])).to(
            device
        )
        theta = torch.softmax(model.category_logits(hidden), dim=-1).cpu().numpy()
        scores = torch.softmax(model.item_scores(hidden), dim=-1)
        best_scores, best_items = scores.topk(min(top, scores.shape[-1]), dim=-1)
        best_scores_np, best_items_np = best_scores.cpu().numpy(), best_items.cpu().numpy()
        for row in range(len(hidden)):
            order = np.argsort(-theta[row], kind="stable")
            interests = {
                category_vocab.ids[c]: round(float(theta[row, c]), 4)
                for c in order
                if theta[row, c] >= MIN_INTEREST
            }
            next_items: list[list[float | str]] = [
                [item_vocab.ids[i], round(float(p), 5)]
                for i, p in zip(best_items_np[row], best_scores_np[row], strict=True)
            ]
            portraits.append(
                Portrait(interests, next_items, states[begin + row].astype(np.float32).tobytes())
            )
    return portraits
