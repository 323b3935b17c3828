"""Training targets: the next event, or an item of a later order within a horizon."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engine.profiles.batching import iter_hidden_states
from engine.profiles.gru import GRUConfig
from engine.profiles.sequences import EventSequences, RawEvents, encode_events
from engine.profiles.targets import NO_TARGET, horizon_targets, next_event_targets
from engine.profiles.train import TrainConfig, train_gru
from engine.targeting.recommenders.gru import GRURecommender

DAY = 86_400.0


def histories(
    rows: dict[str, list[tuple[float, str]]], categories: dict[str, str] | None = None
) -> EventSequences:
    """Customer → [(day, item)]; events of the same day are one order; ``categories`` maps an
    item to its category (default NA)."""
    raw = RawEvents([], [], [], [])
    for key, events in rows.items():
        for day, item in events:
            raw.sequence_keys.append(key)
            raw.item_ids.append(item)
            raw.category_names.append((categories or {}).get(item, "NA"))
            raw.timestamps.append(1_600_000_000.0 + day * DAY)
    return encode_events(raw)


def names(sequences: EventSequences, targets: np.ndarray) -> list[str | None]:
    """The item of each target event (None: nothing to learn)."""
    return [
        None if t == NO_TARGET else sequences.item_vocab.ids[sequences.items[t]] for t in targets
    ]


def test_next_event_targets_stop_at_each_sequence_end() -> None:
    seqs = histories({"a": [(0, "x"), (1, "y")], "b": [(0, "z")], "c": [(0, "x"), (0, "z")]})
    assert names(seqs, next_event_targets(seqs)) == ["y", None, None, "z", None]


def test_horizon_targets_come_from_later_orders_inside_the_horizon() -> None:
    seqs = histories(
        {
            # order on day 0 (p, q), day 10 (r, s), day 100 (t): the horizon is 30 days
            "a": [(0, "p"), (0, "q"), (10, "r"), (10, "s"), (100, "t")],
            "b": [(0, "u"), (5, "v")],
        }
    )
    seen: list[set[str | None]] = [set() for _ in range(len(seqs))]
    for seed in range(40):
        for p, name in enumerate(
            names(seqs, horizon_targets(seqs, 30, np.random.default_rng(seed)))
        ):
            seen[p].add(name)
    assert seen[0] == {"r", "s"} and seen[1] == {"r", "s"}  # never its own order's "q"
    assert seen[2] == {"s"} and seen[3] == {"t"}  # no later order within 30 days: next event
    assert seen[4] == {None}  # a history's last event has nothing to learn
    assert seen[5] == {"v"} and seen[6] == {None}  # another customer's items never leak in


def test_horizon_targets_are_drawn_uniformly() -> None:
    seqs = histories({"a": [(0, "p"), (1, "a1"), (1, "a2"), (2, "a3"), (2, "a4")]})
    first = [
        names(seqs, horizon_targets(seqs, 60, np.random.default_rng(seed)))[0]
        for seed in range(2000)
    ]
    shares = [first.count(item) / len(first) for item in ("a1", "a2", "a3", "a4")]
    assert all(abs(share - 0.25) < 0.04 for share in shares)


def test_horizon_training_learns_what_comes_in_later_orders() -> None:
    """Customers who buy "starter" come back for "refill" a month later; inside the first order
    "starter" is always followed by "bag". After "starter", the horizon model ranks "refill"
    first and its interest θ leans to refill's category; the next-event model picks "bag" and
    bag's category."""
    kinds = {"starter": "Kits", "bag": "Bags", "refill": "Refills"}
    seqs = histories(
        {f"c{i}": [(0, "starter"), (0, "bag"), (30, "refill")] for i in range(60)}, kinds
    )
    probe = encode_events(
        RawEvents(["probe"], ["starter"], ["Kits"], [1_600_000_000.0]),
        seqs.item_vocab,
        seqs.category_vocab,
    )
    model_config = GRUConfig(
        n_items=seqs.n_items, n_categories=seqs.n_categories, embedding_dim=8, hidden_size=16
    )
    best: dict[float, tuple[str, str]] = {}
    for horizon in (0.0, 60.0):
        config = TrainConfig(
            epochs=60,
            batch_size=16,
            learning_rate=0.02,
            n_negatives=0,
            device="cpu",
            target_horizon_days=horizon,
        )
        model = train_gru(seqs, model_config, config).model
        scores = GRURecommender.from_model(model, "cpu").score_last(probe)[0]
        _, last = next(iter_hidden_states(model, probe, torch.device("cpu")))[1:]
        theta = model.category_logits(last)[0].detach().numpy()
        best[horizon] = (
            seqs.item_vocab.ids[int(np.argmax(scores))],
            seqs.category_vocab.ids[int(np.argmax(theta))],
        )
    assert best == {0.0: ("bag", "Bags"), 60.0: ("refill", "Refills")}


def test_horizon_needs_the_windows_schedule() -> None:
    seqs = histories({"a": [(0, "p"), (1, "q")]})
    config = TrainConfig(schedule="session_parallel", target_horizon_days=30, device="cpu")
    with pytest.raises(ValueError, match="windows schedule"):
        train_gru(seqs, GRUConfig(n_items=seqs.n_items), config)
