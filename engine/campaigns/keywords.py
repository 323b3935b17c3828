"""Search keywords from what the shop calls its product or category.

A keyword is the product's name as a shopper would type it: the full title (exact match), its
last three words — usually the thing itself, "t-light holder" — (phrase match), and the category
(phrase match). Characters search platforms refuse in keywords (``! @ % , * ( ) =`` …) become
spaces; keywords keep to the platform's length and ten-word limits, so the validator has nothing
to say about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from engine.adrules.limits import limits_for

MAX_WORDS = 10
HEAD_WORDS = 3
_REFUSED = re.compile(r"[^\w\s&'.\-]+")


def keyword_text(raw: str) -> str:
    """Lower-case, refused characters out, single spaces, at most ten words."""
    cleaned = _REFUSED.sub(" ", raw.casefold()).replace("_", " ")
    words = [w.strip(".-'") for w in cleaned.split()]
    return " ".join([w for w in words if w][:MAX_WORDS])


def keywords_for(
    platform: str, titles: Iterable[str], category: str | None
) -> list[dict[str, str]]:
    """``{"text", "match_type"}`` entries for the ad set, without repeats, within limits."""
    max_length = limits_for(platform)["keyword"].max_length
    found: dict[tuple[str, str], dict[str, str]] = {}

    def add(text: str, match_type: str) -> None:
        if text and len(text) <= max_length:
            found.setdefault((text, match_type), {"text": text, "match_type": match_type})

    for title in titles:
        text = keyword_text(title)
        add(text, "exact")
        words = text.split()
        if len(words) > HEAD_WORDS:
            add(" ".join(words[-HEAD_WORDS:]), "phrase")
    if category:
        add(keyword_text(category), "phrase")
    return list(found.values())
