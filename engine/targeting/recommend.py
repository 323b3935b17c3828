"""Which recommenders make up "what to show this customer", and how their weights are chosen.

Members: popularity (safe for everyone), item-kNN (bought together), matrix factorisation
(customers like you), repeat purchases (what you keep buying) and the GRU (what their order
sequence points to next). Weights are chosen by back-test: fit on history up to
``cutoff − window``, score Recall@20 on what customers bought in the next window. In that
back-test the GRU member trains itself on the same past (:class:`PastGRU`); the profiles stage's
GRU has seen the window, so it only serves current recommendations, with the weight its past-only
twin earned (:class:`~engine.targeting.stored_gru.StoredGRU`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from engine.profiles.sequences import EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.coldstart import popular_in_region
from engine.targeting.explain import product_reason
from engine.targeting.history import history_split
from engine.targeting.interactions import Catalog, CustomerInfo, Purchases, customer_sequences
from engine.targeting.recommenders.base import Recommender
from engine.targeting.recommenders.blend import BlendRecommender, tune_blend
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.mf import ImplicitALS
from engine.targeting.recommenders.past_gru import PastGRU
from engine.targeting.recommenders.popularity import Popularity
from engine.targeting.recommenders.repeat import RepeatPurchases

DEFAULT_RECOMMENDER_WEIGHTS = {"popularity": 0.5, "itemknn": 0.5, "mf": 1.0, "repeat": 0.5}


def recommender_members() -> dict[str, Recommender]:
    """A fresh, unfitted set of blend members."""
    return {
        "popularity": Popularity(),
        "itemknn": ItemKNN(),
        "mf": ImplicitALS(),
        "repeat": RepeatPurchases(),
    }


def choose_recommender_weights(
    purchases: Purchases,
    cutoff: datetime,
    window_days: int,
    gru: bool = True,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> tuple[dict[str, float], float]:
    """Blend weights and their Recall@20 from an inner back-test that ends at ``cutoff``.

    With ``gru`` (and someone who bought twice to learn from) a past-only GRU is a candidate.
    """
    inner = history_split(
        purchases.before(cutoff), cutoff - timedelta(days=window_days), window_days
    )
    if not len(inner.rows):
        return dict(DEFAULT_RECOMMENDER_WEIGHTS), float("nan")
    with_gru = gru and bool(np.any(inner.train.lengths >= 2))
    weights, recall = tune_blend(
        (lambda: {**recommender_members(), "gru": PastGRU()}) if with_gru else recommender_members,
        inner.train,
        inner.rows,
        inner.item_targets,
        progress=progress,
        cancel=cancel,
    )
    return {"gru": 0.0, **weights}, recall


def _product_row(catalog: Catalog, product: int, score: float, reason: str) -> dict[str, Any]:
    return {
        "sku": catalog.skus[product],
        "title": catalog.titles[product],
        "category": catalog.category_names[catalog.category[product]],
        "score": round(score, 4),
        "reason": reason,
    }


@dataclass(frozen=True)
class FittedRecommender:
    """A recommender fitted on every customer's history, with the sequences it was fitted on."""

    recommender: BlendRecommender
    customers: np.ndarray  # sorted ids, one sequence each
    sequences: EventSequences


def fit_on_histories(purchases: Purchases, recommender: BlendRecommender) -> FittedRecommender:
    customers = purchases.customers()
    sequences = customer_sequences(purchases, customers)
    return FittedRecommender(recommender.fit(sequences), customers, sequences)


def recommend_products(
    purchases: Purchases,
    info: dict[int, CustomerInfo],
    customer_id: int,
    fitted: FittedRecommender,
    n: int,
) -> dict[str, Any]:
    """Top ``n`` products for one customer with reasons.

    A customer without purchases gets the best sellers of their country (cold start).
    """
    catalog = purchases.catalog
    row = int(np.searchsorted(fitted.customers, customer_id))
    if row >= len(fitted.customers) or fitted.customers[row] != customer_id:
        country = info[customer_id].country if customer_id in info else None
        regional, scope = popular_in_region(purchases, info, country, n)
        reason = f"New customer: a best seller in {scope}"
        items = [_product_row(catalog, p, s, reason) for p, s in regional]
        return {"customer_id": customer_id, "cold_start": True, "products": items}
    recommender = fitted.recommender
    history = fitted.sequences.subset([row])
    scores = recommender.score_last(history)[0].astype(float)
    similar = _percentiles(recommender.members["mf"].score_last(history)[0])
    sequence = recommender.members.get("gru")
    pattern = (
        _percentiles(sequence.score_last(history)[0])
        if sequence is not None and recommender.weights_.get("gru")
        else None
    )
    bought_in_category = np.bincount(history.categories, minlength=len(catalog.category_names))
    bought_items = np.bincount(
        history.items[history.items >= 0], minlength=len(catalog.product_ids)
    )
    best_sellers, _ = popular_in_region(purchases, info, None, 20)
    popular_rank = {product: rank + 1 for rank, (product, _) in enumerate(best_sellers)}
    items = []
    for p in np.argsort(-scores, kind="stable")[:n]:
        category = int(catalog.category[p])
        reason = product_reason(
            catalog.category_names[category],
            int(bought_items[p]),
            int(bought_in_category[category]),
            float(similar[p]),
            popular_rank.get(int(p)),
            None if pattern is None else float(pattern[p]),
        )
        items.append(_product_row(catalog, int(p), float(scores[p]), reason))
    return {"customer_id": customer_id, "cold_start": False, "products": items}


def _percentiles(scores: np.ndarray) -> np.ndarray:
    """Each item's rank among all items, 0 (lowest score) to 1 (highest)."""
    return np.argsort(np.argsort(scores)) / max(len(scores) - 1, 1)
