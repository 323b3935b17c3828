"""Behaviour features on small hand-computed customers."""

from __future__ import annotations

from datetime import datetime

import pytest

from engine.profiles.features import (
    UNCATEGORISED,
    CustomerFacts,
    LineFacts,
    OrderFacts,
    basket_size,
    category_affinity,
    customer_features,
    discount_share,
    inter_purchase_days,
    monetary,
    preferred_hour_and_weekday,
    price_band,
    price_position,
    recency_days,
    returns_rate,
)

CANDLE = LineFacts(product_id=1, category="Candles", quantity=2, unit_price=5.0)
MUG = LineFacts(product_id=2, category="Mugs", quantity=1, unit_price=10.0, discount=2.0)
POSTAGE = LineFacts(product_id=None, category=None, quantity=1, unit_price=4.0, is_non_product=True)
RETURNED_MUG = LineFacts(
    product_id=2, category="Mugs", quantity=1, unit_price=10.0, state="returned"
)

# Monday 2024-01-01 10:00, Monday 2024-01-08 10:00, Wednesday 2024-01-17 15:00 (cancelled).
ORDERS = (
    OrderFacts(datetime(2024, 1, 1, 10), (CANDLE, POSTAGE)),
    OrderFacts(datetime(2024, 1, 8, 10), (CANDLE, MUG, RETURNED_MUG), discount_codes=("XMAS",)),
    OrderFacts(datetime(2024, 1, 17, 15), (MUG,), is_cancelled=True),
)
NOW = datetime(2024, 1, 18, 10)


def test_recency_counts_from_the_last_real_purchase_not_the_cancelled_order() -> None:
    assert recency_days(ORDERS, NOW) == 10.0
    assert recency_days((), NOW) is None


def test_monetary_ignores_postage_cancelled_orders_and_returns() -> None:
    # order 1: 2 x 5 = 10; order 2: 2 x 5 + (10 - 2) = 18
    assert monetary(ORDERS) == (28.0, 14.0)


def test_inter_purchase_times_and_preferred_times() -> None:
    assert inter_purchase_days(ORDERS) == [7.0]
    assert preferred_hour_and_weekday(ORDERS) == (10, 0)


def test_category_affinity_is_share_of_units_with_uncategorised_fallback() -> None:
    assert category_affinity(ORDERS) == {"Candles": 0.8, "Mugs": 0.2}
    unknown = (OrderFacts(NOW, (LineFacts(3, None, 1, 1.0),)),)
    assert category_affinity(unknown) == {UNCATEGORISED: 1.0}


def test_discount_share_basket_size_and_returns_rate() -> None:
    assert discount_share(ORDERS) == 0.5
    assert basket_size(ORDERS) == (1.5, 2.5)  # lines (1, 2), units (2, 3)
    assert returns_rate(ORDERS) == pytest.approx(1 / 3, abs=1e-4)  # 1 returned of 3 bought


def test_price_position_and_band_relative_to_the_shop() -> None:
    shop_prices = [1.0, 2.0, 5.0, 10.0]
    # unit prices 5, 5, 10 -> positions 3/4, 3/4, 4/4
    assert price_position(ORDERS, shop_prices) == pytest.approx(0.8333, abs=1e-4)
    assert price_band(0.8333) == "premium"
    assert price_band(0.1) == "budget"
    assert price_band(None) is None


def test_customer_features_bundle_has_every_feature_and_country_fallback() -> None:
    orders = tuple(
        OrderFacts(o.placed_at, o.lines, o.is_cancelled, o.discount, o.discount_codes, "France")
        for o in ORDERS
    )
    features = customer_features(CustomerFacts(orders), NOW, [1.0, 2.0, 5.0, 10.0])
    assert features["frequency"] == 2
    assert features["country"] == "France"
    assert features["returns_rate"] == pytest.approx(0.3333, abs=1e-4)
    assert set(features) >= {
        "recency_days",
        "monetary_total",
        "preferred_hour",
        "category_affinity",
        "discount_share",
        "price_band",
        "basket_lines_mean",
        "region",
    }
