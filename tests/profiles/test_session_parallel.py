"""Session-parallel one-step batches: every pair once, states equal running each sequence alone."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engine.profiles.gru import GRUConfig, SequenceGRU, time_gap_features
from engine.profiles.session_parallel import session_parallel_steps
from engine.profiles.train import TrainConfig
from engine.targeting.recommenders.gru import GRURecommender
from tests.recommenders.toy import sessions

CPU = torch.device("cpu")


def distinct_item_sessions(lengths: list[int]) -> list[list[str]]:
    """Sessions whose events are all different items, so a target names its (session, step)."""
    counter = iter(range(sum(lengths)))
    return [[f"e{next(counter)}" for _ in range(length)] for length in lengths]


def test_states_equal_each_sequence_run_alone_and_every_pair_comes_once() -> None:
    rows = distinct_item_sessions([4, 1, 7, 2, 5, 3])
    train = sessions(rows)
    torch.manual_seed(0)
    model = SequenceGRU(GRUConfig(n_items=train.n_items, embedding_dim=4, hidden_size=6)).eval()
    features = time_gap_features(train.timestamps, train.offsets)
    expected: dict[int, torch.Tensor] = {}  # target item -> state that predicts it
    with torch.no_grad():
        for s in range(train.n_sequences):
            start, end = train.offsets[s], train.offsets[s + 1]
            items = torch.from_numpy(train.items[start:end])[None]
            states, _ = model(items, items, torch.from_numpy(features[start:end])[None])
            for t in range(end - start - 1):
                expected[int(train.items[start + t + 1])] = states[0, t]
    seen: list[int] = []
    steps = session_parallel_steps(
        model, train, features, batch_size=1, rng=np.random.default_rng(0), device=CPU
    )
    with torch.no_grad():
        for hidden, targets, _ in steps:
            for row, target in enumerate(targets.tolist()):
                torch.testing.assert_close(hidden[row], expected[target])
                seen.append(target)
    assert sorted(seen) == sorted(expected)  # one slot: nothing is left over


def test_parallel_slots_stop_when_no_sequence_is_left_and_never_repeat_a_pair() -> None:
    rows = distinct_item_sessions([3, 9, 2, 4, 6, 2, 5, 8])
    train = sessions(rows)
    model = SequenceGRU(GRUConfig(n_items=train.n_items, embedding_dim=4, hidden_size=6)).eval()
    features = time_gap_features(train.timestamps, train.offsets)
    seen: list[int] = []
    steps = session_parallel_steps(
        model, train, features, batch_size=3, rng=np.random.default_rng(1), device=CPU
    )
    with torch.no_grad():
        for hidden, targets, _ in steps:
            assert hidden.shape == (3, 6)  # slots never shrink: the epoch ends instead
            seen.extend(targets.tolist())
    all_pairs = int((train.lengths - 1).sum())
    assert len(seen) == len(set(seen))
    assert all_pairs - max(train.lengths - 1) * 3 <= len(seen) <= all_pairs


def _train_tiny(device: str) -> np.ndarray:
    train = sessions([[f"i{(start + t) % 6}" for t in range(5)] for start in range(30)])
    gru = GRURecommender(
        GRUConfig(n_items=0, embedding_dim=4, hidden_size=8, dropout=0.0),
        TrainConfig(
            epochs=2,
            batch_size=4,
            schedule="session_parallel",
            loss="bpr_max",
            optimizer="adagrad",
            momentum=0.3,
            n_negatives=3,
            device=device,
        ),
    ).fit(train)
    return gru.score_last(train)


def test_session_parallel_training_runs_on_the_cpu_device_path() -> None:
    scores = _train_tiny("cpu")
    assert scores.shape == (30, 6) and np.isfinite(scores).all()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU on this machine")
def test_session_parallel_training_gives_the_same_model_on_cuda() -> None:
    np.testing.assert_allclose(_train_tiny("cuda"), _train_tiny("cpu"), rtol=1e-3, atol=1e-4)
