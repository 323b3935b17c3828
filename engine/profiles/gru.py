"""The sequence model behind customer profiles: a compact GRU with two heads.

Reading order (nanoGPT style: one file, every step commented):

1. Each event becomes a vector: the item's embedding, the category's embedding (when the shop has
   categories) and two time-gap features (how long since the previous event, and whether a new
   visit/order started).
2. A GRU runs over one sequence (a session, or a customer's whole history). Its hidden state h_t
   summarises everything seen so far: it is the customer embedding stored in the profile.
3. Two heads read h_t:
   * next item: h_t is projected into the item-embedding space and compared by dot product with
     every item's embedding (output weights tied to the input embeddings, plus a per-item bias).
     Without the projection (``item_projection=False``, hidden size = embedding size) this is
     GRU4Rec's *constrained embedding* (Hidasi & Czapp 2023): one table is both the input and
     the output of the network, and h_t lives in the item space itself;
   * next category: θ = softmax(W·h_t + b), the interest distribution shown to shop owners.

   What the item head learns is the training recipe's choice (``targets``): the next event for
   sessions; for customer histories, an item of the customer's coming orders.

Training (``train.py``) scores sampled negatives only; full-catalogue scoring is for evaluation and
profiles. The hidden state starts at zero for every sequence, so nothing leaks between customers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

# 2: the config gained ``item_projection`` (a format-1 checkpoint loads with its default, True),
# so an older Pinpoint refuses a new checkpoint with a clear message instead of a TypeError.
FORMAT_VERSION = 2
N_TIME_FEATURES = 2
NEW_VISIT_GAP_SECONDS = 30 * 60  # the usual web-analytics session timeout


@dataclass
class GRUConfig:
    """Everything needed to rebuild the network; saved next to the weights."""

    n_items: int
    n_categories: int = 1
    embedding_dim: int = 128
    category_dim: int = 16
    hidden_size: int = 256
    dropout: float = 0.25  # on the input vectors (a drop probability, not a keep probability)
    hidden_dropout: float = 0.0  # on h_t before the heads
    item_projection: bool = True  # False: h_t is scored against the items as it is (see above)

    def __post_init__(self) -> None:
        if not self.item_projection and self.hidden_size != self.embedding_dim:
            raise ValueError(
                "item_projection=False scores the hidden state against the item embeddings "
                f"directly, so hidden_size ({self.hidden_size}) must equal embedding_dim "
                f"({self.embedding_dim})"
            )

    @property
    def uses_categories(self) -> bool:
        return self.n_categories > 1


def time_gap_features(
    timestamps: np.ndarray, offsets: np.ndarray, previous: np.ndarray | None = None
) -> np.ndarray:
    """Per event: ``[log1p(hours since previous event), 1 if a new visit/order starts]``.

    ``previous[s]`` is the timestamp just before sequence ``s`` (NaN = none), so an incremental
    update continues a customer's history exactly as a full recompute would.
    """
    gaps = np.zeros(len(timestamps), dtype=np.float64)
    new_visit = np.zeros(len(timestamps), dtype=np.float32)
    for s in range(len(offsets) - 1):
        start, end = int(offsets[s]), int(offsets[s + 1])
        if start == end:
            continue
        before = np.nan if previous is None else previous[s]
        chunk = timestamps[start:end]
        gaps[start + 1 : end] = np.diff(chunk)
        gaps[start] = 0.0 if math.isnan(before) else chunk[0] - before
        new_visit[start:end] = gaps[start:end] > NEW_VISIT_GAP_SECONDS
        new_visit[start] = 1.0 if math.isnan(before) else new_visit[start]
    hours = np.log1p(np.clip(gaps, 0.0, None) / 3600.0).astype(np.float32)
    return np.stack([hours, new_visit], axis=1)


class SequenceGRU(nn.Module):
    """Items (+ categories + time gaps) → GRU → h_t → next-item scores and θ over categories."""

    def __init__(self, config: GRUConfig) -> None:
        super().__init__()
        self.config = config
        # Index n_items is the padding / unknown-item slot: its embedding stays zero, so an item
        # the model never saw adds no information instead of borrowing another item's meaning.
        self.item_embedding = nn.Embedding(
            config.n_items + 1, config.embedding_dim, padding_idx=config.n_items
        )
        input_size = config.embedding_dim + N_TIME_FEATURES
        self.category_embedding: nn.Embedding | None = None
        if config.uses_categories:
            self.category_embedding = nn.Embedding(
                config.n_categories + 1, config.category_dim, padding_idx=config.n_categories
            )
            input_size += config.category_dim
        self.input_dropout = nn.Dropout(config.dropout)
        self.gru = nn.GRU(input_size, config.hidden_size, batch_first=True)
        self.hidden_dropout = nn.Dropout(config.hidden_dropout)
        # Next-item head: project h_t into item space; the item embeddings are the output weights.
        self.to_item_space: nn.Module = (
            nn.Linear(config.hidden_size, config.embedding_dim)
            if config.item_projection
            else nn.Identity()
        )
        self.item_bias = nn.Parameter(torch.zeros(config.n_items))
        # Next-category head: θ = softmax(W·h_t + b).
        self.category_head = nn.Linear(config.hidden_size, config.n_categories)
        nn.init.normal_(self.item_embedding.weight, std=config.embedding_dim**-0.5)
        with torch.no_grad():
            self.item_embedding.weight[config.n_items].zero_()

    def forward(
        self,
        items: torch.Tensor,
        categories: torch.Tensor,
        time_features: torch.Tensor,
        initial_hidden: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Run the GRU over ``(batch, length)`` index tensors (``-1`` = unknown or padding).

        Returns every hidden state ``(batch, length, hidden)`` and the last one ``(batch, hidden)``.
        Padding must sit at the end of a row; callers read the state at each row's true length.
        """
        pieces = [self.item_embedding(self._slot(items, self.config.n_items))]
        if self.category_embedding is not None:
            pieces.append(self.category_embedding(self._slot(categories, self.config.n_categories)))
        pieces.append(time_features)
        inputs = self.input_dropout(torch.cat(pieces, dim=-1))
        h0 = None if initial_hidden is None else initial_hidden.unsqueeze(0).contiguous()
        states, last = self.gru(inputs, h0)
        return self.hidden_dropout(states), last.squeeze(0)

    def item_query(self, hidden: torch.Tensor) -> torch.Tensor:
        """h_t mapped into item-embedding space; its dot product with an item is its score."""
        return self.to_item_space(hidden)

    def item_scores(
        self, hidden: torch.Tensor, candidates: torch.Tensor | None = None
    ) -> torch.Tensor:
        """Scores of ``candidates`` (default: every item) given hidden states ``(..., hidden)``."""
        query = self.item_query(hidden)
        if candidates is None:
            weights = self.item_embedding.weight[: self.config.n_items]
            return query @ weights.T + self.item_bias
        # A lookup rather than ``weight[candidates]``: with ``item_embedding.sparse`` set (the
        # training's row-sparse updates) its gradient then names only the candidates' rows.
        weights = nn.functional.embedding(
            candidates, self.item_embedding.weight, sparse=self.item_embedding.sparse
        )
        return query @ weights.T + self.item_bias[candidates]

    def category_logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Unnormalised θ; softmax over the last axis gives the interest distribution."""
        return self.category_head(hidden)

    @staticmethod
    def _slot(indices: torch.Tensor, padding: int) -> torch.Tensor:
        return torch.where(indices < 0, torch.full_like(indices, padding), indices)


def resolve_device(requested: str = "auto") -> torch.device:
    """``auto`` picks CUDA when a GPU is usable, else CPU; CUDA without a GPU is an error."""
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if requested == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(
            "--device cuda was requested but no CUDA GPU is available; use cpu or auto"
        )
    if requested not in ("cpu", "cuda"):
        raise ValueError(f"unknown device {requested!r}: expected auto, cpu or cuda")
    return torch.device(requested)


@contextmanager
def cpu_threads(threads: int) -> Iterator[None]:
    """Run with ``threads`` intra-op CPU threads, then restore the previous setting.

    The GRU's per-step matrix products are small: extra OpenMP threads gain little and, on a
    machine whose cores are busy with other work, spin-wait for each other (measured: one
    training step 40× slower with 2 threads than with 1 on a loaded 2-core machine).
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(max(threads, 1))
    try:
        yield
    finally:
        torch.set_num_threads(previous)
