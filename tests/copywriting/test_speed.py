"""The speed child's memory figures: int8 must show up in the memory the model adds."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from transformers import GPT2Config, GPT2LMHeadModel

from engine.copywriting.quantize import save_int8_cache
from engine.copywriting.speed import measure_in_subprocess, weights_mb


@pytest.fixture(scope="module")
def embedding_heavy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer GPT-2 whose 12,000-token embedding (12 MB in fp32) is most of its weights."""
    folder = tmp_path_factory.mktemp("embedding-heavy")
    torch.manual_seed(0)
    config = GPT2Config(
        n_layer=1,
        n_embd=256,
        n_head=4,
        vocab_size=12_000,
        n_positions=128,
        bos_token_id=0,
        eos_token_id=0,
    )
    GPT2LMHeadModel(config).save_pretrained(folder)
    return folder


@pytest.mark.slow
def test_int8_holds_half_of_fp32s_weights_and_adds_less_memory(
    embedding_heavy: Path, tmp_path: Path
) -> None:
    fp32_model = GPT2LMHeadModel.from_pretrained(embedding_heavy).eval()
    save_int8_cache(fp32_model, tmp_path / "int8")
    fp32 = measure_in_subprocess(embedding_heavy, "fp32", 1, repeats=1)
    int8 = measure_in_subprocess(embedding_heavy, "int8", 1, tmp_path / "int8", repeats=1)
    assert fp32["weights_mb"] == pytest.approx(weights_mb(fp32_model), abs=0.1)
    # int8 embedding (3 MB) + the tied head packed from it (3 MB) + the layer, vs fp32's 15 MB
    assert int8["weights_mb"] < fp32["weights_mb"] / 2
    # fp32 holds ~8 MB more; the child's warm-up keeps torch's one-off costs out of both
    assert int8["model_mb"] < fp32["model_mb"] - 5
    assert fp32["peak_rss_mb"] > fp32["import_rss_mb"] + fp32["model_mb"] - 1
