"""Current audiences use the stored GRU profiles: θ in the score and in the reasons."""

from __future__ import annotations

import pytest

from engine.services.profiling import build_profiles
from engine.services.targeting import build_audience
from engine.services.targeting_customers import recommend_for_customer
from engine.services.targeting_data import fitted_scorer, load_shop
from engine.store.db import session_scope
from engine.store.queries import get_or_create_shop
from engine.targeting.storage import AUDIENCE_BLEND, RECOMMENDER_BLEND, save_weights
from tests.targeting.synthetic import START, block_shop, fill_store

GRU_HEAVY = {
    "affinity": 0.0,
    "orders": 0.0,
    "collaborative": 0.0,
    "activity": 0.0,
    "sequence": 0.5,
    "interest": 0.5,
}


@pytest.fixture
def profiled_shop(app_context):  # type: ignore[no-untyped-def]
    """A made-up shop whose profiles were built by the profiles stage (one quick epoch)."""
    with session_scope(app_context.engine) as session:
        fill_store(session, block_shop(n_customers=120, days=200))
    build_profiles(app_context, device="cpu", retrain=True, epochs=1)
    return app_context


def _choose_weights(ctx, weights: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    with session_scope(ctx.engine) as session:
        shop_id = get_or_create_shop(session).id
        save_weights(session, shop_id, AUDIENCE_BLEND, weights, {}, START)


def test_stored_gru_feeds_the_score_and_the_reasons(profiled_shop) -> None:  # type: ignore[no-untyped-def]
    _choose_weights(profiled_shop, GRU_HEAVY)
    purchases, _, _ = load_shop(profiled_shop)
    scorer, embeddings = fitted_scorer(profiled_shop, purchases, lambda *_: None, None)
    assert scorer.has_interest_ and scorer.signals_ is not None
    assert scorer.signals_.next_product is not None and scorer.signals_.next_product.any()
    assert len(embeddings) >= len(scorer.customers_)
    view = build_audience(profiled_shop, category="Scarves", size=10, exclude_recent_days=0)
    assert any("of their predicted interest is in Scarves" in m["reason"] for m in view.members)
    assert sum((m["customer_id"] - 1) % 4 == 2 for m in view.members) >= 8  # the scarf lovers


def test_theta_is_not_cited_when_the_back_test_gave_it_no_weight(profiled_shop) -> None:  # type: ignore[no-untyped-def]
    _choose_weights(profiled_shop, {**GRU_HEAVY, "affinity": 1.0, "interest": 0.0})
    view = build_audience(profiled_shop, category="Scarves", size=10, exclude_recent_days=0)
    assert not any("predicted interest" in m["reason"] for m in view.members)
    interested = build_audience(profiled_shop, interest="Scarves")  # θ itself is the target here
    assert "of their predicted interest is in Scarves" in interested.members[0]["reason"]


def test_recommendations_use_the_stored_gru_with_the_weight_the_back_test_chose(
    profiled_shop,
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(profiled_shop.engine) as session:
        shop_id = get_or_create_shop(session).id
        weights = {"popularity": 0.0, "itemknn": 0.0, "mf": 0.0, "repeat": 0.0, "gru": 1.0}
        save_weights(session, shop_id, RECOMMENDER_BLEND, weights, {}, START)
    result = recommend_for_customer(profiled_shop, 3, n=5)  # customer 3 loves scarves
    assert not result["cold_start"] and len(result["products"]) == 5
    assert "their order pattern points to this next" in result["products"][0]["reason"]
    assert sum(p["category"] == "Scarves" for p in result["products"]) >= 3
