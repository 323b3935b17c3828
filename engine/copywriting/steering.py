"""Keep sampling on the product's facts: a per-request bias added to the model's next-token scores.

Why: the studio drops every line that states a number, colour, material or brand the product data
does not support, or that never mentions the product (:mod:`.compose`). A compact model trained on
spec-sheet catalog copy writes such lines most of the time ("4.3' Active Matrix TFT LCD." for a
headset), so before this almost every English description was dropped and replaced by a template.
Filtering after the fact wastes the samples; here the same rules act while the line is written:

* tokens that would state an unsupported fact cannot be sampled: any token with a digit unless
  the facts contain it, colour and material words the facts do not mention, brand names the model
  has seen but the facts do not name, kinds of product the facts do not name ("Grill" for a
  radar detector; :mod:`.scoring.inventions`), and the corpus's ``BRAND`` placeholder;
* tokens of the product's own words (title, category, attributes, the audience's interests) get a
  bonus of :data:`FACT_BONUS` logits, so the model talks about this product;
* a word already in the line costs :data:`REPEAT_PENALTY` logits, so the bonus does not turn
  into "White White Dryer White".

The checks after sampling still run: this makes good lines likely, it does not vouch for them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import torch
from transformers import PreTrainedTokenizerBase

from engine.copywriting.prompts import AudienceFacts, ProductFacts
from engine.copywriting.scoring.facts import (
    COLOURS_EN,
    COLOURS_ZH,
    MATERIALS_EN,
    MATERIALS_ZH,
    facts_text,
)
from engine.copywriting.scoring.inventions import fact_words, invented_product_type

FACT_BONUS = 2.0  # logits added to the product's own tokens (e^2 ≈ 7× likelier)
REPEAT_PENALTY = 2.5  # logits taken from a word a line already contains (more than FACT_BONUS)
PLACEHOLDERS = ("BRAND",)  # AdvertiseGen hides brand names behind this word
_WORD = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=4)
def token_texts(tokenizer: PreTrainedTokenizerBase) -> tuple[str, ...]:
    """What each token of the vocabulary says on its own, decoded once per tokenizer."""
    return tuple(str(tokenizer.decode([i])) for i in range(len(tokenizer)))


@lru_cache(maxsize=4)
def repeat_penalties(tokenizer: PreTrainedTokenizerBase) -> torch.Tensor:
    """What writing each token a second time in one line costs: :data:`REPEAT_PENALTY` for words
    (2+ characters, so "White White Dryer White" or "显瘦，非常显瘦" become unlikely), nothing for
    punctuation, spaces and single characters (a comma or 的 legitimately recurs)."""
    return torch.tensor(
        [REPEAT_PENALTY if len(text.strip()) >= 2 else 0.0 for text in token_texts(tokenizer)]
    )


def _fact_token_ids(tokenizer: PreTrainedTokenizerBase, facts: str) -> set[int]:
    """Token ids of the facts' words as they would appear in copy: after a space or not, as
    written, lower case and capitalised (English headlines capitalise words)."""
    words = set(_WORD.findall(facts))
    spellings = {v for w in words for v in (w, w.lower(), w.capitalize())}
    ids: set[int] = set()
    for spelling in spellings:
        for text in (spelling, f" {spelling}"):
            ids.update(tokenizer(text, add_special_tokens=False)["input_ids"])
    return ids


def _unsupported(text: str, facts_lower: str, brands: frozenset[str]) -> bool:
    """Whether a token, on its own, already states something the facts do not support."""
    core = text.strip().lower()
    if not core:
        return False
    if any(placeholder in text for placeholder in PLACEHOLDERS):
        return True
    if core in COLOURS_EN + MATERIALS_EN or core in brands:
        return core not in facts_lower
    return any(term in text and term not in facts_lower for term in COLOURS_ZH + MATERIALS_ZH)


def _worth_favouring(text: str) -> bool:
    """A fact's word piece worth a bonus: not a number (the model must not repeat model codes)
    and not a lone letter or space, which every line needs anyway."""
    core = text.strip()
    return not any(ch.isdigit() for ch in core) and (len(core) >= 2 or bool(_CJK.search(core)))


def fact_bias(
    tokenizer: PreTrainedTokenizerBase,
    product: ProductFacts,
    audience: AudienceFacts,
    brands: frozenset[str] = frozenset(),
    product_types: frozenset[str] = frozenset(),
) -> torch.Tensor:
    """The bias (vocabulary-sized) to add to the logits while writing copy for ``product``."""
    facts = f"{facts_text(product)} {' '.join(audience.interests)}"
    facts_lower = facts.lower()
    allowed = fact_words(facts)
    texts = token_texts(tokenizer)
    supported = _fact_token_ids(tokenizer, facts)
    bias = torch.zeros(len(texts))
    words = [i for i in supported if _worth_favouring(texts[i])]
    bias[words] = FACT_BONUS
    blocked = [
        i
        for i, text in enumerate(texts)
        if i not in supported
        and (
            any(ch.isdigit() for ch in text)
            or _unsupported(text, facts_lower, brands)
            or invented_product_type(text.strip(), product_types, allowed, facts)
        )
    ]
    bias[blocked] = -torch.inf
    return bias
