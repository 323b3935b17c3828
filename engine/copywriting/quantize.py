"""CPU int8: GPT-2's ``Conv1D`` layers as ``nn.Linear``, weights in int8, run by torch's dynamic
int8 kernels — loaded from an on-disk cache without ever building the fp32 model.

Why the conversion: torch's dynamic int8 only replaces ``nn.Linear`` modules; GPT-2's attention
and MLP use transformers' ``Conv1D`` (``y = x @ W + b`` with ``W`` stored in×out), so without it
only the LM head is quantized and the model is barely faster (issue 10).

Why a cache of plain tensors in two safetensors files: the int8 layer weights
(``*.int8.safetensors``: int8 values, scale, zero point, bias per layer) are read one layer at a
time, packed for the kernel and released, so their pages do not stay in memory; what is used in
place (``*.mapped.safetensors``: the int8 token embedding with its row scales, position
embeddings, layer norms, layers too small for int8) stays memory-mapped, so an embedding row
costs memory only once it is looked up. The token embedding and a tied LM head share one int8
quantization (:mod:`.embedding_int8`). The model skeleton is built on the ``meta`` device, so no
fp32 weight is ever allocated. Packed kernels are tied to torch internals, so the cache name
carries the torch version and a cache made by another torch is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import torch
from safetensors import safe_open
from safetensors.torch import save_file
from torch import nn
from torch.ao.nn.quantized import dynamic as quantized_dynamic
from transformers import AutoModelForCausalLM, PretrainedConfig, PreTrainedModel
from transformers.pytorch_utils import Conv1D

from engine.copywriting.embedding_int8 import Int8Embedding, quantize_rows, tied_int8_head

INT8_METHOD = "int8_dynamic"
CACHE_FORMAT = 3  # bump when the files' layout changes; old caches are then rebuilt
# torch's dynamic int8 kernel costs ~37 µs per call whatever the size, so small layers run faster
# in fp32. Measured per layer (thread CPU time, 1 thread) at the studio's batch of 12 rows, which
# is how the app samples: 256×768 (QKV) int8 53 µs vs fp32 90, 256×1024 63 vs 115, but 256×256
# 42 vs 35. (At batch 1 only the LM head gains: 162 vs 371 µs; a 256×768 layer is 38 vs 26.)
# The LM head is always quantized.
MIN_INT8_WEIGHTS = 256 * 768


def conv1d_to_linear(model: nn.Module) -> int:
    """Replace every ``Conv1D`` by an equivalent ``nn.Linear`` in place; returns how many.

    Works on a ``meta`` skeleton too (the copy is then a no-op)."""
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


def _linear_weights(model: nn.Module) -> Iterator[tuple[str, torch.Tensor, torch.Tensor | None]]:
    """(module name, weight as out×in, bias) of every Linear-like layer, Conv1D included."""
    for name, module in model.named_modules():
        if isinstance(module, Conv1D):
            yield name, module.weight.t(), module.bias
        elif isinstance(module, nn.Linear):
            yield name, module.weight, module.bias


def worth_quantizing(name: str, weight: torch.Tensor) -> bool:
    return name == "lm_head" or weight.numel() >= MIN_INT8_WEIGHTS


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
    """The cache's stem: its files add ``.int8.safetensors``, ``.mapped.safetensors`` and
    ``.guard.json`` (the quality-guard verdict)."""
    torch_version = torch.__version__.replace("+", "_")
    return cache_dir / (
        f"{folder.name}-{model_fingerprint(folder)}-{method}-v{CACHE_FORMAT}-torch{torch_version}"
    )


def _files(stem: Path) -> tuple[Path, Path]:
    return stem.with_name(stem.name + ".int8.safetensors"), stem.with_name(
        stem.name + ".mapped.safetensors"
    )


def cache_exists(stem: Path) -> bool:
    return all(path.exists() for path in _files(stem))


def _quantize_tensor(weight: torch.Tensor) -> torch.Tensor:
    """Per-tensor symmetric qint8, the same observer torch's dynamic quantization uses."""
    observer = torch.ao.quantization.default_dynamic_qconfig.weight()
    observer(weight)
    scale, zero_point = observer.calculate_qparams()
    return torch.quantize_per_tensor(weight, float(scale), int(zero_point), torch.qint8)


def _embedding_names(model: nn.Module) -> tuple[str, str | None]:
    """(token embedding's module name, the LM head's name when it shares the embedding's weight)."""
    names = {id(module): name for name, module in model.named_modules()}
    embedding = model.get_input_embeddings()  # type: ignore[operator]
    head = model.get_output_embeddings()  # type: ignore[operator]
    tied = head is not None and head.weight.data_ptr() == embedding.weight.data_ptr()
    return names[id(embedding)], (names[id(head)] if tied else None)


