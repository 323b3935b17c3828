"""The `pinpoint copy` JSON contract, saving to the store, and no network while writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.adrules.compliance import banned_terms
from engine.adrules.limits import limits_for
from engine.cli import main
from engine.config import Settings, app_paths, save_settings
from engine.copywriting.compose import CopyRequest
from engine.copywriting.prompts import ProductFacts
from engine.services import copywriting
from engine.services.copywriting import write_copy
from engine.store.db import session_scope
from engine.store.models import AdCreative, AdVariant


@pytest.fixture
def tiny_settings(pinpoint_home: Path, tiny_checkpoint: Path) -> Path:
    save_settings(
        app_paths(pinpoint_home), Settings(device="cpu", copy_model_dir=str(tiny_checkpoint))
    )
    return tiny_checkpoint


@pytest.mark.parametrize("platform", ["google", "meta", "amazon", "microsoft", "taobao"])
def test_copy_cli_json_contract(
    platform: str, tiny_settings: Path, capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    lang = "zh" if platform == "taobao" else "en"
    code = main(
        [
            "copy",
            "--product-title",
            "Blue ceramic mug",
            "--attributes",
            "colour=blue;material=ceramic",
            "--platform",
            platform,
            "--lang",
            lang,
            "--n",
            "1",
            "--json",
        ]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert {"model", "device", "quantization", "variants"} <= payload.keys()
    assert payload["model"] == tiny_settings.name and payload["device"] == "cpu"
    assert payload["quantization"] in ("int8_dynamic", "fp32")
    assert payload["variants"]
    limits = limits_for(platform)
    for variant in payload["variants"]:
        assert {"text", "scores", "violations"} <= variant.keys()
        assert all(0.0 <= value <= 1.0 for value in variant["scores"].values())
        if platform in ("google", "microsoft"):
            assert len(variant["headlines"]) >= 3 and len(variant["descriptions"]) >= 2
            assert all(limits["headline"].fits(h) for h in variant["headlines"])
        if platform == "taobao":
            assert limits["title"].fits(variant["title"])
    assert no_network == []


def test_bad_attributes_give_a_clear_error(
    tiny_settings: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert (
        main(
            [
                "copy",
                "--product-title",
                "Mug",
                "--attributes",
                "colour red",
                "--platform",
                "meta",
                "--json",
            ]
        )
        == 1
    )
    assert "key=value" in caplog.text


def test_write_copy_saves_a_creative_with_ranked_variants(
    app_context: object, tiny_settings: Path
) -> None:
    request = CopyRequest(
        ProductFacts("Lavender soy candle", attributes={"scent": "lavender"}), "google", "en", n=2
    )
    result = write_copy(app_context, request, save=True)  # type: ignore[arg-type]
    assert result.creative_id is not None
    with session_scope(app_context.engine) as session:  # type: ignore[attr-defined]
        creative = session.get(AdCreative, result.creative_id)
        assert (
            creative is not None
            and creative.platform == "google"
            and creative.quantization == result.quantization
        )
        rows = session.scalars(
            select(AdVariant).where(AdVariant.creative_id == creative.id).order_by(AdVariant.rank)
        ).all()
        assert [r.rank for r in rows] == list(range(1, len(result.variants) + 1))
        assert all("headline" in r.fields and "overall" in r.scores for r in rows)
    for variant in result.variants:
        if variant.usable:
            assert not any(
                banned_terms(line) for lines in variant.fields.values() for line in lines
            )


def test_model_is_loaded_once_per_process(app_context: object, tiny_settings: Path) -> None:
    first = copywriting.copy_model(app_context, "en")  # type: ignore[arg-type]
    assert copywriting.copy_model(app_context, "en") is first  # type: ignore[arg-type]


def test_model_download_is_refused_unless_the_user_allowed_network(
    app_context: object, no_network: list[object]
) -> None:
    with pytest.raises(PermissionError, match="network"):
        copywriting.download_copy_model(app_context, "openai-community/gpt2")  # type: ignore[arg-type]
    assert no_network == []
