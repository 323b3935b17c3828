"""fp32 versus int8 on CPU for one checkpoint: speed and memory (a subprocess per method) and the
quality guard (perplexity and top-1 agreement on the checkpoint's held-out text), in one run.

``pinpoint bench copy`` and ``benchmarks/bench_copy.py`` both call :func:`bench_checkpoint`.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, GPT2Config, GPT2LMHeadModel

from engine.copywriting.guard import compare, guard_texts
from engine.copywriting.quantize import INT8_METHOD, quantize_int8, save_quantized
from engine.copywriting.speed import measure_in_subprocess


def gpt2_small_checkpoint(folder: Path) -> Path:
    """A GPT-2-small-sized model (124M parameters) with random weights: enough for speed and
    memory, which do not depend on the weights' values."""
    if not (folder / "config.json").exists():
        torch.manual_seed(0)
        GPT2LMHeadModel(GPT2Config()).save_pretrained(folder)
    return folder


def bench_checkpoint(folder: Path, threads: int = 1, with_guard: bool = True) -> dict[str, Any]:
    """The ``bench copy`` row: speed, memory and (for a trained model) the guard numbers."""
    reference = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True).eval()
    quantized = quantize_int8(copy.deepcopy(reference)).eval()
    row: dict[str, Any] = {
        "model": folder.name,
        "parameters": reference.num_parameters(),
        "threads": threads,
    }
    verdict = None
    if with_guard:
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        verdict = compare(reference, quantized, tokenizer, guard_texts(folder), INT8_METHOD)
    with tempfile.TemporaryDirectory() as scratch:
        weights = Path(scratch) / "int8.pt"
        save_quantized(quantized, weights)
        del reference, quantized
        fp32 = measure_in_subprocess(folder, "fp32", threads)
        int8 = measure_in_subprocess(folder, "int8", threads, weights)
    row.update(
        {
            "method": (INT8_METHOD if verdict.passed else "fp32")
            if verdict
            else "n/a (random weights: no guard)",
            "fp32_tok_s": fp32["tok_s"],
            "int8_tok_s": int8["tok_s"],
            "speedup": round(int8["tok_s"] / fp32["tok_s"], 2),
            "fp32_batch8_tok_s": fp32["batch8_tok_s"],
            "int8_batch8_tok_s": int8["batch8_tok_s"],
            "fp32_rss_mb": fp32["peak_rss_mb"],
            "int8_rss_mb": int8["peak_rss_mb"],
            "rss_ratio": round(int8["peak_rss_mb"] / fp32["peak_rss_mb"], 3),
            "fp32_model_mb": fp32["model_rss_mb"],
            "int8_model_mb": int8["model_rss_mb"],
            "fp32_ppl": round(verdict.reference_ppl, 3) if verdict else None,
            "int8_ppl": round(verdict.candidate_ppl, 3) if verdict else None,
            "agreement": round(verdict.agreement, 4) if verdict else None,
            "guard_passed": verdict.passed if verdict else None,
        }
    )
    return row
