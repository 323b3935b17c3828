"""GPU check for the copy models' CUDA path: bitsandbytes 8-bit (and 4-bit NF4) versus fp32.

Run on a machine with an NVIDIA GPU, from the repository root:

    .venv/bin/python -m benchmarks.gpu_check_bnb            # bundled copy-en + GPT-2-small-sized
    .venv/bin/python -m benchmarks.gpu_check_bnb --model-dir PATH

For each model it prints one JSON line per method: tokens/s at batch 1 and 8 (our sampler, 64 new
tokens), GPU memory after loading, and — for trained models — the quality guard against fp32 on
the same GPU (perplexity within 5%, top-1 agreement ≥ 0.9), i.e. exactly what the app's loader
decides with. Exit status 0 when every trained model has at least one guarded bnb method that
loads, 1 otherwise, 2 when there is no GPU. Not part of ``make bench`` (that runs ``bench_*``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import torch

from engine.copywriting.guard import compare, guard_texts
from engine.copywriting.loading import (
    BNB_4BIT,
    BNB_8BIT,
    FP32,
    _load_bnb,
    _load_fp32,
    bundled_model_dir,
)
from engine.copywriting.sampler import sample

NEW_TOKENS = 64


def tokens_per_second(model: Any, batch: int) -> float:
    ids = torch.randint(10, model.config.vocab_size, (1, 24), device="cuda")
    sample(model, ids, [1.0] * batch, 4, end_id=-1)
    torch.cuda.synchronize()
    started = time.perf_counter()
    sample(model, ids, [1.0] * batch, NEW_TOKENS, end_id=-1, seed=1)
    torch.cuda.synchronize()
    return batch * NEW_TOKENS / (time.perf_counter() - started)


def check_model(folder: Path, trained: bool) -> list[dict[str, Any]]:
    rows = []
    reference = _load_fp32(folder, "cuda")
    tokenizer = None
    if trained:
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    for method in (FP32, BNB_8BIT, BNB_4BIT):
        torch.cuda.empty_cache()
        before = torch.cuda.memory_allocated()
        row: dict[str, Any] = {"model": folder.name, "method": method}
        try:
            model = reference if method == FP32 else _load_bnb(folder, method)
        except Exception as error:  # report and go on: the point is to see which paths work
            rows.append({**row, "error": f"{type(error).__name__}: {error}"})
            continue
        row["gpu_mb"] = round(
            (torch.cuda.memory_allocated() - (0 if method == FP32 else before)) / 2**20, 1
        )
        row["tok_s"] = round(tokens_per_second(model, 1), 1)
        row["batch8_tok_s"] = round(tokens_per_second(model, 8), 1)
        if tokenizer is not None and method != FP32:
            verdict = compare(reference, model, tokenizer, guard_texts(folder), method)
            row.update(
                {
                    "fp32_ppl": round(verdict.reference_ppl, 3),
                    "ppl": round(verdict.candidate_ppl, 3),
                    "agreement": round(verdict.agreement, 4),
                    "guard_passed": verdict.passed,
                }
            )
        rows.append(row)
        if method != FP32:
            del model
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model-dir",
        type=Path,
        action="append",
        help="trained checkpoint folder(s); default: bundled copy-en and copy-zh",
    )
    parser.add_argument("--skip-gpt2-small", action="store_true")
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print(json.dumps({"error": "no CUDA device visible to torch"}))
        return 2
    import bitsandbytes

    print(
        json.dumps(
            {
                "gpu": torch.cuda.get_device_name(0),
                "torch": torch.__version__,
                "bitsandbytes": bitsandbytes.__version__,
            }
        )
    )
    all_ok = True
    for folder in args.model_dir or [bundled_model_dir("en"), bundled_model_dir("zh")]:
        rows = check_model(folder, trained=True)
        for row in rows:
            print(json.dumps(row))
        all_ok &= any(r.get("guard_passed") for r in rows)
    if not args.skip_gpt2_small:
        from transformers import GPT2Config, GPT2LMHeadModel

        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "gpt2-small-random"
            GPT2LMHeadModel(GPT2Config()).save_pretrained(folder)
            for row in check_model(folder, trained=False):
                print(json.dumps(row))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
