"""Training examples from the shared corpora, with a deterministic train/validation split.

English: Abt-Buy and Amazon-Google product listings (catalog copy), UCI Online Retail product
titles, and ad copy a teacher model wrote for those titles (``resources/corpora/``, see
:func:`distilled_examples`). Chinese: AdvertiseGen (Taobao attributes → human-written copy). The
corpora carry no audience or tone labels, so two weak proxies teach the model to use those fields:
the "audience" is a keyword the copy really mentions (so at run time audience interests pull
those words in), and the tone is guessed from marker words (:func:`guess_tone`).
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import random
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.config import RESOURCES_DIR
from engine.copywriting.prompts import AudienceFacts, CopyPrompt, ProductFacts, training_text

log = logging.getLogger(__name__)

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
CORPORA = SHARED_DATA / "copy-corpora"
VALIDATION_SHARE = 20  # 1 in 20 products (by a stable hash of the title) goes to validation
DISTILLED_CORPUS = RESOURCES_DIR / "corpora" / "copy-en-distilled.jsonl"
# Each distilled line's fields and the platform field that corpus field was written for.
DISTILLED_FIELDS = (
    ("headline", "google", "headline"),
    ("primary", "meta", "primary_text"),
    ("description", "google", "description"),
)

_PLAYFUL = ("哒", "呢", "啦", "哦", "~", "!", "！", "fun", "love")
_PREMIUM = ("质感", "高级", "精致", "优雅", "品质", "premium", "luxury", "elegant", "professional")


@dataclass(frozen=True)
class Example:
    prompt: CopyPrompt
    copy: str
    split: str  # train | valid
    distilled: bool = False  # written by the teacher (measured apart from the human-made copy)

    @property
    def text(self) -> str:
        return training_text(self.prompt, self.copy)


def guess_tone(copy: str) -> str:
    lowered = copy.lower()
    if any(marker in lowered for marker in _PLAYFUL):
        return "playful"
    if any(marker in lowered for marker in _PREMIUM):
        return "premium"
    return "neutral"


def split_of(key: str) -> str:
    return "valid" if zlib.crc32(key.encode("utf-8")) % VALIDATION_SHARE == 0 else "train"


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 3]


def _sentence_case(text: str) -> str:
    """The Amazon-Google copy is lowercased; restore sentence starts and the pronoun I."""
    text = re.sub(r"\bi\b", "I", text)
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def _headline(name: str) -> str:
    """A short product name: drop model codes after " - ", parentheses, trailing slashes."""
    name = re.sub(r"\(.*?\)", "", name.split(" - ")[0]).strip(" /-")
    return " ".join(w if any(c.isupper() for c in w) else w.capitalize() for w in name.split())


def _audience_word(copy: str, rng: random.Random) -> str:
    words = [w for w in re.findall(r"[A-Za-z]{5,}", copy)]
    return rng.choice(words).lower() if words and rng.random() < 0.5 else ""


def _english_listing(
    name: str, description: str, brand: str, price: str, rng: random.Random
) -> Iterator[Example]:
    split = split_of(name.lower())
    description = description.replace("/ ", ". ").replace(" ,", ",")
    if description.islower():
        description = _sentence_case(description)
    attributes = {"brand": brand.strip()} if brand.strip() else {}
    price_value = re.sub(r"[^0-9.]", "", price or "")
    if price_value and float(price_value or 0) > 0:
        attributes["price"] = f"${float(price_value):.2f}"
    product = ProductFacts(title=_headline(name) if name.islower() else name, attributes=attributes)
    headline = _headline(name)
    if 3 <= len(headline) <= 60:
        yield Example(CopyPrompt(product, "google", "headline", "en", "neutral"), headline, split)
    stem = name.lower().split(" - ")[0]
    sentences = [s for s in _sentences(description) if not s.lower().startswith(stem)]
    if not sentences:
        return
    short = sentences[0][:200]
    audience = (
        AudienceFacts((_audience_word(short, rng),)) if rng.random() < 0.5 else AudienceFacts()
    )
    yield Example(
        CopyPrompt(product, "google", "description", "en", guess_tone(short), audience),
        short,
        split,
    )
    longer = " ".join(sentences[:3])[:320]
    if len(sentences) > 1:
        yield Example(
            CopyPrompt(product, "meta", "primary_text", "en", guess_tone(longer), audience),
            longer,
            split,
        )


def english_examples(
    seed: int = 0, distilled_weight: int = 0, distilled_path: Path = DISTILLED_CORPUS
) -> list[Example]:
    """Catalog listings, UCI titles and, with ``distilled_weight`` > 0, the distilled copy
    (:func:`weighted`). The default, 0, is the data the bundled ``copy-en`` was trained on, which
    its quality report, guard texts and lexicon are built from.
    """
    rng = random.Random(seed)
    examples: list[Example] = []
    sources = (
        (CORPORA / "leipzig_abt_buy" / "Abt.csv", "name", None),
        (CORPORA / "leipzig_abt_buy" / "Buy.csv", "name", "manufacturer"),
        (CORPORA / "leipzig_amazon_google" / "Amazon.csv", "title", "manufacturer"),
        (CORPORA / "leipzig_amazon_google" / "GoogleProducts.csv", "name", "manufacturer"),
    )
    for path, name_column, brand_column in sources:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = (row.get(name_column) or "").strip()
                if name:
                    brand = row.get(brand_column, "") if brand_column else ""
                    examples.extend(
                        _english_listing(
                            name,
                            row.get("description") or "",
                            brand or "",
                            row.get("price") or "",
                            rng,
                        )
                    )
    examples.extend(retail_title_examples())
    if distilled_weight:
        examples.extend(weighted(distilled_examples(distilled_path), distilled_weight))
    return examples


def weighted(examples: list[Example], weight: int) -> list[Example]:
    """Each *training* example ``weight`` times (validation ones once), so the recipe can
    oversample a few hundred lines of distilled copy against ~18,000 catalog examples."""
    return [e for e in examples for _ in range(weight if e.split == "train" else 1)]


def _gift_product(title: str, attributes: dict[str, str]) -> ProductFacts:
    """A UCI title as the prompt shows it: the data's capitals, the price as an attribute."""
    return ProductFacts(title=title, attributes=attributes)


