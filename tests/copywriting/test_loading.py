"""Loading a checkpoint folder: method choice, cache round trip, fp32 fallback, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from engine.copywriting import loading
from engine.copywriting.guard import GuardResult
from engine.copywriting.loading import ModelFolderError, load_copy_model
from engine.copywriting.quantize import cache_exists, cache_path


def _fail_if_fp32_is_built(*_args: object) -> None:
    raise AssertionError("a cached int8 model must load without building the fp32 model")


def test_cpu_load_picks_guarded_int8_and_caches_it(
    tiny_checkpoint: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_copy_model(tiny_checkpoint, "cpu", cache_dir=tmp_path)
    assert (first.device, first.quantization) == ("cpu", "int8_dynamic")
    assert first.guard is not None and first.guard.passed
    assert cache_exists(cache_path(tmp_path, tiny_checkpoint))
    monkeypatch.setattr(loading, "_load_fp32", _fail_if_fp32_is_built)
    second = load_copy_model(tiny_checkpoint, "cpu", cache_dir=tmp_path)
    ids = torch.randint(0, 100, (1, 8))
    torch.testing.assert_close(second.model(ids).logits, first.model(ids).logits)
    assert "torch" in cache_path(tmp_path, tiny_checkpoint).name


def test_failed_guard_falls_back_to_fp32_and_says_why(
    tiny_checkpoint: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        loading,
        "compare",
        lambda *args, **kwargs: GuardResult("int8_dynamic", 10.0, 30.0, 0.4, 100),
    )
    loaded = load_copy_model(tiny_checkpoint, "cpu", cache_dir=tmp_path)
    assert loaded.quantization == "fp32"
    assert "FAILED" in loaded.note and "fp32" in loaded.note
    verdict = json.loads(next(tmp_path.glob("*.guard.json")).read_text())
    assert verdict["passed"] is False


def test_plain_fp32_when_asked(tiny_checkpoint: Path) -> None:
    loaded = load_copy_model(tiny_checkpoint, "cpu", methods=["fp32"])
    assert loaded.quantization == "fp32" and loaded.guard is None


def test_folder_without_weights_gets_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelFolderError, match=r"model\.safetensors"):
        load_copy_model(tmp_path)


def test_download_needs_the_network_setting(tmp_path: Path) -> None:
    with pytest.raises(PermissionError, match="Settings"):
        loading.download_checkpoint("gpt2", tmp_path, allow_network=False)
