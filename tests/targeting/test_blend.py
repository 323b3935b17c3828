"""The recommender blend: standardised scores, weights chosen by back-test, ranking metrics."""

from __future__ import annotations

import numpy as np
import pytest

from engine.targeting.metrics import recall_ndcg_at_k
from engine.targeting.recommenders.blend import BlendRecommender, tune_blend
from engine.targeting.recommenders.mf import ImplicitALS
from engine.targeting.recommenders.popularity import Popularity
from tests.targeting.test_mf import _blocks


def test_recall_and_ndcg_by_hand() -> None:
    scores = np.array([[0.9, 0.8, 0.1, 0.0], [0.1, 0.2, 0.3, 0.4]])
    recall, ndcg = recall_ndcg_at_k(scores, [np.array([1]), np.array([0, 3])], k=2)
    assert recall == pytest.approx((1.0 + 0.5) / 2)
    ideal_two = 1 + 1 / np.log2(3)
    assert ndcg == pytest.approx((1 / np.log2(3) + 1 / ideal_two) / 2)


def _members() -> dict:  # type: ignore[type-arg]
    return {"popularity": Popularity(), "mf": ImplicitALS(factors=8, iterations=6)}


def test_back_test_gives_the_block_model_the_weight() -> None:
    train = _blocks()
    rows = np.arange(train.n_sequences)
    rng = np.random.default_rng(5)
    # what each customer buys next: unseen items from their own block
    targets = []
    for s in rows:
        own = np.arange(20) if s < 60 else np.arange(20, 40)
        fresh = np.setdiff1d(own, train.sequence(int(s)))
        targets.append(rng.choice(fresh, size=3, replace=False))
    weights, recall = tune_blend(_members, train, rows, targets)
    assert weights["mf"] == 1.0 and weights["popularity"] < 1.0
    blend = BlendRecommender(_members(), weights).fit(train)
    blended, _ = recall_ndcg_at_k(blend.score_last(train), targets)
    popular, _ = recall_ndcg_at_k(Popularity().fit(train).score_last(train), targets)
    assert blended == pytest.approx(recall) and blended > 1.5 * popular
    per_step = next(blend.score_sequences(train.subset([0])))
    np.testing.assert_allclose(
        per_step[-1], blend.score_last(train.subset([0]))[0], rtol=1e-4, atol=1e-4
    )


def test_repeat_purchases_favour_frequent_and_recent_items() -> None:
    from engine.profiles.sequences import EventSequences, Vocabulary
    from engine.targeting.recommenders.repeat import RepeatPurchases

    day = 86_400.0
    items = np.array([2, 2, 2, 0, 1, 1])  # item 2 thrice long ago, item 1 twice lately
    times = np.array([0, 1, 2, 100, 150, 151]) * day
    history = EventSequences(
        items=items, offsets=np.array([0, 6]), categories=np.zeros(6, dtype=np.int64),
        timestamps=times, keys=("c1",), item_vocab=Vocabulary(("a", "b", "c", "d")),
        category_vocab=Vocabulary(("all",)),
    )  # fmt: skip
    model = RepeatPurchases(half_life_days=30).fit(history)
    scores = model.score_last(history)[0]
    assert scores[1] > scores[0] > scores[2] > scores[3] == 0
    per_step = next(model.score_sequences(history))
    np.testing.assert_allclose(per_step[-1], scores)
