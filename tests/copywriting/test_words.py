"""Known-words filter: invented words and prompt leakage are caught, facts always count."""

from __future__ import annotations

from pathlib import Path

from engine.copywriting.scoring.words import (
    build_lexicon,
    known_share,
    load_lexicon,
    plausible,
    save_lexicon,
    unknown_words,
)

LEXICON = frozenset(
    build_lexicon(["warm soy candle for cosy evenings"] * 2 + ["柔软舒适的上衣"] * 2)
)


def test_invented_words_are_not_plausible() -> None:
    assert plausible("Warm soy candle", LEXICON)
    assert not plausible("Fmetcher Warmer candle", LEXICON)
    assert known_share("Fmetcher candle", LEXICON) == 0.5


def test_product_facts_count_as_known() -> None:
    assert plausible("Warm Lavender candle", LEXICON, facts="Lavender candle")


def test_prompt_leakage_is_rejected_even_without_a_lexicon() -> None:
    assert not plausible("Sony;price=$19.", None)
    assert plausible("anything goes", None)


def test_chinese_bigrams_and_round_trip(tmp_path: Path) -> None:
    assert plausible("柔软舒适", LEXICON) and not plausible("硬朗们的", LEXICON)
    save_lexicon(tmp_path, ["soft soy candle", "soft soy candle"])
    assert load_lexicon(tmp_path) == frozenset({"soft", "soy", "candle"})
    assert load_lexicon(tmp_path / "missing") is None


def test_off_topic_lines_are_recognised() -> None:
    from engine.copywriting.scoring.words import on_topic

    assert on_topic("Regency cakestand for tea time", "REGENCY CAKESTAND 3 TIER")
    assert not on_topic("F Corded Mouse", "REGENCY CAKESTAND 3 TIER")
    assert on_topic("宽松的阔腿裤", "阔腿裤 宽松") and not on_topic("这款衬衫", "阔腿裤")


def test_one_invented_word_sinks_an_english_line_however_long() -> None:
    title = "Round Snack Boxes Set Woodland"
    padded = f"{title} for cosy evenings, warm soy candle for warm evenings, soodencha."
    assert known_share(padded, LEXICON, facts=title) >= 0.9  # the title's words pad the share
    assert unknown_words(padded, LEXICON, facts=title) == ["soodencha"]
    assert not plausible(padded, LEXICON, facts=title)
    assert plausible(f"{title} for cosy evenings.", LEXICON, facts=title)
