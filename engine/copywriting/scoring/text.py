"""Readability and diversity: plain functions over strings.

Readability (0..1): English uses Flesch reading ease (syllables estimated from vowel groups),
clamped to 0..100 and divided by 100 — ad copy should be easy (≥ 60). Chinese has no syllable
measure that fits ads; short clauses read easily, so a clause of ≤ 12 汉字 scores 1 and the score
falls linearly to 0 at 40.

Fluency (0..1) from the model's perplexity of a line: 1 at perplexity 1, 0 at 1,000.

Diversity: distinct-n (unique n-grams / all n-grams over a set of variants; words for English,
characters for Chinese) and near-duplicates by Jaccard similarity of character 3-grams.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

NEAR_DUPLICATE = 0.6
FLUENCY_PPL_FLOOR = 1000.0  # perplexity at which fluency scores 0
_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE = re.compile(r"[.!?。！？]+")
_CLAUSE_ZH = re.compile(r"[，。！？；、,.!?;]+")


def fluency_from_perplexity(ppl: float) -> float:
    """1 at perplexity 1, 0 at :data:`FLUENCY_PPL_FLOOR`, logarithmic in between."""
    if not math.isfinite(ppl) or ppl <= 0:
        return 0.0
    return round(min(1.0, max(0.0, 1.0 - math.log(ppl) / math.log(FLUENCY_PPL_FLOOR))), 4)


def is_chinese(text: str) -> bool:
    return len(_CJK.findall(text)) * 2 >= len(text.replace(" ", "")) > 0


def _syllables(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word.lower())
    count = len(groups) - (1 if word.lower().endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


def readability(text: str) -> float:
    if not text.strip():
        return 0.0
    if is_chinese(text):
        clauses = [c for c in _CLAUSE_ZH.split(text) if c.strip()]
        mean = sum(len(c) for c in clauses) / max(1, len(clauses))
        return round(min(1.0, max(0.0, (40 - mean) / 28)), 4)
    words = re.findall(r"[A-Za-z']+", text)
    if not words:
        return 0.5
    sentences = max(1, len([s for s in _SENTENCE.split(text) if s.strip()]))
    ease = (
        206.835
        - 1.015 * len(words) / sentences
        - 84.6 * sum(_syllables(w) for w in words) / len(words)
    )
    return round(min(100.0, max(0.0, ease)) / 100, 4)


def units(text: str) -> list[str]:
    """Words for English, characters for Chinese (the unit distinct-n counts)."""
    return (
        [ch for ch in text if not ch.isspace()]
        if is_chinese(text)
        else re.findall(r"\w+", text.lower())
    )


def distinct_n(texts: Sequence[str], n: int = 2) -> float:
    grams = [
        tuple(u[i : i + n]) for text in texts for u in [units(text)] for i in range(len(u) - n + 1)
    ]
    return round(len(set(grams)) / len(grams), 4) if grams else 0.0


def _shingles(text: str) -> set[str]:
    compact = re.sub(r"\s+", " ", text.lower())
    return {compact[i : i + 3] for i in range(max(1, len(compact) - 2))}


def similarity(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def drop_near_duplicates(texts: Sequence[str], threshold: float = NEAR_DUPLICATE) -> list[str]:
    """Keep the first of every group of near-identical texts (order = preference)."""
    kept: list[str] = []
    for text in texts:
        if all(similarity(text, other) < threshold for other in kept):
            kept.append(text)
    return kept


def novelty(text: str, others: Sequence[str]) -> float:
    """1 − the highest similarity to any other variant: how much this one adds to the set."""
    return round(1.0 - max((similarity(text, o) for o in others), default=0.0), 4)
