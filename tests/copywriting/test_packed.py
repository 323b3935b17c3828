"""Int8-packed checkpoint folders: round trip, atomic packing, every loader accepts them, and
clear errors for files that are not ours."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from engine.copywriting.finetune import CatalogItem, finetune_brand_voice
from engine.copywriting.loading import bundled_model_dir, load_copy_model
from engine.copywriting.packed import (
    FP32_WEIGHTS,
    PACKED_WEIGHTS,
    is_packed,
    load_causal_lm,
    pack_checkpoint,
)
from engine.copywriting.prompts import ProductFacts
from engine.copywriting.training.card import pack_weights, packing_note
from engine.copywriting.training.loop import LoopConfig


@pytest.fixture()
def packed_copy(tiny_checkpoint: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "packed"
    shutil.copytree(tiny_checkpoint, folder)
    pack_checkpoint(folder)
    return folder


def test_packing_shrinks_the_weights_and_keeps_the_model(
    tiny_checkpoint: Path, packed_copy: Path
) -> None:
    assert is_packed(packed_copy) and not (packed_copy / FP32_WEIGHTS).exists()
    fp32_size = (tiny_checkpoint / FP32_WEIGHTS).stat().st_size
    assert (packed_copy / PACKED_WEIGHTS).stat().st_size < 0.4 * fp32_size
    original, unpacked = load_causal_lm(tiny_checkpoint).eval(), load_causal_lm(packed_copy).eval()
    for (name, before), (_, after) in zip(
        original.state_dict().items(), unpacked.state_dict().items(), strict=True
    ):
        # symmetric int8 per row: the error is at most half a step of the row's scale
        step = before.abs().amax(dim=-1, keepdim=True) / 127 if before.dim() == 2 else 0
        assert torch.all((before - after).abs() <= step / 2 + 1e-6), name
    ids = torch.randint(0, 300, (2, 12))
    same = original(ids).logits.argmax(-1) == unpacked(ids).logits.argmax(-1)
    assert same.float().mean() > 0.9
    assert unpacked.lm_head.weight.data_ptr() == unpacked.transformer.wte.weight.data_ptr()


def test_an_interrupted_pack_leaves_the_fp32_weights(
    tiny_checkpoint: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "interrupted"
    shutil.copytree(tiny_checkpoint, folder)

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr("engine.copywriting.packed.save_file", disk_full)
    with pytest.raises(OSError):
        pack_checkpoint(folder)
    assert (folder / FP32_WEIGHTS).exists() and not is_packed(folder)
    load_causal_lm(folder)


def test_a_foreign_int8_file_is_refused_clearly(tiny_checkpoint: Path, tmp_path: Path) -> None:
    folder = tmp_path / "foreign"
    shutil.copytree(tiny_checkpoint, folder)
    (folder / FP32_WEIGHTS).unlink()
    save_file(
        {"transformer.wte.weight": torch.zeros(3, 3, dtype=torch.int8)}, folder / PACKED_WEIGHTS
    )
    with pytest.raises(ValueError, match="not a Pinpoint int8 checkpoint"):
        load_causal_lm(folder)


def test_a_truncated_packed_file_fails_with_an_error(packed_copy: Path) -> None:
    data = (packed_copy / PACKED_WEIGHTS).read_bytes()
    (packed_copy / PACKED_WEIGHTS).write_bytes(data[: len(data) // 2])
    with pytest.raises(Exception, match=r"(?i)safetensor|incomplete|header|invalid|size"):
        load_causal_lm(packed_copy)


def test_the_studio_loads_a_packed_folder_on_both_paths(packed_copy: Path, tmp_path: Path) -> None:
    int8 = load_copy_model(packed_copy, "cpu", cache_dir=tmp_path / "cache")
    assert int8.quantization == "int8_dynamic" and int8.guard is not None and int8.guard.passed
    fp32 = load_copy_model(packed_copy, "cpu", cache_dir=tmp_path / "cache", methods=["fp32"])
    assert fp32.quantization == "fp32"
    ids = torch.randint(0, 300, (1, 10))
    agree = int8.model(ids).logits.argmax(-1) == fp32.model(ids).logits.argmax(-1)
    assert agree.float().mean() > 0.8


def test_brand_voice_fine_tunes_from_a_packed_base(packed_copy: Path, tmp_path: Path) -> None:
    items = [CatalogItem(ProductFacts(f"Hand-poured candle no. {i}")) for i in range(40)]
    result = finetune_brand_voice(
        packed_copy, items, tmp_path / "voice", "en", LoopConfig(max_steps=2, eval_every=2)
    )
    assert (result.folder / FP32_WEIGHTS).exists()
    load_causal_lm(result.folder)


def test_the_card_step_packs_once_and_records_what_packing_cost(
    tiny_checkpoint: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "trained"
    shutil.copytree(tiny_checkpoint, folder)
    packing = pack_weights(folder, {})
    assert is_packed(folder)
    assert packing["int8_mb"] < packing["fp32_mb"]
    assert packing["agreement"] > 0.9 and packing["ppl_ratio"] < 1.05
    packed_bytes = (folder / PACKED_WEIGHTS).read_bytes()
    assert pack_weights(folder, packing) == packing  # a packed folder keeps its recorded numbers
    assert (folder / PACKED_WEIGHTS).read_bytes() == packed_bytes  # and is not packed again
    note = packing_note(packing)
    assert "model.int8.safetensors" in note and f"{packing['agreement']:.3f}" in note
    assert packing_note({}) == "`model.safetensors` in fp32"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_bundled_models_ship_packed_within_25_mb(lang: str) -> None:
    folder = bundled_model_dir(lang)
    assert is_packed(folder)
    assert sum(p.stat().st_size for p in folder.iterdir()) <= 25_000_000
