"""Lookalikes, explanations, platform minimums, cold start and churn windows."""

from __future__ import annotations

import numpy as np
import pytest

from engine.targeting.audiences.churn import wait_quantiles
from engine.targeting.audiences.clv import BetaGeoModel, FittedParams, RepeatSummary
from engine.targeting.audiences.lookalike import lookalike_scores
from engine.targeting.coldstart import stand_in_products
from engine.targeting.explain import MemberFacts, member_reason, product_reason
from engine.targeting.platform_minimums import check_size
from tests.targeting.synthetic import block_shop, purchases_from_rows


def test_lookalike_finds_the_planted_neighbours() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(4, 16)) * 5
    group = np.repeat(np.arange(4), 50)
    embeddings = centres[group] + rng.normal(size=(200, 16))
    seed = np.zeros(200, dtype=bool)
    seed[:10] = True  # ten members of group 0
    scores = lookalike_scores(embeddings, seed, neighbours=5)
    top = np.argsort(-scores)[:40]
    assert np.all(group[top] == 0) and not seed[top].any()
    with pytest.raises(ValueError, match="empty"):
        lookalike_scores(embeddings, np.zeros(200, dtype=bool))


def test_member_reason_reads_like_the_issue() -> None:
    facts = MemberFacts("Candles", 3, 5, 12.0, "loyal", 0.9, 0.3)
    assert member_reason(facts) == (
        "Bought 3 items in Candles in the last 60 days; similar customers bought this; "
        "one of your loyal customers"
    )
    lapsed = MemberFacts("Candles", 0, 1, 200.0, "hibernating", 0.1, 0.1)
    assert member_reason(lapsed) == "Bought 1 item in Candles before, last 200 days ago"
    product = MemberFacts("Lavender candle", 1, 4, 20.0, "champions", 0.1, 0.9, is_product=True)
    assert member_reason(product) == (
        "Bought it 4 times before, last 20 days ago; likely to order again soon; "
        "one of your champions"
    )


def test_product_reason_names_the_most_concrete_fact() -> None:
    assert product_reason("Mugs", 3, 5, 0.95, 4) == (
        "They bought it 3 times before; customers with similar orders bought this; "
        "one of your 20 best sellers"
    )
    assert product_reason("Mugs", 0, 2, 0.2, None) == "They bought 2 items in Mugs"
    assert product_reason("Mugs", 0, 0, 0.1, None) == "Goes with what they bought before (Mugs)"


@pytest.mark.parametrize(
    ("members", "platform", "ok"),
    [(99, "google", False), (250, "google", True), (199, "meta", False), (200, "meta", True)],
)
def test_platform_minimums_use_the_expected_match_rate(
    members: int, platform: str, ok: bool
) -> None:
    check = check_size(members, platform)
    assert check.ok is ok
    assert ("Too small" in check.message) is (not ok)
    assert check.minimum_matched == 100


def test_unknown_platform_is_named() -> None:
    with pytest.raises(ValueError, match="known platforms: google, meta"):
        check_size(10, "myspace")


def test_new_product_borrows_similar_titles_in_its_category() -> None:
    purchases = purchases_from_rows(
        [r for r in block_shop(60, 100) if r[1] != 3]
    )  # SKU-3 never sold
    stand_ins = stand_in_products(purchases, product=3, k=4)
    assert stand_ins and all(purchases.catalog.category[p] == 0 for p, _ in stand_ins)


def test_next_order_quantiles_are_ordered_and_grow_for_quiet_customers() -> None:
    model = BetaGeoModel()
    model.params_ = FittedParams(
        ("r", "alpha", "a", "b"), np.log([0.24, 4.4, 0.79, 2.4]), np.zeros((4, 4))
    )
    summary = RepeatSummary(
        np.array([10.0, 1.0]), np.array([30.0, 5.0]), np.array([38.0, 38.0]), np.zeros(2)
    )
    weeks = wait_quantiles(model, summary)
    assert np.all(np.diff(weeks, axis=1) > 0)
    assert weeks[1, 1] > weeks[0, 1]  # one order in 38 weeks: a longer wait than ten orders
