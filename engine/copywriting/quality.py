"""The quality report of a copy model pair (EN, ZH), for the benchmark and the model card.

On the AdvertiseGen validation split (never trained on): copy perplexity, BLEU-4 and ROUGE-L of
one sampled description against the human copy, and attribute coverage (next to the human copy's
own coverage, the ceiling). Then the whole studio on validation products in both languages:
share of variants within limits, banned terms in any line, distinct-2 across a request's
variants, and sample outputs for a person to read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.adrules.compliance import banned_terms
from engine.adrules.limits import limits_for
from engine.copywriting.compose import CopyRequest, compose_variants
from engine.copywriting.generate import sample_lines
from engine.copywriting.loading import LoadedModel
from engine.copywriting.scoring.facts import attribute_terms, coverage
from engine.copywriting.scoring.overlap import corpus_bleu, rouge_l
from engine.copywriting.scoring.text import distinct_n
from engine.copywriting.scoring.variant import model_written_share
from engine.copywriting.training.data import Example, examples_for
from engine.copywriting.training.loop import copy_perplexity, encode


def _validation(lang: str) -> list[Example]:
    return [e for e in examples_for(lang, seed=0) if e.split == "valid"]


def reference_metrics(loaded: LoadedModel, examples: list[Example], limit: int) -> dict[str, Any]:
    """Generate one description per validation product and compare it with the human copy."""
    chosen = examples[:limit]
    hypotheses = []
    for index, example in enumerate(chosen):
        lines = sample_lines(loaded, example.prompt, 1, seed=index, max_new_tokens=120)
        hypotheses.append(lines[0].text if lines else "")
    references = [e.copy for e in chosen]
    rows = encode(loaded.tokenizer, [e.text for e in examples], 256)
    return {
        "valid_copy_ppl": round(copy_perplexity(loaded.model, loaded.tokenizer, rows), 3),
        "bleu4": corpus_bleu(hypotheses, references),
        "rouge_l": rouge_l(hypotheses, references),
        "attribute_coverage": round(
            sum(
                coverage(h, attribute_terms(e.prompt.product)) or 0
                for h, e in zip(hypotheses, chosen, strict=True)
            )
            / len(chosen),
            4,
        ),
        "human_attribute_coverage": round(
            sum(coverage(e.copy, attribute_terms(e.prompt.product)) or 0 for e in chosen)
            / len(chosen),
            4,
        ),
        "examples": len(chosen),
    }


def studio_metrics(
    loaded: LoadedModel, requests: list[CopyRequest], log: Callable[[str], None]
) -> dict[str, Any]:
    """Run the studio on each request; check limits, banned terms and diversity; log samples."""
    within = total = banned = 0
    distinct: list[float] = []
    model_written: list[float] = []
    for request in requests:
        variants = compose_variants(loaded, request)
        limits = limits_for(request.platform)
        for variant in variants:
            lines = [(f, line) for f, values in variant.fields.items() for line in values]
            total += 1
            within += all(limits[f].fits(line) for f, line in lines)
            banned += sum(len(banned_terms(line)) for _, line in lines)
            model_written.append(model_written_share(variant))
        if len(variants) > 1:
            distinct.append(distinct_n([v.text for v in variants], 2))
        if variants:
            made = sum(len(i) for i in variants[0].template_made.values())
            log(
                f"[{request.lang}/{request.platform}] {request.product.title} → {variants[0].text}"
                + (f"   ({made} template lines)" if made else "")
            )
    return {
        "variants": total,
        "within_limits": round(within / max(total, 1), 4),
        "banned_terms": banned,
        "distinct2": round(sum(distinct) / max(len(distinct), 1), 4),
        "model_written": round(sum(model_written) / max(len(model_written), 1), 4),
    }


def studio_requests(lang: str, count: int) -> list[CopyRequest]:
    """Validation products (never trained on) on the platforms that language is written for."""
    examples = [e for e in _validation(lang) if e.prompt.field in ("description", "headline")]
    seen: set[str] = set()
    requests: list[CopyRequest] = []
    platforms = ("taobao", "google") if lang == "zh" else ("google", "meta")
    for example in examples:
        if example.prompt.product.title in seen:
            continue
        seen.add(example.prompt.product.title)
        requests.append(
            CopyRequest(
                example.prompt.product, platforms[len(requests) % 2], lang, n=3, seed=len(requests)
            )
        )
        if len(requests) >= count:
            break
    return requests


def quality_report(
    models: dict[str, LoadedModel],
    log: Callable[[str], None],
    reference_examples: int = 30,
    products: int = 10,
) -> list[dict[str, Any]]:
    rows = []
    for lang, loaded in models.items():
        row: dict[str, Any] = {"model": loaded.name, "quantization": loaded.quantization}
        if lang == "zh":
            row.update(reference_metrics(loaded, _validation("zh"), reference_examples))
        row.update(studio_metrics(loaded, studio_requests(lang, products), log))
        rows.append(row)
    return rows
