"""What a variant claims versus what the product data says: keyword coverage and hallucinations.

Keyword coverage: the share of the product's attribute values, and separately of the audience's
interests, that the copy mentions (English words match on their first five letters so
"gift"/"gifts" count; Chinese matches substrings).

Hallucinated attributes: numbers (prices, sizes, quantities, percentages), colours, materials and
letter sizes the copy states but the product facts (title, category, attributes, price, offer,
description) never mention. A small model invents such details; an ad must not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from engine.copywriting.prompts import AudienceFacts, ProductFacts

COLOURS_EN = (
    "red",
    "blue",
    "green",
    "yellow",
    "pink",
    "purple",
    "orange",
    "white",
    "black",
    "grey",
    "gray",
    "brown",
    "beige",
    "cream",
    "ivory",
    "gold",
    "golden",
    "silver",
    "navy",
    "teal",
    "turquoise",
    "lilac",
    "khaki",
)
MATERIALS_EN = (
    "cotton",
    "wool",
    "silk",
    "linen",
    "leather",
    "denim",
    "polyester",
    "nylon",
    "cashmere",
    "bamboo",
    "ceramic",
    "glass",
    "wooden",
    "wood",
    "metal",
    "steel",
    "aluminium",
    "aluminum",
    "plastic",
    "porcelain",
    "enamel",
    "velvet",
    "soy",
    "zinc",
    "copper",
    "brass",
    "rubber",
)
COLOURS_ZH = (
    "红色",
    "白色",
    "黑色",
    "蓝色",
    "粉色",
    "粉红色",
    "绿色",
    "黄色",
    "紫色",
    "灰色",
    "米色",
    "米白色",
    "卡其色",
    "藏青色",
    "咖啡色",
    "棕色",
    "驼色",
    "酒红色",
    "金色",
    "银色",
    "橙色",
    "杏色",
    "军绿色",
    "浅蓝色",
    "深蓝色",
)
MATERIALS_ZH = (
    "纯棉",
    "棉麻",
    "羊毛",
    "真丝",
    "蚕丝",
    "亚麻",
    "皮革",
    "真皮",
    "牛仔布",
    "涤纶",
    "锦纶",
    "羊绒",
    "雪纺",
    "蕾丝",
    "针织",
    "毛呢",
    "灯芯绒",
    "丝绒",
    "网纱",
    "聚酯纤维",
    "陶瓷",
    "玻璃",
    "不锈钢",
    "实木",
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LETTER_SIZE = re.compile(r"\b(?:XXS|XS|XL|XXL|XXXL|[SML])\b")
_SYNONYMS = {"gray": "grey", "aluminum": "aluminium", "golden": "gold", "wooden": "wood"}


def facts_text(product: ProductFacts) -> str:
    parts = [product.title, product.category, product.offer, product.currency]
    parts += [f"{k} {v}" for k, v in product.attributes.items()]
    if product.price is not None:
        parts.append(f"{product.price:.2f} {product.price:g}")
    return " ".join(parts)


def _english_stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower())}


def mentions(text: str, term: str) -> bool:
    """Whether ``text`` says ``term``: every word of 3+ letters of it (all its words when it has
    none that long) starts a word of the text, compared on their first five letters; Chinese by
    containment."""
    term = term.strip()
    if not term:
        return False
    if re.search(r"[\u3400-\u9fff]", term):
        return term in text
    words = [w for w in re.findall(r"[a-z0-9]+", term.lower()) if len(w) >= 3] or re.findall(
        r"[a-z0-9]+", term.lower()
    )
    stems = _english_stems(text)
    return bool(words) and all(w[:5] in stems for w in words)


def coverage(text: str, terms: Iterable[str]) -> float | None:
    wanted = [t for t in dict.fromkeys(terms) if t.strip()]
    if not wanted:
        return None
    return round(sum(mentions(text, t) for t in wanted) / len(wanted), 4)


def title_words(product: ProductFacts) -> list[str]:
    """The words of 3+ letters of the product's title: what a line names the product by."""
    return [w for w in re.findall(r"[A-Za-z]+", product.title) if len(w) >= 3]


def names_product(text: str, product: ProductFacts) -> bool:
    """Whether an English line names the product: a word of its title (:func:`title_words`), or
    one of its attribute values. The compact English model writes fluent lines about nothing ("A
    set of your home." for a Jumbo Bag, found in the demo's Meta ad); a line that does not say
    what is sold is worse than a template line that does."""
    return any(mentions(text, term) for term in [*title_words(product), *attribute_terms(product)])


def attribute_items(product: ProductFacts) -> list[tuple[str, str]]:
    """(key, value) of the attributes worth mentioning, a comma-separated value split into its
    parts (prices and identifiers are left to the fitting)."""
    skip = {"price", "sku", "id", "offer", "价格"}
    return [
        (key, part)
        for key, value in product.attributes.items()
        if key.lower() not in skip
        for part in str(value).split(",")
    ]


def attribute_terms(product: ProductFacts) -> list[str]:
    """Attribute values worth mentioning."""
    return [value for _, value in attribute_items(product)]


@dataclass(frozen=True)
class KeywordCoverage:
    attributes: float | None
    interests: float | None

    @property
    def combined(self) -> float:
        known = [v for v in (self.attributes, self.interests) if v is not None]
        return round(sum(known) / len(known), 4) if known else 1.0


def keyword_coverage(text: str, product: ProductFacts, audience: AudienceFacts) -> KeywordCoverage:
    return KeywordCoverage(
        coverage(text, attribute_terms(product)), coverage(text, audience.interests)
    )


def _canon(word: str) -> str:
    return _SYNONYMS.get(word, word)


def unsupported_claims(text: str, product: ProductFacts) -> list[str]:
    """Numbers, colours, materials and sizes in ``text`` that the product facts do not contain."""
    facts = facts_text(product)
    facts_lower = facts.lower()
    fact_numbers = {n.replace(",", ".") for n in _NUMBER.findall(facts)} | {
        n.split(".")[0] for n in _NUMBER.findall(facts)
    }
    claims: list[str] = []
    for number in _NUMBER.findall(text):
        if number.replace(",", ".") not in fact_numbers:
            claims.append(number)
    fact_words = {_canon(w) for w in re.findall(r"[a-z]+", facts_lower)}
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in COLOURS_EN + MATERIALS_EN and _canon(word) not in fact_words:
            claims.append(word)
    claims += [
        term
        for term in COLOURS_ZH + MATERIALS_ZH
        if term in text
        and term not in facts
        and not any(
            term in longer and longer in text
            for longer in COLOURS_ZH + MATERIALS_ZH
            if longer != term
        )
    ]
    claims += [size for size in _LETTER_SIZE.findall(text) if not re.search(rf"\b{size}\b", facts)]
    return list(dict.fromkeys(claims))


def hallucination_score(claims: Sequence[str]) -> float:
    """1 with no unsupported claim, 0.5 with one, 0 with three or more."""
    return {0: 1.0, 1: 0.5, 2: 0.25}.get(len(claims), 0.0)
