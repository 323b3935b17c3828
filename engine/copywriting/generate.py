"""Sample short copy lines from a loaded model, diversely and without the network.

Diversity comes from nucleus sampling (top-p) at a few temperatures in one batch and a fixed seed
per request, so the same request gives the same variants (reproducible for tests and for "undo").
Sampling is steered toward the product's facts (:mod:`.steering`). Lines are cut at ``<|end|>``,
normalised, and exact/near duplicates are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch

from engine.copywriting.fit import normalise
from engine.copywriting.loading import LoadedModel
from engine.copywriting.prompts import END, CopyPrompt, build_prompt, special_id
from engine.copywriting.sampler import sample
from engine.copywriting.scoring.text import drop_near_duplicates
from engine.copywriting.steering import fact_bias, repeat_penalties

TEMPERATURES = (0.6, 0.8, 1.0)
TOP_P = 0.92
# How many new tokens each field may take (a token is ~4 English characters or ~1–2 汉字).
MAX_NEW_TOKENS = {"headline": 16, "title": 48, "description": 40, "primary_text": 64}

# The (platform, field) slots the bundled recipe trains; other requests reuse the closest slot.
# English has headline, description and primary-text examples; Chinese only Taobao copy.
EN_SLOTS = {
    "headline": ("google", "headline"),
    "title": ("google", "headline"),
    "description": ("google", "description"),
    "primary_text": ("meta", "primary_text"),
}
ZH_SLOT = ("taobao", "description")


@dataclass(frozen=True)
class SampledLine:
    text: str
    temperature: float
    seed: int


def model_slot(lang: str, field: str) -> tuple[str, str]:
    return ZH_SLOT if lang == "zh" else EN_SLOTS.get(field, ("google", "description"))


def slot_prompt(prompt: CopyPrompt) -> CopyPrompt:
    platform, field = model_slot(prompt.lang, prompt.field)
    return CopyPrompt(prompt.product, platform, field, prompt.lang, prompt.tone, prompt.audience)


def sample_lines(
    loaded: LoadedModel,
    prompt: CopyPrompt,
    count: int,
    seed: int,
    max_new_tokens: int | None = None,
    opening: str = "",
) -> list[SampledLine]:
    """``count`` samples spread over :data:`TEMPERATURES`; duplicates removed, order kept.

    ``opening`` is written for the model: every line starts with it and the model continues."""
    tokenizer, model = loaded.tokenizer, loaded.model
    end_id = special_id(tokenizer, END)
    ids = tokenizer(build_prompt(slot_prompt(prompt)) + opening, return_tensors="pt")["input_ids"]
    limit = max_new_tokens or MAX_NEW_TOKENS.get(prompt.field, 40)
    context = getattr(model.config, "n_positions", 1024)
    ids = ids[:, -(context - limit) :].to(loaded.device)
    temperatures = [TEMPERATURES[i % len(TEMPERATURES)] for i in range(count)]
    banned = [i for i in tokenizer.all_special_ids if i != end_id]
    bias = fact_bias(
        tokenizer, prompt.product, prompt.audience, loaded.brands, loaded.product_types
    ).to(loaded.device)
    penalty = repeat_penalties(tokenizer).to(loaded.device)
    rows = sample(model, ids, temperatures, limit, end_id, banned, TOP_P, seed, bias, penalty)
    lines: list[SampledLine] = []
    for row, temperature in zip(rows, temperatures, strict=True):
        text = normalise(opening + str(tokenizer.decode(row, skip_special_tokens=True)))
        if text:
            lines.append(SampledLine(text, temperature, seed))
    unique = drop_near_duplicates([line.text for line in lines], threshold=0.9)
    return [next(line for line in lines if line.text == text) for text in unique]


@torch.no_grad()
def perplexities(loaded: LoadedModel, prompt: CopyPrompt, texts: Sequence[str]) -> list[float]:
    """Perplexity of each text as the copy for ``prompt``: the model's own fluency judgement."""
    tokenizer, model = loaded.tokenizer, loaded.model
    prefix = tokenizer(build_prompt(slot_prompt(prompt)))["input_ids"]
    results: list[float] = []
    for text in texts:
        copy_ids = tokenizer(text + END)["input_ids"]
        context = getattr(model.config, "n_positions", 1024)
        ids = torch.tensor([(prefix + copy_ids)[-context:]], device=loaded.device)
        logits = model(input_ids=ids).logits[0, :-1].float()
        targets = ids[0, 1:]
        start = max(0, ids.shape[1] - 1 - len(copy_ids))
        loss = torch.nn.functional.cross_entropy(logits[start:], targets[start:])
        results.append(round(math.exp(float(loss)), 3))
    return results
