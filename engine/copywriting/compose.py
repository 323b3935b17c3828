"""Assemble platform-shaped variants: which fields each platform needs, how many lines of each,
model lines first (fitted to the limits), safe template lines only to reach the minimum.

Within a variant, and across the variants of one request, near-duplicate lines are skipped, so
"5 variants" means five different ads. Model lines made of invented words or leaking the prompt
format, breaking a compliance rule, stating a fact the product data does not support, naming a
kind of product or a model code the data lacks, stuttering, or (English) not naming the product
or straying beyond the vocabulary of ad copy are dropped; of the rest, lines
that mention the product's attributes and the audience's interests and that the model itself
finds fluent (low perplexity) come first.
Template lines rotate with the variant's index so template-made variants differ too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from engine.adrules.compliance import check_text
from engine.adrules.limits import FieldLimit, limits_for
from engine.copywriting.fit import fit_text
from engine.copywriting.generate import perplexities, sample_lines
from engine.copywriting.loading import LoadedModel
from engine.copywriting.prompts import AudienceFacts, CopyPrompt, ProductFacts
from engine.copywriting.scoring.ad_words import off_vocabulary
from engine.copywriting.scoring.facts import (
    attribute_terms,
    coverage,
    facts_text,
    names_product,
    title_words,
    unsupported_claims,
)
from engine.copywriting.scoring.inventions import invented_terms, repeated_words, unpaired_brackets
from engine.copywriting.scoring.text import NEAR_DUPLICATE, fluency_from_perplexity, similarity
from engine.copywriting.scoring.words import foreign_brands, on_topic, plausible
from engine.copywriting.templates import path_slug, soften_capitals, template_lines
from engine.progress import CancelToken, ProgressFn, null_progress

# (field, how many lines to write) per platform; counts respect the platform's min/max counts.
PLATFORM_PLAN: dict[str, tuple[tuple[str, int], ...]] = {
    "google": (("headline", 5), ("description", 2), ("path", 2)),
    "microsoft": (("headline", 5), ("description", 2), ("path", 2)),
    "meta": (("primary_text", 1), ("headline", 1), ("description", 1)),
    "amazon": (("headline", 1), ("keyword", 3)),
    "taobao": (("title", 1),),
}
MODEL_FIELDS = frozenset({"headline", "description", "primary_text", "title"})
HEADLINES = frozenset({"headline", "title"})
SENTENCES = frozenset({"description", "primary_text"})
MAX_OPENING_TITLE = 40  # characters: longer titles do not open a forced sentence
# Samples drawn per line wanted (+1 line's worth): most of a compact model's lines fail a check
# (invented words, products or facts), and every one that fails is replaced by a template line.
# Measured on the English validation products with every check on: 4 per line left 55% of the
# lines model-written, 8 left 67% (gift-shop titles: 61%), at ~1 s of CPU per Google ad in int8.
CANDIDATES_PER_LINE = 8
# Words beyond the facts and the vocabulary of ad copy (:mod:`.scoring.ad_words`) a model line
# may hold: a headline is a few words, so one stray noun makes it about something else ("Vintage
# Guitar" for a teapot); a sentence may carry one unusual but harmless word ("comprehensive").
OFF_VOCABULARY_ALLOWED = {"headline": 0, "title": 0}
MAX_LINE_PERPLEXITY = 200.0  # "text White Dryer" 252; fluent lines are mostly below 50
# The least a model line must say to be worth a slot: the compact model happily offers "Jumbo"
# as a headline or "Lunch Bag" as a 90-character description (found in the demo's Google export);
# a template line that restates the product says more. Words in English, characters in Chinese.
MIN_WORDS = {"headline": 2, "title": 2, "description": 4, "primary_text": 4}
MIN_CHARACTERS_ZH = {"headline": 4, "title": 6, "description": 8, "primary_text": 8}


@dataclass(frozen=True)
class CopyRequest:
    product: ProductFacts
    platform: str
    lang: str = "en"
    tone: str = "friendly"
    audience: AudienceFacts = field(default_factory=AudienceFacts)
    n: int = 3
    seed: int = 0
    vary_tone: bool = False  # cycle through tones across variants


@dataclass
class Variant:
    platform: str
    lang: str
    tone: str
    seed: int
    fields: dict[str, list[str]]
    template_made: dict[str, list[int]] = field(
        default_factory=dict
    )  # field -> indices from templates
    scores: dict[str, float] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)  # claims, sentiment words, perplexity
    violations: list[dict[str, object]] = field(default_factory=list)
    rank: int = 0

    @property
    def text(self) -> str:
        """The whole ad as one readable string (what diversity and sentiment look at)."""
        return " | ".join(line for lines in self.fields.values() for line in lines)

    @property
    def usable(self) -> bool:
        return not any(v.get("severity") == "error" for v in self.violations)


def _usable_line(line: str, request: CopyRequest, loaded: LoadedModel, field_name: str) -> bool:
    """A model line is kept only if it says enough for its field, uses known words, is about
    this product (shares a word with its facts; an English line must name it: a title word or
    an attribute, :func:`.scoring.facts.names_product`, and use no word beyond the facts and
    the vocabulary of ad copy, :mod:`.scoring.ad_words`), breaks no rule, invents no fact,
    names no kind of product or model code the facts lack and does not stutter or leave a
    bracket unpaired (:mod:`.scoring.inventions`).

    The same checks still run on the finished variant (and on the user's edits); filtering here
    means the studio never offers a line it already knows is wrong.
    """
    facts = f"{facts_text(request.product)} {' '.join(request.audience.interests)}"
    return (
        substantial(line, field_name, request.lang)
        and plausible(line, loaded.lexicon, facts)
        and on_topic(line, facts)
        and (request.lang != "en" or names_product(line, request.product))
        and len(off_vocabulary(line, loaded.ad_words, facts))
        <= OFF_VOCABULARY_ALLOWED.get(field_name, 1)
        and not check_text(line)
        and not unsupported_claims(line, request.product)
        and not foreign_brands(line, loaded.brands, facts)
        and not invented_terms(line, loaded.product_types, facts)
        and not repeated_words(line)
        and not unpaired_brackets(line)
    )


def substantial(line: str, field_name: str, lang: str) -> bool:
    """Whether a model line says enough for its field (see :data:`MIN_WORDS`)."""
    if lang == "zh":
        return len("".join(line.split())) >= MIN_CHARACTERS_ZH.get(field_name, 0)
    return len(line.split()) >= MIN_WORDS.get(field_name, 0)


def _relevance(line: str, request: CopyRequest) -> float:
    """Prefer lines that name the product (its title's words) and mention its attributes and the
    audience's interests. Without the title's share a short generic line the model finds fluent
    ("A set of your home.") outranked "The Jumbo Bag 50's Christmas for your home. …"."""
    facts = [*attribute_terms(request.product), *request.audience.interests]
    return (coverage(line, title_words(request.product)) or 0.0) + (coverage(line, facts) or 0.0)


def _opening(prompt: CopyPrompt) -> str:
    """How forced English samples begin: a headline or title with the product's first title word
    (its brand or kind; left alone, the model often opens with a stray word: "remember 5.5'
    Bluetooth Headset", "Hat Voy …"); a sentence with "The" and the whole title — a compact
    model rarely copies the product's name from the prompt by itself, so its sentences drift
    off the product ("A beautiful gift for your home"): forced, "The Circus Parade Lunch Box for
    your home, perfect for a special occasion." (session 5: 18 of 30 such samples passed every
    check for held-out gift titles, against almost none unforced)."""
    title = soften_capitals(prompt.product.title).strip()
    if prompt.lang != "en" or not title:
        return ""
    if prompt.field in HEADLINES:
        first = title.split()[0]
        return first if first.isalpha() and len(first) > 1 else ""
    if prompt.field not in SENTENCES or len(title) > MAX_OPENING_TITLE:
        return ""  # a long catalog title would leave no room for the sentence itself
    article = "" if title.split()[0].lower() in ("a", "an", "the") else "The "
    return f"{article}{title}"


def _samples(loaded: LoadedModel, prompt: CopyPrompt, count: int, seed: int) -> list[str]:
    """``count`` sampled lines, capitals softened; half of them open with :func:`_opening`."""
    opening = _opening(prompt)
    forced = count // 2 if opening else 0
    lines = sample_lines(loaded, prompt, count - forced, seed)
    if forced:
        lines += sample_lines(loaded, prompt, forced, seed, opening=opening)
    return [soften_capitals(line.text) for line in lines]


def _best_model_lines(
    loaded: LoadedModel, request: CopyRequest, prompt: CopyPrompt, samples: Sequence[str]
) -> list[str]:
    """The usable samples, best first by relevance plus fluency (the model's own perplexity of
    the line: "Olympus Black Leather Case" 4, "For A Up In Black" 129), those the model itself
    finds implausible (perplexity above :data:`MAX_LINE_PERPLEXITY`) left out."""
    usable = [
        line for line in dict.fromkeys(samples) if _usable_line(line, request, loaded, prompt.field)
    ]
    scored = [
        (line, _relevance(line, request) + fluency_from_perplexity(ppl))
        for line, ppl in zip(usable, perplexities(loaded, prompt, usable), strict=True)
        if ppl <= MAX_LINE_PERPLEXITY
    ]
    return [line for line, _ in sorted(scored, key=lambda pair: -pair[1])]


def _is_new(line: str, taken: Sequence[str]) -> bool:
    return all(similarity(line, other) < NEAR_DUPLICATE for other in taken)


def _rotate(lines: list[str], index: int) -> list[str]:
    shift = index % len(lines) if lines else 0
    return lines[shift:] + lines[:shift]


def _fill(
    candidates: Sequence[str],
    limit: FieldLimit,
    wanted: int,
    taken: list[str],
    slug: bool,
    accept: Callable[[str], bool] = lambda _line: True,
) -> list[str]:
    chosen: list[str] = []
    for candidate in candidates:
        fitted = fit_text(path_slug(candidate) if slug else candidate, limit)
        if fitted and accept(fitted) and _is_new(fitted, taken + chosen):
            chosen.append(fitted)
        if len(chosen) >= wanted:
            break
    return chosen


def compose_variant(
    loaded: LoadedModel | None, request: CopyRequest, index: int, used: dict[str, list[str]]
) -> Variant:
    tones = ("friendly", "premium", "playful", "urgent") if request.vary_tone else (request.tone,)
    tone, seed = tones[index % len(tones)], request.seed + index
    limits = limits_for(request.platform)
    variant = Variant(request.platform, request.lang, tone, seed, {})
    for field_name, count in PLATFORM_PLAN[request.platform]:
        limit = limits[field_name]
        taken = used.setdefault(field_name, [])
        lines: list[str] = []
        if field_name in MODEL_FIELDS and loaded is not None:
            prompt = CopyPrompt(
                request.product, request.platform, field_name, request.lang, tone, request.audience
            )
            # The model copies capitals from catalog titles; a shouting line would fail the rules.
            samples = _samples(loaded, prompt, CANDIDATES_PER_LINE * (count + 1), seed)
            in_this_ad = [line for written in variant.fields.values() for line in written]
            lines = _fill(
                _best_model_lines(loaded, request, prompt, samples),
                limit,
                count,
                taken + in_this_ad,  # a Meta headline must not repeat the primary text
                False,
                partial(_usable_line, request=request, loaded=loaded, field_name=field_name),
            )
        target = max(limit.min_count, len(lines)) if field_name in MODEL_FIELDS else count
        if len(lines) < target:
            # Facts may repeat across variants (every RSA needs its paths); only not within one.
            extra = _fill(
                _rotate(template_lines(request.product, field_name, request.lang, limit), index),
                limit,
                target - len(lines),
                lines,
                slug=field_name == "path",
            )
            variant.template_made[field_name] = list(range(len(lines), len(lines) + len(extra)))
            lines += extra
        taken.extend(lines)
        variant.fields[field_name] = lines
    return variant


def compose_variants(
    loaded: LoadedModel | None,
    request: CopyRequest,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> list[Variant]:
    """``request.n`` variants (fewer if the model repeats itself), near-duplicates dropped."""
    if request.platform not in PLATFORM_PLAN:
        raise ValueError(
            f"unknown platform {request.platform!r}; expected one of {', '.join(PLATFORM_PLAN)}"
        )
    used: dict[str, list[str]] = {}
    variants: list[Variant] = []
    for index in range(request.n):
        if cancel is not None:
            cancel.check()
        progress(index / request.n, f"Writing variant {index + 1} of {request.n}")
        variant = compose_variant(loaded, request, index, used)
        if variant.text and all(similarity(variant.text, v.text) < 0.8 for v in variants):
            variants.append(variant)
    progress(1.0, f"Wrote {len(variants)} variants")
    return variants
