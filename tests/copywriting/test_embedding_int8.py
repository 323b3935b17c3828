"""int8 token embeddings with row scales, and the tied LM head that reuses their numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from transformers import GPT2LMHeadModel

from engine.copywriting.embedding_int8 import Int8Embedding, quantize_rows, tied_int8_head
from engine.copywriting.quantize import int8_copy


def test_rows_round_trip_within_half_a_step_of_their_own_scale() -> None:
    torch.manual_seed(0)
    weight = torch.randn(50, 16) * torch.logspace(-3, 1, 50).unsqueeze(1)  # rows of any size
    values, scales = quantize_rows(weight)
    assert values.dtype == torch.int8 and scales.shape == (50,)
    error = (values.float() * scales.unsqueeze(1) - weight).abs()
    assert bool((error <= scales.unsqueeze(1) / 2 + 1e-7).all())


def test_lookup_matches_the_dequantized_rows_for_any_ids_shape() -> None:
    values, scales = quantize_rows(torch.randn(30, 8))
    embedding = Int8Embedding(values, scales)
    ids = torch.tensor([[3, 0, 29], [3, 3, 7]])
    expected = (values.float() * scales.unsqueeze(1))[ids]
    torch.testing.assert_close(embedding(ids), expected)


def test_one_scale_per_row_is_required() -> None:
    with pytest.raises(ValueError, match="one scale per row"):
        Int8Embedding(torch.zeros(4, 2, dtype=torch.int8), torch.ones(3))


def test_tied_head_computes_hidden_times_the_dequantized_embedding() -> None:
    torch.manual_seed(1)
    values, scales = quantize_rows(torch.randn(40, 32))
    hidden = torch.randn(3, 32)
    exact = hidden @ (values.float() * scales.unsqueeze(1)).t()
    got = tied_int8_head(values, scales)(hidden)
    # the kernel also quantizes the activations (7 bits), hence the loose tolerance
    assert got.shape == (3, 40)
    assert float((got - exact).abs().max()) < 0.05 * float(exact.abs().max())


def test_cached_int8_model_keeps_no_float_copy_of_the_embedding(
    tiny_checkpoint: Path, tmp_path: Path
) -> None:
    reference = GPT2LMHeadModel.from_pretrained(tiny_checkpoint).eval()
    assert reference.lm_head.weight is reference.transformer.wte.weight  # tied, as GPT-2 ships
    model = int8_copy(reference, tmp_path)
    assert isinstance(model.transformer.wte, Int8Embedding)
    vocab = reference.config.vocab_size
    float_tensors = [t for t in [*model.parameters(), *model.buffers()] if t.is_floating_point()]
    assert not any(vocab in t.shape for t in float_tensors if t.dim() == 2)
    ids = torch.randint(0, vocab, (1, 12))
    agreement = (model(ids).logits.argmax(-1) == reference(ids).logits.argmax(-1)).float().mean()
    assert agreement > 0.8