def retail_title_examples() -> list[Example]:
    """UCI Online Retail titles (upper case in the data) as gift-shop headlines."""
    seen: set[str] = set()
    examples: list[Example] = []
    with gzip.open(
        SHARED_DATA / "online-retail" / "online_retail.csv.gz", "rt", encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle):
            title = (row["Description"] or "").strip()
            if not title or title in seen or not title.isupper() or len(title) < 6:
                continue
            seen.add(title)
            headline = title.title().replace("'S", "'s")
            product = _gift_product(title, {"price": f"£{float(row['UnitPrice']):.2f}"})
            examples.append(
                Example(
                    CopyPrompt(product, "google", "headline", "en", "neutral"),
                    headline,
                    split_of(title.lower()),
                )
            )
    return examples


def _distilled_line(row: object) -> tuple[str, dict[str, str], dict[str, str]]:
    """(title, attributes, copy per corpus field) of one corpus line, or ValueError saying why."""
    if not isinstance(row, dict):
        raise ValueError("expected a JSON object")
    title = row.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("no 'title'")
    attributes = row.get("attributes") or {}
    if not isinstance(attributes, dict):
        raise ValueError("'attributes' is not an object")
    copies = {name: row.get(name) for name, _, _ in DISTILLED_FIELDS}
    empty = [name for name, text in copies.items() if not isinstance(text, str) or not text.strip()]
    if empty:
        raise ValueError(f"no {', '.join(repr(name) for name in empty)}")
    return (
        title.strip(),
        {str(k): str(v) for k, v in attributes.items()},
        {k: str(v).strip() for k, v in copies.items()},
    )


def distilled_examples(path: Path = DISTILLED_CORPUS) -> list[Example]:
    """Three examples per line of the distilled corpus (``resources/corpora/README.md``).

    The prompt is the one :func:`retail_title_examples` builds for the same title and price, and
    the split is keyed on the same lower-cased title, so a title is held out (or not) whatever
    its source. The primary text and description carry a tone guessed from the copy and, half of
    the time, an audience keyword the copy mentions, like the catalog descriptions; the choice is
    seeded by the title so adding lines never changes earlier examples. A missing file is no
    examples (the corpus is optional); a line that cannot be read is skipped with a warning, so
    one bad line never costs the rest.
    """
    if not path.exists():
        return []
    examples: list[Example] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                title, attributes, copies = _distilled_line(json.loads(line))
            except ValueError as error:  # json.JSONDecodeError is a ValueError
                log.warning("%s line %d skipped: %s", path.name, number, error)
                continue
            product = _gift_product(title, attributes)
            split = split_of(title.lower())
            rng = random.Random(zlib.crc32(title.encode("utf-8")))
            for name, platform, field in DISTILLED_FIELDS:
                copy = copies[name]
                if field == "headline":
                    prompt = CopyPrompt(product, platform, field, "en", "neutral")
                else:
                    word = _audience_word(copy, rng)
                    audience = AudienceFacts((word,)) if word else AudienceFacts()
                    prompt = CopyPrompt(product, platform, field, "en", guess_tone(copy), audience)
                examples.append(Example(prompt, copy, split, distilled=True))
    return examples


def share_weight(distilled: int, others: int, share: float) -> int:
    """How many times to repeat each of ``distilled`` examples so they make about ``share`` of
    the examples seen next to ``others``: 0 for a share of 0 (corpus left out), else at least 1."""
    if share <= 0:
        return 0
    if distilled == 0:
        return 1
    return max(1, round(share / (1 - share) * others / distilled))


def parse_advertisegen(content: str) -> dict[str, str]:
    """``"类型#上衣*材质#牛仔布"`` → ``{"类型": "上衣", "材质": "牛仔布"}``; repeats joined."""
    attributes: dict[str, str] = {}
    for pair in content.split("*"):
        key, _, value = pair.partition("#")
        if key and value:
            attributes[key] = f"{attributes[key]},{value}" if key in attributes else value
    return attributes


def chinese_examples(seed: int = 0) -> list[Example]:
    """AdvertiseGen: a product title is composed from up to three attribute values + the type."""
    rng = random.Random(seed)
    examples: list[Example] = []
    path = CORPORA / "advertisegen" / "train_first5000.json"
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        attributes = parse_advertisegen(record["content"])
        copy = record["summary"].replace("<UNK>", "").strip()
        values = [v.split(",")[0] for k, v in attributes.items() if k != "类型"]
        title = "".join(rng.sample(values, min(3, len(values)))) + attributes.get("类型", "")
        mentioned = [v for v in values if v in copy]
        audience = (
            AudienceFacts((rng.choice(mentioned),))
            if mentioned and rng.random() < 0.5
            else AudienceFacts()
        )
        product = ProductFacts(title=title, attributes=attributes)
        prompt = CopyPrompt(product, "taobao", "description", "zh", guess_tone(copy), audience)
        examples.append(Example(prompt, copy, split_of(record["content"] + copy[:20])))
    return examples


def examples_for(lang: str, seed: int = 0, distilled_weight: int = 0) -> list[Example]:
    if lang == "en":
        return english_examples(seed, distilled_weight)
    if lang == "zh":
        return chinese_examples(seed)
    raise ValueError(f"unknown language {lang!r}; expected en or zh")
