"""Validators: every violation is found and explained in words a shop owner can act on."""

from __future__ import annotations

import pytest

from engine.exporters.adset import AdGroupPlan, KeywordPlan, TextAsset, ad_from_fields
from engine.exporters.validation import validate_campaigns
from engine.exporters.violations import drop_offending, errors
from tests.exporters.factories import good_ad, good_campaign, meta_ad


def rules(violations) -> list[str]:
    return [v.rule for v in violations]


def test_a_good_campaign_passes_every_ad_platform() -> None:
    for platform in ("google-ads-editor", "microsoft", "amazon-sp"):
        assert validate_campaigns(platform, [good_campaign()]) == [], platform
    assert errors(validate_campaigns("meta", [good_campaign(ads=[meta_ad()])])) == []


def test_too_long_headline_reports_measured_length_and_limit() -> None:
    ad = good_ad(
        headlines=[
            TextAsset("Handmade stoneware mugs for every kitchen"),
            TextAsset("b"),
            TextAsset("c"),
        ]
    )
    [violation] = validate_campaigns("google-ads-editor", [good_campaign(ads=[ad])])
    assert violation.rule == "too_long"
    assert (violation.measured, violation.limit) == (41, 30)
    assert 'Ad "Mugs v1"' in violation.message
    assert "headline 1" in violation.message and "41 characters" in violation.message
    assert "Google Ads allows 30" in violation.message


def test_double_width_characters_count_two() -> None:
    ad = good_ad(
        headlines=[
            TextAsset("手工陶瓷杯子送给最爱的人们每天都用得上"),
            TextAsset("b"),
            TextAsset("c"),
        ]
    )
    found = validate_campaigns("google-ads-editor", [good_campaign(ads=[ad])])
    too_long = [v for v in found if v.rule == "too_long"]
    assert too_long[0].measured == 38 and "double-width" in too_long[0].message


def test_too_few_headlines_and_descriptions_and_missing_url() -> None:
    ad = good_ad(
        headlines=[TextAsset("One"), TextAsset("Two")],
        descriptions=[TextAsset("Only one.")],
        final_url=None,
    )
    found = validate_campaigns("microsoft", [good_campaign(ads=[ad])])
    messages = " | ".join(v.message for v in found)
    assert "the ad has 2 headlines; Microsoft Advertising needs at least 3" in messages
    assert "the ad has 1 description; Microsoft Advertising needs at least 2" in messages
    assert set(rules(found)) == {"too_few", "missing_final_url"}


def test_too_many_headlines() -> None:
    ad = good_ad(headlines=[TextAsset(f"Headline number {i}") for i in range(16)])
    [violation] = validate_campaigns("google-ads-editor", [good_campaign(ads=[ad])])
    assert (
        violation.rule == "too_many"
        and "16 headlines" in violation.message
        and "at most 15" in violation.message
    )


def test_invalid_url_duplicates_pins_and_paths() -> None:
    ad = good_ad(
        headlines=[TextAsset("Same words"), TextAsset("same  Words"), TextAsset("Other", pin=4)],
        paths=["mugs/cups", "this-path-is-far-too-long"],
        final_url="shop.example.com/mugs",
    )
    found = validate_campaigns("google-ads-editor", [good_campaign(ads=[ad])])
    assert set(rules(found)) == {
        "duplicate",
        "invalid_pin",
        "invalid_path",
        "too_long",
        "invalid_url",
    }
    assert any('headline 2 "same  Words" repeats headline 1' in v.message for v in found)


def test_banned_terms_and_editorial_issues_are_errors() -> None:
    ad = good_ad(
        headlines=[TextAsset("全网第一的杯子"), TextAsset("Best mugs!!"), TextAsset("HUGE sale")]
    )
    found = validate_campaigns("google-ads-editor", [good_campaign(ads=[ad])])
    assert {"banned_term", "repeated_punctuation", "excess_caps"} <= set(rules(found))
    assert any("全网第一" in v.message and "广告法" in v.message for v in found)
    assert all(v.is_error for v in found)


def test_chinese_title_limit_is_60_gbk_bytes() -> None:
    ad = good_ad(title="手工陶瓷马克杯" * 5)  # 35 汉字 = 70 bytes
    [violation] = validate_campaigns("google-ads-editor", [good_campaign(ads=[ad])])
    assert (violation.rule, violation.measured, violation.limit) == ("too_long", 70, 60)
    assert "30 汉字" in violation.message


def test_formula_like_copy_and_line_breaks_are_errors_names_only_warn() -> None:
    ad = good_ad(
        headlines=[
            TextAsset('=HYPERLINK("http://x.example","Sale")'),
            TextAsset("Two\nlines"),
            TextAsset("ok"),
        ]
    )
    campaign = good_campaign(ads=[ad], name="-Spring")
    found = validate_campaigns("google-ads-editor", [campaign])
    by_rule = {v.rule: v for v in found}
    assert by_rule["formula_like"].is_error
    assert by_rule["line_break"].is_error
    name_warning = [v for v in found if v.rule == "formula_like" and "campaign name" in v.message]
    assert name_warning and name_warning[0].severity == "warning"


