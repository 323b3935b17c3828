"""Checkpoint folders whose weights ship in int8: the bundled models' on-disk format.

Why: fp32 safetensors cost four bytes a weight; int8 with one scale per row about one, so the
bundled 5M-parameter models ship in 5.4 MB instead of 21.1 and a model of up to ~24M parameters
would fit issue 10's 25 MB limit (an 18M one was tried for its int8 speed-up; on our data it
trailed the 5M one's validation perplexity at every step: ``benchmarks/notes/copy_model_size.md``).
Packing costs nothing measurable: on the guard texts the unpacked copy-en agrees with the trained
fp32 weights on 99.6% of next tokens at the same perplexity.

The format is plain safetensors (``model.int8.safetensors``): every matrix as int8 values with
one fp32 scale per row (symmetric, ``weight ≈ values × scale``), everything else (biases, layer
norms) in fp32. It is independent of torch's packed kernels, so it never goes stale. Loading
(:func:`load_causal_lm`) turns it back into a normal fp32 model — the reference the quality guard
compares every quantized method against, and what bitsandbytes quantizes on CUDA — so everything
downstream treats a packed folder like any ``save_pretrained`` folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
import transformers
from safetensors import safe_open
from safetensors.torch import save_file
from transformers import AutoConfig, AutoModelForCausalLM

from engine.copywriting.embedding_int8 import quantize_rows

PACKED_WEIGHTS = "model.int8.safetensors"
FP32_WEIGHTS = "model.safetensors"
PACKED_FORMAT = "1"
_VALUES, _SCALES = ".int8_values", ".int8_scales"


def is_packed(folder: Path) -> bool:
    return (folder / PACKED_WEIGHTS).exists() and not (folder / FP32_WEIGHTS).exists()


def pack_checkpoint(folder: Path) -> dict[str, float]:
    """Replace ``folder``'s fp32 ``model.safetensors`` by ``model.int8.safetensors``.

    Returns the sizes before and after in MB. Written to a temporary name first, and the fp32
    file is removed only once the packed one is complete, so an interrupted run loses nothing."""
    source = folder / FP32_WEIGHTS
    tensors: dict[str, torch.Tensor] = {}
    with safe_open(str(source), framework="pt") as handle:
        for key in handle.keys():  # noqa: SIM118 - safe_open handles are not iterable
            tensor = handle.get_tensor(key).float()
            if tensor.dim() == 2:
                values, scales = quantize_rows(tensor)
                tensors[key + _VALUES], tensors[key + _SCALES] = values, scales
            else:
                tensors[key] = tensor.contiguous()
    target = folder / PACKED_WEIGHTS
    partial = target.with_name(target.name + ".partial")
    save_file(tensors, str(partial), metadata={"format": "pt", "pinpoint_int8": PACKED_FORMAT})
    before = source.stat().st_size / 1e6
    partial.replace(target)
    source.unlink()
    return {"fp32_mb": round(before, 1), "int8_mb": round(target.stat().st_size / 1e6, 1)}


def unpacked_state_dict(folder: Path) -> dict[str, torch.Tensor]:
    """The fp32 weights of a packed folder (matrices dequantized row by row)."""
    state: dict[str, torch.Tensor] = {}
    with safe_open(str(folder / PACKED_WEIGHTS), framework="pt") as handle:
        if (handle.metadata() or {}).get("pinpoint_int8") != PACKED_FORMAT:
            raise ValueError(f"{folder / PACKED_WEIGHTS} is not a Pinpoint int8 checkpoint")
        keys = list(handle.keys())
        for key in keys:
            if key.endswith(_SCALES):
                continue
            if key.endswith(_VALUES):
                name = key.removesuffix(_VALUES)
                scales = handle.get_tensor(name + _SCALES)
                state[name] = handle.get_tensor(key).float() * scales.unsqueeze(1)
            else:
                state[key] = handle.get_tensor(key)
    return state


def load_causal_lm(folder: Path, **kwargs: Any) -> Any:
    """``AutoModelForCausalLM.from_pretrained`` for any checkpoint folder, packed ones included;
    ``kwargs`` (dtype, quantization_config, device_map, …) pass through. Never touches the
    network."""
    if not is_packed(folder):
        return AutoModelForCausalLM.from_pretrained(folder, local_files_only=True, **kwargs)
    config = AutoConfig.from_pretrained(folder, local_files_only=True)
    # The Auto class needs a path; the concrete class also takes weights from a state dict.
    model_class = getattr(transformers, (config.architectures or ["GPT2LMHeadModel"])[0])
    return model_class.from_pretrained(
        None, config=config, state_dict=unpacked_state_dict(folder), **kwargs
    )
