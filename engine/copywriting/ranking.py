"""Rank variants by one documented weighted score.

Weights (sum to 1): fluency 0.20 (does it read like real copy), keyword coverage 0.20 (does it
mention the product's attributes and the audience's interests), hallucination 0.20 (no invented
facts), readability 0.15, sentiment 0.10, diversity 0.15 (adds something the other variants do
not say). A score missing for a variant (fluency without a model) is left out and the remaining
weights are renormalised. Unusable variants (a compliance or limit error) always rank after the
usable ones, however well they score: they cannot be exported until fixed.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.copywriting.compose import Variant

WEIGHTS: dict[str, float] = {
    "fluency": 0.20,
    "keyword_coverage": 0.20,
    "hallucination": 0.20,
    "readability": 0.15,
    "sentiment": 0.10,
    "diversity": 0.15,
}


def overall_score(scores: dict[str, float]) -> float:
    present = {name: weight for name, weight in WEIGHTS.items() if name in scores}
    total = sum(present.values())
    return (
        round(sum(scores[name] * weight for name, weight in present.items()) / total, 4)
        if total
        else 0.0
    )


def rank_variants(variants: Sequence[Variant]) -> list[Variant]:
    """Sets ``scores["overall"]`` and ``rank`` (1 = best) and returns the variants best first."""
    for variant in variants:
        variant.scores["overall"] = overall_score(variant.scores)
    ordered = sorted(variants, key=lambda v: (not v.usable, -v.scores["overall"]))
    for rank, variant in enumerate(ordered, start=1):
        variant.rank = rank
    return ordered
