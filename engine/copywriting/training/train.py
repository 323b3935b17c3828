"""Train a bundled copy model: ``python -m engine.copywriting.training.train --lang en|zh``.

Reproducible: fixed seeds, the split from :mod:`.data`, the configuration below (saved next to the
weights with the validation history), CPU only. The full recipe (3,000 steps) takes a few hours on
2 CPU cores; ``--max-minutes`` stops earlier and records that in the model card data.

``--resume`` continues a stopped run toward ``--max-steps`` on the same schedule instead of
starting over: from the loop state of the last evaluation in the work folder when there is one
(exact optimizer state and batch order), else from the finished model folder (its weights,
tokenizer and ``training.json``; the optimizer restarts with a short learning-rate re-warm-up).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch
from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerBase

from engine.config import RESOURCES_DIR
from engine.copywriting.training.card import finalize
from engine.copywriting.training.data import examples_for
from engine.copywriting.training.loop import (
    LoopConfig,
    ResumePoint,
    copy_perplexity,
    encode,
    load_resume_point,
    train_loop,
)
from engine.copywriting.training.tokenizer import train_tokenizer
from engine.progress import ProgressFn

# A compact GPT-2: ~5M parameters, 21 MB in fp32 safetensors, ~6 MB of int8 Linear weights.
MODEL_SHAPE: dict[str, Any] = {"n_layer": 4, "n_embd": 256, "n_head": 4, "n_positions": 256}
VOCAB_SIZE = 8000


def build_model(vocab_size: int, pad_id: int, end_id: int) -> GPT2LMHeadModel:
    config = GPT2Config(
        vocab_size=vocab_size,
        bos_token_id=end_id,
        eos_token_id=end_id,
        pad_token_id=pad_id,
        **MODEL_SHAPE,
    )
    return GPT2LMHeadModel(config)


def _print_every(steps: int, max_steps: int) -> ProgressFn:
    def report(fraction: float, message: str) -> None:
        if round(fraction * max_steps) % steps == 0:
            print(message, file=sys.stderr, flush=True)

    return report


def _resume_from(
    out: Path, work: Path
) -> tuple[GPT2LMHeadModel, PreTrainedTokenizerBase, ResumePoint]:
    """Model, tokenizer and loop position to continue from (see the module docstring)."""
    saved = load_resume_point(work)
    if saved is not None:
        source = work / "last"
        point = saved
    else:
        source = out
        report = json.loads((out / "training.json").read_text(encoding="utf-8"))
        point = ResumePoint(
            step=report["steps_run"],
            best_ppl=report["valid_copy_ppl"],
            history=report["history"],
            seconds=report["seconds"],
        )
        shutil.copytree(out, work / "best", dirs_exist_ok=True)  # the one to beat
    model = GPT2LMHeadModel.from_pretrained(source, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
    return model, tokenizer, point


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("en", "zh"), required=True)
    parser.add_argument(
        "--out", type=Path, default=None, help="model folder (default resources/models/copy-LANG)"
    )
    parser.add_argument(
        "--work", type=Path, default=Path("build/work/copy-training"), help="checkpoints and logs"
    )
    parser.add_argument("--max-steps", type=int, default=LoopConfig.max_steps)
    parser.add_argument("--max-minutes", type=float, default=0.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--resume", action="store_true", help="continue a stopped run")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1234)
    out = args.out or RESOURCES_DIR / "models" / f"copy-{args.lang}"
    work = args.work / args.lang
    examples = examples_for(args.lang, seed=0)
    train_texts = [e.text for e in examples if e.split == "train"]
    valid_texts = [e.text for e in examples if e.split == "valid"]
    resume: ResumePoint | None = None
    if args.resume:
        model, tokenizer, resume = _resume_from(out, work)
    else:
        tokenizer = train_tokenizer(train_texts, VOCAB_SIZE, work / "tokenizer")
        model = build_model(len(tokenizer), tokenizer.pad_token_id, tokenizer.eos_token_id)
    config = LoopConfig(max_steps=args.max_steps, max_minutes=args.max_minutes)
    train_rows, valid_rows = (
        encode(tokenizer, train_texts, config.block_size),
        encode(tokenizer, valid_texts, config.block_size),
    )
    print(
        f"{args.lang}: {len(train_rows)} train / {len(valid_rows)} valid examples, "
        f"{model.num_parameters():,} parameters",
        file=sys.stderr,
    )
    result = train_loop(
        model,
        tokenizer,
        train_rows,
        valid_rows,
        config,
        work,
        progress=_print_every(50, config.max_steps),
        resume=resume,
    )
    best = work / "best"
    best_model = GPT2LMHeadModel.from_pretrained(best) if best.exists() else model
    if out.exists():
        shutil.rmtree(out)
    best_model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    report = {
        "lang": args.lang,
        "shape": MODEL_SHAPE,
        "vocab_size": len(tokenizer),
        "parameters": best_model.num_parameters(),
        "train_examples": len(train_rows),
        "valid_examples": len(valid_rows),
        "loop": asdict(config),
        "steps_run": result.steps,
        "seconds": round(result.seconds),
        "stopped_early": result.stopped_early,
        "valid_copy_ppl": round(copy_perplexity(best_model, tokenizer, valid_rows), 3),
        "history": result.history,
        "resumed_from_step": resume.step if resume else None,
        "torch": torch.__version__,
    }
    (out / "training.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    finalize(out, args.lang)
    print(json.dumps({k: v for k, v in report.items() if k != "history"}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
