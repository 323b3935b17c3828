"""Sampling is steered onto the product's facts: unsupported facts cannot be written at all."""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoTokenizer

from engine.copywriting.loading import bundled_model_dir
from engine.copywriting.prompts import AudienceFacts, ProductFacts
from engine.copywriting.scoring.inventions import load_product_types
from engine.copywriting.steering import FACT_BONUS, fact_bias

MUG = ProductFacts("Blue ceramic mug", attributes={"capacity": "350 ml"})


def _ids(tokenizer: object, text: str) -> list[int]:
    return tokenizer(text, add_special_tokens=False)["input_ids"]  # type: ignore[operator]


def test_numbers_the_facts_lack_are_blocked(
    tiny_checkpoint: Path,
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_checkpoint)
    bias = fact_bias(tokenizer, MUG, AudienceFacts())
    for unsupported in ("7", "9"):
        assert all(bias[i] == -torch.inf for i in _ids(tokenizer, unsupported)), unsupported
    assert all(torch.isfinite(bias[i]) for i in _ids(tokenizer, "350"))  # the facts' own number


def test_the_products_own_words_are_favoured() -> None:
    tokenizer = AutoTokenizer.from_pretrained(bundled_model_dir("en"))
    bias = fact_bias(tokenizer, MUG, AudienceFacts(("coffee",)))
    for word in (" ceramic", " mug", " coffee"):
        assert max(float(bias[i]) for i in _ids(tokenizer, word)) == FACT_BONUS, word
    assert float(bias[_ids(tokenizer, " printer")].max()) < FACT_BONUS


def test_a_brand_the_model_knows_but_the_facts_do_not_name_is_blocked(
    tiny_checkpoint: Path,
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_checkpoint)
    brand_ids = _ids(tokenizer, " wool")  # stands in for a brand name in the tiny vocabulary
    brand = tokenizer.decode(brand_ids[-1:]).strip().lower()
    blocked = fact_bias(tokenizer, MUG, AudienceFacts(), frozenset({brand}))
    allowed = fact_bias(
        tokenizer, ProductFacts(f"{brand} mug"), AudienceFacts(), frozenset({brand})
    )
    assert blocked[brand_ids[-1]] == -torch.inf
    assert torch.isfinite(allowed[brand_ids[-1]])


def test_chinese_colours_and_the_corpus_brand_placeholder_are_blocked() -> None:
    tokenizer = AutoTokenizer.from_pretrained(bundled_model_dir("zh"))
    plain = fact_bias(
        tokenizer, ProductFacts("白色棉质上衣", attributes={"颜色": "白色"}), AudienceFacts()
    )
    (placeholder,) = _ids(tokenizer, "BRAND")
    (red,) = _ids(tokenizer, "红色")
    (white,) = _ids(tokenizer, "白色")
    assert plain[placeholder] == -torch.inf and plain[red] == -torch.inf
    assert plain[white] == FACT_BONUS


def test_an_english_colour_the_facts_lack_is_blocked() -> None:
    tokenizer = AutoTokenizer.from_pretrained(bundled_model_dir("en"))
    (black,) = _ids(tokenizer, " Black")
    assert fact_bias(tokenizer, MUG, AudienceFacts())[black] == -torch.inf
    assert fact_bias(tokenizer, ProductFacts("Black mug"), AudienceFacts())[black] == FACT_BONUS


def test_a_kind_of_product_the_facts_do_not_name_cannot_be_sampled() -> None:
    """The bundled English model's product types: "Grill" is blocked for a radar detector."""
    folder = bundled_model_dir("en")
    tokenizer = AutoTokenizer.from_pretrained(folder)
    types = load_product_types(folder)
    assert {"grill", "detector", "camera"} <= types
    (grill,) = _ids(tokenizer, " Grill")
    detector = ProductFacts("Escort Cordless Solo Radar Detector")
    assert fact_bias(tokenizer, detector, AudienceFacts(), product_types=types)[grill] == -torch.inf
    gas_grill = ProductFacts("Weber Gas Grill")
    assert fact_bias(tokenizer, gas_grill, AudienceFacts(), product_types=types)[grill] > 0
