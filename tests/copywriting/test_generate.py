"""Sampling is reproducible per seed, never emits prompt tags, and templates only restate facts."""

from __future__ import annotations

from pathlib import Path

import torch

from engine.adrules.compliance import banned_terms
from engine.copywriting.compose import CopyRequest, compose_variants
from engine.copywriting.generate import sample_lines
from engine.copywriting.loading import load_copy_model
from engine.copywriting.prompts import SPECIAL_TOKENS, CopyPrompt, ProductFacts
from engine.copywriting.sampler import sample
from engine.copywriting.scoring.facts import unsupported_claims
from engine.copywriting.templates import template_lines

MUG = ProductFacts(
    "BLUE CERAMIC MUG",
    "Kitchen",
    {"colour": "blue", "capacity": "350 ml"},
    9.5,
    "£",
    "10% off this week",
)


def test_sampling_is_reproducible_and_masks_banned_ids(tiny_checkpoint: Path) -> None:
    loaded = load_copy_model(tiny_checkpoint, "cpu", methods=["fp32"])
    ids = torch.tensor([[1, 2, 3]])
    banned = list(range(0, 50))
    first = sample(loaded.model, ids, [0.7, 1.0, 1.3], 12, end_id=-1, banned_ids=banned, seed=7)
    assert first == sample(
        loaded.model, ids, [0.7, 1.0, 1.3], 12, end_id=-1, banned_ids=banned, seed=7
    )
    assert first != sample(
        loaded.model, ids, [0.7, 1.0, 1.3], 12, end_id=-1, banned_ids=banned, seed=8
    )
    assert all(len(row) == 12 and min(row) >= 50 for row in first)


def test_variants_never_contain_prompt_tags(tiny_checkpoint: Path) -> None:
    loaded = load_copy_model(tiny_checkpoint, "cpu", methods=["fp32"])
    for variant in compose_variants(loaded, CopyRequest(MUG, "meta", "en", n=2)):
        assert not any(tag in variant.text for tag in SPECIAL_TOKENS)


def test_template_lines_restate_facts_only() -> None:
    for lang in ("en", "zh"):
        for field in ("headline", "description", "primary_text", "title", "path", "keyword"):
            for line in template_lines(MUG, field, lang):
                assert unsupported_claims(line, MUG) == [], (field, line)
                assert banned_terms(line) == []
                assert not line.isupper() or len(line) < 4


def test_without_a_model_the_studio_still_fills_an_rsa_from_templates() -> None:
    (variant,) = compose_variants(None, CopyRequest(MUG, "google", "en", n=1))
    assert len(variant.fields["headline"]) >= 3 and len(variant.fields["description"]) >= 2
    assert variant.template_made["headline"] == list(range(len(variant.fields["headline"])))
    assert CopyPrompt(MUG, "google", "headline").lang == "en"


def test_an_opening_starts_every_sampled_line(tiny_checkpoint: Path) -> None:
    loaded = load_copy_model(tiny_checkpoint, "cpu", methods=["fp32"])
    prompt = CopyPrompt(MUG, "google", "headline")
    lines = sample_lines(loaded, prompt, 6, seed=3, opening="Blue")
    assert lines and all(line.text.startswith("Blue") for line in lines)
