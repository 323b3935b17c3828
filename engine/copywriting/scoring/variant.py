"""Every score and violation of one variant, computed from its text, the product facts, the
other variants of the request and (when a model is loaded) the model's perplexity.

Violations: compliance errors (广告法 absolute terms, platform editorial rules) and limit
breaches make a variant unusable until fixed; unsupported claims and template-made lines are
warnings the user sees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict

from engine.adrules.compliance import Violation, check_text
from engine.adrules.limits import limits_for
from engine.copywriting.compose import MODEL_FIELDS, Variant
from engine.copywriting.generate import perplexities
from engine.copywriting.loading import LoadedModel
from engine.copywriting.prompts import AudienceFacts, CopyPrompt, ProductFacts
from engine.copywriting.scoring.facts import (
    facts_text,
    hallucination_score,
    keyword_coverage,
    unsupported_claims,
)
from engine.copywriting.scoring.inventions import invented_terms
from engine.copywriting.scoring.sentiment import sentiment, sentiment_words
from engine.copywriting.scoring.text import fluency_from_perplexity, novelty, readability
from engine.copywriting.scoring.words import foreign_brands, known_share

# Rules this module adds; every other rule comes from engine.adrules.compliance.
NON_COMPLIANCE_RULES = frozenset({"too_few", "too_long", "unsupported_claim", "template_made"})


def _violation(violation: Violation, field: str, index: int) -> dict[str, object]:
    return {**asdict(violation), "field": field, "index": index}


def variant_violations(variant: Variant, product: ProductFacts) -> list[dict[str, object]]:
    limits = limits_for(variant.platform)
    found: list[dict[str, object]] = []
    for field, lines in variant.fields.items():
        limit = limits[field]
        if len(lines) < limit.min_count:
            found.append(
                {
                    "rule": "too_few",
                    "message": f"{field}: {len(lines)} written, need {limit.min_count}+",
                    "span": None,
                    "severity": "error",
                    "field": field,
                    "index": -1,
                }
            )
        for index, line in enumerate(lines):
            found += [_violation(v, field, index) for v in check_text(line)]
            if not limit.fits(line):
                found.append(
                    {
                        "rule": "too_long",
                        "message": f"{field} {index + 1} is {limit.length(line)} {limit.unit}, "
                        f"the limit is {limit.max_length}",
                        "span": None,
                        "severity": "error",
                        "field": field,
                        "index": index,
                    }
                )
            for claim in unsupported_claims(line, product):
                found.append(
                    {
                        "rule": "unsupported_claim",
                        "message": f'"{claim}" is not in the product data; check it or remove it',
                        "span": None,
                        "severity": "warning",
                        "field": field,
                        "index": index,
                    }
                )
        for index in variant.template_made.get(field, []):
            found.append(
                {
                    "rule": "template_made",
                    "message": f"{field} {index + 1} was written from a template "
                    "(the model did not supply enough lines)",
                    "span": None,
                    "severity": "info",
                    "field": field,
                    "index": index,
                }
            )
    return found


def model_written_share(variant: Variant) -> float:
    """Share of the lines the model is asked for (headlines, descriptions, texts, titles) that it
    wrote; the rest came from the fact templates. 1.0 is the norm, anything lower is the
    fallback at work and shows in the scores (paths and keywords are always built from facts)."""
    lines = [
        (f, i)
        for f, values in variant.fields.items()
        if f in MODEL_FIELDS
        for i in range(len(values))
    ]
    if not lines:
        return 0.0
    templated = sum(
        len(variant.template_made.get(f, [])) for f in variant.fields if f in MODEL_FIELDS
    )
    return round(1 - templated / len(lines), 4)


def score_variant(
    variant: Variant,
    product: ProductFacts,
    audience: AudienceFacts,
    others: Sequence[Variant],
    loaded: LoadedModel | None,
) -> None:
    """Fill ``variant.scores``, ``variant.details`` and ``variant.violations`` in place."""
    text = variant.text
    coverage = keyword_coverage(text, product, audience)
    claims = unsupported_claims(text, product)
    if loaded is not None:
        claims += foreign_brands(text, loaded.brands, facts_text(product))
        claims += invented_terms(text, loaded.product_types, facts_text(product))
    variant.violations = variant_violations(variant, product)
    limits = limits_for(variant.platform)
    scores: dict[str, float] = {
        "sentiment": sentiment(text),
        "keyword_coverage": coverage.combined,
        "readability": readability(text.replace(" | ", ". ")),
        "diversity": novelty(text, [o.text for o in others if o is not variant]),
        "hallucination": hallucination_score(claims),
        "compliance": 0.0
        if any(
            v["rule"] not in NON_COMPLIANCE_RULES and v["severity"] == "error"
            for v in variant.violations
        )
        else 1.0,
        "within_limits": 1.0
        if all(limits[f].fits(line) for f, lines in variant.fields.items() for line in lines)
        else 0.0,
        "model_written": model_written_share(variant),
    }
    if loaded is not None:
        ppls = [
            p
            for field, lines in variant.fields.items()
            if field not in ("path", "keyword")
            for p in perplexities(
                loaded,
                CopyPrompt(product, variant.platform, field, variant.lang, variant.tone, audience),
                lines,
            )
        ]
        mean_ppl = math.exp(sum(math.log(p) for p in ppls) / len(ppls)) if ppls else math.nan
        scores["fluency"] = fluency_from_perplexity(mean_ppl)
        variant.details["perplexity"] = round(mean_ppl, 3)
    if loaded is not None and loaded.lexicon is not None:
        share = known_share(text, loaded.lexicon, facts_text(product))
        scores["known_words"] = 1.0 if share is None else share
    variant.scores = scores
    variant.details.update(
        {
            "attribute_coverage": coverage.attributes,
            "interest_coverage": coverage.interests,
            "unsupported_claims": claims,
            "sentiment_words": sentiment_words(text),
        }
    )
