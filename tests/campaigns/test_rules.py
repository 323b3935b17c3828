"""The planner's pure rules: landing pages, keywords, which variants may run, sizes and bids."""

from __future__ import annotations

from collections import Counter

import pytest

from engine.campaigns.adsets import ad_set_targeting, choose_variants
from engine.campaigns.keywords import keyword_text, keywords_for
from engine.campaigns.landing import handle, landing_page, normalise_shop_url
from engine.campaigns.platforms import audience_size_for, platform_spec, starting_bid
from engine.store.models import AdVariant


def test_landing_page_prefers_given_then_product_then_shop_address() -> None:
    assert landing_page(" https://a.example/x ", "https://p", "s.example", "T").source == "given"
    assert landing_page(None, "https://shop.example/p/1", None, "T").url == (
        "https://shop.example/p/1"
    )
    built = landing_page(None, None, "myshop.com/", "Blue Mug (Large) — 2 pack")
    assert built.url == "https://myshop.com/products/blue-mug-large-2-pack"
    category = landing_page(None, "https://p.example/1", "https://myshop.com", "Candles", True)
    assert category.url == "https://myshop.com/collections/candles"
    missing = landing_page(None, None, None, "Blue mug")
    assert missing.url is None and '"shop_url"' in (missing.problem or "")


def test_handles_keep_chinese_and_bad_shop_addresses_are_refused() -> None:
    assert handle("白色 棉质上衣!") == "白色-棉质上衣"
    with pytest.raises(ValueError, match="not a web address"):
        normalise_shop_url("my shop")


def test_keywords_are_clean_short_and_unique() -> None:
    assert keyword_text("Mug (blue), 50% off!") == "mug blue 50 off"
    assert len(keyword_text(" ".join(f"w{i}" for i in range(15))).split()) == 10
    found = keywords_for(
        "google",
        ["WHITE HANGING HEART T-LIGHT HOLDER", "white hanging heart t-light holder"],
        "Candles",
    )
    assert found == [
        {"text": "white hanging heart t-light holder", "match_type": "exact"},
        {"text": "heart t-light holder", "match_type": "phrase"},
        {"text": "candles", "match_type": "phrase"},
    ]
    assert keywords_for("google", ["x" * 81], None) == []  # over Google's 80 characters


def _variant(vid: int, rank: int, *severities: str, status: str = "draft") -> AdVariant:
    violations = [{"rule": "r", "message": f"{s} {vid}", "severity": s} for s in severities]
    return AdVariant(
        id=vid, creative_id=1, name="v", fields={}, violations=violations, rank=rank, status=status
    )


def test_only_variants_without_violations_are_chosen_best_rank_first() -> None:
    variants = [
        _variant(10, 3),
        _variant(11, 1, "error"),
        _variant(12, 2, "warning"),
        _variant(13, 4, "info"),
        _variant(14, 5, status="rejected"),
        _variant(15, 6),
    ]
    chosen, skipped = choose_variants(variants, limit=2)
    assert [v.id for v in chosen] == [10, 13]
    assert {s.variant_id: s.why[0] for s in skipped} == {
        11: "error 11",
        12: "warning 12",
        14: "rejected by the merchant",
    }


def test_targeting_sizes_and_bids() -> None:
    countries = Counter({"FR": 2, "GB": 37, "JP": 1})  # one customer in Japan: not a market
    targeting = ad_set_targeting(countries, 40, ["A", "B", "A"])
    assert targeting == {"countries": ["GB", "FR"], "audience_size": 40, "skus": ["A", "B"]}
    assert ad_set_targeting(Counter({"JP": 1}), 1, [])["countries"] == ["JP"]
    assert audience_size_for(["google", "meta"]) == 250 and audience_size_for(["meta"]) == 200
    assert starting_bid(10) == 1.0 and starting_bid(0.5) == 0.1 and starting_bid(500) == 2.0
    with pytest.raises(ValueError, match="campaigns can be planned for google"):
        platform_spec("tiktok")
