"""Brand voice: fine-tune a copy model on the merchant's own catalog, in the background.

Each product with a title becomes a headline example (its title) and, when it has a description,
a description example (the first sentences). The same loop as the bundled recipe runs with a
lower learning rate for a few hundred steps; progress and cancel are checked every step; the
result is an ordinary checkpoint folder (with its own held-out guard texts) that Settings can
point ``copy_model_dir`` at.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from transformers import AutoTokenizer

from engine.copywriting.guard import GUARD_TEXTS_FILE
from engine.copywriting.packed import load_causal_lm
from engine.copywriting.prompts import CopyPrompt, ProductFacts, training_text
from engine.copywriting.scoring.ad_words import AD_WORDS_FILE
from engine.copywriting.scoring.inventions import PRODUCT_TYPES_FILE
from engine.copywriting.scoring.words import BRANDS_FILE, LEXICON_FILE, build_lexicon, load_lexicon
from engine.copywriting.training.data import split_of
from engine.copywriting.training.loop import LoopConfig, copy_perplexity, encode, train_loop
from engine.progress import CancelToken, ProgressFn, null_progress, scaled

MIN_PRODUCTS = 20
BRAND_VOICE_LOOP = LoopConfig(
    max_steps=300, batch_size=8, learning_rate=2e-4, warmup_steps=20, eval_every=100
)


@dataclass(frozen=True)
class CatalogItem:
    product: ProductFacts
    description: str = ""


@dataclass
class FineTuneResult:
    folder: Path
    train_examples: int
    valid_examples: int
    steps: int
    valid_ppl_before: float
    valid_ppl_after: float


def catalog_texts(items: Sequence[CatalogItem], lang: str) -> tuple[list[str], list[str]]:
    """(train, valid) training texts, split by a stable hash of the product title."""
    train: list[str] = []
    valid: list[str] = []
    for item in items:
        title = item.product.title.strip()
        texts = [
            training_text(
                CopyPrompt(item.product, "google", "headline", lang, "neutral"),
                title.title() if title.isupper() else title,
            )
        ]
        description = " ".join(
            re.split(r"(?<=[.!?。！？])\s*", item.description.strip())[:3]
        ).strip()
        if description:
            texts.append(
                training_text(
                    CopyPrompt(item.product, "google", "description", lang, "neutral"),
                    description[:300],
                )
            )
        (valid if split_of(title.lower()) == "valid" else train).extend(texts)
    if not valid and len(train) > 4:  # tiny catalogs: still hold something out
        valid = train[-max(1, len(train) // 10) :]
        train = train[: -len(valid)]
    return train, valid


def carry_checks(base: Path, out: Path, items: Sequence[CatalogItem]) -> None:
    """Give the fine-tuned model its base's filters (brands, kinds of product, ad words, known
    words): without them the studio would take any line a brand-voice model writes, invented
    words and other shops' brands included. The known words grow by the catalog's own."""
    for name in (BRANDS_FILE, PRODUCT_TYPES_FILE, AD_WORDS_FILE):
        if (base / name).exists():
            shutil.copyfile(base / name, out / name)
    known = load_lexicon(base)
    if known is not None:
        catalog = [f"{item.product.title} {item.description}" for item in items]
        words = sorted(known | set(build_lexicon(catalog)))
        (out / LEXICON_FILE).write_text("\n".join(words), encoding="utf-8")


def finetune_brand_voice(
    base: Path,
    items: Sequence[CatalogItem],
    out: Path,
    lang: str,
    config: LoopConfig = BRAND_VOICE_LOOP,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> FineTuneResult:
    if len(items) < MIN_PRODUCTS:
        raise ValueError(
            f"Brand-voice training needs at least {MIN_PRODUCTS} products with a title; "
            f"the catalog has {len(items)}"
        )
    progress(0.0, "Preparing your catalog for training")
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = load_causal_lm(base)
    train_texts, valid_texts = catalog_texts(items, lang)
    train_rows, valid_rows = (
        encode(tokenizer, train_texts, config.block_size),
        encode(tokenizer, valid_texts, config.block_size),
    )
    before = copy_perplexity(model, tokenizer, valid_rows)
    result = train_loop(
        model, tokenizer, train_rows, valid_rows, config, None, scaled(progress, 0.05, 0.95), cancel
    )
    after = copy_perplexity(model, tokenizer, valid_rows)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    carry_checks(base, out, items)
    (out / GUARD_TEXTS_FILE).write_text(
        json.dumps(valid_texts[:48], ensure_ascii=False), encoding="utf-8"
    )
    summary = FineTuneResult(
        out, len(train_rows), len(valid_rows), result.steps, round(before, 3), round(after, 3)
    )
    (out / "training.json").write_text(
        json.dumps(
            {**asdict(summary), "folder": str(out), "base": str(base), "loop": asdict(config)},
            indent=1,
        ),
        encoding="utf-8",
    )
    progress(1.0, f"Brand voice ready: validation perplexity {before:.1f} → {after:.1f}")
    return summary
