"""Conv1D→Linear conversion, int8 quantization, the cache, and the quality guard."""

from __future__ import annotations

import copy
from pathlib import Path

import torch
from torch import nn
from transformers import AutoTokenizer, GPT2LMHeadModel
from transformers.pytorch_utils import Conv1D

from engine.copywriting.guard import DEFAULT_GUARD_TEXTS, compare
from engine.copywriting.quantize import (
    conv1d_to_linear,
    count_quantized_linears,
    load_quantized,
    quantize_int8,
    save_quantized,
)


def _model(folder: Path) -> GPT2LMHeadModel:
    return GPT2LMHeadModel.from_pretrained(folder).eval()


def test_conv1d_to_linear_preserves_outputs(tiny_checkpoint: Path) -> None:
    model = _model(tiny_checkpoint)
    ids = torch.randint(0, model.config.vocab_size, (2, 12))
    before = model(ids).logits
    replaced = conv1d_to_linear(model)
    assert replaced == 4 * model.config.n_layer
    assert not any(isinstance(m, Conv1D) for m in model.modules())
    torch.testing.assert_close(model(ids).logits, before, rtol=1e-5, atol=1e-5)


def test_int8_quantizes_every_linear_layer(tiny_checkpoint: Path) -> None:
    model = quantize_int8(_model(tiny_checkpoint))
    quantized, floating = count_quantized_linears(model)
    assert floating == 0
    assert quantized == 4 * model.config.n_layer + 1  # attention + MLP projections, LM head


def test_without_conversion_dynamic_int8_misses_the_transformer_blocks(
    tiny_checkpoint: Path,
) -> None:
    """The measured pitfall: quantize_dynamic alone only touches the LM head."""
    model = torch.ao.quantization.quantize_dynamic(
        _model(tiny_checkpoint), {nn.Linear}, dtype=torch.qint8
    )
    quantized, floating = count_quantized_linears(model)
    assert quantized == 1 and floating == 4 * model.config.n_layer


def test_cached_int8_weights_reload_identically(tiny_checkpoint: Path, tmp_path: Path) -> None:
    model = quantize_int8(_model(tiny_checkpoint))
    save_quantized(model, tmp_path / "int8.pt")
    reloaded = load_quantized(model.config, tmp_path / "int8.pt")
    ids = torch.randint(0, model.config.vocab_size, (1, 10))
    torch.testing.assert_close(reloaded(ids).logits, model(ids).logits)


def test_guard_passes_int8_and_rejects_a_broken_quantization(tiny_checkpoint: Path) -> None:
    reference = _model(tiny_checkpoint)
    tokenizer = AutoTokenizer.from_pretrained(tiny_checkpoint)
    good = compare(
        reference,
        quantize_int8(copy.deepcopy(reference)),
        tokenizer,
        DEFAULT_GUARD_TEXTS,
        "int8_dynamic",
    )
    assert good.passed, good.explain()
    broken = copy.deepcopy(reference)
    with torch.no_grad():  # a "quantization" to 1-bit signs with a scale 30× too large
        for module in broken.modules():
            if isinstance(module, Conv1D):
                module.weight.copy_(module.weight.sign() * module.weight.abs().mean() * 30)
    verdict = compare(reference, broken, tokenizer, DEFAULT_GUARD_TEXTS, "sign_1bit")
    assert not verdict.passed
    assert verdict.agreement < 0.9 or verdict.ppl_ratio > 1.05
