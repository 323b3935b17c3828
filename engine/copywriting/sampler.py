"""Batched nucleus sampling with a KV cache: one forward pass per new token for all samples.

Why not ``model.generate``: it costs one call per temperature and a lot of per-step overhead on a
5M-parameter model, and seeds the global RNG. Here every row of the batch has its own temperature,
randomness comes from a private ``torch.Generator`` (the GUI's other work is unaffected), and
tokens that must never appear inside copy (padding, prompt tags) are masked out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import torch


def _nucleus(probs: torch.Tensor, top_p: float) -> torch.Tensor:
    """Zero the tail of each row outside the smallest set whose mass reaches ``top_p``."""
    sorted_probs, order = probs.sort(dim=-1, descending=True)
    outside = sorted_probs.cumsum(dim=-1) - sorted_probs > top_p
    sorted_probs[outside] = 0.0
    return torch.zeros_like(probs).scatter(-1, order, sorted_probs)


@torch.no_grad()
def sample(
    model: Any,
    prompt_ids: torch.Tensor,
    temperatures: Sequence[float],
    max_new_tokens: int,
    end_id: int,
    banned_ids: Sequence[int] = (),
    top_p: float = 0.92,
    seed: int = 0,
) -> list[list[int]]:
    """One continuation of ``prompt_ids`` (1×T) per temperature, each cut before ``end_id``."""
    rows = len(temperatures)
    device = prompt_ids.device
    generator = torch.Generator(device=device).manual_seed(seed)
    temperature = torch.tensor(temperatures, dtype=torch.float32, device=device).unsqueeze(1)
    output = model(input_ids=prompt_ids.expand(rows, -1), use_cache=True)
    past, logits = output.past_key_values, output.logits[:, -1].float()
    tokens: list[list[int]] = [[] for _ in range(rows)]
    finished = torch.zeros(rows, dtype=torch.bool, device=device)
    for _ in range(max_new_tokens):
        logits[:, list(banned_ids)] = -torch.inf
        probs = _nucleus(torch.softmax(logits / temperature, dim=-1), top_p)
        next_ids = torch.multinomial(probs, 1, generator=generator).squeeze(1)
        next_ids = torch.where(finished, torch.full_like(next_ids, end_id), next_ids)
        for row, token in enumerate(next_ids.tolist()):
            if not finished[row] and token != end_id:
                tokens[row].append(token)
        finished |= next_ids == end_id
        if bool(finished.all()):
            break
        output = model(input_ids=next_ids.unsqueeze(1), past_key_values=past, use_cache=True)
        past, logits = output.past_key_values, output.logits[:, -1].float()
    return tokens


SMALL_MODEL_WIDTH = 512  # hidden size at or below which generation runs single-threaded


@contextmanager
def generation_threads(model: Any) -> Iterator[None]:
    """Run a small model single-threaded for the duration of a request.

    A compact model's matrices are too small to gain from torch's thread pool, and on a busy
    machine the pool's spinning makes it far slower: the demo's three Google variants took
    16–40 s with 2 threads and ~2 s with 1 on the shared 2-core box. torch's setting is
    process-wide, so it is restored afterwards.
    """
    previous = torch.get_num_threads()
    small = (
        getattr(getattr(model, "config", None), "n_embd", SMALL_MODEL_WIDTH + 1)
        <= SMALL_MODEL_WIDTH
    )
    if small:
        torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
