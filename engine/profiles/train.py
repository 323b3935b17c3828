"""Training the sequence GRU: two batching schedules, sampled losses, curves.

Loss, per next-event pair, over the true next item, the mini-batch's other targets and
``n_negatives`` items sampled once per mini-batch with probability ∝ count^α (shared across the
batch, so scoring them is one matrix product): softmax cross-entropy or BPR-max with score
regularisation (``losses``). A negative equal to the true item is masked out; ``logq_correction``
subtracts each candidate's log expected count so the sampled softmax estimates the full one.
``n_negatives=0`` trains with the full softmax cross-entropy instead. When the shop has
categories the next-category head adds its own cross-entropy, weighted by ``category_weight``.

Schedules (``TrainConfig.schedule``); both start every sequence from a zero hidden state, so
nothing leaks between sessions or customers:

* ``windows``: a mini-batch holds whole sessions (or windows of long histories) and gradients flow
  through the whole window (back-propagation through time); one update per mini-batch.
* ``session_parallel``: GRU4Rec's one-step updates (``session_parallel``), one update per time
  step of ``batch_size`` sequences running side by side; many more, smaller updates per epoch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from engine.profiles.batching import length_sorted_batches, pad_windows, training_windows
from engine.profiles.gru import (
    GRUConfig,
    SequenceGRU,
    cpu_threads,
    resolve_device,
    time_gap_features,
)
from engine.profiles.losses import sampled_loss
from engine.profiles.optim import AdagradMomentum
from engine.profiles.sequences import UNKNOWN, EventSequences
from engine.profiles.session_parallel import StepInputs, session_order, session_parallel_steps
from engine.profiles.targets import NO_TARGET, horizon_targets, next_event_targets
from engine.progress import CancelToken, ProgressFn, null_progress

SCHEDULES = ("windows", "session_parallel")
EpochEvaluator = Callable[[SequenceGRU], dict[str, float]]


@dataclass
class TrainConfig:
    epochs: int = 5
    schedule: str = "windows"  # windows (BPTT over whole windows) | session_parallel (one-step)
    batch_size: int = 64  # windows per mini-batch, or parallel slots for session_parallel
    session_order: str = "random"  # session_parallel: random | time (see ``session_parallel``)
    max_length: int = 100  # longer histories are cut into windows of this many steps
    learning_rate: float = 2e-3
    optimizer: str = "adam"  # adam | adagrad (GRU4Rec's Adagrad, with ``momentum``)
    momentum: float = 0.0  # Nesterov momentum of the adagrad optimizer (see ``optim``)
    weight_decay: float = 0.0
    n_negatives: int = 1024  # 0 = full softmax over every item
    loss: str = "cross_entropy"  # cross_entropy | bpr_max (sampled losses, see ``losses``)
    bpr_regularisation: float = 1.0  # λ of BPR-max's score regularisation
    # α of an ELU applied to the sampled scores before the loss (GRU4Rec's "elu-0.5" final
    # activation for BPR-max); 0 = scores used as they are. Rankings are unchanged by it.
    elu_alpha: float = 0.0
    logq_correction: bool = False
    reverse_augment: bool = False  # also learn from every sequence read backwards
    sample_alpha: float = 0.5  # 0 = uniform, 1 = proportional to popularity
    # windows schedule: > 0 = learn an item of the customer's later orders within this many days
    # instead of the next event (``targets``); 0 = the next event
    target_horizon_days: float = 0.0
    category_weight: float = 0.5
    clip_norm: float = 5.0  # 0 = no gradient clipping
    # Update only the item rows a step touches (adagrad only, no clipping; see ``optim``).
    sparse_item_updates: bool = False
    seed: int = 42
    device: str = "auto"
    cpu_threads: int = 1  # see ``gru.cpu_threads``


@dataclass
class TrainingResult:
    model: SequenceGRU
    curves: list[dict[str, float]] = field(default_factory=list)  # one row per epoch
    seconds_per_epoch: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {"curves": self.curves, "seconds_per_epoch": self.seconds_per_epoch}


def train_gru(
    train: EventSequences,
    model_config: GRUConfig,
    config: TrainConfig,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    evaluate: EpochEvaluator | None = None,
    log_dir: Path | None = None,
) -> TrainingResult:
    """Train a fresh :class:`SequenceGRU` on ``train`` and return it with its learning curves.

    ``evaluate`` (optional) is called after each epoch, e.g. validation Recall@20; its numbers
    join the curves and TensorBoard (``log_dir``).
    """
    with cpu_threads(config.cpu_threads):
        return _train(
            train, model_config, config, progress, cancel or CancelToken(), evaluate, log_dir
        )


def _train(
    train: EventSequences,
    model_config: GRUConfig,
    config: TrainConfig,
    progress: ProgressFn,
    cancel: CancelToken,
    evaluate: EpochEvaluator | None,
    log_dir: Path | None,
) -> TrainingResult:
    if config.schedule not in SCHEDULES:
        raise ValueError(
            f"unknown schedule {config.schedule!r}: expected one of {', '.join(SCHEDULES)}"
        )
    if config.sparse_item_updates and (config.optimizer != "adagrad" or config.clip_norm > 0):
        raise ValueError(
            "sparse_item_updates needs optimizer='adagrad' and clip_norm=0 "
            f"(got {config.optimizer!r}, clip_norm={config.clip_norm})"
        )
    if config.target_horizon_days > 0 and (config.schedule != "windows" or config.reverse_augment):
        raise ValueError(
            "target_horizon_days needs the windows schedule over histories in time order "
            f"(got schedule={config.schedule!r}, reverse_augment={config.reverse_augment})"
        )
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    device = resolve_device(config.device)
    model = SequenceGRU(model_config).to(device)
    model.item_embedding.sparse = config.sparse_item_updates
    optimizer = _make_optimizer(model, config)
    if config.reverse_augment:
        train = _with_reversed_copies(train)
    time_features = time_gap_features(train.timestamps, train.offsets)
    starts, ends = training_windows(train.offsets, config.max_length)
    if not len(starts):
        raise ValueError("nothing to learn from: no sequence has two or more events")
    sampler = NegativeSampler(train, config.sample_alpha, rng)
    writer = _tensorboard_writer(log_dir)
    result = TrainingResult(model)
    epoch_seconds = []
    pairs_per_epoch = int((train.lengths[train.lengths >= 2] - 1).sum())
    for epoch in range(config.epochs):
        model.train()
        started = time.perf_counter()
        if config.schedule == "session_parallel":
            order = session_order(train, config.session_order, rng)
            steps = session_parallel_steps(
                model, train, time_features, config.batch_size, order, device
            )
        else:
            targets = (
                horizon_targets(train, config.target_horizon_days, rng)
                if config.target_horizon_days > 0
                else next_event_targets(train)
            )
            steps = _window_steps(
                model, train, time_features, targets, starts, ends, config, rng, device
            )
        total_loss, total_pairs = 0.0, 0
        for step, (hidden, next_items, next_categories) in enumerate(steps):
            cancel.check()
            loss = _pair_loss(model, hidden, next_items, next_categories, sampler, config, device)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            if config.clip_norm > 0:
                nn.utils.clip_grad_norm_(model.parameters(), config.clip_norm)
            optimizer.step()
            total_loss += loss.item() * len(next_items)
            total_pairs += len(next_items)
            if step % 200 == 0:
                fraction = (epoch + min(total_pairs / pairs_per_epoch, 1.0)) / config.epochs
                progress(fraction, f"Training epoch {epoch + 1}/{config.epochs}")
        epoch_seconds.append(time.perf_counter() - started)
        row = {
            "epoch": epoch + 1,
            "loss": total_loss / max(total_pairs, 1),
            "seconds": epoch_seconds[-1],
        }
        if evaluate is not None:
            row.update(evaluate(model))
        result.curves.append(row)
        if writer is not None:
            for key, value in row.items():
                if key != "epoch":
                    writer.add_scalar(f"gru/{key}", value, epoch + 1)
            writer.flush()
    if writer is not None:
        writer.close()
    result.seconds_per_epoch = float(np.mean(epoch_seconds)) if epoch_seconds else 0.0
    model.item_embedding.sparse = False  # sparse gradients are a training detail only
    model.eval()
    progress(1.0, "Training finished")
    return result


class NegativeSampler:
    """Draws item indices with probability ∝ (occurrences)^α, one shared set per mini-batch.

    Also knows each item's share of all events (``unigram``) and its draw probability, which the
    log-Q correction needs: a candidate's logit is lowered by the log of how often it is expected
    among the candidates, so the sampled loss estimates the full softmax without favouring rare
    items (Bengio & Senécal 2008; Yi et al. 2019).
    """

    def __init__(self, train: EventSequences, alpha: float, rng: np.random.Generator) -> None:
        counts = np.bincount(train.items[train.items != UNKNOWN], minlength=train.n_items)
        weights = counts.astype(np.float64) ** alpha
        self.probability = weights / weights.sum()
        self.unigram = counts / max(counts.sum(), 1)
        self._cdf = np.cumsum(self.probability)
        self._rng = rng

    def draw(self, size: int) -> np.ndarray:
        picks = np.searchsorted(self._cdf, self._rng.random(size), side="right")
        return np.minimum(picks, len(self._cdf) - 1).astype(np.int64)

    def log_expected_count(self, candidates: np.ndarray, pairs: int, draws: int) -> np.ndarray:
        """log E[times each candidate appears among ``pairs`` targets and ``draws`` samples]."""
        expected = pairs * self.unigram[candidates] + draws * self.probability[candidates]
        return np.log(np.maximum(expected, 1e-12)).astype(np.float32)


def _window_steps(
    model: SequenceGRU,
    train: EventSequences,
    time_features: np.ndarray,
    targets: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    config: TrainConfig,
    rng: np.random.Generator,
    device: torch.device,
) -> Iterator[StepInputs]:
    """One step per mini-batch of whole windows (BPTT through each window, zero start state).

    Every event but a window's last is an input; ``targets[p]`` is the flat position of the event
    whose item and category the event at position ``p`` learns to predict (``targets``)."""
    target_positions = np.append(targets, NO_TARGET)
    target_items = np.append(train.items, UNKNOWN)
    target_cats = np.append(train.categories, UNKNOWN)
    for chosen in length_sorted_batches(ends - starts, config.batch_size, rng):
        batch = pad_windows(train, time_features, starts[chosen], ends[chosen])
        items, categories, times = batch.tensors(device)
        states, _ = model(items[:, :-1], categories[:, :-1], times[:, :-1])
        # Padding (position -1) and NO_TARGET (-1) both index the UNKNOWN appended last.
        wanted = target_positions[batch.positions[:, :-1]]
        wanted_items = torch.from_numpy(target_items[wanted]).to(device)
        mask = wanted_items != UNKNOWN
        if mask.any():
            target_categories = torch.from_numpy(target_cats[wanted]).to(device)
            yield states[mask], wanted_items[mask], target_categories[mask]


def _pair_loss(
    model: SequenceGRU,
    hidden: torch.Tensor,
    target_items: torch.Tensor,
    next_categories: torch.Tensor,
    sampler: NegativeSampler,
    config: TrainConfig,
    device: torch.device,
) -> torch.Tensor:
    """Next-item loss (+ weighted next-category loss) of hidden states ``(pairs, hidden)``."""
    if config.n_negatives > 0:
        loss = _sampled_item_loss(model, hidden, target_items, sampler, config, device)
    else:  # full softmax: affordable for catalogues of a few thousand items
        loss = nn.functional.cross_entropy(model.item_scores(hidden), target_items)
    if model.config.uses_categories and config.category_weight > 0:
        known = next_categories != UNKNOWN
        if known.any():
            category_loss = nn.functional.cross_entropy(
                model.category_logits(hidden[known]), next_categories[known]
            )
            loss = loss + config.category_weight * category_loss
    return loss


def _sampled_item_loss(
    model: SequenceGRU,
    hidden: torch.Tensor,
    target_items: torch.Tensor,
    sampler: NegativeSampler,
    config: TrainConfig,
    device: torch.device,
) -> torch.Tensor:
    """Cross-entropy over this batch's distinct targets (in-batch negatives) + shared samples."""
    batch_items, label = torch.unique(target_items, return_inverse=True)
    sampled_np = sampler.draw(config.n_negatives)
    sampled = torch.from_numpy(sampled_np).to(device)
    candidates = torch.cat([batch_items, sampled])
    logits = model.item_scores(hidden, candidates)
    if config.logq_correction:
        correction = sampler.log_expected_count(
            np.concatenate([batch_items.cpu().numpy(), sampled_np]),
            len(target_items),
            len(sampled_np),
        )
        logits = logits - torch.from_numpy(correction).to(device)
    if config.elu_alpha > 0:
        logits = nn.functional.elu(logits, config.elu_alpha)
    accidental_hit = torch.cat(
        [
            torch.zeros(len(hidden), len(batch_items), dtype=torch.bool, device=device),
            sampled[None, :] == target_items[:, None],
        ],
        dim=1,
    )
    return sampled_loss(config.loss, logits, label, accidental_hit, config.bpr_regularisation)


