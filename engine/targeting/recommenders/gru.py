"""The profile GRU as a recommender: fit trains :mod:`engine.profiles.train`, scoring runs it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Self

import numpy as np
import torch

from engine.profiles.batching import iter_hidden_states
from engine.profiles.gru import GRUConfig, SequenceGRU, resolve_device
from engine.profiles.sequences import EventSequences
from engine.profiles.train import EpochEvaluator, TrainConfig, TrainingResult, train_gru
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.recommenders.base import Recommender

# Tuned on train_tr/valid of the shared online-retail split (benchmarks/notes/gru_tuning.md):
# GRU4Rec's recipe (one-step session-parallel updates in time order, BPR-max with score
# regularisation after an ELU-0.5, Adagrad with momentum, 2048 shared negatives ∝ count^0.2,
# constrained embeddings, input dropout .5), batch 128 and row-sparse item updates for speed.
SESSION_MODEL = GRUConfig(
    n_items=0,
    embedding_dim=256,
    hidden_size=256,
    item_projection=False,
    dropout=0.5,
    hidden_dropout=0.05,
)
SESSION_TRAINING = TrainConfig(
    schedule="session_parallel",
    session_order="time",
    epochs=4,
    batch_size=128,
    optimizer="adagrad",
    learning_rate=0.03,
    momentum=0.3,
    loss="bpr_max",
    elu_alpha=0.5,
    bpr_regularisation=1.95,
    n_negatives=2048,
    sample_alpha=0.2,
    clip_norm=0.0,
    sparse_item_updates=True,
)


class GRURecommender(Recommender):
    """``model_config`` sizes the network (``n_items``/``n_categories`` are taken from the data)."""

    name = "gru"

    def __init__(
        self,
        model_config: GRUConfig | None = None,
        train_config: TrainConfig | None = None,
        log_dir: Path | None = None,
    ) -> None:
        self.model_config = model_config or GRUConfig(n_items=0)
        self.train_config = train_config or TrainConfig()
        self.log_dir = log_dir

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
        evaluate: EpochEvaluator | None = None,
    ) -> Self:
        config = replace(self.model_config, n_items=train.n_items, n_categories=train.n_categories)
        self.training_: TrainingResult = train_gru(
            train, config, self.train_config, progress, cancel, evaluate, self.log_dir
        )
        self.model_: SequenceGRU = self.training_.model
        self.device_ = resolve_device(self.train_config.device)
        self.n_items_ = train.n_items
        return self

    @classmethod
    def from_model(cls, model: SequenceGRU, device: str = "auto") -> GRURecommender:
        """Wrap an already trained network (e.g. loaded from a checkpoint)."""
        recommender = cls(model.config, TrainConfig(device=device))
        recommender.device_ = resolve_device(device)
        recommender.model_ = model.to(recommender.device_).eval()
        recommender.n_items_ = model.config.n_items
        return recommender

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        self.check_fitted()
        empty = np.zeros((0, self.n_items_), dtype=np.float32)
        next_to_yield = 0
        batches = iter_hidden_states(self.model_, sequences, self.device_, longest_first=False)
        for chosen, states, _ in batches:
            with torch.no_grad():
                for row, s in enumerate(chosen):
                    while next_to_yield < s:  # empty sequences in between
                        yield empty
                        next_to_yield += 1
                    length = int(sequences.lengths[s])
                    yield self.model_.item_scores(states[row, :length]).float().cpu().numpy()
                    next_to_yield += 1
        for _ in range(next_to_yield, sequences.n_sequences):
            yield empty

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        self.check_fitted()
        rows = np.zeros((sequences.n_sequences, self.n_items_), dtype=np.float32)
        for chosen, _, last in iter_hidden_states(self.model_, sequences, self.device_):
            with torch.no_grad():
                rows[chosen] = self.model_.item_scores(last).float().cpu().numpy()
        return rows
