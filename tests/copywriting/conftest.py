"""A tiny random GPT-2 checkpoint folder (tokenizer trained on made-up copy), built per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from transformers import GPT2Config, GPT2LMHeadModel

from engine.copywriting.prompts import AudienceFacts, CopyPrompt, ProductFacts, training_text
from engine.copywriting.training.tokenizer import train_tokenizer

MADE_UP_COPY = [
    (
        "Lavender soy candle",
        {"scent": "lavender"},
        "A calm lavender glow for slow evenings at home.",
    ),
    (
        "Blue ceramic mug",
        {"colour": "blue", "material": "ceramic"},
        "Morning coffee tastes better in glazed blue ceramic.",
    ),
    (
        "Wool winter scarf",
        {"material": "wool"},
        "Soft wool that keeps the cold out on windy walks.",
    ),
    ("白色棉质上衣", {"颜色": "白色", "材质": "棉"}, "简约的白色上衣，柔软舒适，百搭又好穿。"),
    ("复古格纹衬衫", {"图案": "格纹"}, "复古格纹搭配宽松版型，轻松穿出慵懒感。"),
]


def make_tiny_checkpoint(folder: Path, seed: int = 0) -> Path:
    texts = [
        training_text(
            CopyPrompt(
                ProductFacts(title, attributes=attrs),
                platform,
                field,
                lang,
                "friendly",
                AudienceFacts(),
            ),
            copy,
        )
        for title, attrs, copy in MADE_UP_COPY
        for platform, field in (
            ("google", "headline"),
            ("google", "description"),
            ("taobao", "description"),
        )
        for lang in ("en", "zh")
    ]
    tokenizer = train_tokenizer(texts * 4, vocab_size=400, folder=folder)
    torch.manual_seed(seed)
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_layer=2,
        n_embd=64,
        n_head=2,
        n_positions=128,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    GPT2LMHeadModel(config).save_pretrained(folder)
    return folder


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    """The CI box has 2 shared cores; torch's thread pool spinning on a busy machine makes
    tiny models ~30× slower, so these tests run single-threaded (restored afterwards)."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_checkpoint(tmp_path_factory.mktemp("tiny-gpt2"))
