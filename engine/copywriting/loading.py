"""Load a GPT-2-family checkpoint folder on the best device with the fastest method that passes
the quality guard.

Order of preference — CUDA: bitsandbytes 8-bit (NF4 4-bit when asked), then fp32; CPU: torch
dynamic int8 after the Conv1D conversion, then fp32. Each quantized candidate is compared with
fp32 by :mod:`engine.copywriting.guard`; the verdict is cached next to the pre-quantized weights,
so the fp32 reference is loaded only the first time a model meets a torch version. Nothing here
touches the network: ``local_files_only`` everywhere.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoConfig, AutoTokenizer, PreTrainedTokenizerBase

from engine.config import RESOURCES_DIR
from engine.copywriting.guard import GuardResult, compare, guard_texts
from engine.copywriting.packed import load_causal_lm
from engine.copywriting.quantize import (
    INT8_METHOD,
    cache_exists,
    cache_path,
    load_int8_cache,
    save_int8_cache,
)
from engine.copywriting.sampler import generation_threads
from engine.copywriting.scoring.ad_words import load_ad_words
from engine.copywriting.scoring.inventions import load_product_types
from engine.copywriting.scoring.words import load_brands, load_lexicon

BUNDLED_MODELS = RESOURCES_DIR / "models"
# Held-out texts the guard measures at load (the benchmark uses them all): enough tokens for a
# stable verdict (~1,000), few enough to keep a first load within a few seconds.
GUARD_TEXTS_AT_LOAD = 16
DEFAULT_CACHE_DIR = Path(tempfile.gettempdir()) / "pinpoint-copy-cache"
FP32 = "fp32"
BNB_8BIT, BNB_4BIT = "bnb_8bit", "bnb_4bit"


@dataclass
class LoadedModel:
    model: Any
    tokenizer: PreTrainedTokenizerBase
    name: str
    folder: Path
    device: str  # cpu | cuda
    quantization: str  # fp32 | int8_dynamic | bnb_8bit | bnb_4bit
    guard: GuardResult | None  # the verdict for the chosen (or rejected) quantized method
    note: str  # what the GUI shows, e.g. why the model runs in fp32
    load_seconds: float
    lexicon: frozenset[str] | None = None  # known words, when the checkpoint ships them
    brands: frozenset[str] = frozenset()  # brand names the model has seen (invented-brand check)
    product_types: frozenset[str] = frozenset()  # kinds of product (invented-product check)
    ad_words: frozenset[str] | None = None  # the vocabulary of ad copy, when the checkpoint has it


class ModelFolderError(ValueError):
    """A checkpoint folder the studio cannot use; the message says what is missing."""


def bundled_model_dir(lang: str) -> Path:
    return BUNDLED_MODELS / f"copy-{lang}"


def check_model_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise ModelFolderError(f"Copy model folder {folder} does not exist")
    missing = [
        name for name in ("config.json", "tokenizer_config.json") if not (folder / name).exists()
    ]
    if not any(folder.glob("*.safetensors")) and not (folder / "pytorch_model.bin").exists():
        missing.append("model.safetensors")
    if missing:
        raise ModelFolderError(
            f"Copy model folder {folder} is missing {', '.join(missing)}; expected a GPT-2-family "
            "checkpoint saved with save_pretrained (config, weights and tokenizer files)"
        )


def detect_device(preference: str = "auto") -> str:
    """``auto`` picks CUDA when torch sees a GPU; ``cuda`` without one falls back to CPU."""
    if preference in ("auto", "cuda") and torch.cuda.is_available():
        return "cuda"
    return "cpu"


def candidate_methods(device: str, four_bit: bool = False) -> list[str]:
    if device == "cuda":
        return [BNB_4BIT, BNB_8BIT, FP32] if four_bit else [BNB_8BIT, FP32]
    return [INT8_METHOD, FP32]


def _load_fp32(folder: Path, device: str) -> Any:
    model: Any = load_causal_lm(folder, dtype=torch.float32)
    return model.to(torch.device(device)).eval()


def _load_bnb(folder: Path, method: str) -> Any:
    from transformers import BitsAndBytesConfig

    config = (
        BitsAndBytesConfig(load_in_8bit=True)
        if method == BNB_8BIT
        else BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.float16
        )
    )
    return load_causal_lm(folder, quantization_config=config, device_map="cuda").eval()


def _verdict_path(folder: Path, cache_dir: Path, method: str) -> Path:
    stem = cache_path(cache_dir, folder, method)
    return stem.with_name(stem.name + ".guard.json")


def _read_verdict(path: Path) -> GuardResult | None:
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return GuardResult(
        raw["method"], raw["reference_ppl"], raw["candidate_ppl"], raw["agreement"], raw["tokens"]
    )


def _candidate(folder: Path, method: str, reference: Any, cache_dir: Path) -> Any:
    """The quantized model for ``method``; int8 is written to the cache and loaded back from it,
    so the model the guard judges is exactly the one later runs load."""
    if method != INT8_METHOD:
        return _load_bnb(folder, method)
    stem = cache_path(cache_dir, folder, method)
    save_int8_cache(reference, stem)
    return load_int8_cache(reference.config, stem)


def _try_method(
    folder: Path,
    method: str,
    reference: Any,
    tokenizer: PreTrainedTokenizerBase,
    cache_dir: Path,
) -> tuple[Any | None, GuardResult]:
    """Quantize with ``method``, guard it against ``reference``; the model only if it passed."""
    candidate = _candidate(folder, method, reference, cache_dir)
    with generation_threads(reference):
        texts = guard_texts(folder)[:GUARD_TEXTS_AT_LOAD]
        verdict = compare(reference, candidate, tokenizer, texts, method)
    verdict_file = _verdict_path(folder, cache_dir, method)
    verdict_file.parent.mkdir(parents=True, exist_ok=True)
    verdict_file.write_text(json.dumps(verdict.to_dict(), indent=1), encoding="utf-8")
    return (candidate if verdict.passed else None), verdict


def _cached_int8(folder: Path, cache_dir: Path) -> Any | None:
    """The int8 model straight from a cache that passed the guard, fp32 never built; else None."""
    stem = cache_path(cache_dir, folder, INT8_METHOD)
    if not cache_exists(stem):
        return None
    return load_int8_cache(AutoConfig.from_pretrained(folder, local_files_only=True), stem)


def load_copy_model(
    folder: Path,
    device: str = "auto",
    cache_dir: Path | None = None,
    methods: list[str] | None = None,
    four_bit: bool = False,
) -> LoadedModel:
    """The fastest guarded model for ``folder``; fp32 (with a note saying why) when none passes.

    ``cache_dir`` holds the int8 weights and guard verdicts (default: a folder in the system's
    temporary directory). Once a model has a passing verdict and cached weights, loading it never
    builds the fp32 model: that is what keeps int8's memory low."""
    started = time.perf_counter()
    check_model_folder(folder)
    cache_dir = cache_dir or DEFAULT_CACHE_DIR
    chosen_device = detect_device(device)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    plan = methods or candidate_methods(chosen_device, four_bit)
    reference: Any = None
    rejected: GuardResult | None = None

    def loaded(model: Any, method: str, verdict: GuardResult | None, note: str) -> LoadedModel:
        return LoadedModel(
            model,
            tokenizer,
            folder.name,
            folder,
            chosen_device,
            method,
            verdict,
            note,
            time.perf_counter() - started,
            load_lexicon(folder),
            load_brands(folder),
            load_product_types(folder),
            load_ad_words(folder),
        )

    for method in plan:
        if method == FP32:
            break
        cached = _read_verdict(_verdict_path(folder, cache_dir, method))
        if cached is not None and not cached.passed:
            rejected = rejected or cached
            continue
        quantized = (
            _cached_int8(folder, cache_dir)
            if cached is not None and method == INT8_METHOD
            else None
        )
        if quantized is not None and cached is not None:
            return loaded(quantized, method, cached, cached.explain())
        reference = reference if reference is not None else _load_fp32(folder, chosen_device)
        model, verdict = _try_method(folder, method, reference, tokenizer, cache_dir)
        if model is not None:
            del reference
            return loaded(model, method, verdict, verdict.explain())
        rejected = rejected or verdict
    fp32: Any = reference if reference is not None else _load_fp32(folder, chosen_device)
    note = (
        f"Running in fp32: {rejected.explain()}"
        if rejected
        else "Running in fp32 (no quantized method requested)"
    )
    return loaded(fp32, FP32, rejected, note)


def download_checkpoint(repo_id: str, destination: Path, allow_network: bool) -> Path:
    """Fetch a checkpoint from the Hugging Face hub, only when the user opted in to network use."""
    if not allow_network:
        raise PermissionError(
            "Downloading a copy model needs network access; enable it in Settings first"
        )
    from huggingface_hub import snapshot_download

    path = snapshot_download(
        repo_id,
        local_dir=destination,
        allow_patterns=["*.json", "*.safetensors", "*.txt", "*.model"],
    )
    check_model_folder(Path(path))
    return Path(path)
