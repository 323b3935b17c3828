"""A lean GPT-2 forward pass for sampling: the model's own layers, our own KV cache.

Why: on a 5M-parameter model the matrix products are a small part of a decode step; most of the
time went to transformers' per-call machinery (cache objects, mask building, deprecation and
device checks, ~10 module hops per layer). Here a step is the arithmetic only, on whatever layers
the model holds (``Conv1D``, ``nn.Linear`` or torch's int8 ``Linear`` — fp32 and int8 share this
code, so their speed differs only by the quantization), and:

* the prompt is run once at batch 1 and its keys/values are shared by every sampled row, instead
  of running the same prompt once per row;
* keys and values go into buffers allocated once per request, never concatenated;
* the LM head only sees the last position.

Only plain GPT-2 blocks are supported (:func:`supports`); anything else (cross-attention,
inverse-layer scaling, another architecture) samples through the model's own ``forward``.
"""

from __future__ import annotations

from typing import Any

import torch
from torch.nn import functional

Cache = list[tuple[torch.Tensor, torch.Tensor]]  # per layer: keys, values (rows×heads×T×dim)


def supports(model: Any) -> bool:
    config = getattr(model, "config", None)
    return (
        getattr(config, "model_type", "") == "gpt2"
        and not getattr(config, "add_cross_attention", False)
        and not getattr(config, "scale_attn_by_inverse_layer_idx", False)
        and not getattr(config, "reorder_and_upcast_attn", False)
        and hasattr(model, "transformer")
        and hasattr(model, "lm_head")
    )


class LeanGPT2:
    """Prefill a prompt, then one token per row per :meth:`step`, for ``rows`` sampled rows."""

    def __init__(self, model: Any, rows: int, max_length: int) -> None:
        config = model.config
        self.model, self.rows, self.length = model, rows, 0
        self.heads = config.n_head
        self.head_dim = config.n_embd // config.n_head
        self.scale = self.head_dim**-0.5 if config.scale_attn_weights else 1.0
        parameter = model.transformer.wpe.weight  # wte may be int8 (embedding_int8)
        shape = (rows, self.heads, min(max_length, config.n_positions), self.head_dim)
        self.cache: Cache = [
            (
                torch.empty(shape, dtype=parameter.dtype, device=parameter.device),
                torch.empty(shape, dtype=parameter.dtype, device=parameter.device),
            )
            for _ in model.transformer.h
        ]

    def _split_heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, self.heads, self.head_dim).transpose(1, 2)

    def _forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Hidden state of the last position after feeding ``ids`` (batch×T) at the cache's end.

        A batch-1 prompt fills every row's cache (the rows then diverge); a ``rows``-sized batch
        of single tokens extends each row."""
        transformer = self.model.transformer
        start, length = self.length, ids.shape[1]
        positions = torch.arange(start, start + length, device=ids.device)
        x = transformer.wte(ids) + transformer.wpe(positions)
        for block, (keys, values) in zip(transformer.h, self.cache, strict=True):
            attention = block.attn
            query, key, value = attention.c_attn(block.ln_1(x)).split(x.shape[-1], dim=2)
            keys[:, :, start : start + length] = self._split_heads(key)
            values[:, :, start : start + length] = self._split_heads(value)
            batch = x.shape[0]  # 1 for the prompt (every row's cache holds the same keys)
            mixed = functional.scaled_dot_product_attention(
                self._split_heads(query),
                keys[:batch, :, : start + length],
                values[:batch, :, : start + length],
                is_causal=length > 1,
                scale=self.scale,
            )
            mixed = mixed.transpose(1, 2).reshape(mixed.shape[0], length, -1)
            x = x + attention.c_proj(mixed)
            x = x + block.mlp.c_proj(block.mlp.act(block.mlp.c_fc(block.ln_2(x))))
        self.length += length
        return transformer.ln_f(x[:, -1])

    @torch.no_grad()
    def prefill(self, prompt_ids: torch.Tensor) -> torch.Tensor:
        """Run the 1×T prompt once; returns the next-token logits for every row (rows×vocab)."""
        if self.length:
            raise RuntimeError("prefill() starts a request; make a new LeanGPT2 for the next one")
        hidden = self._forward(prompt_ids)
        return self.model.lm_head(hidden).float().expand(self.rows, -1)

    @torch.no_grad()
    def step(self, next_ids: torch.Tensor) -> torch.Tensor:
        """Feed one token per row; returns the next-token logits (rows×vocab)."""
        if self.length >= self.cache[0][0].shape[2]:
            raise ValueError(f"the model's context of {self.length} tokens is full")
        return self.model.lm_head(self._forward(next_ids.unsqueeze(1))).float()
