"""Structured conditioning shared by training and generation.

The model sees one line of tagged fields and writes after ``<|copy|>`` until ``<|end|>``. Training
(:mod:`engine.copywriting.training.data`) and generation build the prompt with the same function,
so a checkpoint trained by the recipe understands the prompts the studio sends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PRODUCT, ATTRS, AUDIENCE, PLATFORM, FIELD, TONE, LANG, COPY, END = (
    "<|product|>",
    "<|attrs|>",
    "<|audience|>",
    "<|platform|>",
    "<|field|>",
    "<|tone|>",
    "<|lang|>",
    "<|copy|>",
    "<|end|>",
)
SPECIAL_TOKENS: tuple[str, ...] = (PRODUCT, ATTRS, AUDIENCE, PLATFORM, FIELD, TONE, LANG, COPY, END)
PAD = "<|pad|>"

TONES = ("friendly", "premium", "playful", "urgent", "neutral")
LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class ProductFacts:
    """What the shop knows about a product; every claim a variant makes must come from here."""

    title: str
    category: str = ""
    attributes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    price: float | None = None
    currency: str = ""
    offer: str = ""  # e.g. "10% off this week"; only said when the merchant typed it


@dataclass(frozen=True)
class AudienceFacts:
    """Who the ad is for: top interests (θ from the profiles), segment name, language."""

    interests: Sequence[str] = ()
    segment: str = ""


@dataclass(frozen=True)
class CopyPrompt:
    product: ProductFacts
    platform: str
    field: str  # the platform field being written: headline, description, title, ...
    lang: str = "en"
    tone: str = "friendly"
    audience: AudienceFacts = dataclasses.field(default_factory=AudienceFacts)


def special_id(tokenizer: Any, token: str) -> int:
    """The id of one of our special tokens (``convert_tokens_to_ids`` is typed for lists too)."""
    token_id = tokenizer.convert_tokens_to_ids(token)
    if not isinstance(token_id, int):
        raise ValueError(f"tokenizer has no single id for {token}")
    return token_id


def parse_attributes(text: str) -> dict[str, str]:
    """``"colour=red; material=cotton"`` → dict; raises ValueError naming the bad pair."""
    attributes: dict[str, str] = {}
    for raw_pair in text.replace("；", ";").split(";"):
        pair = raw_pair.strip()
        if not pair:
            continue
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(
                f'attribute "{pair}" is not in the form key=value (e.g. colour=red;size=M)'
            )
        attributes[key.strip()] = value.strip()
    return attributes


def format_attributes(attributes: Mapping[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in attributes.items())


def _price_text(product: ProductFacts) -> str:
    if product.price is None:
        return ""
    return f"{product.currency}{product.price:.2f}".strip()


def build_prompt(prompt: CopyPrompt) -> str:
    """The conditioning text, ending with ``<|copy|>`` so the model continues with the copy."""
    product = prompt.product
    attributes = dict(product.attributes)
    if product.category:
        attributes.setdefault("category", product.category)
    if product.price is not None:
        attributes.setdefault("price", _price_text(product))
    if product.offer:
        attributes.setdefault("offer", product.offer)
    audience = ",".join(prompt.audience.interests[:3])
    if prompt.audience.segment:
        audience = f"{audience}|{prompt.audience.segment}" if audience else prompt.audience.segment
    return (
        f"{PRODUCT}{product.title.strip()}{ATTRS}{format_attributes(attributes)}"
        f"{AUDIENCE}{audience}{PLATFORM}{prompt.platform}{FIELD}{prompt.field}"
        f"{TONE}{prompt.tone}{LANG}{prompt.lang}{COPY}"
    )


def training_text(prompt: CopyPrompt, copy: str) -> str:
    """One training example: the prompt, the human-written copy, the end marker."""
    return f"{build_prompt(prompt)}{copy.strip()}{END}"
