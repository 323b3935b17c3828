"""Session-parallel one-step batches: every pair once, states equal running each sequence alone."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch

from engine.profiles.gru import GRUConfig, SequenceGRU, time_gap_features
from engine.profiles.session_parallel import session_order, session_parallel_steps
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
    order = session_order(train, "random", np.random.default_rng(0))
    steps = session_parallel_steps(model, train, features, batch_size=1, order=order, device=CPU)
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
    order = session_order(train, "random", np.random.default_rng(1))
    steps = session_parallel_steps(model, train, features, batch_size=3, order=order, device=CPU)
    with torch.no_grad():
        for hidden, targets, _ in steps:
            assert hidden.shape == (3, 6)  # slots never shrink: the epoch ends instead
            seen.extend(targets.tolist())
    all_pairs = int((train.lengths - 1).sum())
    assert len(seen) == len(set(seen))
    assert all_pairs - max(train.lengths - 1) * 3 <= len(seen) <= all_pairs


def test_time_order_takes_sessions_by_their_first_event() -> None:
    train = sessions([["a", "b"], ["c"], ["d", "e"], ["f", "g"]])
    shifted = train.timestamps.copy()
    shifted[train.offsets[2] : train.offsets[3]] -= 10_000  # session 2 happened first
    earlier = replace(train, timestamps=shifted)
    order = session_order(earlier, "time", np.random.default_rng(0))
    assert order.tolist() == [2, 0, 3]  # the one-event session has nothing to learn
    with pytest.raises(ValueError, match="random, time"):
        session_order(train, "newest", np.random.default_rng(0))


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
            clip_norm=0.0,
            sparse_item_updates=True,
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


def test_constrained_embedding_scores_the_hidden_state_against_the_item_table() -> None:
    model = SequenceGRU(GRUConfig(n_items=5, embedding_dim=6, hidden_size=6, item_projection=False))
    hidden = torch.randn(2, 6)
    table = model.item_embedding.weight[:5]
    torch.testing.assert_close(model.item_scores(hidden), hidden @ table.T + model.item_bias)
    assert not any("to_item_space" in name for name, _ in model.named_parameters())
    with pytest.raises(ValueError, match="hidden_size"):
        GRUConfig(n_items=5, embedding_dim=4, hidden_size=6, item_projection=False)


@pytest.mark.parametrize(("optimizer", "clip_norm"), [("adam", 0.0), ("adagrad", 5.0)])
def test_sparse_item_updates_need_adagrad_without_clipping(
    optimizer: str, clip_norm: float
) -> None:
    train = sessions([["a", "b", "c"]])
    config = TrainConfig(
        schedule="session_parallel",
        optimizer=optimizer,
        clip_norm=clip_norm,
        sparse_item_updates=True,
    )
    with pytest.raises(ValueError, match="sparse_item_updates"):
        GRURecommender(GRUConfig(n_items=0, embedding_dim=4, hidden_size=4), config).fit(train)
