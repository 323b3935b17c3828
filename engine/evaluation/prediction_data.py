"""Features of a (variant, audience, time) example and the training set built from the store.

Copy features come from the copy-writer's own scores when the variant has them
(``AdVariant.scores``: sentiment, keyword_coverage, readability) and are computed simply
otherwise, so imported or hand-written ads get the same columns. Every feature is a number in a
fixed order (:data:`FEATURE_NAMES`) so a model trained today can be explained tomorrow.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.store.models import AdCreative, AdSet, AdVariant, Audience, PerformanceRow

KEYWORDS = {
    "offer": ("off", "sale", "discount", "deal", "save", "折", "优惠", "特价", "促销"),
    "free": ("free", "免费", "包邮"),
    "new": ("new", "latest", "新品", "新款"),
    "gift": ("gift", "present", "礼物", "礼品"),
    "urgency": ("today", "now", "last chance", "ends", "limited", "限时", "今天", "马上"),
}
POSITIVE = ("love", "best", "great", "favourite", "favorite", "perfect", "happy", "enjoy", "fresh",
            "beautiful", "喜欢", "好", "美", "爱")  # fmt: skip
NEGATIVE = ("miss", "never", "don't", "stop", "problem", "worry", "sorry", "没有", "不")
AUDIENCE_KINDS = ("rfm", "interest", "lookalike", "churn", "product", "category")
LANGUAGES = ("en", "zh")
FEATURE_NAMES = (
    "chars", "words", "lines", "has_number", "has_percent", "exclamation", "question",
    "sentiment", "keyword_coverage", *(f"kw_{name}" for name in KEYWORDS),
    *(f"lang_{lang}" for lang in LANGUAGES), "audience_log_size",
    *(f"aud_{kind}" for kind in AUDIENCE_KINDS), "timing_known", "weekday_sin", "weekday_cos",
    "hour_sin", "hour_cos",
)  # fmt: skip
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(slots=True)
class Example:
    """One training row: features and the counts behind the rate."""

    group: int  # the variant id: cross-validation keeps a variant's rows in one fold
    features: list[float]
    impressions: int
    clicks: int
    conversions: float


def copy_text(fields: dict[str, Any]) -> tuple[str, int]:
    """All text lines of a variant's fields (headlines, descriptions, primary text...)."""
    lines: list[str] = []
    for key, value in fields.items():
        if key in ("template_made", "path", "final_url"):
            continue
        if isinstance(value, str):
            lines.append(value)
        elif isinstance(value, list):
            lines += [item for item in value if isinstance(item, str)]
    return " | ".join(lines), len(lines)


def _mentions(text: str, word: str) -> bool:
    """Whole words for Latin script (`off` is not in `coffee`); substrings for Chinese."""
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}\b", text) is not None
    return word in text


def simple_sentiment(text: str) -> float:
    """(positive − negative) words present, scaled to [−1, 1]; the copy-writer's score wins."""
    lowered = text.lower()
    pos = sum(_mentions(lowered, word) for word in POSITIVE)
    neg = sum(_mentions(lowered, word) for word in NEGATIVE)
    return 0.0 if pos + neg == 0 else (pos - neg) / (pos + neg)


def features(
    text: str,
    line_count: int,
    scores: dict[str, Any] | None,
    language: str | None,
    audience_size: int | None,
    audience_kind: str | None,
    weekday: int | None,
    hour: int | None,
) -> list[float]:
    """The numeric feature vector, in :data:`FEATURE_NAMES` order."""
    scores = scores or {}
    lowered = text.lower()
    lang = language or ("zh" if _CJK.search(text) else "en")
    sentiment = scores.get("sentiment")
    coverage = scores.get("keyword_coverage")
    known_time = weekday is not None or hour is not None
    day_angle = 2 * math.pi * (weekday or 0) / 7
    hour_angle = 2 * math.pi * (hour or 0) / 24
    return [
        float(len(text)), float(len(text.split())), float(line_count),
        float(bool(re.search(r"\d", text))), float("%" in text or "％" in text),
        float("!" in text or "！" in text), float("?" in text or "？" in text),
        float(sentiment) if isinstance(sentiment, int | float) else simple_sentiment(text),
        float(coverage) if isinstance(coverage, int | float) else 0.0,
        *(float(any(_mentions(lowered, word) for word in words)) for words in KEYWORDS.values()),
        *(float(lang.startswith(code)) for code in LANGUAGES),
        math.log1p(audience_size or 0),
        *(float(audience_kind == kind) for kind in AUDIENCE_KINDS),
        float(known_time),
        math.sin(day_angle) if weekday is not None else 0.0,
        math.cos(day_angle) if weekday is not None else 0.0,
        math.sin(hour_angle) if hour is not None else 0.0,
        math.cos(hour_angle) if hour is not None else 0.0,
    ]  # fmt: skip


def training_examples(session: Session) -> list[Example]:
    """Report rows linked to variants, summed per (variant, audience, weekday, hour)."""
    query = (
        select(
            PerformanceRow,
            AdVariant,
            AdCreative.language,
            Audience.id,
            Audience.size,
            Audience.kind,
        )
        .join(AdVariant, PerformanceRow.variant_id == AdVariant.id)
        .join(AdCreative, AdVariant.creative_id == AdCreative.id)
        .outerjoin(AdSet, PerformanceRow.ad_set_id == AdSet.id)
        .outerjoin(Audience, Audience.id == AdSet.audience_id)
    )
    grouped: dict[tuple[int, int | None, int | None, int | None], Example] = {}
    for row, variant, language, audience_id, size, kind in session.execute(query):
        weekday = row.day.weekday() if row.day else None
        key = (variant.id, audience_id, weekday, row.hour)
        if key not in grouped:
            text, lines = copy_text(variant.fields or {})
            vector = features(text, lines, variant.scores, language, size, kind, weekday, row.hour)
            grouped[key] = Example(variant.id, vector, 0, 0, 0.0)
        example = grouped[key]
        example.impressions += row.impressions or 0
        example.clicks += row.clicks or 0
        example.conversions += row.conversions or 0.0
    return list(grouped.values())
