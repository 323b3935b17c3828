"""Per-customer use cases: which products to show one customer, and every customer's lifetime value.

Both read the store as of "now" (:mod:`engine.services.targeting_data`). The recommender blend
uses the weights the latest back-test chose; the GRU member is the profiles stage's model, with
the weight a past-only GRU earned in that back-test.
"""

from __future__ import annotations

from typing import Any

from engine.services.context import AppContext
from engine.services.targeting_data import load_shop, store_now, stored_gru
from engine.store.db import session_scope
from engine.targeting.clv_report import lifetime_values
from engine.targeting.model_cache import cached, purchases_key
from engine.targeting.recommend import (
    DEFAULT_RECOMMENDER_WEIGHTS,
    FittedRecommender,
    fit_on_histories,
    recommend_products,
    recommender_members,
)
from engine.targeting.recommenders.blend import BlendRecommender
from engine.targeting.storage import (
    RECOMMENDER_BLEND,
    latest_gru_checkpoint,
    latest_weights,
    profiles_version,
    update_profile_columns,
)
from engine.targeting.stored_gru import StoredGRU


def recommend_for_customer(ctx: AppContext, customer_id: int, n: int = 10) -> dict[str, Any]:
    """Ranked products with reasons; customers without purchases get their region's best sellers."""
    purchases, info, _ = load_shop(ctx)
    if customer_id not in info:
        raise ValueError(f"no customer with id {customer_id} in the store")
    with session_scope(ctx.engine) as session:
        weights = latest_weights(session, RECOMMENDER_BLEND) or dict(DEFAULT_RECOMMENDER_WEIGHTS)
        checkpoint_path = latest_gru_checkpoint(session)
        profiles = profiles_version(session)
    key = (*purchases_key(ctx.paths.database, purchases), tuple(sorted(weights.items())), profiles)

    def fit() -> FittedRecommender:
        members = recommender_members()
        checkpoint = stored_gru(ctx, checkpoint_path) if weights.get("gru") else None
        if checkpoint is not None:
            members["gru"] = StoredGRU(checkpoint, purchases.catalog, ctx.settings.device)
        return fit_on_histories(purchases, BlendRecommender(members, weights))

    fitted = cached("recommender", key, fit)
    return recommend_products(purchases, info, customer_id, fitted, n)


def clv(ctx: AppContext, horizon_weeks: float = 52.0, top: int = 20) -> dict[str, Any]:
    """Lifetime value per customer with intervals, and the model parameters with standard errors.

    Also writes ``clv`` and ``churn_risk`` onto the customers' profiles where profiles exist.
    """
    purchases, info, _ = load_shop(ctx)
    result = lifetime_values(
        purchases, store_now(purchases), horizon_weeks, ctx.settings.default_margin
    )
    with session_scope(ctx.engine) as session:
        update_profile_columns(session, {
            int(c): {"clv": float(v), "churn_risk": float(r)}
            for c, v, r in zip(result.customers, result.clv, result.outlook.churn_risk, strict=True)
        })  # fmt: skip
    report = result.report(top)
    for row in report["customers"]:
        known = info.get(row["customer_id"])
        row["name"] = known.display_name if known else None
    return report
