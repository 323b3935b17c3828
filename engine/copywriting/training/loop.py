"""The language-model training loop shared by the bundled recipe and brand-voice fine-tuning.

Plain PyTorch, one readable loop (nanoGPT style): shuffled batches padded to the batch's longest
example, AdamW with linear warm-up and cosine decay, periodic validation perplexity on the copy
tokens only (what the studio generates), checkpoints as ordinary ``save_pretrained`` folders,
progress and cancel checked every step.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from engine.copywriting.prompts import COPY, PAD, special_id
from engine.progress import CancelToken, ProgressFn, null_progress


@dataclass
class LoopConfig:
    max_steps: int = 3000
    batch_size: int = 16
    learning_rate: float = 1e-3
    warmup_steps: int = 100
    weight_decay: float = 0.1
    block_size: int = 256
    eval_every: int = 250
    max_minutes: float = 0.0  # 0 = no wall-clock limit; the schedule still assumes max_steps
    seed: int = 1234
    rewarm_steps: int = 50  # resuming without the optimizer's moments: ramp the rate up again


@dataclass
class ResumePoint:
    """Where a stopped run left off: the weights are already in the model passed to the loop.

    ``optimizer`` and ``order`` are None when resuming from a finished model folder (no saved
    loop state); the loop then re-warms the learning rate over ``rewarm_steps`` so the fresh
    AdamW moments do not jolt the trained weights.
    """

    step: int
    best_ppl: float
    history: list[dict[str, float]]
    seconds: float = 0.0
    optimizer: dict[str, object] | None = None
    order: list[int] | None = None
    rng_state: object = None


@dataclass
class LoopResult:
    steps: int
    seconds: float
    train_loss: float
    valid_ppl: float
    history: list[dict[str, float]] = field(default_factory=list)
    stopped_early: bool = False


def encode(
    tokenizer: PreTrainedTokenizerBase, texts: Sequence[str], block_size: int
) -> list[list[int]]:
    return [ids[:block_size] for ids in tokenizer(list(texts))["input_ids"] if len(ids) > 2]


def _batch(
    rows: Sequence[list[int]], pad_id: int, copy_id: int, copy_only: bool
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), -100, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        input_ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
        start = row.index(copy_id) + 1 if copy_only and copy_id in row else 0
        labels[i, start : len(row)] = torch.tensor(row[start:])
    return input_ids, mask, labels


@torch.no_grad()
def copy_perplexity(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    rows: Sequence[list[int]],
    batch_size: int = 16,
) -> float:
    """Perplexity over the tokens after ``<|copy|>``: how well the model predicts real ad copy."""
    model.eval()
    copy_id = special_id(tokenizer, COPY)
    total_loss, total_tokens = 0.0, 0
    for start in range(0, len(rows), batch_size):
        input_ids, mask, labels = _batch(
            rows[start : start + batch_size], special_id(tokenizer, PAD), copy_id, True
        )
        logits = model(input_ids=input_ids, attention_mask=mask).logits[:, :-1]
        targets = labels[:, 1:]
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.size(-1)),
            targets.reshape(-1),
            ignore_index=-100,
            reduction="sum",
        )
        total_loss += float(loss)
        total_tokens += int((targets != -100).sum())
    return math.exp(total_loss / max(total_tokens, 1))


def _learning_rate(step: int, config: LoopConfig) -> float:
    if step < config.warmup_steps:
        return config.learning_rate * (step + 1) / config.warmup_steps
    progress = min(
        1.0, (step - config.warmup_steps) / max(1, config.max_steps - config.warmup_steps)
    )
    return config.learning_rate * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


STATE_FILE = "loop_state.pt"


def load_resume_point(checkpoint_dir: Path) -> ResumePoint | None:
    """The loop state saved with the last evaluation in ``checkpoint_dir/last``, if any."""
    path = checkpoint_dir / "last" / STATE_FILE
    if not path.exists():
        return None
    state = torch.load(path, map_location="cpu", weights_only=False)
    return ResumePoint(**state)


def _save_last(
    checkpoint_dir: Path, model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, state: dict
) -> None:
    """Weights, tokenizer and loop state of the latest evaluation: what ``--resume`` reads."""
    last = checkpoint_dir / "last"
    model.save_pretrained(last)
    tokenizer.save_pretrained(last)
    torch.save(state, last / f"{STATE_FILE}.tmp")
    (last / f"{STATE_FILE}.tmp").replace(last / STATE_FILE)


def train_loop(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    train_rows: list[list[int]],
    valid_rows: list[list[int]],
    config: LoopConfig,
    checkpoint_dir: Path | None = None,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    resume: ResumePoint | None = None,
) -> LoopResult:
    """Train in place; keeps the best-validation weights in ``checkpoint_dir`` when given, and
    the latest weights with the loop state (``last/``) so a stopped run can continue."""
    rng = random.Random(config.seed)
    torch.manual_seed(config.seed + (resume.step if resume else 0))
    copy_id = special_id(tokenizer, COPY)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": config.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=config.learning_rate,
        betas=(0.9, 0.95),
    )
    order: list[int] = []
    history: list[dict[str, float]] = []
    best_ppl, smoothed, first, earlier_seconds = math.inf, 0.0, 1, 0.0
    rewarm = 0
    if resume is not None:
        first, best_ppl, history = resume.step + 1, resume.best_ppl, list(resume.history)
        earlier_seconds = resume.seconds
        if resume.optimizer is not None:
            optimizer.load_state_dict(resume.optimizer)
        else:
            rewarm = config.rewarm_steps
        if resume.order is not None and resume.rng_state is not None:
            order = list(resume.order)
            rng.setstate(resume.rng_state)  # type: ignore[arg-type]
    started = time.perf_counter() - earlier_seconds
    stopped_early = False
    step = first - 1
    for step in range(first, config.max_steps + 1):
        if cancel is not None:
            cancel.check()
        model.train()
        if len(order) < config.batch_size:
            order = list(range(len(train_rows)))
            rng.shuffle(order)
        batch = [train_rows[order.pop()] for _ in range(min(config.batch_size, len(train_rows)))]
        input_ids, mask, labels = _batch(batch, special_id(tokenizer, PAD), copy_id, False)
        ramp = min(1.0, (step - first + 1) / rewarm) if rewarm else 1.0
        for group in optimizer.param_groups:
            group["lr"] = _learning_rate(step - 1, config) * ramp
        loss = model(input_ids=input_ids, attention_mask=mask, labels=labels).loss
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        loss_value = loss.item()
        smoothed = loss_value if step == first else 0.98 * smoothed + 0.02 * loss_value
        elapsed = time.perf_counter() - started
        out_of_time = config.max_minutes > 0 and elapsed - earlier_seconds > config.max_minutes * 60
        if step % config.eval_every == 0 or step == config.max_steps or out_of_time:
            ppl = copy_perplexity(model, tokenizer, valid_rows) if valid_rows else math.nan
            history.append(
                {
                    "step": step,
                    "seconds": round(elapsed, 1),
                    "train_loss": round(smoothed, 4),
                    "valid_ppl": round(ppl, 3),
                }
            )
            if checkpoint_dir is not None:
                (checkpoint_dir / "history.json").parent.mkdir(parents=True, exist_ok=True)
                (checkpoint_dir / "history.json").write_text(
                    json.dumps({"config": asdict(config), "history": history}, indent=1)
                )
                if ppl < best_ppl:
                    model.save_pretrained(checkpoint_dir / "best")
                    tokenizer.save_pretrained(checkpoint_dir / "best")
            best_ppl = min(best_ppl, ppl)
            if checkpoint_dir is not None:
                _save_last(
                    checkpoint_dir,
                    model,
                    tokenizer,
                    {
                        "step": step,
                        "best_ppl": best_ppl,
                        "history": history,
                        "seconds": elapsed,
                        "optimizer": optimizer.state_dict(),
                        "order": order,
                        "rng_state": rng.getstate(),
                    },
                )
        progress(
            step / config.max_steps, f"Training step {step}/{config.max_steps}, loss {smoothed:.2f}"
        )
        if out_of_time:
            stopped_early = True
            break
    final_ppl = history[-1]["valid_ppl"] if history else math.nan
    return LoopResult(
        step, time.perf_counter() - started, smoothed, final_ppl, history, stopped_early
    )
