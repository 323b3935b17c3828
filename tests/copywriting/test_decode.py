"""The lean decoder computes what the transformers forward does; used only where it can."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from transformers import GPT2LMHeadModel

from engine.copywriting.decode import LeanGPT2, supports
from engine.copywriting.quantize import conv1d_to_linear


def _model(folder: Path) -> GPT2LMHeadModel:
    return GPT2LMHeadModel.from_pretrained(folder).eval()


def _check_against_full_forward(model: GPT2LMHeadModel) -> None:
    torch.manual_seed(0)
    prompt = torch.randint(0, model.config.vocab_size, (1, 9))
    continuation = torch.randint(0, model.config.vocab_size, (3, 4))
    with torch.no_grad():
        full = model(input_ids=torch.cat([prompt.expand(3, -1), continuation], dim=1)).logits
    lean = LeanGPT2(model, rows=3, max_length=13)
    torch.testing.assert_close(lean.prefill(prompt), full[:, 8], rtol=1e-4, atol=1e-4)
    for position in range(4):
        logits = lean.step(continuation[:, position])
        torch.testing.assert_close(logits, full[:, 9 + position], rtol=1e-4, atol=1e-4)


def test_lean_decoder_matches_transformers_on_conv1d_layers(tiny_checkpoint: Path) -> None:
    _check_against_full_forward(_model(tiny_checkpoint))


def test_lean_decoder_matches_transformers_on_linear_layers(tiny_checkpoint: Path) -> None:
    model = _model(tiny_checkpoint)
    conv1d_to_linear(model)
    _check_against_full_forward(model)


def test_unusual_gpt2_variants_use_the_model_forward(tiny_checkpoint: Path) -> None:
    model = _model(tiny_checkpoint)
    assert supports(model)
    model.config.scale_attn_by_inverse_layer_idx = True
    assert not supports(model)


def test_a_full_context_is_an_error_not_garbage(tiny_checkpoint: Path) -> None:
    model = _model(tiny_checkpoint)
    lean = LeanGPT2(model, rows=1, max_length=3)
    lean.prefill(torch.tensor([[1, 2, 3]]))
    with pytest.raises(ValueError, match="context"):
        lean.step(torch.tensor([4]))
