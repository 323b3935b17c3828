"""A lean GPT-2 forward pass for sampling: the model's own layers, our own KV cache.

Why: on a 5M-parameter model the matrix products are a small part of a decode step; most of the
time went to transformers' per-call machinery (cache objects, mask building, deprecation and
device checks, ~10 module hops per layer). Here a step is the arithmetic only, on whatever layers
the model holds (``Conv1D``, ``nn.Linear`` or torch's int8 ``Linear`` — fp32 and int8 share this
code, so their speed differs only by the quantization), and:

* the prompt is run once at batch 1 and its keys/values are shared by every sampled row, instead
  of running the same prompt once per row;
* keys and values go into buffers allocated once per request, never concatenated;
* the LM head only sees the last position;
* each layer is as few tensor operations as the arithmetic allows, because at this size every
  operation's fixed cost (~2–10 µs) adds up to as much as the matrix products (profiled: 40% of
  an fp32 step at batch 1): queries, keys and values stay one tensor (one view and one permute,
  keys and values written to the cache in one copy), layer norms and linear layers are called
  as functions, and GPT-2's tanh GELU is torch's one fused ``gelu(approximate="tanh")`` instead
  of the eight element-wise operations transformers spells it with.

Only plain GPT-2 blocks are supported (:func:`supports`); anything else (cross-attention,
inverse-layer scaling, another architecture) samples through the model's own ``forward``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn
from torch.nn import functional

Cache = list[torch.Tensor]  # per layer: keys and values, 2×rows×heads×T×dim
TANH_GELUS = ("gelu_new", "gelu_pytorch_tanh")  # transformers' names for the same function


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


def _as_function(layer: nn.Module) -> Callable[[torch.Tensor], torch.Tensor]:
    """A float ``nn.Linear`` as a bare ``functional.linear`` call (no module dispatch); any other
    layer (Conv1D, torch's int8 Linear, bitsandbytes) as itself."""
    if type(layer) is nn.Linear:
        weight, bias = layer.weight, layer.bias
        return lambda x: functional.linear(x, weight, bias)
    return layer


def _as_layer_norm(norm: nn.LayerNorm) -> Callable[[torch.Tensor], torch.Tensor]:
    shape, weight, bias, eps = norm.normalized_shape, norm.weight, norm.bias, norm.eps
    return lambda x: functional.layer_norm(x, shape, weight, bias, eps)


class LeanGPT2:
    """Prefill a prompt, then one token per row per :meth:`step`, for ``rows`` sampled rows."""

    def __init__(self, model: Any, rows: int, max_length: int) -> None:
        config = model.config
        self.model, self.rows, self.length = model, rows, 0
        self.heads = config.n_head
        self.head_dim = config.n_embd // config.n_head
        self.scale = self.head_dim**-0.5 if config.scale_attn_weights else 1.0
        parameter = model.transformer.wpe.weight  # wte may be int8 (embedding_int8)
        shape = (2, rows, self.heads, min(max_length, config.n_positions), self.head_dim)
        self.cache: Cache = [
            torch.empty(shape, dtype=parameter.dtype, device=parameter.device)
            for _ in model.transformer.h
        ]
        tanh_gelu = config.activation_function in TANH_GELUS
        self.layers = [
            (
                _as_layer_norm(block.ln_1),
                _as_function(block.attn.c_attn),
                _as_function(block.attn.c_proj),
                _as_layer_norm(block.ln_2),
                _as_function(block.mlp.c_fc),
                (lambda x: functional.gelu(x, approximate="tanh")) if tanh_gelu else block.mlp.act,
                _as_function(block.mlp.c_proj),
            )
            for block in model.transformer.h
        ]
        self.final_norm = _as_layer_norm(model.transformer.ln_f)
        self.head = _as_function(model.lm_head)

    def _forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Hidden state of the last position after feeding ``ids`` (batch×T) at the cache's end.

        A batch-1 prompt fills every row's cache (the rows then diverge); a ``rows``-sized batch
        of single tokens extends each row."""
        transformer = self.model.transformer
        batch, length = ids.shape  # batch is 1 for the prompt (every row's cache holds its keys)
        start, end = self.length, self.length + length
        x = transformer.wte(ids) + transformer.wpe.weight[start:end]
        for (ln_1, c_attn, attn_proj, ln_2, c_fc, act, mlp_proj), cache in zip(
            self.layers, self.cache, strict=True
        ):
            qkv = c_attn(ln_1(x)).view(batch, length, 3, self.heads, self.head_dim)
            qkv = qkv.permute(2, 0, 3, 1, 4)  # 3×batch×heads×T×dim
            cache[:, :, :, start:end] = qkv[1:]  # broadcast over the rows for the prompt
            mixed = functional.scaled_dot_product_attention(
                qkv[0],
                cache[0, :batch, :, :end],
                cache[1, :batch, :, :end],
                is_causal=length > 1,
                scale=self.scale,
            )
            x = x + attn_proj(mixed.transpose(1, 2).reshape(batch, length, -1))
            x = x + mlp_proj(act(c_fc(ln_2(x))))
        self.length = end
        return self.final_norm(x[:, -1])

    @torch.no_grad()
    def prefill(self, prompt_ids: torch.Tensor) -> torch.Tensor:
        """Run the 1×T prompt once; returns the next-token logits for every row (rows×vocab)."""
        if self.length:
            raise RuntimeError("prefill() starts a request; make a new LeanGPT2 for the next one")
        return self.head(self._forward(prompt_ids)).float().expand(self.rows, -1)

    @torch.no_grad()
    def step(self, next_ids: torch.Tensor) -> torch.Tensor:
        """Feed one token per row; returns the next-token logits (rows×vocab)."""
        if self.length >= self.cache[0].shape[3]:
            raise ValueError(f"the model's context of {self.length} tokens is full")
        return self.head(self._forward(next_ids.unsqueeze(1))).float()
