"""Implicit ALS learns an obvious block structure and folds in unseen histories."""

from __future__ import annotations

import numpy as np

from engine.profiles.sequences import EventSequences, Vocabulary
from engine.targeting.recommenders.mf import ImplicitALS


def _blocks(n_customers: int = 120, seed: int = 0) -> EventSequences:
    """Customers 0..59 buy only from items 0..19, the others only from items 20..39."""
    rng = np.random.default_rng(seed)
    items: list[int] = []
    offsets = [0]
    for customer in range(n_customers):
        base = 0 if customer < n_customers // 2 else 20
        items += list(rng.choice(np.arange(base, base + 20), size=5, replace=False))
        offsets.append(len(items))
    n = len(items)
    return EventSequences(
        items=np.asarray(items),
        offsets=np.asarray(offsets),
        categories=np.zeros(n, dtype=np.int64),
        timestamps=np.arange(n, dtype=float),
        keys=tuple(map(str, range(n_customers))),
        item_vocab=Vocabulary(tuple(map(str, range(40)))),
        category_vocab=Vocabulary(("all",)),
    )


def test_als_scores_the_own_block_above_the_other() -> None:
    train = _blocks()
    model = ImplicitALS(factors=8, iterations=8).fit(train)
    scores = model.score_last(train)
    own = np.r_[scores[:60, :20].ravel(), scores[60:, 20:].ravel()]
    other = np.r_[scores[:60, 20:].ravel(), scores[60:, :20].ravel()]
    assert own.mean() > 0.3 and abs(other.mean()) < 0.05
    top = np.argsort(-scores, axis=1)[:, :5]
    assert np.all(top[:60] < 20) and np.all(top[60:] >= 20)


def test_fold_in_of_a_new_customer_and_prefix_scores_agree() -> None:
    train = _blocks()
    model = ImplicitALS(factors=8, iterations=8).fit(train)
    newcomer = _blocks(seed=1).subset([100])  # second-block history the model never saw
    last = model.score_last(newcomer)[0]
    per_step = next(model.score_sequences(newcomer))
    assert per_step.shape == (5, 40)
    np.testing.assert_allclose(per_step[-1], last, rtol=1e-4, atol=1e-5)
    assert np.argsort(-last)[0] >= 20
    assert model.get_params()["factors"] == 8
