"""Load a GPT-2-family checkpoint folder on the best device with the fastest method that passes
the quality guard.

Order of preference — CUDA: bitsandbytes 8-bit (NF4 4-bit when asked), then fp32; CPU: torch
dynamic int8 after the Conv1D conversion, then fp32. Each quantized candidate is compared with
fp32 by :mod:`engine.copywriting.guard`; the verdict is cached next to the pre-quantized weights,
so the fp32 reference is loaded only the first time a model meets a torch version. Nothing here
touches the network: ``local_files_only`` everywhere.
"""

from __future__ import annotations

import copy
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizerBase

from engine.config import RESOURCES_DIR
from engine.copywriting.guard import GuardResult, compare, guard_texts
from engine.copywriting.quantize import (
    INT8_METHOD,
    cache_path,
    load_quantized,
    quantize_int8,
    save_quantized,
)
from engine.copywriting.sampler import generation_threads
from engine.copywriting.scoring.words import load_brands, load_lexicon

BUNDLED_MODELS = RESOURCES_DIR / "models"
# Held-out texts the guard measures at load (the benchmark uses them all): enough tokens for a
# stable verdict (~1,000), few enough to keep a first load within a few seconds.
GUARD_TEXTS_AT_LOAD = 16
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
    model: Any = AutoModelForCausalLM.from_pretrained(
        folder, local_files_only=True, dtype=torch.float32
    )
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
    return AutoModelForCausalLM.from_pretrained(
        folder, local_files_only=True, quantization_config=config, device_map="cuda"
    ).eval()


def _verdict_path(folder: Path, cache_dir: Path, method: str) -> Path:
    return cache_path(cache_dir, folder, method).with_suffix(".guard.json")


def _read_verdict(path: Path) -> GuardResult | None:
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return GuardResult(
        raw["method"], raw["reference_ppl"], raw["candidate_ppl"], raw["agreement"], raw["tokens"]
    )


def _try_method(
    folder: Path,
    method: str,
    device: str,
    reference: Any,
    tokenizer: PreTrainedTokenizerBase,
    cache_dir: Path | None,
) -> tuple[Any | None, GuardResult]:
    """Quantize with ``method``, guard it against ``reference``; the model only if it passed."""
    candidate = (
        quantize_int8(copy.deepcopy(reference)).eval()
        if method == INT8_METHOD
        else _load_bnb(folder, method)
    )
    with generation_threads(reference):
        texts = guard_texts(folder)[:GUARD_TEXTS_AT_LOAD]
        verdict = compare(reference, candidate, tokenizer, texts, method)
    if cache_dir is not None:
        verdict_file = _verdict_path(folder, cache_dir, method)
        verdict_file.parent.mkdir(parents=True, exist_ok=True)
        verdict_file.write_text(json.dumps(verdict.to_dict(), indent=1), encoding="utf-8")
        if verdict.passed and method == INT8_METHOD:
            save_quantized(candidate, cache_path(cache_dir, folder, method))
    return (candidate if verdict.passed else None), verdict


def load_copy_model(
    folder: Path,
    device: str = "auto",
    cache_dir: Path | None = None,
    methods: list[str] | None = None,
    four_bit: bool = False,
) -> LoadedModel:
    """The fastest guarded model for ``folder``; fp32 (with a note saying why) when none passes."""
    started = time.perf_counter()
    check_model_folder(folder)
    chosen_device = detect_device(device)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    plan = methods or candidate_methods(chosen_device, four_bit)
    reference: Any = None
    rejected: GuardResult | None = None
    for method in plan:
        if method == FP32:
            break
        cached = _read_verdict(_verdict_path(folder, cache_dir, method)) if cache_dir else None
        if cached is not None and not cached.passed:
            rejected = rejected or cached
            continue
        weights = cache_path(cache_dir, folder, method) if cache_dir else None
        if (
            cached is not None
            and method == INT8_METHOD
            and weights is not None
            and weights.exists()
        ):
            quantized = load_quantized(
                AutoConfig.from_pretrained(folder, local_files_only=True), weights
            )
            return LoadedModel(
                quantized,
                tokenizer,
                folder.name,
                folder,
                chosen_device,
                method,
                cached,
                cached.explain(),
                time.perf_counter() - started,
                load_lexicon(folder),
                load_brands(folder),
            )
        reference = reference if reference is not None else _load_fp32(folder, chosen_device)
        model, verdict = _try_method(folder, method, chosen_device, reference, tokenizer, cache_dir)
        if model is not None:
            del reference
            return LoadedModel(
                model,
                tokenizer,
                folder.name,
                folder,
                chosen_device,
                method,
                verdict,
                verdict.explain(),
                time.perf_counter() - started,
                load_lexicon(folder),
                load_brands(folder),
            )
        rejected = rejected or verdict
    fp32: Any = reference if reference is not None else _load_fp32(folder, chosen_device)
    note = (
        f"Running in fp32: {rejected.explain()}"
        if rejected
        else "Running in fp32 (no quantized method requested)"
    )
    return LoadedModel(
        fp32,
        tokenizer,
        folder.name,
        folder,
        chosen_device,
        FP32,
        rejected,
        note,
        time.perf_counter() - started,
        load_lexicon(folder),
        load_brands(folder),
    )


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
