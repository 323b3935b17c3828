"""Padded mini-batches of event windows, and running a trained GRU over whole sequences.

A *window* is a ``(start, end)`` range of the flat event arrays of
:class:`~engine.profiles.sequences.EventSequences`. Training uses windows of at most
``max_length + 1`` events (inputs and their next-event targets); inference uses whole sequences,
so the hidden state read at the end of a customer's history is exactly the one an incremental
update continues from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import torch

from engine.profiles.gru import SequenceGRU, time_gap_features
from engine.profiles.sequences import UNKNOWN, EventSequences


@dataclass(frozen=True)
class PaddedBatch:
    """``(batch, length)`` arrays; positions at or past ``lengths[b]`` hold ``UNKNOWN``/zeros.

    ``positions`` are the events' indices in the flat arrays they came from (-1 = padding)."""

    items: np.ndarray
    categories: np.ndarray
    time_features: np.ndarray
    lengths: np.ndarray
    positions: np.ndarray

    def tensors(self, device: torch.device) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        return (
            torch.from_numpy(self.items).to(device),
            torch.from_numpy(self.categories).to(device),
            torch.from_numpy(self.time_features).to(device),
        )


def pad_windows(
    sequences: EventSequences, time_features: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> PaddedBatch:
    """Gather the events of each window into one right-padded batch."""
    lengths = (ends - starts).astype(np.int64)
    width = int(lengths.max()) if len(lengths) else 0
    positions = starts[:, None] + np.arange(width)[None, :]
    valid = np.arange(width)[None, :] < lengths[:, None]
    positions = np.where(valid, positions, -1)
    gather = np.maximum(positions, 0)
    items = np.where(valid, sequences.items[gather], UNKNOWN)
    categories = np.where(valid, sequences.categories[gather], UNKNOWN)
    times = np.where(valid[..., None], time_features[gather], 0.0).astype(np.float32)
    return PaddedBatch(items, categories, times, lengths, positions)


def training_windows(offsets: np.ndarray, max_length: int) -> tuple[np.ndarray, np.ndarray]:
    """Split every sequence of ≥ 2 events into windows of ≤ ``max_length + 1`` events.

    Consecutive windows overlap by one event so every next-event pair is trained exactly once.
    Each window starts from a zero hidden state (a long history is cut, never mixed with another).
    """
    starts, ends = [], []
    for start, end in pairwise(offsets):
        position = int(start)
        while end - position >= 2:
            window_end = min(position + max_length + 1, int(end))
            starts.append(position)
            ends.append(window_end)
            position = window_end - 1
    return np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)


def length_sorted_batches(
    lengths: np.ndarray, batch_size: int, rng: np.random.Generator, pool: int = 64
) -> list[np.ndarray]:
    """Shuffled batches of window indices with similar lengths inside each batch (less padding)."""
    order = rng.permutation(len(lengths))
    batches: list[np.ndarray] = []
    for begin in range(0, len(order), batch_size * pool):
        chunk = order[begin : begin + batch_size * pool]
        chunk = chunk[np.argsort(-lengths[chunk], kind="stable")]
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def iter_hidden_states(
    model: SequenceGRU,
    sequences: EventSequences,
    device: torch.device,
    batch_size: int = 256,
    initial_hidden: np.ndarray | None = None,
    previous_timestamps: np.ndarray | None = None,
    longest_first: bool = True,
) -> Iterator[tuple[np.ndarray, torch.Tensor, torch.Tensor]]:
    """Yield ``(sequence indices, states (b, length, hidden), last states (b, hidden))`` per batch.

    ``initial_hidden[s]`` / ``previous_timestamps[s]`` continue sequence ``s`` from where an
    earlier run stopped (incremental updates); by default every sequence starts from zero.
    ``longest_first`` batches similar lengths together (less padding); without it batches follow
    the caller's order, so per-sequence results can be streamed without buffering them all.
    """
    model.eval()
    time_features = time_gap_features(sequences.timestamps, sequences.offsets, previous_timestamps)
    order = np.arange(sequences.n_sequences)
    if longest_first:
        order = np.argsort(-sequences.lengths, kind="stable")
    for begin in range(0, len(order), batch_size):
        chosen = order[begin : begin + batch_size]
        chosen = chosen[sequences.lengths[chosen] > 0]
        if not len(chosen):
            continue
        batch = pad_windows(
            sequences, time_features, sequences.offsets[chosen], sequences.offsets[chosen + 1]
        )
        h0 = None if initial_hidden is None else torch.from_numpy(initial_hidden[chosen]).to(device)
        states, _ = model(*batch.tensors(device), initial_hidden=h0)
        lengths = torch.from_numpy(batch.lengths).to(device)
        last = states[torch.arange(len(chosen), device=device), lengths - 1]
        yield chosen, states, last
