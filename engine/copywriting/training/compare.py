"""Before/after check of a retrained English copy model, on the same held-out data for both.

``python -m engine.copywriting.training.compare BEFORE AFTER`` prints a JSON list (stdout), one
object per folder: validation copy perplexity on the catalog and on the distilled examples apart
(fp32: new data must not be bought by forgetting the old), the int8 quality guard, the studio's
quality report on the benchmark's validation products (``quality.studio_requests``: within
limits, banned terms, distinct-2, model-written share) and the same report on held-out gift-shop
titles (UCI titles in the validation split, never trained on by either model), plus sample lines
for the first five of those titles, as the studio shows them, for a person to read.
Why a separate tool: a new checkpoint replaces the bundled one only when none of these regress.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from transformers import AutoTokenizer

from engine.copywriting.compose import CopyRequest, compose_variants
from engine.copywriting.loading import LoadedModel, load_copy_model
from engine.copywriting.packed import load_causal_lm
from engine.copywriting.quality import studio_metrics, studio_requests
from engine.copywriting.training.card import measure_guard
from engine.copywriting.training.data import examples_for, retail_title_examples
from engine.copywriting.training.train import perplexity_by_source

GIFT_TITLES = 10  # held-out UCI titles in the gift-shop report
SAMPLE_TITLES = 5  # of those, the ones whose lines are printed
SAMPLE_VARIANTS = 2  # Meta primary texts per sampled title


def held_out_gift_requests(count: int) -> list[CopyRequest]:
    """UCI titles in the validation split, alternating Google and Meta like the quality report."""
    held_out = [e for e in retail_title_examples() if e.split == "valid"][:count]
    return [
        CopyRequest(e.prompt.product, ("google", "meta")[i % 2], "en", n=3, seed=i)
        for i, e in enumerate(held_out)
    ]


def sample_primary_texts(loaded: LoadedModel, requests: list[CopyRequest]) -> list[str]:
    """The Meta primary text of the studio's first variants; template lines are marked."""
    lines = []
    for request in requests:
        meta = CopyRequest(request.product, "meta", "en", n=SAMPLE_VARIANTS, seed=request.seed)
        for variant in compose_variants(loaded, meta):
            template = 0 in variant.template_made.get("primary_text", [])
            text = variant.fields["primary_text"][0]
            lines.append(f"{request.product.title} → {text}" + ("  [template]" if template else ""))
    return lines


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)


def model_report(folder: Path, cache_dir: Path) -> dict[str, Any]:
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = load_causal_lm(folder).eval()
    ppl = perplexity_by_source(
        model, tokenizer, examples_for("en", seed=0, distilled_weight=1), 256
    )
    del model
    loaded = load_copy_model(folder, "cpu", cache_dir=cache_dir)
    gifts = held_out_gift_requests(GIFT_TITLES)
    return {
        "folder": str(folder),
        "quantization": loaded.quantization,
        "valid_copy_ppl_by_source": ppl,
        "guard": measure_guard(folder),
        "studio": studio_metrics(loaded, studio_requests("en", 10), _to_stderr),
        "studio_gift_titles": studio_metrics(loaded, gifts, _to_stderr),
        "samples": sample_primary_texts(loaded, gifts[:SAMPLE_TITLES]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", type=Path, nargs="+", help="model folders, before first")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        reports = [
            model_report(folder, Path(scratch) / str(index))
            for index, folder in enumerate(args.folders)
        ]
    print(json.dumps(reports, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
