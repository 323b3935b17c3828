"""What keeps the back-test cheap without changing its answer: each past-only GRU is trained once
(the recommender-weight choice reuses the audience back-test's GRU of the same past), and top-k
ranking sorts only the best columns."""

from __future__ import annotations

import numpy as np
import pytest

from engine.services.targeting_backtest import backtest
from engine.targeting import sequence_signals
from engine.targeting.metrics import top_k_indices
from engine.targeting.recommenders.gru import GRURecommender


def test_default_back_test_trains_two_grus_not_three(shop, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sequence_signals, "EPOCH_RANGE", (1, 1))  # the count, not the GRU
    trained: list[int] = []
    fit = GRURecommender.fit

    def counting_fit(self, train, *args, **kwargs):  # type: ignore[no-untyped-def]
        trained.append(len(train))
        return fit(self, train, *args, **kwargs)

    monkeypatch.setattr(GRURecommender, "fit", counting_fit)
    result = backtest(shop)
    assert len(trained) == 2  # before the inner cut, before the cut (shared with recommenders)
    assert result["recommender"]["weights"]["gru"] >= 0.0
    assert result["sizes"]["0.05"]["model"] > 1.0


@pytest.mark.parametrize("seed", range(6))
def test_top_k_is_the_stable_full_sort_cut_to_k(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, columns = int(rng.integers(1, 40)), int(rng.integers(1, 80))
    ties = rng.integers(0, 3, size=(rows, columns)).astype(float)  # many ties at the k-th
    smooth = rng.normal(size=(rows, columns))
    with_nan = np.where(rng.random((rows, columns)) < 0.1, np.nan, smooth)
    for scores in (ties, smooth, with_nan):
        for k in (1, min(5, columns), columns):
            expected = np.argsort(-scores, axis=1, kind="stable")[:, :k]
            assert np.array_equal(top_k_indices(scores, k), expected)
