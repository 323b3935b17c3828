"""Copy models: fp32 vs int8 on CPU (bundled EN and ZH models and a GPT-2-small-sized config),
the quality guard, and the quality report with 20 sample outputs printed for a person to read.

Targets from issue 10: int8 ≥ 2× fp32 tokens/s at ≤ 0.8× memory, and the guard (int8 perplexity
within 5% of fp32, top-1 agreement ≥ 0.9); 100% of variants within limits, 0 banned terms,
distinct-2 ≥ 0.6. Every process runs torch single-threaded so the ratios are comparable on a
shared machine; fp32 and int8 runs alternate and each figure is a median.

Columns: ``speedup`` is batch 1, ``studio_speedup`` the studio's batch of 12 samples, both in
tokens per CPU-second of the single-threaded child (``wall_speedup``/``studio_wall_speedup``:
the same from wall time, which on a shared machine also measures the neighbours). Memory:
``rss_ratio`` compares whole-process peak RSS (the issue's target; torch itself is ~370 MB of
it), ``model_mb_ratio`` the memory loading and generating with the model adds (after a runtime
warm-up, peak reset before loading: weights as held + KV cache + logits), ``*_weights_mb`` the
weights as each method holds them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import torch

from engine.copywriting.bench import bench_checkpoint, gpt2_small_checkpoint
from engine.copywriting.loading import bundled_model_dir, load_copy_model
from engine.copywriting.quality import quality_report

THREADS = 1


def run() -> list[dict[str, Any]]:
    torch.set_num_threads(THREADS)
    rows = [bench_checkpoint(bundled_model_dir(lang), THREADS) for lang in ("en", "zh")]
    with tempfile.TemporaryDirectory() as scratch:
        rows.append(
            bench_checkpoint(
                gpt2_small_checkpoint(Path(scratch) / "gpt2-small-random"),
                THREADS,
                with_guard=False,
            )
        )
        models = {
            lang: load_copy_model(bundled_model_dir(lang), "cpu", cache_dir=Path(scratch) / "cache")
            for lang in ("en", "zh")
        }
        print("\n## Sample outputs (first variant of each request; validation products)\n")
        quality = quality_report(models, print)
    print("\n## Quality report\n")
    from benchmarks.table import format_table

    print(format_table(quality))
    return rows
