"""Invented product types, model-code fragments and stutters: what makes a line wrong even when
every word in it is real.

A compact model trained on catalog names recombines them: "Escort Outdoor Grill" for a radar
detector, "Olympus Black Digital Camera" for a camera case, "Sony X CD-CD-RW" for a CD changer.
The lexicon check passes such lines (the words exist) and so does the colour/number check; this
module catches them:

* a *product type* — a word that ends catalog titles, such as grill, camera, dryer, holder, or
  (Chinese) a kind of garment such as 鱼尾裙 or 风衣 — that the product's facts do not contain
  (the training recipe ships the list as ``product_types.txt``);
* a short all-capitals word (``X``, ``RW``, ``LG``, ``WH``) the facts do not contain: a fragment of
  some other product's model code or brand;
* a stutter: one word written twice in the same line ("MP3/MP3", "Washer And Washer", "收腰收腰")
  — not a false claim, but never good copy, and the model finds such loops very likely, so a
  ranking by fluency would otherwise pick them first;
* a bracket without its partner ("Stainless Steel]"): a fragment of a catalog title's "(Silver)".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path

PRODUCT_TYPES_FILE = "product_types.txt"
# Words that end many catalog titles but name a range, a quality or a size, not a kind of product.
_GENERIC = (
    "academic bundle collection deluxe design edition grade large mini new only pack plus premium "
    "pro professional series size small standard starter style ultimate upgrade user version "
    "assorted classic complete essential essentials retro vintage "
    # ordinary words that end a few software or game titles ("Total Body", "Secret Garden")
    "advantage ages air approach body calm care cosy express freedom generation history hits kids "
    "max medium method minds nature option pattern per quest range rising secret universe "
    "children day finish friends higher host images level package show support techniques touch "
    "versions"
)
GENERIC_TITLE_WORDS = frozenset(_GENERIC.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_CJK_STUTTER = re.compile(r"([\u3400-\u9fff]{2,4})\1")
_TITLE_WORD = re.compile(r"[a-z]{3,}")
SHORT_CAPS = 4  # all-capitals words up to this length are codes or abbreviations
# Small words a line may legitimately repeat ("for him and for her").
REPEATABLE = frozenset(
    ["a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with", "your", "you"]
)


def _forms(word: str) -> set[str]:
    """A word with and without a plural ending, so "candles" matches "CANDLE"."""
    forms = {word, f"{word}s", f"{word}es"}
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    return forms


def build_product_types(
    names: Iterable[str],
    copy_texts: Iterable[str],
    min_count: int = 3,
    min_final_share: float = 0.3,
    max_copy_ratio: float = 30.0,
) -> list[str]:
    """Words that end at least ``min_count`` product names and end at least ``min_final_share``
    of the names they occur in (so "camera" qualifies, "black" or "heart" — mostly modifiers —
    does not), minus :data:`GENERIC_TITLE_WORDS` and minus words the copy uses more than
    ``max_copy_ratio`` times as often as names end with them ("you", "more", "life": ordinary
    words that happen to end a few software titles)."""
    final: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    for name in names:
        words = _TITLE_WORD.findall(name.split(" - ")[0].lower())
        if words:
            final[words[-1]] += 1
            anywhere.update(set(words))
    in_copy = Counter(
        word for text in copy_texts for word in set(_TITLE_WORD.findall(text.lower()))
    )
    return sorted(
        word
        for word, count in final.items()
        if count >= min_count
        and count >= min_final_share * anywhere[word]
        and in_copy[word] <= max_copy_ratio * count
        and word not in GENERIC_TITLE_WORDS
    )


GARMENT_ENDINGS = (
    "裙裤衫衣装服甲套"  # what a Chinese kind of garment ends with (连衣裙, 风衣, 马甲)
)
CHINESE_TYPE_KEYS = ("裙型", "裤型", "衣样式")  # AdvertiseGen attributes that name the garment


def build_chinese_product_types(
    attribute_sets: Iterable[Mapping[str, str]], min_count: int = 3
) -> list[str]:
    """Kinds of garment AdvertiseGen names (鱼尾裙, 阔腿裤, 风衣): values of its garment-kind
    attributes, seen ``min_count``+ times, that end like a garment (so "a字" or "百褶", which
    are cuts, are left out)."""
    counts = Counter(
        value
        for attributes in attribute_sets
        for key in CHINESE_TYPE_KEYS
        for value in attributes.get(key, "").split(",")
        if len(value) >= 2 and value[-1] in GARMENT_ENDINGS
    )
    return sorted(value for value, count in counts.items() if count >= min_count)


def load_product_types(folder: Path) -> frozenset[str]:
    path = folder / PRODUCT_TYPES_FILE
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else frozenset()


def fact_words(facts: str) -> set[str]:
    """Every spelling of every word in the facts that a line may use."""
    return {form for word in _WORD.findall(facts.lower()) for form in _forms(word)}


def invented_product_type(
    word: str, product_types: frozenset[str], allowed: set[str], facts: str
) -> bool:
    """Whether ``word`` names a kind of product the facts do not mention (``allowed``: the facts'
    English words, :func:`fact_words`; a Chinese kind counts as mentioned inside ``facts``)."""
    if _CJK.search(word):
        return word in product_types and word not in facts
    lowered = word.lower()
    return bool(_forms(lowered) & product_types) and lowered not in allowed


def invented_terms(text: str, product_types: frozenset[str], facts: str) -> list[str]:
    """Product types and short capitals codes in ``text`` that ``facts`` never mention (each
    once, as written): claims about a product the shop does not sell. A Chinese kind of garment
    counts as mentioned when the facts contain it ("衬衫" for a 衬衫裙, not "衬衫裙" for a 衬衫)."""
    allowed = fact_words(facts) | {"i", "a"}
    chinese = sorted(kind for kind in product_types if _CJK.search(kind) and kind in text)
    found = [kind for kind in chinese if invented_product_type(kind, product_types, allowed, facts)]
    found += [
        word
        for word in _WORD.findall(text)
        if invented_product_type(word, product_types, allowed, facts)
        or (word.isupper() and len(word) <= SHORT_CAPS and word.lower() not in allowed)
    ]
    return list(dict.fromkeys(found))


SHORT_LINE = 40  # characters: a headline has no room to say a word twice


def repeated_words(text: str) -> list[str]:
    """Stutters, small function words aside: a word written twice in a row ("MP3/MP3",
    "Built-In-In"), twice in a headline-length line, or three times in a longer one; in Chinese,
    2–4 characters written twice in a row ("收腰收腰") or a character pair written three times."""
    words = [word.lower() for word in _WORD.findall(text)]
    most = 1 if len(text) <= SHORT_LINE else 2
    found = [word for word, count in Counter(words).items() if count > most]
    found += [word for word, after in pairwise(words) if word == after]
    found = [word for word in found if word not in REPEATABLE]
    found += [match.group(1) for match in _CJK_STUTTER.finditer(text)]
    pairs = Counter(run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1))
    found += [pair for pair, count in pairs.items() if count > 2]
    return list(dict.fromkeys(found))


_PAIRS = {")": "(", "]": "[", "）": "（", "】": "【"}


def unpaired_brackets(text: str) -> bool:
    """Whether a bracket in ``text`` opens without closing or closes without opening."""
    open_brackets: list[str] = []
    for char in text:
        if char in _PAIRS.values():
            open_brackets.append(char)
        elif char in _PAIRS and (not open_brackets or open_brackets.pop() != _PAIRS[char]):
            return True
    return bool(open_brackets)
