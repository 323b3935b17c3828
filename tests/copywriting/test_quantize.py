"""Conv1D→Linear conversion, int8 quantization, the cache, and the quality guard."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import torch
from torch import nn
from transformers import AutoTokenizer, GPT2LMHeadModel
from transformers.pytorch_utils import Conv1D

from engine.copywriting import quantize
from engine.copywriting.guard import DEFAULT_GUARD_TEXTS, compare
from engine.copywriting.quantize import (
    cache_exists,
    conv1d_to_linear,
    count_quantized_linears,
    int8_copy,
    load_int8_cache,
    save_int8_cache,
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


def test_int8_quantizes_every_linear_layer_when_all_are_big_enough(
    tiny_checkpoint: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quantize, "MIN_INT8_WEIGHTS", 0)
    model = int8_copy(_model(tiny_checkpoint), tmp_path)
    quantized, floating = count_quantized_linears(model)
    assert floating == 0
    assert quantized == 4 * model.config.n_layer + 1  # attention + MLP projections, LM head


def test_layers_too_small_for_int8_stay_fp32_but_the_lm_head_is_always_int8(
    tiny_checkpoint: Path, tmp_path: Path
) -> None:
    """The tiny model's 64-wide layers are far below MIN_INT8_WEIGHTS (int8 would be slower)."""
    model = int8_copy(_model(tiny_checkpoint), tmp_path)
    assert count_quantized_linears(model) == (1, 4 * model.config.n_layer)
    assert not any(isinstance(m, Conv1D) for m in model.modules())


def test_without_conversion_dynamic_int8_misses_the_transformer_blocks(
    tiny_checkpoint: Path,
) -> None:
    """The measured pitfall: quantize_dynamic alone only touches the LM head."""
    model = torch.ao.quantization.quantize_dynamic(
        _model(tiny_checkpoint), {nn.Linear}, dtype=torch.qint8
    )
    quantized, floating = count_quantized_linears(model)
    assert quantized == 1 and floating == 4 * model.config.n_layer


def test_int8_cache_reloads_identically_without_building_fp32(
    tiny_checkpoint: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = _model(tiny_checkpoint)
    save_int8_cache(reference, tmp_path / "int8")
    assert cache_exists(tmp_path / "int8")
    first = load_int8_cache(reference.config, tmp_path / "int8")

    def no_fp32(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the cached int8 model must load without the fp32 weights")

    monkeypatch.setattr(GPT2LMHeadModel, "from_pretrained", no_fp32)
    second = load_int8_cache(reference.config, tmp_path / "int8")
    ids = torch.randint(0, reference.config.vocab_size, (1, 10))
    torch.testing.assert_close(second(ids).logits, first(ids).logits)
    assert not any(t.is_meta for t in [*second.parameters(), *second.buffers()])
    assert (first(ids).logits.argmax(-1) == reference(ids).logits.argmax(-1)).float().mean() > 0.8


def test_a_missing_cache_file_is_reported(tiny_checkpoint: Path, tmp_path: Path) -> None:
    reference = _model(tiny_checkpoint)
    save_int8_cache(reference, tmp_path / "int8")
    (tmp_path / "int8.mapped.safetensors").unlink()
    assert not cache_exists(tmp_path / "int8")


def test_guard_passes_int8_and_rejects_a_broken_quantization(
    tiny_checkpoint: Path, tmp_path: Path
) -> None:
    reference = _model(tiny_checkpoint)
    tokenizer = AutoTokenizer.from_pretrained(tiny_checkpoint)
    good = compare(
        reference,
        int8_copy(reference, tmp_path),
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
