"""plan_campaign / plan_from_recommendations on the made-up shop, with the stand-in copy writer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from engine.progress import Cancelled, CancelToken
from engine.services import campaigns as campaign_service
from engine.services.campaigns import plan_campaign, plan_from_recommendations
from engine.services.context import AppContext
from engine.services.exporting import validate
from engine.store.db import session_scope
from engine.store.models import AdCreative, AdSet, AdVariant, Audience, Campaign
from tests.campaigns.conftest import SHOP_URL


def _count(ctx: AppContext, model: type) -> int:
    with session_scope(ctx.engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_plan_stores_campaign_ad_set_and_links_only_clean_variants(
    shop: AppContext, stand_in_copy: list[dict[str, Any]]
) -> None:
    plan = plan_campaign(shop, "google", category="Candles", daily_budget=12.5, n_variants=4)
    with session_scope(shop.engine) as session:
        campaign = session.get(Campaign, plan.campaign_id)
        assert campaign is not None
        assert (campaign.platform, campaign.status) == ("google", "draft")
        assert campaign.objective == "sales"
        assert campaign.daily_budget == 12.5 and campaign.start_date == date.today()
        assert campaign.final_url == f"{SHOP_URL}/collections/candles"
        (ad_set,) = campaign.ad_sets
        assert ad_set.audience_id == plan.audience["id"] and ad_set.default_bid == 1.25
        assert {"text": "candles", "match_type": "phrase"} in (ad_set.keywords or [])
        assert ad_set.targeting and ad_set.targeting["countries"] == ["GB", "FR"]
        linked = sorted(v.rank for v in ad_set.variants)
        creative = session.scalars(select(AdCreative)).one()
        assert creative.audience_id == plan.audience["id"]
    # rank 1 has a banned term (error), rank 2 an unsupported claim (warning): never linked;
    # rank 4 only carries an info note, which is not a violation.
    assert linked == [3, 4]
    assert [s["rank"] for s in plan.skipped_variants] == [1, 2]
    assert "最佳" in plan.skipped_variants[0]["why"][0]
    request = stand_in_copy[0]["request"]
    assert request.platform == "google" and request.product.category == "Candles"
    assert stand_in_copy[0]["audience_id"] == plan.audience["id"]


@pytest.mark.parametrize(
    ("platform", "keywords", "bid", "skus"),
    [("meta", False, None, False), ("amazon", True, 1.0, True), ("microsoft", True, 1.0, False)],
)
def test_platform_shapes_the_ad_set(
    shop: AppContext,
    stand_in_copy: list[dict[str, Any]],
    platform: str,
    keywords: bool,
    bid: float | None,
    skus: bool,
) -> None:
    plan = plan_campaign(shop, platform, product="SKU-3")
    assert bool(plan.keywords) is keywords and plan.default_bid == bid
    assert ("skus" in plan.targeting) is skus
    if skus:
        assert plan.targeting["skus"] == ["SKU-3"]
    assert plan.final_url == f"{SHOP_URL}/products/candles-item-3"
    assert plan.name == f"Candles item 3 - {plan.name.split(' - ')[1]}"


def test_size_check_warnings_are_surfaced(
    shop: AppContext, stand_in_copy: list[dict[str, Any]]
) -> None:
    plan = plan_campaign(shop, "meta", category="Mugs")
    (check,) = plan.size_checks
    assert check["platform"] == "meta" and check["minimum_matched"] == 100
    assert plan.audience["size"] < 200  # 60 Mugs lovers, some opted out: below Meta's list size
    assert not check["ok"] and check["message"] in plan.warnings


def test_missing_landing_page_names_the_setting_and_the_exporter_flags_it(
    shop: AppContext, stand_in_copy: list[dict[str, Any]]
) -> None:
    shop.settings.extra.clear()
    plan = plan_campaign(shop, "google", product="SKU-3")
    assert plan.final_url is None and plan.final_url_source == "missing"
    assert any('"shop_url"' in warning for warning in plan.warnings)
    rules = {v.rule for v in validate(shop, "google-ads-editor", [plan.campaign_id])}
    assert "missing_final_url" in rules


def test_given_url_and_audience_are_used(
    shop: AppContext, stand_in_copy: list[dict[str, Any]]
) -> None:
    first = plan_campaign(shop, "google", product="SKU-3")
    second = plan_campaign(
        shop, "meta", category="Candles", audience_id=first.audience["id"],
        final_url="https://gifts.example/sale",
    )  # fmt: skip
    assert second.audience == {**first.audience, "built": False}
    assert second.final_url == "https://gifts.example/sale" and second.final_url_source == "given"


def test_same_target_reuses_its_audience_and_names_stay_unique(
    shop: AppContext, stand_in_copy: list[dict[str, Any]]
) -> None:
    first = plan_campaign(shop, "google", category="Candles")
    again = plan_campaign(shop, "google", category="Candles")
    assert again.audience["id"] == first.audience["id"] and not again.audience["built"]
    assert _count(shop, Audience) == 1
    assert again.name == f"{first.name} #2"


class CopyFailed(RuntimeError):
    pass


def _interrupt_after_copy(token: CancelToken, write_copy: Any, how: str) -> Any:
    def interrupting(*args: Any, **kwargs: Any) -> Any:
        result = write_copy(*args, **kwargs)  # the copy is stored, then the user cancels ...
        if how == "error":  # ... or something breaks
            raise CopyFailed("disk full")
        token.cancel()
        return result

    return interrupting


@pytest.mark.parametrize(("how", "raised"), [("cancel", Cancelled), ("error", CopyFailed)])
def test_cancel_or_error_leaves_nothing_behind(
    shop: AppContext,
    stand_in_copy: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    raised: type[BaseException],
) -> None:
    token = CancelToken()
    interrupting = _interrupt_after_copy(token, campaign_service.write_copy, how)
    monkeypatch.setattr(campaign_service, "write_copy", interrupting)
    with pytest.raises(raised):
        plan_campaign(shop, "google", category="Candles", cancel=token)
    assert stand_in_copy  # it got as far as storing an audience and copy
    for model in (Audience, AdCreative, AdVariant, Campaign, AdSet):
        assert _count(shop, model) == 0, model.__name__


def test_do_it_for_me_plans_every_platform_for_the_best_seller(
    shop: AppContext, stand_in_copy: list[dict[str, Any]]
) -> None:
    plans = plan_from_recommendations(shop, ["google", "meta", "amazon"], top_n=1)
    assert [p.platform for p in plans] == ["google", "meta", "amazon"]
    assert len({p.audience["id"] for p in plans}) == 1  # one audience shared by the platforms
    with session_scope(shop.engine) as session:
        assert session.scalar(select(func.count()).select_from(Campaign)) == 3
    best = plans[0].target["label"]
    assert best in ("Candles", "Mugs", "Scarves", "Toys")
    assert all(p.linked_variant_ids for p in plans)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"product": "NOPE"}, "no product with SKU 'NOPE'"),
        ({"category": "Lamps"}, "no category 'Lamps'"),
        ({"product": "SKU-3", "daily_budget": 0}, "daily budget must be above 0"),
        ({}, "exactly one of a product"),
    ],
)
def test_bad_requests_say_what_is_wrong(
    shop: AppContext, stand_in_copy: list[dict[str, Any]], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        plan_campaign(shop, "google", **kwargs)
    assert _count(shop, Campaign) == 0


def test_without_a_copy_model_the_plan_names_the_missing_folder(
    shop: AppContext, tmp_path: Any
) -> None:
    shop.settings.copy_model_dir = str(tmp_path / "no-model-here")
    with pytest.raises(ValueError, match="no-model-here does not exist"):
        plan_campaign(shop, "google", product="SKU-3")
    assert _count(shop, Audience) == 0  # checked before any slow work
