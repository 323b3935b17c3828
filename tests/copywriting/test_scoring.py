"""Scores on hand-made examples: each should move the way a person would expect."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engine.copywriting.compose import Variant
from engine.copywriting.loading import load_copy_model
from engine.copywriting.prompts import AudienceFacts, ProductFacts
from engine.copywriting.ranking import rank_variants
from engine.copywriting.scoring.facts import (
    hallucination_score,
    keyword_coverage,
    unsupported_claims,
)
from engine.copywriting.scoring.sentiment import sentiment
from engine.copywriting.scoring.text import distinct_n, drop_near_duplicates, readability
from engine.copywriting.scoring.variant import score_variant, variant_violations

MUG = ProductFacts(
    "Blue ceramic mug",
    "Kitchen",
    {"colour": "blue", "material": "ceramic", "capacity": "350 ml"},
    9.5,
    "£",
)


def test_sentiment_english_and_chinese() -> None:
    assert sentiment("A lovely, soft and comfortable scarf") > 0.75
    assert sentiment("Flimsy and disappointing") < 0.25
    assert sentiment("A mug") == 0.5
    assert sentiment("not comfortable") < 0.5
    assert sentiment("柔软舒适，简约百搭") > 0.75
    assert sentiment("不舒适，容易起球") < 0.5


def test_keyword_coverage_counts_attributes_and_interests() -> None:
    coverage = keyword_coverage(
        "Blue ceramic mugs for coffee lovers", MUG, AudienceFacts(("coffee", "baking"))
    )
    assert coverage.attributes == round(2 / 3, 4)  # blue, ceramic; not "350 ml"
    assert coverage.interests == 0.5
    assert (
        keyword_coverage(
            "纯棉白色上衣", ProductFacts("上衣", attributes={"材质": "纯棉"}), AudienceFacts()
        ).attributes
        == 1.0
    )


def test_hallucinated_numbers_colours_materials_and_sizes() -> None:
    claims = unsupported_claims("Red glass mug, 500 ml, size XL, only £9.50", MUG)
    assert claims == ["500", "red", "glass", "XL"]
    assert unsupported_claims("Blue ceramic mug, 350 ml, £9.50", MUG) == []
    assert unsupported_claims(
        "粉红色纯棉上衣", ProductFacts("上衣", attributes={"颜色": "白色"})
    ) == ["粉红色", "纯棉"]
    assert [hallucination_score(["x"] * k) for k in range(4)] == [1.0, 0.5, 0.25, 0.0]


def test_readability_prefers_short_plain_sentences() -> None:
    assert readability("A warm mug. Made for tea.") > readability(
        "An extraordinarily sophisticated, multifunctional ceramic receptacle."
    )
    assert readability("简约百搭，舒适好穿。") > readability(
        "这款采用了来自意大利的进口面料并且经过了多道复杂精细工艺处理的上衣"
    )


def test_distinct_n_and_near_duplicates() -> None:
    assert distinct_n(["a b c d", "e f g h"]) == 1.0
    assert distinct_n(["a b a b", "a b a b"]) < 0.5
    assert drop_near_duplicates(["Blue ceramic mug", "Blue ceramic mug!", "Lavender candle"]) == [
        "Blue ceramic mug",
        "Lavender candle",
    ]


def _variant(headlines: list[str]) -> Variant:
    return Variant(
        "google",
        "en",
        "friendly",
        0,
        {
            "headline": headlines,
            "description": ["Blue ceramic mug, 350 ml.", "Glazed blue ceramic for tea."],
            "path": ["Kitchen"],
        },
    )


def test_banned_terms_make_a_variant_unusable_and_rank_last() -> None:
    clean, banned = (
        _variant(["Blue Ceramic Mug", "Glazed Blue Mug", "Kitchen Mug"]),
        _variant(["The best-ever mug", "最好的杯子", "Blue mug"]),
    )
    for variant in (clean, banned):
        score_variant(variant, MUG, AudienceFacts(), [clean, banned], None)
    assert banned.scores["compliance"] == 0.0 and not banned.usable
    assert {v["rule"] for v in banned.violations} >= {"banned_term"}
    assert [v.rank for v in rank_variants([banned, clean])] == [1, 2] and clean.rank == 1


def test_too_few_headlines_and_too_long_lines_are_errors() -> None:
    variant = _variant(["Blue Ceramic Mug", "A headline that is far too long for a Google ad"])
    rules = {v["rule"] for v in variant_violations(variant, MUG)}
    assert {"too_few", "too_long"} <= rules


def test_a_kind_of_product_the_mug_is_not_counts_as_a_hallucination(tiny_checkpoint: Path) -> None:
    loaded = replace(
        load_copy_model(tiny_checkpoint, "cpu", methods=["fp32"]),
        product_types=frozenset({"grill", "mug"}),
    )
    honest, invented = _variant(["Blue Ceramic Mug"] * 3), _variant(["Blue Ceramic Grill"] * 3)
    for variant in (honest, invented):
        score_variant(variant, MUG, AudienceFacts(), [honest, invented], loaded)
    assert honest.scores["hallucination"] == 1.0
    assert invented.scores["hallucination"] < 1.0
    assert invented.details["unsupported_claims"] == ["Grill"]
