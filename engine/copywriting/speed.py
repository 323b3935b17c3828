"""Tokens/s and peak memory of one loading method, measured in a fresh subprocess.

Peak RSS only means something per process (freed memory is not returned in a way ``ru_maxrss``
sees), so each method runs alone: ``python -m engine.copywriting.speed --folder F --method fp32``.
The child reports two memory figures, which are not the same thing:

* ``peak_rss_mb``: the whole process's peak resident memory (VmHWM), what the user's machine pays;
  torch and transformers alone cost ~370 MB of it, so for a 5M-parameter model it barely moves;
* ``model_mb``: what loading and generating with *this* model adds: the peak from the moment
  before loading to the end of generation, minus the resident memory at that moment. Before it,
  the child has imported everything and run a 1-layer 16-wide model through the same method
  (fp32 or int8), so the runtime's one-off costs — kernel tables, the quantized engine, allocator
  pools, the same for any model — are paid already; then the peak is reset
  (``/proc/self/clear_refs``). What remains is the weights as the method holds them plus
  generation's working memory (KV cache, logits): the part the quantization controls.

Throughput is nucleus sampling through the studio's sampler at batch 1 and at
:data:`STUDIO_BATCH` rows (the studio samples 2×5+2 candidates at once for a Google ad's five
headlines), both with the int8 cache loaded the way the app loads it.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import torch

from engine.copywriting.sampler import sample

NEW_TOKENS = 64
STUDIO_BATCH = 12


def _status_mb(field: str) -> float:
    """A memory line of /proc/self/status in MB. VmHWM is this process's own peak: unlike
    ``ru_maxrss``, it is not inherited from the (large) parent that started the measurement."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/self/status has no {field} (Linux only)")


def _tokens_per_second(
    model: Any, batch: int, prompt_len: int = 24, repeats: int = 3
) -> tuple[float, float]:
    """(per CPU-second, per wall-second): medians over ``repeats`` generations of
    :data:`NEW_TOKENS` tokens per row. The process runs one thread, so on an idle machine the two
    agree; on a shared one wall time mostly measures the neighbours, CPU time the method."""
    ids = torch.randint(10, model.config.vocab_size, (1, prompt_len))
    sample(model, ids, [1.0] * batch, 4, end_id=-1)  # warm-up
    cpu, wall = [], []
    for seed in range(repeats):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        sample(model, ids, [1.0] * batch, NEW_TOKENS, end_id=-1, seed=seed)
        cpu.append(batch * NEW_TOKENS / (time.process_time() - cpu_start))
        wall.append(batch * NEW_TOKENS / (time.perf_counter() - wall_start))
    return statistics.median(cpu), statistics.median(wall)


def weights_mb(model: Any) -> float:
    """The model's weights as it holds them: float tensors at their size, torch's packed int8
    layers at one byte per weight plus their float bias (a count, not a measurement: it says what
    the quantization saves before generation's working memory and torch's costs are added)."""
    from torch.ao.nn.quantized import dynamic as quantized_dynamic

    tensors = {t.data_ptr(): t for t in [*model.parameters(), *model.buffers()]}  # tied: once
    total = sum(t.numel() * t.element_size() for t in tensors.values())
    for module in model.modules():
        if isinstance(module, quantized_dynamic.Linear):
            total += module.in_features * module.out_features + 4 * module.out_features
    return total / 2**20


def _reset_peak() -> None:
    """Start VmHWM again from the current resident memory (Linux ≥ 4.0)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
        handle.write("5")


def _load(folder: Path, method: str, int8_cache: Path | None) -> Any:
    from transformers import AutoConfig

    from engine.copywriting.packed import load_causal_lm
    from engine.copywriting.quantize import load_int8_cache

    if method == "fp32":
        return load_causal_lm(folder).eval()
    if int8_cache is None:
        raise ValueError("--method int8 needs --int8-cache (written by save_int8_cache)")
    return load_int8_cache(AutoConfig.from_pretrained(folder, local_files_only=True), int8_cache)


def _warm_up_runtime(method: str) -> None:
    """Run a 1-layer 16-wide GPT-2 through ``method`` and drop it (see the module docstring)."""
    from transformers import GPT2Config, GPT2LMHeadModel

    from engine.copywriting.quantize import int8_copy

    config = GPT2Config(n_layer=1, n_embd=16, n_head=2, vocab_size=64, n_positions=128)
    model: Any = GPT2LMHeadModel(config).eval()
    with tempfile.TemporaryDirectory() as scratch:
        model = int8_copy(model, Path(scratch)) if method == "int8" else model
        ids = torch.randint(0, 64, (1, 24))
        for batch in (1, STUDIO_BATCH):
            sample(model, ids, [1.0] * batch, 8, end_id=-1)
    del model
    gc.collect()


def measure_here(
    folder: Path, method: str, int8_cache: Path | None, repeats: int = 3
) -> dict[str, float]:
    import_rss = _status_mb("VmRSS")
    _warm_up_runtime(method)
    warm_up_peak = _status_mb("VmHWM")
    _reset_peak()
    before_load = _status_mb("VmRSS")
    model = _load(folder, method, int8_cache)
    tok_s, wall_tok_s = _tokens_per_second(model, 1, repeats=repeats)
    studio, studio_wall = _tokens_per_second(model, STUDIO_BATCH, repeats=repeats)
    peak = _status_mb("VmHWM")
    return {
        "tok_s": round(tok_s, 1),
        "studio_tok_s": round(studio, 1),
        "wall_tok_s": round(wall_tok_s, 1),
        "studio_wall_tok_s": round(studio_wall, 1),
        "peak_rss_mb": round(max(peak, warm_up_peak), 1),
        "import_rss_mb": round(import_rss, 1),
        "model_mb": round(peak - before_load, 1),
        "weights_mb": round(weights_mb(model), 1),
    }


def measure_in_subprocess(
    folder: Path, method: str, threads: int, int8_cache: Path | None = None, repeats: int = 3
) -> dict[str, float]:
    command = [
        sys.executable,
        "-m",
        "engine.copywriting.speed",
        "--folder",
        str(folder),
        "--method",
        method,
        "--threads",
        str(threads),
        "--repeats",
        str(repeats),
    ]
    if int8_cache is not None:
        command += ["--int8-cache", str(int8_cache)]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    if done.returncode != 0:
        raise RuntimeError(f"speed measurement for {method} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--method", choices=("fp32", "int8"), required=True)
    parser.add_argument("--int8-cache", type=Path, default=None, help="int8 cache stem")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="generations per batch size")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    print(json.dumps(measure_here(args.folder, args.method, args.int8_cache, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
