"""Token embeddings in int8, one scale per row, and the tied LM head built from the same numbers.

Why: in a compact GPT-2 the token embedding is the largest single tensor (8,000 × 256 = 40% of
the bundled models' weights). Kept in fp32 it costs 8 MB; in int8 with a scale per row, 2 MB, and
a row is turned back into floats only when its token is looked up. GPT-2 ties its LM head to the
embedding (``lm_head.weight is wte.weight``); the head then uses the very same int8 values and
row scales — a per-output-channel int8 ``Linear`` — so one quantization serves both ends of the
model and no fp32 copy of the matrix is ever kept. (torch's int8 kernel packs its weight into its
own layout, so the head's values exist twice in int8: 4 MB in all instead of fp32's 8 MB.)
"""

from __future__ import annotations

import warnings

import torch
from torch import nn
from torch.ao.nn.quantized import dynamic as quantized_dynamic

INT8_MAX = 127


def quantize_rows(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Symmetric int8 per row: (int8 values, fp32 scale per row), ``weight ≈ values × scale``."""
    scales = weight.detach().float().abs().amax(dim=1).clamp(min=1e-12) / INT8_MAX
    values = torch.round(weight.detach().float() / scales.unsqueeze(1))
    return values.clamp(-INT8_MAX, INT8_MAX).to(torch.int8).contiguous(), scales.contiguous()


class Int8Embedding(nn.Module):
    """``nn.Embedding``'s lookup on int8 rows: only the gathered rows become floats."""

    values: torch.Tensor
    scales: torch.Tensor

    def __init__(self, values: torch.Tensor, scales: torch.Tensor) -> None:
        super().__init__()
        if values.dtype != torch.int8 or scales.shape != values.shape[:1]:
            raise ValueError("Int8Embedding needs int8 values and one scale per row")
        self.register_buffer("values", values)
        self.register_buffer("scales", scales)
        self.num_embeddings, self.embedding_dim = values.shape

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        flat = ids.reshape(-1)
        rows = self.values.index_select(0, flat).float()
        rows.mul_(self.scales.index_select(0, flat).unsqueeze(1))
        return rows.view(*ids.shape, self.embedding_dim)


def tied_int8_head(values: torch.Tensor, scales: torch.Tensor) -> quantized_dynamic.Linear:
    """The LM head of a tied model as torch's int8 ``Linear``, from the embedding's own numbers
    (its rows are the head's output channels, so the row scales are per-channel scales)."""
    out_features, in_features = values.shape
    with warnings.catch_warnings():  # quantized tensors are deprecated in favour of torchao
        warnings.simplefilter("ignore")
        weight = torch._make_per_channel_quantized_tensor(
            values,
            scales.double(),
            torch.zeros(out_features, dtype=torch.long),
            0,
        )
        # Built 1×1 and resized: the constructor would otherwise pack a full-size placeholder.
        layer = quantized_dynamic.Linear(1, 1, bias_=False, dtype=torch.qint8)
        layer.in_features, layer.out_features = in_features, out_features
        layer.set_weight_bias(weight, None)
    return layer
