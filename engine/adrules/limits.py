"""Field limits per platform, from ``shared/formats/FORMATS.md`` and the platforms' guides.

A limit says how a field is measured (``counter``) so fitting and validation agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine.adrules.width import char_length, display_width, gbk_byte_length

Counter = Callable[[str], int]


@dataclass(frozen=True)
class FieldLimit:
    field: str  # headline | description | path | primary_text | title | ...
    max_length: int
    counter: Counter = char_length
    min_count: int = 1  # how many values the platform requires
    max_count: int = 1  # how many values it accepts
    unit: str = "characters"
    # Where ``max_length`` is the platform's *recommendation* (Meta primary text: 125 shown,
    # 2,200 accepted), ``hard_max_length`` is what the upload rejects; None = max_length is hard.
    hard_max_length: int | None = None

    def length(self, text: str) -> int:
        return self.counter(text)

    def fits(self, text: str) -> bool:
        return self.counter(text) <= self.max_length


PLATFORM_LIMITS: dict[str, dict[str, FieldLimit]] = {
    # Google responsive search ads: 3–15 headlines ≤30, 2–4 descriptions ≤90, 2 paths ≤15.
    # Keywords (ad group keywords, optional): Google 80 characters / 10 words.
    "google": {
        "headline": FieldLimit("headline", 30, display_width, 3, 15),
        "description": FieldLimit("description", 90, display_width, 2, 4),
        "path": FieldLimit("path", 15, display_width, 0, 2),
        "keyword": FieldLimit("keyword", 80, char_length, 0, 20000),
    },
    # Microsoft Advertising RSAs mirror Google's limits; keywords up to 100 characters.
    "microsoft": {
        "headline": FieldLimit("headline", 30, display_width, 3, 15),
        "description": FieldLimit("description", 90, display_width, 2, 4),
        "path": FieldLimit("path", 15, display_width, 0, 2),
        "keyword": FieldLimit("keyword", 100, char_length, 0, 20000),
    },
    # Meta: primary text 125 recommended (2,200 max), headline 40, description 30.
    "meta": {
        "primary_text": FieldLimit("primary_text", 125, char_length, 1, 5, hard_max_length=2200),
        "headline": FieldLimit("headline", 40, char_length, 1, 5),
        "description": FieldLimit("description", 30, char_length, 0, 5),
    },
    # Amazon Sponsored Products: ads are the product listing itself; Pinpoint writes keywords
    # (≤ 10 words / 80 characters each) and a custom headline for Sponsored Brands (≤ 50).
    "amazon": {
        "headline": FieldLimit("headline", 50, char_length, 1, 1),
        "keyword": FieldLimit("keyword", 80, char_length, 1, 1000),
    },
    # Taobao/Tmall title: 60 GBK bytes (30 汉字).
    "taobao": {
        "title": FieldLimit("title", 60, gbk_byte_length, 1, 1, unit="bytes"),
    },
}

PLATFORMS = tuple(PLATFORM_LIMITS)


def limits_for(platform: str) -> dict[str, FieldLimit]:
    try:
        return PLATFORM_LIMITS[platform]
    except KeyError:
        raise ValueError(
            f"unknown platform {platform!r}; expected one of {', '.join(PLATFORMS)}"
        ) from None
