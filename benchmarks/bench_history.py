"""Customer-history protocol (issue 4): who buys what next, after a date cut, on the full UCI data.

The store (imported through the real importer) is cut 60 days before its last order. Every model
is fitted on each customer's whole history before the cut and ranks all items (and, separately,
all categories) for every customer who bought again in the next 60 days. Targets are the distinct
items/categories they bought in that window; nothing is filtered out of the ranking (re-buying is
common in this shop). Recall@20 = hits in the top 20 ÷ number of targets; NDCG@20 with binary
relevance. Ratios are against popularity measured in the same run.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import numpy as np

from benchmarks.uci_store import uci_context
from engine.profiles.sequences import EventSequences
from engine.store.db import session_scope
from engine.targeting.interactions import (
    Purchases,
    count_matrix,
    customer_sequences,
    load_purchases,
)
from engine.targeting.recommenders.base import Recommender
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.mf import ImplicitALS
from engine.targeting.recommenders.popularity import Popularity

K = 20
WINDOW_DAYS = 60


def recall_ndcg(scores: np.ndarray, targets: list[np.ndarray], k: int = K) -> tuple[float, float]:
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    order = np.take_along_axis(scores, top, axis=1).argsort(axis=1)[:, ::-1]
    top = np.take_along_axis(top, order, axis=1)
    discounts = 1 / np.log2(np.arange(2, k + 2))
    recalls, ndcgs = [], []
    for row, wanted in enumerate(targets):
        hit = np.isin(top[row], wanted)
        recalls.append(hit.sum() / len(wanted))
        ndcgs.append((hit * discounts).sum() / discounts[: min(len(wanted), k)].sum())
    return float(np.mean(recalls)), float(np.mean(ndcgs))


def _models() -> dict[str, Recommender]:
    models: dict[str, Recommender] = {
        "popularity": Popularity(),
        "itemknn": ItemKNN(),
        "mf": ImplicitALS(),
    }
    try:
        from engine.profiles.train import TrainConfig
        from engine.targeting.recommenders.gru import GRURecommender

        models["gru"] = GRURecommender(train_config=TrainConfig(epochs=3))
    except ImportError:
        pass
    return models


def _split(purchases: Purchases) -> tuple[EventSequences, np.ndarray, dict[str, list[np.ndarray]]]:
    cutoff = (purchases.last_time - timedelta(days=WINDOW_DAYS)).replace(hour=0, minute=0, second=0)
    past, future = (
        purchases.before(cutoff),
        purchases.between(cutoff, cutoff + timedelta(days=WINDOW_DAYS)),
    )
    customers = past.customers()
    returning = np.intersect1d(customers, future.customers())
    rows = np.searchsorted(customers, returning)
    targets = {}
    for by in ("product", "category"):
        bought = count_matrix(future, returning, by).tolil().rows
        targets[by] = [np.asarray(r) for r in bought]
    return customer_sequences(past, customers), rows, targets


def run() -> list[dict[str, Any]]:
    ctx = uci_context()
    with session_scope(ctx.engine) as session:
        purchases = load_purchases(session)
    ctx.close()
    train, rows, targets = _split(purchases)
    results: list[dict[str, Any]] = []
    for target, sequences in (("item", train), ("category", train.as_category_sequences())):
        wanted = targets["product" if target == "item" else "category"]
        for name, model in _models().items():
            started = time.perf_counter()
            model.fit(sequences)
            fitted = time.perf_counter() - started
            recall, ndcg = recall_ndcg(model.score_last(sequences.subset(rows)), wanted)
            results.append({"target": target, "model": name, "recall@20": recall, "ndcg@20": ndcg,
                            "train_s": round(fitted, 1), "customers": len(rows)})
        base = next(r for r in results if r["target"] == target and r["model"] == "popularity")
        for row in results:
            if row["target"] == target:
                row["recall / popularity"] = round(row["recall@20"] / base["recall@20"], 3)
    return results
