"""Fit generated copy into a platform field, cutting only on phrase or word boundaries.

The limit and the way it is counted come from :mod:`engine.adrules.limits` (Google counts
double-width characters twice, Taobao counts GBK bytes), so a fitted line is never rejected by
the exporters. The result is always a prefix of the (whitespace-normalised) text: first whole
clauses, else whole words; Chinese has no spaces, so a clause that is still too long is cut
between characters — never inside one, and never between a character and its combining marks.
"""

from __future__ import annotations

import re
import unicodedata

from engine.adrules.limits import FieldLimit

CLAUSE_END = "。！？；，、,.;!?:：…"
_TRAILING = " \t,，、;；:：-–—/|&(（"
_DANGLING_EN = {
    "a",
    "an",
    "and",
    "the",
    "with",
    "for",
    "of",
    "to",
    "in",
    "on",
    "or",
    "at",
    "by",
    "from",
    "your",
    "our",
}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalise(text: str) -> str:
    """NFC, one space between words, no control characters, no U+FFFD from a broken decode."""
    text = unicodedata.normalize("NFC", text).replace("\ufffd", "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    return re.sub(r"\s+", " ", text).strip()


def _tidy_end(text: str) -> str:
    """Drop trailing separators and, in English, a dangling 'and'/'with'/'the'."""
    while True:
        text = text.rstrip(_TRAILING)
        words = text.rsplit(" ", 1)
        if len(words) == 2 and words[1].lower() in _DANGLING_EN:
            text = words[0]
            continue
        return text


def _clause_ends(text: str) -> list[int]:
    return [
        i + 1
        for i, ch in enumerate(text)
        if ch in CLAUSE_END and (i + 1 == len(text) or text[i + 1] == " " or not text[i].isascii())
    ]


def _word_ends(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch == " "] + [len(text)]


def _inside_latin_word(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()


def _char_ends(text: str) -> list[int]:
    """Cut points between user-perceived characters (a combining mark stays with its base),
    never inside a Latin word ("candle" in mixed Chinese copy stays whole)."""
    return [
        i
        for i in range(1, len(text) + 1)
        if i == len(text)
        or (
            unicodedata.combining(text[i]) == 0
            and text[i] not in "\u200d\ufe0f"
            and not _inside_latin_word(text, i)
        )
    ]


def _best_prefix(text: str, ends: list[int], limit: FieldLimit) -> str | None:
    best = None
    for end in ends:
        candidate = _tidy_end(text[:end])
        if candidate and limit.fits(candidate):
            best = candidate
    return best


def fit_text(text: str, limit: FieldLimit) -> str | None:
    """The longest clean prefix of ``text`` within ``limit``; None when not even a word fits."""
    text = normalise(text)
    if not text:
        return None
    if limit.fits(text):
        return _tidy_end(text) or None
    for ends in (_clause_ends(text), _word_ends(text)):
        fitted = _best_prefix(text, ends, limit)
        if fitted and limit.length(fitted) >= limit.max_length // 3:
            return fitted
    if _CJK.search(text):
        return _best_prefix(text, _char_ends(text), limit)
    return _best_prefix(text, _word_ends(text), limit)
