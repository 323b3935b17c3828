"""fp32 versus int8 on CPU for one checkpoint: speed and memory (a subprocess per method) and the
quality guard (perplexity and top-1 agreement on the checkpoint's held-out text), in one run.

``pinpoint bench copy`` and ``benchmarks/bench_copy.py`` both call :func:`bench_checkpoint`.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Any

import torch
from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel

from engine.copywriting.guard import compare, guard_texts
from engine.copywriting.packed import load_causal_lm
from engine.copywriting.quantize import INT8_METHOD, load_int8_cache, save_int8_cache
from engine.copywriting.speed import STUDIO_BATCH, measure_in_subprocess


def gpt2_small_checkpoint(folder: Path) -> Path:
    """A GPT-2-small-sized model (124M parameters) with random weights: enough for speed and
    memory, which do not depend on the weights' values."""
    if not (folder / "config.json").exists():
        torch.manual_seed(0)
        GPT2LMHeadModel(GPT2Config()).save_pretrained(folder)
    return folder


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def bench_checkpoint(
    folder: Path, threads: int = 1, with_guard: bool = True, repeats: int = 3
) -> dict[str, Any]:
    """The ``bench copy`` row: speed, memory and (for a trained model) the guard numbers.

    fp32 and int8 each run ``repeats`` times, interleaved (fp32, int8, fp32, …) so that other
    load on a shared machine hits both alike; every number is the median of its runs."""
    reference = load_causal_lm(folder).eval()
    row: dict[str, Any] = {
        "model": folder.name,
        "parameters": reference.num_parameters(),
        "threads": threads,
        "repeats": repeats,
        "studio_batch": STUDIO_BATCH,
    }
    verdict = None
    with tempfile.TemporaryDirectory() as scratch:
        stem = Path(scratch) / "int8"
        save_int8_cache(reference, stem)
        if with_guard:
            tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            quantized = load_int8_cache(reference.config, stem)
            verdict = compare(reference, quantized, tokenizer, guard_texts(folder), INT8_METHOD)
            del quantized
        del reference
        runs: dict[str, list[dict[str, float]]] = {"fp32": [], "int8": []}
        for _ in range(repeats):
            runs["fp32"].append(measure_in_subprocess(folder, "fp32", threads))
            runs["int8"].append(measure_in_subprocess(folder, "int8", threads, stem))
    fp32, int8 = _median_run(runs["fp32"]), _median_run(runs["int8"])
    row.update(
        {
            "method": (INT8_METHOD if verdict.passed else "fp32")
            if verdict
            else "n/a (random weights: no guard)",
            "fp32_tok_s": fp32["tok_s"],
            "int8_tok_s": int8["tok_s"],
            "speedup": round(int8["tok_s"] / fp32["tok_s"], 2),
            "fp32_studio_tok_s": fp32["studio_tok_s"],
            "int8_studio_tok_s": int8["studio_tok_s"],
            "studio_speedup": round(int8["studio_tok_s"] / fp32["studio_tok_s"], 2),
            "wall_speedup": round(int8["wall_tok_s"] / fp32["wall_tok_s"], 2),
            "studio_wall_speedup": round(int8["studio_wall_tok_s"] / fp32["studio_wall_tok_s"], 2),
            "fp32_rss_mb": fp32["peak_rss_mb"],
            "int8_rss_mb": int8["peak_rss_mb"],
            "rss_ratio": round(int8["peak_rss_mb"] / fp32["peak_rss_mb"], 3),
            "import_rss_mb": fp32["import_rss_mb"],
            "fp32_model_mb": fp32["model_mb"],
            "int8_model_mb": int8["model_mb"],
            "model_mb_ratio": round(int8["model_mb"] / fp32["model_mb"], 3),
            "fp32_weights_mb": fp32["weights_mb"],
            "int8_weights_mb": int8["weights_mb"],
            "fp32_ppl": round(verdict.reference_ppl, 3) if verdict else None,
            "int8_ppl": round(verdict.candidate_ppl, 3) if verdict else None,
            "agreement": round(verdict.agreement, 4) if verdict else None,
            "guard_passed": verdict.passed if verdict else None,
        }
    )
    return row
