"""Customer-history protocol (issue 4): who buys what next, after a date cut, on the full UCI data.

The store (imported through the real importer) is cut 60 days before its last order. Every model
is fitted on each customer's whole history before the cut and ranks all items (and, separately,
all categories) for every customer who bought again in the next 60 days. Targets are the distinct
items/categories they bought in that window; nothing is filtered out of the ranking (re-buying is
common in this shop). Recall@20 = hits in the top 20 ÷ number of targets; NDCG@20 with binary
relevance. The blend's weights are chosen by an inner back-test that ends at the cut. Ratios are
against popularity measured in the same run. Set ``PINPOINT_BENCH_GRU=0`` to skip the GRU.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from typing import Any

import numpy as np

from benchmarks.uci_store import uci_context
from engine.profiles.sequences import EventSequences
from engine.store.db import session_scope
from engine.targeting.history import history_split
from engine.targeting.interactions import load_purchases
from engine.targeting.metrics import recall_ndcg_at_k
from engine.targeting.recommend import choose_recommender_weights, recommender_members
from engine.targeting.recommenders.base import Recommender
from engine.targeting.recommenders.blend import BlendRecommender

WINDOW_DAYS = 60


def _gru(n_items: int) -> Recommender | None:
    """The GRU the profiles stage trains (network and recipe of ``engine.profiles.defaults``)."""
    if os.environ.get("PINPOINT_BENCH_GRU", "1") == "0":
        return None
    from engine.profiles.defaults import CUSTOMER_MODEL, customer_training
    from engine.targeting.recommenders.gru import GRURecommender

    return GRURecommender(CUSTOMER_MODEL, customer_training(n_items, device="cpu"))


def _measure(
    name: str,
    model: Recommender,
    train: EventSequences,
    rows: np.ndarray,
    targets: list[np.ndarray],
) -> dict[str, Any]:
    started = time.perf_counter()
    model.fit(train)
    seconds = time.perf_counter() - started
    recall, ndcg = recall_ndcg_at_k(model.score_last(train.subset(rows)), targets)
    return {"model": name, "recall@20": recall, "ndcg@20": ndcg, "train_s": round(seconds, 1)}


def run() -> list[dict[str, Any]]:
    ctx = uci_context()
    with session_scope(ctx.engine) as session:
        purchases = load_purchases(session)
    ctx.close()
    cutoff = (purchases.last_time - timedelta(days=WINDOW_DAYS)).replace(hour=0, minute=0, second=0)
    split = history_split(purchases, cutoff, WINDOW_DAYS)
    weights, _ = choose_recommender_weights(purchases, cutoff, WINDOW_DAYS)
    results: list[dict[str, Any]] = []
    for target, train, wanted in (
        ("item", split.train, split.item_targets),
        ("category", split.train.as_category_sequences(), split.category_targets),
    ):
        models: dict[str, Recommender] = dict(recommender_members())
        gru = _gru(train.n_items)
        blend_members = recommender_members()
        if gru is not None:
            models["gru"] = gru  # fitted before the blend, which reuses it as the product does
            blend_members["gru"] = gru
        models["blend"] = BlendRecommender(
            blend_members, weights, prefitted={"gru"} if gru is not None else ()
        )
        rows = [_measure(name, model, train, split.rows, wanted) for name, model in models.items()]
        base = next(r for r in rows if r["model"] == "popularity")
        for row in rows:
            row["recall / popularity"] = round(row["recall@20"] / base["recall@20"], 3)
            results.append({"target": target, "customers": len(split.rows), **row})
    results.append({"target": f"cutoff {cutoff:%Y-%m-%d}, blend weights {weights}"})
    return results
