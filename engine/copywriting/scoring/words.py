"""Known words: does a line use real words, or invented ones?

An under-trained model writes plausible-looking non-words ("Fmetcher Warmer"). The training recipe
saves the words (English, lower case) and character bigrams (Chinese) seen at least twice in its
training copy as ``lexicon.txt`` next to the weights; a line is plausible when nearly all its
words/bigrams are in that lexicon or in the product's own facts. Checkpoints without a lexicon
(imported ones) are not filtered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

LEXICON_FILE = "lexicon.txt"
MIN_KNOWN_SHARE = 0.9
_WORD = re.compile(r"[a-z]{3,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def units(text: str) -> list[str]:
    """English words of 3+ letters and Chinese character bigrams."""
    lowered = text.lower()
    bigrams = [run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)]
    return _WORD.findall(lowered) + bigrams


def build_lexicon(texts: Iterable[str], min_count: int = 2) -> list[str]:
    counts = Counter(unit for text in texts for unit in units(text))
    return sorted(unit for unit, count in counts.items() if count >= min_count)


def save_lexicon(folder: Path, texts: Iterable[str]) -> int:
    words = build_lexicon(texts)
    (folder / LEXICON_FILE).write_text("\n".join(words), encoding="utf-8")
    return len(words)


def load_lexicon(folder: Path) -> frozenset[str] | None:
    path = folder / LEXICON_FILE
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else None


def known_share(text: str, lexicon: frozenset[str], facts: str = "") -> float | None:
    """Share of the line's words/bigrams that are known; None when it has none to judge."""
    found = units(text)
    if not found:
        return None
    allowed = set(units(facts))
    return round(sum(u in lexicon or u in allowed for u in found) / len(found), 4)


LONG_LINE_WORDS = 4  # an English line this long must share two words with the facts


def on_topic(text: str, facts: str) -> bool:
    """Whether the line shares a word (English) or bigram (Chinese) with the facts — two words
    for an English line of :data:`LONG_LINE_WORDS`+ words, where one shared word is usually just
    the brand the line opens with ("Assorted to your disklavier mark iii piano…" for an
    ornament)."""
    shared = set(units(text)) & set(units(facts))
    long_english = len(_WORD.findall(text.lower())) >= LONG_LINE_WORDS
    return len(shared) >= min(2 if long_english else 1, len(set(units(facts))))


def plausible(text: str, lexicon: frozenset[str] | None, facts: str = "") -> bool:
    """False for prompt leakage (``key=value``) and for lines made mostly of invented words."""
    if "=" in text or "|>" in text:
        return False
    if lexicon is None:
        return True
    if _WORD.search(text.lower()) and not _CJK_RUN.search(text):
        return not unknown_words(text, lexicon, facts)
    share = known_share(text, lexicon, facts)
    return share is None or share >= MIN_KNOWN_SHARE


def unknown_words(text: str, lexicon: frozenset[str], facts: str = "") -> list[str]:
    """The line's English words the model's training copy never used twice and the facts do
    not hold: in an English line even one is refused ("A gift of soodencha"), since the product's
    own words otherwise pad a ten-word line past :data:`MIN_KNOWN_SHARE`."""
    allowed = set(units(facts))
    return [w for w in _WORD.findall(text.lower()) if w not in lexicon and w not in allowed]


BRANDS_FILE = "brands.txt"


def build_brands(titles: Iterable[str], copy_texts: Iterable[str], min_count: int = 3) -> list[str]:
    """Brand names the model has seen: first words of catalog titles that the copy writes
    capitalised (so "Sony" is a brand, "White" or "Set" is not)."""
    firsts = Counter(
        title.split()[0] for title in titles if title.split() and title.split()[0].isalpha()
    )
    capitalised: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    for text in copy_texts:
        for word in re.findall(r"[A-Za-z]{3,}", text):
            (capitalised if word[0].isupper() else lowercase)[word.lower()] += 1
    return sorted(
        {
            word.lower()
            for word, count in firsts.items()
            if count >= min_count
            and len(word) >= 3
            and capitalised[word.lower()] >= max(1, lowercase[word.lower()])
        }
    )


def load_brands(folder: Path) -> frozenset[str]:
    path = folder / BRANDS_FILE
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else frozenset()


def foreign_brands(text: str, brands: frozenset[str], facts: str) -> list[str]:
    """Brand names in ``text`` that the product's facts never mention: an invented brand claim."""
    allowed = set(_WORD.findall(facts.lower()))
    return [
        w for w in dict.fromkeys(_WORD.findall(text.lower())) if w in brands and w not in allowed
    ]
