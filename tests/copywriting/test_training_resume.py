"""A stopped training run continues where it left off instead of starting over."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from transformers import AutoTokenizer, GPT2LMHeadModel

from engine.copywriting.prompts import CopyPrompt, ProductFacts, training_text
from engine.copywriting.training.loop import LoopConfig, encode, load_resume_point, train_loop

CONFIG = LoopConfig(max_steps=6, batch_size=2, warmup_steps=1, eval_every=2, block_size=64)


def _rows(folder: Path) -> list[list[int]]:
    tokenizer = AutoTokenizer.from_pretrained(folder)
    texts = [
        training_text(CopyPrompt(ProductFacts(f"Mug {i}"), "google", "headline"), f"Mug {i} glaze")
        for i in range(8)
    ]
    return encode(tokenizer, texts, CONFIG.block_size)


def test_resume_continues_the_schedule_from_the_last_evaluation(
    tiny_checkpoint: Path, tmp_path: Path
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_checkpoint)
    rows = _rows(tiny_checkpoint)
    model = GPT2LMHeadModel.from_pretrained(tiny_checkpoint)
    first = train_loop(
        model,
        tokenizer,
        rows,
        rows[:2],
        replace(CONFIG, max_steps=4),
        tmp_path,
    )
    assert first.steps == 4
    point = load_resume_point(tmp_path)
    assert point is not None and point.step == 4 and point.optimizer is not None
    resumed_model = GPT2LMHeadModel.from_pretrained(tmp_path / "last")
    result = train_loop(resumed_model, tokenizer, rows, rows[:2], CONFIG, tmp_path, resume=point)
    assert result.steps == 6
    assert [entry["step"] for entry in result.history] == [2, 4, 6]
    assert load_resume_point(tmp_path).step == 6  # type: ignore[union-attr]


def test_nothing_to_resume_in_an_empty_work_folder(tmp_path: Path) -> None:
    assert load_resume_point(tmp_path) is None
