"""Back-test arithmetic: random is 1.0, an oracle beats everything, the model beats RFM."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from engine.targeting.backtest import bootstrap_mean_lift, lifts, run_backtest, top_k_mask
from tests.targeting.synthetic import START, block_shop, purchases_from_rows


def test_random_audiences_have_lift_one_by_simulation() -> None:
    rng = np.random.default_rng(7)
    buyers = rng.random((2_000, 5)) < 0.1
    simulated = [
        np.nanmean(lifts(top_k_mask(rng.random((2_000, 5)), 100, seed=s), buyers))
        for s in range(200)
    ]
    assert np.mean(simulated) == pytest.approx(1.0, abs=0.03)


def test_an_oracle_audience_has_the_maximum_lift() -> None:
    rng = np.random.default_rng(1)
    buyers = rng.random((1_000, 3)) < 0.05
    oracle = top_k_mask(buyers.astype(float), 50)
    lift = lifts(oracle, buyers)
    expected = np.minimum(buyers.sum(axis=0), 50) / buyers.sum(axis=0) / (50 / 1_000)
    np.testing.assert_allclose(lift, expected)
    low, high = bootstrap_mean_lift(oracle, buyers, replicates=200)
    assert low <= lift.mean() <= high and low > 1


def test_backtest_on_a_planted_shop_beats_random_and_rfm() -> None:
    purchases = purchases_from_rows(block_shop(n_customers=400, days=300))
    result = run_backtest(
        purchases,
        cutoff=START + timedelta(days=240),
        window_days=60,
        sizes=(0.05, 0.1),
        tune=False,
        gru=False,  # the GRU's part is tested in test_gru_signals
        top_n=4,
    )
    assert result.customers > 300 and len(result.targets) == 4
    at5 = result.sizes[0]
    assert at5.model > 2.0
    assert at5.model > 1.2 * at5.baselines["rfm"]
    assert at5.ci95[0] <= at5.model <= at5.ci95[1]
    contract = result.as_contract()
    assert set(contract["sizes"]["0.05"]) >= {"model", "rfm", "popularity", "random", "ci95"}
    assert "random audience" in result.plain_words()


def test_cutoff_before_the_first_order_is_explained() -> None:
    purchases = purchases_from_rows(block_shop(n_customers=20, days=60))
    with pytest.raises(ValueError, match="before the first order"):
        run_backtest(purchases, cutoff=START - timedelta(days=1))


def test_product_targets_work_for_shops_without_categories() -> None:
    purchases = purchases_from_rows(block_shop(n_customers=300, days=300))
    result = run_backtest(
        purchases, cutoff=START + timedelta(days=240), sizes=(0.1,), kind="product", tune=False,
        gru=False, top_n=5,
    )  # fmt: skip
    assert result.kind == "product" and all(t.startswith("SKU-") for t in result.targets)
    assert result.sizes[0].model > 1.5


def test_a_history_too_short_to_back_test_is_explained() -> None:
    purchases = purchases_from_rows(block_shop(n_customers=20, days=20))
    with pytest.raises(ValueError, match="a back-test needs orders before a cut-off and 60 days"):
        run_backtest(purchases)
