"""The vocabulary of ad copy keeps English model lines from drifting into the model's old world."""

from __future__ import annotations

from pathlib import Path

from engine.copywriting.compose import CopyRequest, _usable_line
from engine.copywriting.loading import bundled_model_dir, load_copy_model
from engine.copywriting.prompts import ProductFacts
from engine.copywriting.scoring.ad_words import (
    AD_WORDS_FILE,
    build_ad_words,
    load_ad_words,
    off_vocabulary,
    save_ad_words,
)

COPIES = [
    ("Lavender candle", "A perfect gift for your home, lavender calm."),
    ("Heart mug", "A perfect gift for tea time at home."),
    ("Star bauble", "A perfect gift for a festive home."),
    ("Bamboo tray", "A calm gift, bamboo for breakfast."),
]


def test_ad_words_are_words_used_for_several_products_outside_their_titles() -> None:
    words = build_ad_words(COPIES, min_products=3)
    assert {"perfect", "gift", "home"} <= set(words)
    assert "lavender" not in words  # one product's own word
    assert "calm" not in words  # used for two products only
    assert "bamboo" not in words


def test_saved_words_load_and_a_model_without_ad_copy_has_no_file(tmp_path: Path) -> None:
    assert save_ad_words(tmp_path, COPIES) == 4
    assert load_ad_words(tmp_path) == frozenset({"for", "gift", "home", "perfect"})
    assert save_ad_words(tmp_path, []) == 0
    assert not (tmp_path / AD_WORDS_FILE).exists()
    assert load_ad_words(tmp_path) is None


def test_off_vocabulary_allows_facts_function_words_and_ad_words() -> None:
    ad_words = frozenset({"perfect", "gift", "home"})
    facts = "Vintage Floral Teapot Kitchen"
    assert (
        off_vocabulary("The Vintage Floral Teapot, a perfect gift for your home", ad_words, facts)
        == []
    )
    assert off_vocabulary("Vintage Guitar Media", ad_words, facts) == ["guitar", "media"]
    assert off_vocabulary("Vintage Guitar", None, facts) == []  # imported checkpoints: no filter


def test_a_headline_with_a_stray_word_is_refused_a_sentence_may_hold_one(
    tiny_checkpoint: Path,
) -> None:
    """Found with `pinpoint copy` on household titles: "Vintage Guitar" for a teapot, "Linen
    Media Inc." for a tea towel."""
    loaded = load_copy_model(tiny_checkpoint, "cpu", methods=["fp32"])
    loaded = type(loaded)(**{**vars(loaded), "ad_words": frozenset({"perfect", "gift", "home"})})
    teapot = CopyRequest(ProductFacts("Vintage Floral Teapot", "Kitchen"), "google", "en")
    assert not _usable_line("Vintage Guitar", teapot, loaded, "headline")
    assert _usable_line("Vintage Floral Teapot Gift", teapot, loaded, "headline")
    sentence = "The Vintage Floral Teapot, a perfect gift for a comprehensive kitchen."
    assert _usable_line(sentence, teapot, loaded, "description")
    drifted = "The Vintage Floral Teapot, a complete solution for your kitchen."
    assert not _usable_line(drifted, teapot, loaded, "description")


def test_the_bundled_english_model_ships_its_ad_words() -> None:
    words = load_ad_words(bundled_model_dir("en"))
    assert words is not None and {"gift", "perfect", "occasion"} <= words
    assert load_ad_words(bundled_model_dir("zh")) is None  # no Chinese ad copy to learn from
