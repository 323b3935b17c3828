"""The GRU: shapes, state reset between sequences, learning a pattern, checkpoints, increments."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.profiles.batching import iter_hidden_states, training_windows
from engine.profiles.checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from engine.profiles.gru import (
    FORMAT_VERSION,
    GRUConfig,
    SequenceGRU,
    resolve_device,
    time_gap_features,
)
from engine.profiles.incremental import advance_states
from engine.profiles.sequences import EventSequences, RawEvents, encode_events
from engine.profiles.train import TrainConfig
from engine.targeting.recommenders.gru import GRURecommender
from engine.targeting.recommenders.popularity import Popularity
from engine.targeting.recommenders.session_eval import evaluate_sessions
from tests.recommenders.toy import sessions

CPU = torch.device("cpu")


def cyclic_sessions(n: int, items: int = 8, length: int = 6, seed: int = 0) -> EventSequences:
    """Each session walks the cycle 0→1→…→items-1→0 from a random start: next item is certain."""
    rng = np.random.default_rng(seed)
    return sessions(
        [[f"i{(start + t) % items}" for t in range(length)] for start in rng.integers(0, items, n)]
    )


def small_model(n_items: int = 8, n_categories: int = 1) -> SequenceGRU:
    torch.manual_seed(0)
    config = GRUConfig(
        n_items=n_items,
        n_categories=n_categories,
        embedding_dim=8,
        hidden_size=16,
        category_dim=4,
        dropout=0.0,
    )
    return SequenceGRU(config).eval()


def test_forward_shapes_and_heads() -> None:
    model = small_model(n_categories=3)
    items = torch.tensor([[0, 1, 2], [3, -1, -1]])
    categories = torch.tensor([[0, 1, 2], [1, -1, -1]])
    states, last = model(items, categories, torch.zeros(2, 3, 2))
    assert states.shape == (2, 3, 16) and last.shape == (2, 16)
    assert model.item_scores(states).shape == (2, 3, 8)
    assert model.item_scores(states, torch.tensor([1, 5])).shape == (2, 3, 2)
    assert model.category_logits(last).shape == (2, 3)


def test_hidden_state_starts_fresh_for_every_sequence() -> None:
    model = small_model()
    alone = sessions([["i2", "i3"]])
    after_other = sessions([["i0", "i1", "i4", "i5", "i6"], ["i2", "i3"]], alone.item_vocab)
    _, _, last_alone = next(iter_hidden_states(model, alone, CPU))
    states = {
        int(s): h
        for chosen, _, last in iter_hidden_states(model, after_other, CPU)
        for s, h in zip(chosen, last, strict=True)
    }
    torch.testing.assert_close(states[1], last_alone[0])


def test_training_windows_cover_every_pair_once() -> None:
    starts, ends = training_windows(np.array([0, 1, 6, 8]), max_length=2)
    # a 1-event sequence is skipped; 5 events -> windows [1,4) and [3,6) ; 2 events -> [6,8)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [(1, 4), (3, 6), (6, 8)]


def test_time_gap_features_continue_from_a_previous_event() -> None:
    timestamps = np.array([0.0, 3600.0, 3600.0 + 7200.0])
    features = time_gap_features(timestamps, np.array([0, 3]))
    assert features[:, 1].tolist() == [1.0, 1.0, 1.0]  # first event, then gaps over 30 minutes
    assert features[1, 0] == pytest.approx(np.log1p(1.0))
    continued = time_gap_features(timestamps[2:], np.array([0, 1]), previous=np.array([3600.0]))
    np.testing.assert_allclose(continued[0], features[2])


@pytest.mark.parametrize(
    "loss",
    [
        {"n_negatives": 4},
        {"n_negatives": 4, "logq_correction": True},
        {"n_negatives": 0},
        {"n_negatives": 4, "loss": "bpr_max", "optimizer": "adagrad", "momentum": 0.3},
        {"n_negatives": 4, "schedule": "session_parallel"},
    ],
)
def test_tiny_gru_learns_a_deterministic_pattern_far_better_than_popularity(
    loss: dict[str, object],
) -> None:
    train, test = cyclic_sessions(300), cyclic_sessions(40, seed=1)
    test = sessions(
        [[test.item_vocab.ids[i] for i in seq] for seq in test.iter_sequences()], train.item_vocab
    )
    gru = GRURecommender(
        GRUConfig(n_items=0, embedding_dim=8, hidden_size=16, dropout=0.0),
        TrainConfig(epochs=6, batch_size=16, learning_rate=0.02, device="cpu", **loss),  # type: ignore[arg-type]
    ).fit(train)
    gru_score = evaluate_sessions(gru, test, cutoff=1)
    popularity_score = evaluate_sessions(Popularity().fit(train), test, cutoff=1)
    assert gru_score.recall > 0.9
    assert gru_score.recall > popularity_score.recall + 0.5
    assert gru.training_.curves[-1]["loss"] < gru.training_.curves[0]["loss"]


def test_checkpoint_round_trip_keeps_config_version_and_scores(tmp_path: Path) -> None:
    model = small_model(n_categories=3)
    train = sessions([["a", "b", "c"]])
    save_checkpoint(
        tmp_path / "ck", Checkpoint(model, train.item_vocab, train.category_vocab, {"note": 1})
    )
    loaded = load_checkpoint(tmp_path / "ck")
    assert loaded.model.config == model.config
    assert loaded.item_vocab.ids == ("a", "b", "c") and loaded.extra == {"note": 1}
    hidden = torch.randn(2, 16)
    torch.testing.assert_close(loaded.model.item_scores(hidden), model.item_scores(hidden))
    config = (tmp_path / "ck" / "config.json").read_text()
    assert f'"format_version": {FORMAT_VERSION}' in config
    (tmp_path / "ck" / "config.json").write_text(
        config.replace(
            f'"format_version": {FORMAT_VERSION}', f'"format_version": {FORMAT_VERSION + 1}'
        )
    )
    with pytest.raises(ValueError, match="newer"):
        load_checkpoint(tmp_path / "ck")


def test_a_format_1_checkpoint_without_item_projection_still_loads(tmp_path: Path) -> None:
    model = small_model(n_categories=3)
    train = sessions([["a", "b", "c"]])
    save_checkpoint(tmp_path / "ck", Checkpoint(model, train.item_vocab, train.category_vocab, {}))
    config_path = tmp_path / "ck" / "config.json"
    config = json.loads(config_path.read_text())
    config["format_version"] = 1
    del config["model"]["item_projection"]
    config_path.write_text(json.dumps(config))
    loaded = load_checkpoint(tmp_path / "ck")
    assert loaded.model.config.item_projection is True
    hidden = torch.randn(2, 16)
    torch.testing.assert_close(loaded.model.item_scores(hidden), model.item_scores(hidden))


def test_incremental_update_equals_a_full_recompute() -> None:
    model = small_model(n_categories=2)
    times = [0.0, 60.0, 86400.0, 90000.0, 5 * 86400.0]
    raw = RawEvents(["c"] * 5, ["i1", "i2", "i3", "i1", "i4"], ["x", "y", "x", "x", "y"], times)
    full = encode_events(raw)
    hidden = model.config.hidden_size
    whole = advance_states(model, full, np.zeros((1, hidden), np.float32), np.array([np.nan]), CPU)
    head = full.subset([0])
    head = EventSequences(
        head.items[:3],
        np.array([0, 3]),
        head.categories[:3],
        head.timestamps[:3],
        head.keys,
        head.item_vocab,
        head.category_vocab,
    )
    tail = EventSequences(
        full.items[3:],
        np.array([0, 2]),
        full.categories[3:],
        full.timestamps[3:],
        full.keys,
        full.item_vocab,
        full.category_vocab,
    )
    stored = advance_states(model, head, np.zeros((1, hidden), np.float32), np.array([np.nan]), CPU)
    continued = advance_states(model, tail, stored, np.array([times[2]]), CPU)
    np.testing.assert_allclose(continued, whole, rtol=1e-5, atol=1e-6)


def test_device_choice() -> None:
    assert resolve_device("cpu") == CPU
    assert resolve_device("auto").type in ("cpu", "cuda")
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="no CUDA"):
            resolve_device("cuda")
    with pytest.raises(ValueError):
        resolve_device("tpu")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU on this machine")
def test_cuda_scores_match_cpu_scores() -> None:
    model = small_model(n_categories=2)
    sequences = cyclic_sessions(5)
    on_cpu = GRURecommender.from_model(model, "cpu").score_last(sequences)
    on_gpu = GRURecommender.from_model(small_model(n_categories=2), "cuda").score_last(sequences)
    np.testing.assert_allclose(on_gpu, on_cpu, rtol=1e-4, atol=1e-5)


def test_reverse_augmentation_appends_each_sequence_backwards_with_positive_gaps() -> None:
    from engine.profiles.train import _with_reversed_copies

    doubled = _with_reversed_copies(sessions([["a", "b", "c"], ["d", "e"]]))
    assert doubled.items.tolist() == [0, 1, 2, 3, 4, 2, 1, 0, 4, 3]
    assert doubled.offsets.tolist() == [0, 3, 5, 8, 10]
    assert doubled.keys[2:] == ("s0~reversed", "s1~reversed")
    for s in range(doubled.n_sequences):
        stamps = doubled.timestamps[doubled.offsets[s] : doubled.offsets[s + 1]]
        assert (np.diff(stamps) >= 0).all()
