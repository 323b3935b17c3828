"""Invented kinds of product, model-code fragments and stutters are caught; the facts' own words,
their plurals and ordinary small words are not."""

from __future__ import annotations

from pathlib import Path

from engine.copywriting.scoring.inventions import (
    PRODUCT_TYPES_FILE,
    build_chinese_product_types,
    build_product_types,
    invented_terms,
    load_product_types,
    repeated_words,
    unpaired_brackets,
)
from engine.copywriting.scoring.words import on_topic

NAMES = [
    "Acme Cordless Radar Detector - RD100",
    "Acme Road Radar Detector",
    "Zenith Pocket Radar Detector",
    "Birch Gas Grill",
    "Birch Outdoor Grill",
    "Birch Charcoal Grill",
    "Lumo Black Camera",
    "Lumo Travel Camera",
    "Lumo Studio Camera",
    "Lumo Camera Black",
    "Acme Deluxe Edition",
    "Zenith Deluxe Edition",
    "Birch Deluxe Edition",
]
TYPES = frozenset(build_product_types(NAMES, ["A great camera for trips."]))


def test_product_types_end_names_and_are_not_modifiers_or_generic_words() -> None:
    # "black" ends one name but is mostly a modifier; "edition" names a range, not a product
    assert sorted(TYPES) == ["camera", "detector", "grill"]


def test_words_the_copy_uses_far_more_often_than_names_end_with_them_are_left_out() -> None:
    chatty_copy = ["Take your camera anywhere."] * 100
    assert "camera" not in build_product_types(NAMES, chatty_copy)


def test_an_invented_kind_of_product_is_caught_but_the_facts_own_kind_is_not() -> None:
    facts = "Acme Cordless Radar Detector - RD100"
    assert invented_terms("Acme Outdoor Grill", TYPES, facts) == ["Grill"]
    assert invented_terms("Acme Radar Detectors for the road", TYPES, facts) == []


def test_short_capitals_not_in_the_facts_are_code_fragments() -> None:
    facts = "Sony Xplod 10-Disc Add-On CD/MP3 Changer - CDX565MXRF"
    assert invented_terms("Sony X CD Changer", TYPES, facts) == ["X"]
    assert invented_terms("Sony CD/MP3 Changer I love", TYPES, facts) == []


def test_stutters_are_caught_and_small_words_may_repeat() -> None:
    assert repeated_words("Sony MP3/MP3 Changer") == ["mp3"]
    assert repeated_words("White Washer And Washer") == ["washer"]
    assert repeated_words("A mug for him and for her") == []
    long_line = "A washer that is quiet, a washer that is quick and kind to your clothes."
    assert repeated_words(long_line) == []  # twice is fine in a long line, not in a headline


def test_a_long_english_line_must_share_two_words_with_the_facts() -> None:
    facts = "ASSORTED COLOUR BIRD ORNAMENT"
    assert not on_topic("Assorted to your disklavier mark iii piano", facts)
    assert on_topic("Assorted colour birds for your tree", facts)
    assert on_topic("Assorted Colouring", facts)  # a short line: one shared word is enough


def test_product_types_round_trip_through_the_model_folder(tmp_path: Path) -> None:
    (tmp_path / PRODUCT_TYPES_FILE).write_text("\n".join(sorted(TYPES)), encoding="utf-8")
    assert load_product_types(tmp_path) == TYPES
    assert load_product_types(tmp_path / "missing") == frozenset()


def test_chinese_garment_kinds_come_from_the_garment_attributes() -> None:
    attribute_sets = [{"类型": "裙", "裙型": "鱼尾裙,a字"}] * 3 + [{"衣样式": "衬衫裙"}] * 3
    kinds = frozenset(build_chinese_product_types(attribute_sets))
    assert kinds == {"鱼尾裙", "衬衫裙"}  # "a字" is a cut, not a garment
    assert invented_terms("这款鱼尾裙，性感迷人", kinds, "包臀裙 类型 裙") == ["鱼尾裙"]
    assert invented_terms("这款鱼尾裙，性感迷人", kinds, "鱼尾裙 类型 裙") == []


def test_chinese_stutters_are_caught() -> None:
    assert repeated_words("这款马甲翻领收腰收腰收腰") == ["收腰"]
    assert repeated_words("显瘦的版型，舒适又显瘦") == []  # twice, apart, is fine


def test_a_bracket_without_its_partner_is_caught() -> None:
    assert unpaired_brackets("Stainless Steel]")  # found in `pinpoint copy` output
    assert unpaired_brackets("Digital Camera (Silver")
    assert unpaired_brackets("Camera (Silver]")
    assert unpaired_brackets("白色上衣（宽松")
    assert not unpaired_brackets("Digital Camera (Silver) [New]")
    assert not unpaired_brackets("白色上衣（宽松）")
