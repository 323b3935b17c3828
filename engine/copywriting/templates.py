"""Safe fallback lines built only from the product's own facts.

Used when the model cannot supply enough lines that fit (e.g. a Google RSA needs 3 headlines and
2 descriptions). Every template restates data the merchant entered — title, category, attribute
values, price, offer — and claims nothing else, so it can never hallucinate or use an absolute
term. Lines made here are marked ``template_made`` in the variant so the user knows.
"""

from __future__ import annotations

import re

from engine.adrules.limits import FieldLimit
from engine.copywriting.fit import fit_text
from engine.copywriting.prompts import ProductFacts
from engine.copywriting.scoring.facts import attribute_items, attribute_terms, mentions

CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥", "CNY": "¥", "RMB": "¥"}
"""Symbols a shopper reads at a glance; other codes are written after the amount ("12.00 CHF")."""


def _price(product: ProductFacts, lang: str) -> str:
    if product.price is None:
        return ""
    currency = product.currency.strip().upper()
    if lang == "zh" and currency in ("", "CNY", "RMB", "¥"):
        return f"{product.price:g}元"
    symbol = CURRENCY_SYMBOLS.get(currency, product.currency.strip())
    if not currency or len(symbol) == 1:
        return f"{symbol}{product.price:.2f}"
    return f"{product.price:.2f} {symbol}"


def soften_capitals(title: str) -> str:
    """Catalog titles are often in capitals ("ESSENTIAL BALM 3.5g TIN"); ads must not shout.

    When most letters are capitals, each all-capitals word is written as a word ("Essential
    Balm 3.5g Tin"); short vowel-less words such as "CD", "TV" or "XL" stay abbreviations.
    """
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return title
    return re.sub(r"[^\W\d_]+(?:'[^\W\d_]+)?", _soften_word, title)


def _soften_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if match.start() and match.string[match.start() - 1] == "'":
        return word.lower()  # "50'S" -> "50's": an ending after a digit, not an abbreviation
    if not word.isupper() or (len(word) <= 3 and not set(word) & set("AEIOUY")):
        return word
    return word.capitalize()


# How an English sentence names a trait by its attribute key ("made of soy wax" reads as copy,
# "Candle: soy wax." as a spec sheet); values of other keys are named as they are.
ENGLISH_TRAIT_PHRASES = {
    "material": "made of {}",
    "materials": "made of {}",
    "fabric": "made of {}",
    "colour": "in {}",
    "color": "in {}",
    "size": "in size {}",
    "scent": "with a {} scent",
    "fragrance": "with a {} scent",
    "flavour": "with a {} flavour",
    "flavor": "with a {} flavor",
    "pattern": "with a {} pattern",
    "finish": "with a {} finish",
}


def _english_trait_sentence(product: ProductFacts, title: str) -> str:
    """ "Title, made of soy wax and in blue." from the attributes the title does not already
    name (at most three); empty when there are none."""
    phrases = [
        ENGLISH_TRAIT_PHRASES.get(key.strip().lower(), "{}").format(value.strip())
        for key, value in attribute_items(product)
        if value.strip() and not mentions(title, value)
    ][:3]
    if not phrases:
        return ""
    listed = phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"
    return f"{title}, {listed}."


# Calls to action claim nothing about the product, so they are always safe to add.
CALLS_TO_ACTION = {
    "en": {
        "headline": (
            "Order Online Today",
            "Shop Now",
            "Browse the Range",
            "Find Yours Today",
            "Take a Look",
            "Get Yours Now",
        ),
        "description": (
            "Order the {title} online today.",
            "Take a look at the {title} today.",
            "Find the {title} in our online shop.",
        ),
    },
    "zh": {"headline": ("欢迎选购", "立即下单"), "description": ("欢迎选购{title}。",)},
}


def _with_suffix(title: str, suffix: str, limit: FieldLimit | None, separator: str) -> str:
    """``title`` shortened on a word boundary so that ``title + suffix`` fits ``limit``."""
    if not suffix:
        return ""
    if limit is None:
        return f"{title}{separator}{suffix}"
    room = FieldLimit(
        limit.field, limit.max_length - limit.length(separator + suffix), limit.counter
    )
    short = fit_text(title, room) if room.max_length > 0 else None
    return f"{short}{separator}{suffix}" if short else ""


def template_lines(
    product: ProductFacts, field: str, lang: str, limit: FieldLimit | None = None
) -> list[str]:
    """Candidate lines for ``field`` in preference order (fitting happens afterwards)."""
    title = soften_capitals(product.title.strip())
    traits = [t for t in attribute_terms(product) if not mentions(title, t)][:3]
    price = _price(product, lang)
    actions = CALLS_TO_ACTION[lang if lang in CALLS_TO_ACTION else "en"]
    if lang == "zh":
        trait_text = "、".join(traits)
        lines = {
            "headline": [
                title,
                f"{trait_text}{product.category}" if traits else "",
                _with_suffix(title, price, limit, " "),
                product.offer,
            ],
            "description": [
                f"{title}，{trait_text}。" if traits else f"{title}。",
                f"{title}，{price}。" if price else "",
                f"{product.offer}，{title}。" if product.offer else "",
            ],
            "path": [product.category, title],
        }
    else:
        lines = {
            "headline": [
                title,
                _with_suffix(title, price, limit, " "),
                product.category.title(),
                " ".join(traits).title(),
                product.offer,
            ],
            "description": [
                _english_trait_sentence(product, title) or f"{title}.",
                f"{title}, {price}." if price else "",
                f"{product.offer}. {title}." if product.offer else "",
            ],
            "path": [product.category, title.split(" ")[0] if title else ""],
        }
    lines["headline"] += list(actions["headline"])
    lines["description"] += [a.format(title=title) for a in actions["description"]]
    lines["primary_text"] = lines["description"]
    lines["title"] = [f"{title} {' '.join(traits)}".strip(), title] if lang == "zh" else [title]
    lines["keyword"] = [
        title.lower(),
        f"{' '.join(traits)} {product.category}".strip().lower(),
        product.category.lower(),
    ]
    wanted = lines.get(field, [title])
    return [line for line in dict.fromkeys(wanted) if line and line.strip(" ,.，。:")]


def path_slug(text: str) -> str:
    """URL path text: letters, digits and hyphens only (Google rejects spaces and symbols)."""
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