@torch.no_grad()
def save_int8_cache(model: nn.Module, stem: Path) -> None:
    """Write the int8 cache of an fp32 GPT-2 (left unchanged) in two files (module docstring)."""
    embedding, tied_head = _embedding_names(model)
    int8: dict[str, torch.Tensor] = {}
    layers: dict[str, list[int]] = {}
    with warnings.catch_warnings():  # quantized tensors are deprecated in favour of torchao
        warnings.simplefilter("ignore")
        for name, weight, bias in _linear_weights(model):
            if name == tied_head or not worth_quantizing(name, weight):
                continue
            quantized = _quantize_tensor(weight.detach().float().contiguous())
            int8[f"{name}.weight"] = quantized.int_repr()
            int8[f"{name}.scale"] = torch.tensor([quantized.q_scale()], dtype=torch.float64)
            int8[f"{name}.zero_point"] = torch.tensor([quantized.q_zero_point()])
            if bias is not None:
                int8[f"{name}.bias"] = bias.detach().float().contiguous()
            layers[name] = list(weight.shape)
    values, scales = quantize_rows(cast(torch.Tensor, model.get_submodule(embedding).weight))
    mapped = {f"{embedding}.values": values, f"{embedding}.scales": scales}
    replaced = {*layers, embedding, tied_head}
    mapped |= {
        key: _as_linear_layout(model, key, value)
        for key, value in model.state_dict().items()
        if key.rsplit(".", 1)[0] not in replaced
    }
    meta = {
        "format": str(CACHE_FORMAT),
        "layers": json.dumps(layers),
        "embedding": embedding,
        "tied_head": tied_head or "",
        "torch": torch.__version__,
    }
    stem.parent.mkdir(parents=True, exist_ok=True)
    for path, tensors in zip(_files(stem), (int8, mapped), strict=True):
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # two app windows may race
        save_file({k: v.contiguous() for k, v in tensors.items()}, str(tmp), metadata=meta)
        tmp.replace(path)


def _as_linear_layout(model: nn.Module, key: str, value: torch.Tensor) -> torch.Tensor:
    """Conv1D weights stored transposed (out×in), as the Linear that replaces them expects."""
    module_name, _, attribute = key.rpartition(".")
    module = model.get_submodule(module_name) if module_name else model
    if isinstance(module, Conv1D) and attribute == "weight":
        return value.t().contiguous()
    return value.clone()  # tied weights share storage; safetensors wants each stored once


def _int8_linear(handle: object, name: str, shape: list[int]) -> quantized_dynamic.Linear:
    get = handle.get_tensor  # type: ignore[attr-defined]
    out_features, in_features = shape
    stored: list[str] = handle.keys()  # type: ignore[attr-defined]
    has_bias = f"{name}.bias" in stored
    # Built 1×1 and resized: the constructor would otherwise pack a full-size placeholder first.
    layer = quantized_dynamic.Linear(1, 1, bias_=has_bias, dtype=torch.qint8)
    layer.in_features, layer.out_features = in_features, out_features
    qweight = torch._make_per_tensor_quantized_tensor(
        get(f"{name}.weight"), float(get(f"{name}.scale")[0]), int(get(f"{name}.zero_point")[0])
    )
    # The bias is copied: a view into the file's mapping would keep every int8 page resident.
    layer.set_weight_bias(qweight, get(f"{name}.bias").clone() if has_bias else None)
    return layer


def _assign(model: nn.Module, key: str, tensor: torch.Tensor) -> None:
    """Put a loaded tensor in place of the skeleton's meta parameter or buffer ``key``."""
    module_name, _, attribute = key.rpartition(".")
    module = model.get_submodule(module_name) if module_name else model
    if attribute in module._parameters:
        module._parameters[attribute] = nn.Parameter(tensor, requires_grad=False)
    elif attribute in module._buffers:
        module._buffers[attribute] = tensor
    else:
        raise RuntimeError(f"int8 cache holds {key}, which this model does not have")


def _set_module(model: nn.Module, name: str, module: nn.Module) -> None:
    parent_name, _, attribute = name.rpartition(".")
    setattr(model.get_submodule(parent_name) if parent_name else model, attribute, module)


def load_int8_cache(config: PretrainedConfig, stem: Path) -> PreTrainedModel:
    """Rebuild the int8 model from its cache without allocating the fp32 weights."""
    int8_file, mapped_file = _files(stem)
    config = config.__class__.from_dict({**config.to_dict(), "tie_word_embeddings": False})
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
    conv1d_to_linear(model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with safe_open(str(int8_file), framework="pt") as handle:
            layers = json.loads((handle.metadata() or {})["layers"])
        for name, shape in layers.items():
            # One mapping per layer: its pages are released as soon as the layer is packed.
            with safe_open(str(int8_file), framework="pt") as handle:
                _set_module(model, name, _int8_linear(handle, name, shape))
    with safe_open(str(mapped_file), framework="pt") as handle:
        meta = handle.metadata() or {}
        embedding, tied_head = meta["embedding"], meta["tied_head"]
        values = handle.get_tensor(f"{embedding}.values")  # memory-mapped, read on first use
        scales = handle.get_tensor(f"{embedding}.scales")
        _set_module(model, embedding, Int8Embedding(values, scales))
        if tied_head:
            _set_module(model, tied_head, tied_int8_head(values, scales))
        stored = handle.keys()
        for key in stored:
            if not key.startswith(f"{embedding}."):
                _assign(model, key, handle.get_tensor(key))
    tensors = [*model.named_parameters(), *model.named_buffers()]
    left = [name for name, tensor in tensors if tensor.is_meta]
    if left:
        raise RuntimeError(f"int8 cache {stem} lacks {', '.join(left[:5])}; delete it to rebuild")
    return model.eval()


def int8_copy(model: nn.Module, scratch: Path) -> PreTrainedModel:
    """The int8 model exactly as the cache would load it (the guard measures this one)."""
    stem = scratch / "int8"
    save_int8_cache(model, stem)
    return load_int8_cache(model.config, stem)  # type: ignore[arg-type]
