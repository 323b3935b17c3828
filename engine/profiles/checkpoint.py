"""Saving and loading a trained GRU: weights in safetensors, config + vocabularies in JSON.

A checkpoint folder rebuilds itself (nanoGPT's habit): ``config.json`` holds the format version,
the :class:`GRUConfig`, the training settings and curves, and the item/category vocabularies (so
scores map back to SKUs and category names); ``model.safetensors`` holds the weights.
Safetensors cannot run code when loaded, unlike pickled ``torch.save`` files.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from engine.profiles.gru import FORMAT_VERSION, GRUConfig, SequenceGRU
from engine.profiles.sequences import Vocabulary

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"


@dataclass
class Checkpoint:
    model: SequenceGRU
    item_vocab: Vocabulary
    category_vocab: Vocabulary
    extra: dict[str, Any] = field(default_factory=dict)  # training settings, curves, metrics


def save_checkpoint(folder: Path, checkpoint: Checkpoint) -> Path:
    """Write the checkpoint into ``folder`` (created if needed); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    state = {
        name: tensor.detach().cpu().contiguous()
        for name, tensor in checkpoint.model.state_dict().items()
    }
    save_file(state, str(folder / WEIGHTS_FILE), metadata={"format_version": str(FORMAT_VERSION)})
    config = {
        "format_version": FORMAT_VERSION,
        "model": asdict(checkpoint.model.config),
        "item_ids": list(checkpoint.item_vocab.ids),
        "category_ids": list(checkpoint.category_vocab.ids),
        "extra": checkpoint.extra,
    }
    temporary = folder / (CONFIG_FILE + ".tmp")
    temporary.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    temporary.replace(folder / CONFIG_FILE)
    return folder


def load_checkpoint(folder: Path, device: torch.device | str = "cpu") -> Checkpoint:
    """Rebuild the model from ``folder``; refuses formats newer than this code understands."""
    config_path = folder / CONFIG_FILE
    if not config_path.exists():
        raise FileNotFoundError(
            f"{folder}: no {CONFIG_FILE}; this is not a Pinpoint GRU checkpoint"
        )
    config = json.loads(config_path.read_text(encoding="utf-8"))
    version = int(config.get("format_version", 0))
    if version > FORMAT_VERSION:
        raise ValueError(
            f"{folder}: checkpoint format {version} is newer than this version of Pinpoint "
            f"understands ({FORMAT_VERSION}); update Pinpoint or rebuild the profiles"
        )
    model = SequenceGRU(GRUConfig(**config["model"]))
    model.load_state_dict(load_file(str(folder / WEIGHTS_FILE), device="cpu"))
    return Checkpoint(
        model=model.to(device).eval(),
        item_vocab=Vocabulary(tuple(config["item_ids"])),
        category_vocab=Vocabulary(tuple(config["category_ids"])),
        extra=config.get("extra", {}),
    )
