"""The distilled gift-shop corpus becomes training examples next to the catalog ones."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from engine.copywriting.prompts import CopyPrompt, ProductFacts
from engine.copywriting.training.data import (
    distilled_examples,
    english_examples,
    share_weight,
    split_of,
)
from tests.conftest import shared_data

# Made-up titles in the UCI style; the second one hashes into the validation split.
TRAIN_TITLE = "SPOTTY TEA MUG 1"
VALID_TITLE = "SPOTTY TEA MUG 52"


def _line(title: str, **overrides: object) -> str:
    row: dict[str, object] = {
        "title": title,
        "attributes": {"price": "£2.10"},
        "headline": "Spotty Tea Mug",
        "primary": "A cheerful spotty tea mug for slow mornings. A small gift for tea lovers.",
        "description": "A spotty tea mug for your kitchen, ready to order today.",
        "teacher": "made-up teacher",
        "seed": 1,
    }
    row.update(overrides)
    return json.dumps(row)


def _corpus(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "distilled.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_line_gives_a_headline_a_primary_text_and_a_description(tmp_path: Path) -> None:
    examples = distilled_examples(_corpus(tmp_path, _line(TRAIN_TITLE)))
    assert [(e.prompt.platform, e.prompt.field) for e in examples] == [
        ("google", "headline"),
        ("meta", "primary_text"),
        ("google", "description"),
    ]
    assert [e.copy for e in examples] == [
        "Spotty Tea Mug",
        "A cheerful spotty tea mug for slow mornings. A small gift for tea lovers.",
        "A spotty tea mug for your kitchen, ready to order today.",
    ]
    assert all(e.distilled and e.prompt.lang == "en" for e in examples)


def test_the_prompt_is_the_one_the_uci_headline_example_uses(tmp_path: Path) -> None:
    headline = distilled_examples(_corpus(tmp_path, _line(TRAIN_TITLE)))[0]
    uci_style = CopyPrompt(
        ProductFacts(title=TRAIN_TITLE, attributes={"price": "£2.10"}),
        "google",
        "headline",
        "en",
        "neutral",
    )
    assert headline.prompt == uci_style


def test_a_title_keeps_the_split_of_its_uci_headline(tmp_path: Path) -> None:
    examples = distilled_examples(_corpus(tmp_path, _line(TRAIN_TITLE), _line(VALID_TITLE)))
    splits = {e.prompt.product.title: e.split for e in examples}
    assert splits == {TRAIN_TITLE: "train", VALID_TITLE: "valid"}
    assert splits[VALID_TITLE] == split_of(VALID_TITLE.lower())


def test_a_missing_or_empty_corpus_is_no_examples(tmp_path: Path) -> None:
    assert distilled_examples(tmp_path / "absent.jsonl") == []
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert distilled_examples(empty) == []


def test_a_malformed_line_is_skipped_with_its_line_number(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _corpus(
        tmp_path,
        _line(TRAIN_TITLE),
        '{"title": "BROKEN',
        _line("SPOTTY TEA MUG 2", primary=""),
        _line(VALID_TITLE),
    )
    with caplog.at_level(logging.WARNING):
        examples = distilled_examples(path)
    assert {e.prompt.product.title for e in examples} == {TRAIN_TITLE, VALID_TITLE}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert "distilled.jsonl line 2" in warnings[0]
    assert "distilled.jsonl line 3" in warnings[1] and "'primary'" in warnings[1]


def test_the_weight_repeats_training_examples_only(tmp_path: Path) -> None:
    shared_data("copy-corpora")
    path = _corpus(tmp_path, _line(TRAIN_TITLE), _line(VALID_TITLE))
    examples = english_examples(distilled_weight=4, distilled_path=path)
    distilled = [e for e in examples if e.distilled]
    assert sum(e.split == "train" for e in distilled) == 3 * 4
    assert sum(e.split == "valid" for e in distilled) == 3
    catalog = [e for e in examples if not e.distilled]
    assert english_examples(distilled_path=tmp_path / "absent.jsonl") == catalog
    assert english_examples(distilled_weight=0, distilled_path=path) == catalog


def test_share_weight_aims_at_the_requested_share() -> None:
    weight = share_weight(distilled=600, others=18_000, share=0.25)
    assert weight == 10
    assert 0.2 <= 600 * weight / (600 * weight + 18_000) <= 0.3
    assert share_weight(distilled=0, others=18_000, share=0.25) == 1
    assert share_weight(distilled=600, others=18_000, share=0.0) == 0
    assert share_weight(distilled=50_000, others=100, share=0.25) == 1