def _with_reversed_copies(train: EventSequences) -> EventSequences:
    """``train`` followed by each sequence reversed (time mirrored so gaps stay positive).

    Inside an invoice the order of lines is largely arbitrary, so "A then B" is also evidence for
    "B then A"; the copies double the transitions the model sees.
    """
    order = np.concatenate(
        [np.arange(end - 1, start - 1, -1) for start, end in pairwise(train.offsets)]
        or [np.zeros(0, np.int64)]
    ).astype(np.int64)
    return EventSequences(
        items=np.concatenate([train.items, train.items[order]]),
        offsets=np.concatenate([train.offsets, train.offsets[1:] + len(train)]),
        categories=np.concatenate([train.categories, train.categories[order]]),
        timestamps=np.concatenate([train.timestamps, -train.timestamps[order]]),
        keys=train.keys + tuple(f"{key}~reversed" for key in train.keys),
        item_vocab=train.item_vocab,
        category_vocab=train.category_vocab,
    )


def _make_optimizer(model: nn.Module, config: TrainConfig) -> torch.optim.Optimizer:
    if config.optimizer == "adam":
        return torch.optim.Adam(
            model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
        )
    if config.optimizer == "adagrad":
        return AdagradMomentum(
            model.parameters(),
            lr=config.learning_rate,
            momentum=config.momentum,
            weight_decay=config.weight_decay,
        )
    raise ValueError(f"unknown optimizer {config.optimizer!r}: expected adam or adagrad")


def _tensorboard_writer(log_dir: Path | None) -> Any:
    if log_dir is None:
        return None
    from torch.utils.tensorboard import SummaryWriter  # imported lazily: it is slow to import

    log_dir.mkdir(parents=True, exist_ok=True)
    return SummaryWriter(log_dir=str(log_dir))


def config_summary(model_config: GRUConfig, config: TrainConfig) -> dict[str, Any]:
    return {"model": asdict(model_config), "train": asdict(config)}
