"""The GRU in the audience blend: past-only in back-tests, stored profiles for current audiences."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from engine.targeting import sequence_signals
from engine.targeting.backtest import run_backtest, tune_weights
from engine.targeting.explain import MemberFacts, member_reason
from engine.targeting.interactions import customer_sequences, from_seconds
from engine.targeting.recommenders.gru import GRURecommender
from engine.targeting.scoring import AudienceScorer
from engine.targeting.sequence_signals import SequenceSignals, keep_last, past_gru_signals
from tests.targeting.synthetic import CATEGORIES, START, block_shop, purchases_from_rows


@pytest.fixture
def gru_training_ends(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The latest purchase each GRU trained in the test saw (one short epoch each)."""
    latest_seen: list[datetime] = []
    fit = GRURecommender.fit

    def recording_fit(self, train, *args, **kwargs):  # type: ignore[no-untyped-def]
        latest_seen.append(from_seconds(float(train.timestamps.max())))
        return fit(self, train, *args, **kwargs)

    monkeypatch.setattr(GRURecommender, "fit", recording_fit)
    monkeypatch.setattr(sequence_signals, "EPOCH_RANGE", (1, 1))
    return latest_seen


def test_keep_last_keeps_only_the_latest_events_of_each_customer() -> None:
    purchases = purchases_from_rows(block_shop(n_customers=30, days=200))
    customers = np.r_[purchases.customers(), 999]  # 999 never bought: an empty sequence
    whole = customer_sequences(purchases, customers)
    recent = keep_last(whole, 3)
    assert recent.keys == whole.keys
    np.testing.assert_array_equal(recent.lengths, np.minimum(whole.lengths, 3))
    for s in range(whole.n_sequences):
        tail = whole.sequence(s)[-3:]
        np.testing.assert_array_equal(recent.sequence(s), tail)


def test_back_test_gru_never_sees_a_purchase_after_its_cut(
    gru_training_ends: list[datetime],
) -> None:
    purchases = purchases_from_rows(block_shop(n_customers=200, days=300))
    latest_seen = gru_training_ends
    cutoff = START + timedelta(days=240)
    result = run_backtest(purchases, cutoff=cutoff, window_days=60, sizes=(0.1,), top_n=4)
    inner_cut = cutoff - timedelta(days=60)
    assert len(latest_seen) == 2  # one GRU to choose the weights, one to measure them
    assert latest_seen[0] < inner_cut <= latest_seen[1] < cutoff
    assert {"gru", "theta"} <= set(result.sizes[0].baselines)
    assert {"sequence", "interest"} <= set(result.weights)


def test_past_only_gru_reads_every_customer_and_learns_their_favourite() -> None:
    purchases = purchases_from_rows(block_shop(n_customers=120, days=200))
    now = START + timedelta(days=200)
    signals = past_gru_signals(purchases, now)
    assert signals is not None and signals.next_product is not None
    customers = purchases.before(now).customers()
    assert signals.theta.shape == (len(customers), len(CATEGORIES))
    np.testing.assert_allclose(signals.theta.sum(axis=1), 1.0, rtol=1e-4)
    favourite = (customers - 1) % len(CATEGORIES)
    assert np.mean(signals.theta.argmax(axis=1) == favourite) > 0.8
    assert signals.next_product.shape == (len(customers), len(purchases.catalog.product_ids))


def test_a_shop_where_nobody_bought_twice_gets_no_gru() -> None:
    rows = [(c, c % 20, START + timedelta(days=c), c) for c in range(1, 50)]
    assert past_gru_signals(purchases_from_rows(rows), START + timedelta(days=60)) is None


def test_tuning_gives_theta_weight_when_it_knows_something_purchases_do_not() -> None:
    """θ planted to name the category each customer is about to switch to."""
    rng = np.random.default_rng(3)
    rows = block_shop(n_customers=300, days=240)
    cutoff = START + timedelta(days=240)
    inner_cut = cutoff - timedelta(days=60)
    switch = {c: int(rng.integers(len(CATEGORIES))) for c in range(1, 301)}
    shifted = [
        (c, switch[c] * 5 + p % 5 if t >= inner_cut else p, t, o) for c, p, t, o in rows
    ]  # after the inner cut everyone buys their switch category
    purchases = purchases_from_rows(shifted)
    customers = purchases.before(inner_cut).customers()
    theta = np.full((len(customers), len(CATEGORIES)), 0.05)
    theta[np.arange(len(customers)), [switch[int(c)] for c in customers]] = 0.85
    weights = tune_weights(
        purchases, cutoff, 60, "category", 4, SequenceSignals(theta), size=0.1, step=0.5
    )
    assert weights["interest"] >= 0.5
    assert weights["sequence"] == 0.0  # no next-product chances given: constant, left out


def test_signals_must_line_up_with_the_customers() -> None:
    purchases = purchases_from_rows(block_shop(n_customers=40, days=100))
    with pytest.raises(ValueError, match="one row per customer"):
        AudienceScorer().fit(
            purchases, START + timedelta(days=100), SequenceSignals(np.ones((3, 4)))
        )


def test_theta_from_profiles_is_laid_out_by_category_name() -> None:
    signals = SequenceSignals.from_profiles(
        np.array([5, 9]), {9: {"Mugs": 0.7, "Gone": 0.3}}, CATEGORIES
    )
    np.testing.assert_allclose(signals.theta, [[0, 0, 0, 0], [0, 0.7, 0, 0]])


def test_reasons_name_only_signals_that_carry_weight() -> None:
    unused = MemberFacts("Lavender candle", 0, 0, None, None, None, None, is_product=True)
    assert member_reason(unused) == "Buys products often bought together with Lavender candle"
    gru = MemberFacts(
        "Lavender candle", 0, 0, None, None, None, None,
        interest=0.45, interest_category="Candles", next_purchase_signal=0.95, is_product=True,
    )  # fmt: skip
    assert member_reason(gru) == (
        "45% of their predicted interest is in Candles; their order pattern points to this next"
    )


def test_recommender_weights_are_chosen_with_a_gru_trained_before_the_inner_cut(
    gru_training_ends: list[datetime],
) -> None:
    from engine.targeting.recommend import choose_recommender_weights

    purchases = purchases_from_rows(block_shop(n_customers=150, days=300))
    latest_seen = gru_training_ends
    cutoff = START + timedelta(days=300)
    weights, recall = choose_recommender_weights(purchases, cutoff, 60)
    assert len(latest_seen) == 1 and latest_seen[0] < cutoff - timedelta(days=60)
    assert "gru" in weights and 0 < recall <= 1
