"""`train --init-from` fine-tunes a finished model on today's data; the card and the before/after
comparison say what it changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from transformers import AutoTokenizer, GPT2LMHeadModel

from engine.copywriting.compose import CopyRequest
from engine.copywriting.loading import load_copy_model
from engine.copywriting.prompts import CopyPrompt, ProductFacts
from engine.copywriting.training import train
from engine.copywriting.training.card import render_card
from engine.copywriting.training.compare import SAMPLE_VARIANTS, sample_primary_texts
from engine.copywriting.training.data import Example
from engine.copywriting.training.loop import copy_perplexity, encode

BASE_REPORT = {"steps_run": 10, "seconds": 5, "valid_copy_ppl": 99.0, "train_examples": 6}


def _examples() -> list[Example]:
    """Made-up mugs; every other one plays a distilled line, every third is held out."""
    return [
        Example(
            CopyPrompt(ProductFacts(f"SPOTTY TEA MUG {i}"), "google", "headline"),
            f"Spotty Tea Mug {i} glaze",
            "valid" if i % 3 == 0 else "train",
            distilled=i % 2 == 0,
        )
        for i in range(8)
    ]


def _ppl(folder: Path, examples: list[Example]) -> float:
    tokenizer = AutoTokenizer.from_pretrained(folder)
    rows = encode(tokenizer, [e.text for e in examples], 256)
    return round(copy_perplexity(GPT2LMHeadModel.from_pretrained(folder), tokenizer, rows), 3)


def test_init_from_starts_at_the_finished_model_on_a_fresh_short_schedule(
    tiny_checkpoint: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = _examples()
    distilled = {"lines": 4, "train_examples": 3, "valid_examples": 1, "weight": 2}
    monkeypatch.setattr(train, "training_examples", lambda lang, share: (examples, distilled))
    monkeypatch.setattr(train, "finalize", lambda folder, lang: None)  # card: tested below
    base = tmp_path / "base"
    shutil.copytree(tiny_checkpoint, base)
    (base / "training.json").write_text(json.dumps(BASE_REPORT), encoding="utf-8")
    out = tmp_path / "out"
    argv = ["--lang", "en", "--init-from", str(base), "--max-steps", "4", "--threads", "1"]
    assert train.main([*argv, "--out", str(out), "--work", str(tmp_path / "work")]) == 0

    report = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert report["steps_run"] == 4 and report["resumed_from_step"] is None
    assert report["shape"]["n_layer"] == 2  # the starting model's shape, not the recipe's
    assert report["loop"]["learning_rate"] == train.FINETUNE_LOOP.learning_rate
    assert report["distilled"] == distilled
    before = report["init_from"]
    assert {k: before[k] for k in BASE_REPORT} == BASE_REPORT
    held_out = [e for e in examples if e.split == "valid"]
    assert before["valid_copy_ppl_by_source"] == {
        "catalog": _ppl(base, [e for e in held_out if not e.distilled]),
        "distilled": _ppl(base, [e for e in held_out if e.distilled]),
    }
    assert report["valid_copy_ppl_by_source"]["distilled"] == _ppl(
        out, [e for e in held_out if e.distilled]
    )
    assert (out / "tokenizer.json").read_bytes() == (base / "tokenizer.json").read_bytes()


def test_the_card_names_the_starting_model_and_the_distilled_corpus() -> None:
    report = {
        "shape": train.MODEL_SHAPE,
        "parameters": 5_000_000,
        "vocab_size": 8000,
        "train_examples": 24_000,
        "valid_examples": 1_000,
        "loop": {"max_steps": 1000, "rewarm_steps": 50},
        "steps_run": 1000,
        "seconds": 1500,
        "valid_copy_ppl": 104.0,
        "valid_copy_ppl_by_source": {"catalog": 106.0, "distilled": 40.0},
        "distilled": {
            "lines": 210,
            "train_examples": 600,
            "valid_examples": 30,
            "weight": 10,
            "share_of_training_examples": 0.245,
        },
        "init_from": {
            **BASE_REPORT,
            "folder": "copy-en",
            "valid_copy_ppl_by_source": {"catalog": 105.6, "distilled": 350.0},
        },
        "torch": "2.13.0+cpu",
    }
    card = render_card("en", report, {"passed": True})
    assert "Fine-tuned from `copy-en`" in card
    assert "distilled copy 350.0 → catalog and UCI titles 106.0, distilled copy 40.0" in card
    assert "210 lines" in card and "SmolLM2-135M-Instruct" in card and "Apache-2.0" in card
    assert "repeated 10×" in card and "24% of the training examples seen" in card
    from_scratch = {k: v for k, v in report.items() if k not in ("init_from", "distilled")}
    assert "Fine-tuned" not in render_card("en", from_scratch, {"passed": True})


def test_compare_samples_meta_primary_texts_and_marks_template_lines(tiny_checkpoint: Path) -> None:
    loaded = load_copy_model(tiny_checkpoint, "cpu", methods=["fp32"])
    request = CopyRequest(ProductFacts("SPOTTY TEA MUG 1"), "google", "en", seed=3)
    lines = sample_primary_texts(loaded, [request])
    assert len(lines) == SAMPLE_VARIANTS
    assert all(line.startswith("SPOTTY TEA MUG 1 → ") for line in lines)
    # a random tiny model writes nothing usable: the studio fills from templates and says so
    assert all(line.endswith("[template]") for line in lines)
