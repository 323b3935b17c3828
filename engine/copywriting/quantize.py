"""CPU int8: convert GPT-2's ``Conv1D`` to ``nn.Linear``, then torch dynamic int8 quantization.

Why the conversion: ``torch.ao.quantization.quantize_dynamic`` only swaps ``nn.Linear`` modules;
GPT-2's attention and MLP use transformers' ``Conv1D`` (``y = x @ W + b`` with ``W`` stored
in×out), so without it only the LM head is quantized and the model is barely faster (issue 10).

Pre-quantized weights are cached on disk as a state dict keyed by the model's identity, the
method and the torch version: quantized tensors are tied to torch internals, so a new torch
simply re-quantizes from the safetensors (1–2 s) instead of loading something incompatible.
Loading from the cache builds the model skeleton on the ``meta`` device, so the fp32 weights are
never allocated: that is where the memory saving comes from.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import torch
from torch import nn
from torch.ao.nn.quantized import dynamic as quantized_dynamic
from transformers import AutoModelForCausalLM, PretrainedConfig, PreTrainedModel
from transformers.pytorch_utils import Conv1D

INT8_METHOD = "int8_dynamic"


def conv1d_to_linear(model: nn.Module) -> int:
    """Replace every ``Conv1D`` by an equivalent ``nn.Linear`` in place; returns how many."""
    replaced = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, Conv1D):
                in_features, out_features = child.weight.shape
                linear = nn.Linear(
                    in_features, out_features, device=child.weight.device, dtype=child.weight.dtype
                )
                with torch.no_grad():
                    linear.weight.copy_(child.weight.t())
                    linear.bias.copy_(child.bias)
                setattr(parent, name, linear)
                replaced += 1
    return replaced


def quantize_int8(model: nn.Module) -> nn.Module:
    """Conv1D→Linear, then dynamic int8 on every Linear (weights int8, activations per batch)."""
    conv1d_to_linear(model)
    _untie_lm_head(model)
    with warnings.catch_warnings():  # deprecated in favour of torchao, which is far slower on CPU
        warnings.simplefilter("ignore", DeprecationWarning)
        return torch.ao.quantization.quantize_dynamic(
            model, {nn.Linear}, dtype=torch.qint8, inplace=True
        )


def _untie_lm_head(model: nn.Module) -> None:
    """The LM head shares the embedding matrix; give it its own copy so quantizing it leaves the
    (fp32) embedding lookup intact and the quantized state dict is self-contained."""
    head = getattr(model, "lm_head", None)
    if isinstance(head, nn.Linear):
        head.weight = nn.Parameter(head.weight.detach().clone())
        config = getattr(model, "config", None)
        if config is not None:
            config.tie_word_embeddings = False


def count_quantized_linears(model: nn.Module) -> tuple[int, int]:
    """(quantized, float) Linear-like modules: the check that int8 really quantized something."""
    quantized = sum(isinstance(m, quantized_dynamic.Linear) for m in model.modules())
    floating = sum(isinstance(m, nn.Linear | Conv1D) for m in model.modules())
    return quantized, floating


def model_fingerprint(folder: Path) -> str:
    """Identity of a checkpoint folder: config + weight file names, sizes and modification times."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*")):
        if path.suffix in {".json", ".safetensors", ".bin"}:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def cache_path(cache_dir: Path, folder: Path, method: str = INT8_METHOD) -> Path:
    torch_version = torch.__version__.replace("+", "_")
    return cache_dir / f"{folder.name}-{model_fingerprint(folder)}-{method}-torch{torch_version}.pt"


def save_quantized(model: nn.Module, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save(model.state_dict(), tmp)
    tmp.replace(path)


def load_quantized(config: PretrainedConfig, path: Path) -> PreTrainedModel:
    """Rebuild the int8 model from a cached state dict without allocating fp32 weights."""
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
    conv1d_to_linear(model)
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if type(child) is nn.Linear:
                setattr(
                    parent,
                    name,
                    quantized_dynamic.Linear(
                        child.in_features,
                        child.out_features,
                        bias_=child.bias is not None,
                        dtype=torch.qint8,
                    ),
                )
    model.to_empty(device="cpu")
    state = torch.load(path, map_location="cpu", weights_only=False, mmap=True)
    model.load_state_dict(state, strict=True, assign=True)
    model.config.tie_word_embeddings = False
    return model.eval()