def test_meta_limits_primary_text_is_a_recommendation_up_to_2200() -> None:
    long_text = "Made by hand. " * 12  # 168 characters
    ad = meta_ad()
    ad.primary_texts = [long_text]
    [warning] = validate_campaigns("meta", [good_campaign(ads=[ad])])
    assert warning.severity == "warning" and "recommends 125" in warning.message
    ad.primary_texts = ["x" * 2201]
    [error] = validate_campaigns("meta", [good_campaign(ads=[ad])])
    assert error.is_error and "at most 2200" in error.message
    ad.primary_texts = ["Line one\nline two"]  # Meta's primary text may hold line breaks
    assert validate_campaigns("meta", [good_campaign(ads=[ad])]) == []


def test_meta_headline_and_description_limits() -> None:
    ad = meta_ad()
    ad.headlines = [TextAsset("A headline that is clearly longer than forty characters")]
    ad.descriptions = [TextAsset("A description over thirty characters")]
    found = validate_campaigns("meta", [good_campaign(ads=[ad])])
    assert [(v.field, v.limit) for v in found] == [("headline", 40), ("description", 30)]


def test_amazon_rules() -> None:
    eleven_words = "one two three four five six seven eight nine ten eleven"
    group = AdGroupPlan(
        name="No products", keywords=[KeywordPlan(eleven_words), KeywordPlan("mug", "fuzzy")]
    )
    campaign = good_campaign(daily_budget=None)
    campaign.ad_groups.append(group)
    found = validate_campaigns("amazon-sp", [campaign])
    assert {
        "missing_budget",
        "no_products",
        "missing_bid",
        "too_many_words",
        "invalid_match_type",
    } == set(rules(found))


def test_drop_offending_removes_only_what_errors_point_at() -> None:
    bad_ad = good_ad("bad", final_url=None)
    campaign = good_campaign(ads=[good_ad("ok"), bad_ad])
    found = validate_campaigns("google-ads-editor", [campaign, good_campaign(name="")])
    kept = drop_offending([campaign, good_campaign(name="")], found)
    assert [c.name for c in kept] == ["Spring mugs"]
    assert [ad.name for ad in kept[0].ad_groups[0].ads] == ["ok"]
    assert [ad.name for ad in campaign.ad_groups[0].ads] == ["ok", "bad"]  # the input is untouched
    assert validate_campaigns("google-ads-editor", kept) == []


def test_variant_fields_in_both_shapes_map_to_the_same_ad() -> None:
    studio = {"headline": ["A", "B"], "description": ["D"], "path": ["p"], "title": ["标题"]}
    by_hand = {
        "headlines": [{"text": "A"}, "B"],
        "descriptions": "D",
        "paths": "p",
        "title": "标题",
    }
    first = ad_from_fields("v", studio, "https://x.example")
    second = ad_from_fields("v", by_hand, "https://x.example")
    assert first == second
    assert first.headlines == [TextAsset("A"), TextAsset("B")] and first.title == "标题"
    assert (
        ad_from_fields("v", {"final_url": "https://y.example"}, None).final_url
        == "https://y.example"
    )


def test_duplicate_campaign_and_ad_group_names_are_errors() -> None:
    campaign = good_campaign()
    campaign.ad_groups.append(AdGroupPlan(name="MUG LOVERS ", ads=[good_ad("second")]))
    found = validate_campaigns("google-ads-editor", [campaign, good_campaign(name="spring  MUGS")])
    assert [(v.rule, v.campaign_index, v.group_index) for v in found] == [
        ("duplicate_name", 0, 1),
        ("duplicate_name", 1, None),
    ]
    assert "matches campaigns by name" in found[1].message


def test_audience_rows_are_deduplicated() -> None:
    from engine.exporters import customer_match
    from engine.exporters.audience import Contact

    twice = [Contact(customer_id=i, email="same@example.com") for i in (1, 2)]
    rows = customer_match.build(twice)
    assert len(rows.rows) == 1 and rows.duplicates == 1 and len(rows.chances) == 1


@pytest.mark.parametrize(("path", "fits"), [("手工陶瓷杯子送", True), ("手工陶瓷杯子送礼", False)])
def test_paths_allow_15_characters_or_7_double_width(path: str, fits: bool) -> None:
    found = validate_campaigns("google-ads-editor", [good_campaign(ads=[good_ad(paths=[path])])])
    assert (found == []) is fits


def test_search_keywords_are_checked_on_google_and_microsoft() -> None:
    campaign = good_campaign()
    campaign.ad_groups[0].keywords = [KeywordPlan("x" * 81), KeywordPlan("mug", "broadish")]
    google = validate_campaigns("google-ads-editor", [campaign])
    assert [(v.rule, v.limit, v.keyword_index) for v in google] == [
        ("too_long", 80, 0),
        ("invalid_match_type", None, 1),
    ]
    microsoft = validate_campaigns("microsoft", [campaign])
    assert [v.rule for v in microsoft] == ["invalid_match_type"]  # Microsoft allows 100
