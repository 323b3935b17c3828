"""Ad words: the vocabulary an English model line may use beyond the product's own facts.

The compact English model learnt most of its English from electronics and software listings, so
for a product outside them it drifts into that world: "Linen Media Inc.", "Vintage Guitar", "…is
a complete solution for your pc" (session 6, ``pinpoint copy`` on four household titles it never
saw). Such lines are grammatical, made of known words and name the product, so no other check
stops them. Ad copy itself needs a small, general vocabulary: the distilled ad copy, written for
214 gift-shop products, uses 134 words of 3+ letters for at least three different products
outside their own titles ("perfect", "gift", "home", "occasion"…). A line whose every word is
a fact of the product, one of those ad words or a function word says nothing the shop did not
say; a line with any other word is refused. The recipe's card step saves the words next to the
weights of a model trained on ad copy; checkpoints without the file are not filtered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from engine.copywriting.scoring.words import units, unknown_words

AD_WORDS_FILE = "ad_words.txt"
MIN_PRODUCTS = 3  # a word used for fewer products than this is about those products
_FUNCTION_WORDS = """
    about above after again against all also and any are around because been before being
    below between both but can could did does doing down during each every few for from
    further had has have having her here hers him his how into its itself just more most
    much must nor not now off once only onto other our ours out over own per same she should
    some such than that the their theirs them then there these they this those through too
    under until upon very via was were what when where which while who whom whose why will
    with within without would yet you your yours
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())


def build_ad_words(
    copies: Iterable[tuple[str, str]], min_products: int = MIN_PRODUCTS
) -> list[str]:
    """Words the copy uses for at least ``min_products`` different products, each product's own
    title words not counted for it. ``copies``: (product title, ad copy) pairs."""
    products_using: dict[str, set[str]] = defaultdict(set)
    for title, text in copies:
        for word in set(units(text)) - set(units(title)):
            products_using[word].add(title)
    return sorted(w for w, titles in products_using.items() if len(titles) >= min_products)


def save_ad_words(folder: Path, copies: Iterable[tuple[str, str]]) -> int:
    """Write the ad words of ``copies``; a model trained on no ad copy gets no file (no filter)."""
    words = build_ad_words(copies)
    path = folder / AD_WORDS_FILE
    if words:
        path.write_text("\n".join(words), encoding="utf-8")
    else:
        path.unlink(missing_ok=True)
    return len(words)


def load_ad_words(folder: Path) -> frozenset[str] | None:
    path = folder / AD_WORDS_FILE
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else None


def off_vocabulary(text: str, ad_words: frozenset[str] | None, facts: str) -> list[str]:
    """The English words of ``text`` that are neither facts, ad words nor function words."""
    if ad_words is None:
        return []
    return list(dict.fromkeys(unknown_words(text, ad_words | FUNCTION_WORDS, facts)))
