"""Brand-voice fine-tuning: runs with progress, stops on cancel, writes a loadable folder."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from engine.copywriting.finetune import BRAND_VOICE_LOOP, CatalogItem, finetune_brand_voice
from engine.copywriting.loading import load_copy_model
from engine.copywriting.prompts import ProductFacts
from engine.progress import Cancelled, CancelToken

CATALOG = [
    CatalogItem(
        ProductFacts(f"Hand-thrown mug no. {i}", attributes={"glaze": "sage"}),
        "A sturdy mug. Glazed by hand.",
    )
    for i in range(24)
]
SHORT = replace(BRAND_VOICE_LOOP, max_steps=3, batch_size=4, eval_every=3)


def test_finetune_reports_progress_and_writes_a_loadable_model(
    tiny_checkpoint: Path, tmp_path: Path
) -> None:
    seen: list[float] = []
    result = finetune_brand_voice(
        tiny_checkpoint, CATALOG, tmp_path / "voice", "en", SHORT, lambda f, _m: seen.append(f)
    )
    assert result.steps == 3 and result.train_examples > 0 and result.valid_examples > 0
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    assert load_copy_model(result.folder, "cpu").model is not None


def test_finetune_stops_when_cancelled(tiny_checkpoint: Path, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        finetune_brand_voice(
            tiny_checkpoint, CATALOG, tmp_path / "voice", "en", SHORT, cancel=token
        )
    assert not (tmp_path / "voice").exists()


def test_finetune_needs_enough_products(tiny_checkpoint: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 20 products"):
        finetune_brand_voice(tiny_checkpoint, CATALOG[:5], tmp_path / "voice", "en", SHORT)


def test_the_brand_voice_model_keeps_its_bases_filters(
    tiny_checkpoint: Path, tmp_path: Path
) -> None:
    """Without them the studio would take any line a brand-voice model writes."""
    base = tmp_path / "base"
    shutil.copytree(tiny_checkpoint, base)
    (base / "lexicon.txt").write_text("perfect\ngift", encoding="utf-8")
    (base / "brands.txt").write_text("sony", encoding="utf-8")
    (base / "product_types.txt").write_text("grill", encoding="utf-8")
    (base / "ad_words.txt").write_text("perfect", encoding="utf-8")
    result = finetune_brand_voice(base, CATALOG, tmp_path / "voice", "en", SHORT)
    voice = load_copy_model(result.folder, "cpu")
    assert voice.brands == {"sony"} and voice.product_types == {"grill"}
    assert voice.ad_words == {"perfect"}
    assert voice.lexicon is not None
    assert {"perfect", "gift", "sturdy", "glazed", "mug"} <= voice.lexicon  # base + catalog
