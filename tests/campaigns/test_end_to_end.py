"""Plan with a real (tiny, random) GPT-2 copy model, then export: the upload file validates."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from engine.campaigns.adsets import blocking_violations
from engine.config import Settings, app_paths, save_settings
from engine.exporters.google_ads_editor import read
from engine.progress import CancelToken, null_progress
from engine.services.campaigns import demo_campaigns, plan_campaign
from engine.services.context import AppContext
from engine.services.exporting import export
from engine.store.db import session_scope
from engine.store.models import AdVariant
from tests.campaigns.conftest import SHOP_URL
from tests.copywriting.conftest import make_tiny_checkpoint


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_checkpoint(tmp_path_factory.mktemp("tiny-gpt2"))


@pytest.fixture
def with_model(shop: AppContext, pinpoint_home: Path, tiny_model: Path) -> AppContext:
    """The shop with the tiny model as the copy model; torch on one thread (shared CI cores)."""
    settings = Settings(device="cpu", copy_model_dir=str(tiny_model), extra={"shop_url": SHOP_URL})
    save_settings(app_paths(pinpoint_home), settings)
    shop.__dict__.pop("settings", None)
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield shop
    torch.set_num_threads(previous)


def test_plan_then_export_writes_a_valid_google_ads_editor_file(
    with_model: AppContext, tmp_path: Path
) -> None:
    plan = plan_campaign(with_model, "google", category="Candles", n_variants=2)
    with session_scope(with_model.engine) as session:
        linked = [session.get(AdVariant, i) for i in plan.linked_variant_ids]
        assert all(v is not None and v.ad_set_id == plan.ad_set_id for v in linked)
        assert not any(blocking_violations(v.violations) for v in linked if v)
    result = export(with_model, "google-ads-editor", tmp_path / "out", [plan.campaign_id])
    assert [v.message for v in result.violations if v.is_error] == []
    assert result.written
    rows = read(Path(result.files[0]))
    ads = [r for r in rows if r["Ad type"] == "Responsive search ad"]
    keywords = [r for r in rows if r["Keyword"]]
    assert len(ads) == 1 and ads[0]["Campaign"] == plan.name
    assert ads[0]["Final URL"] == f"{SHOP_URL}/collections/candles"
    assert ads[0]["Headline 3"] and ads[0]["Description 2"]
    assert {k["Keyword"] for k in keywords} == {k["text"] for k in plan.keywords}


def test_demo_stage_plans_every_platform_so_export_writes_ad_files(
    with_model: AppContext,
) -> None:
    outcome = demo_campaigns(with_model, null_progress, CancelToken())
    assert len(outcome["campaign_ids"]) == 4
    for platform in ("google-ads-editor", "meta", "amazon-sp", "microsoft"):
        result = export(with_model, platform, with_model.paths.exports, drop_invalid=True)
        assert result.written, (platform, [v.message for v in result.violations])


def test_demo_stage_without_a_copy_model_says_what_is_missing(
    shop: AppContext, tmp_path: Path
) -> None:
    shop.settings.copy_model_dir = str(tmp_path / "absent")
    outcome = demo_campaigns(shop, null_progress, CancelToken())
    assert "absent does not exist" in outcome["skipped"]
