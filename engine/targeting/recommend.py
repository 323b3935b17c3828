"""Which recommenders make up "what to show this customer", and how their weights are chosen.

Members: popularity (safe for everyone), item-kNN (bought together) and matrix factorisation
(customers like you). The GRU joins when the profiles stage has trained one (it is slow to train
on two cores, so it is not refitted on every request). Weights are chosen by back-test: fit on
history up to ``cutoff − window``, score Recall@20 on what customers bought in the next window.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.history import history_split
from engine.targeting.interactions import Purchases
from engine.targeting.recommenders.base import Recommender
from engine.targeting.recommenders.blend import tune_blend
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.mf import ImplicitALS
from engine.targeting.recommenders.popularity import Popularity

DEFAULT_RECOMMENDER_WEIGHTS = {"popularity": 0.5, "itemknn": 0.5, "mf": 1.0}


def recommender_members() -> dict[str, Recommender]:
    return {"popularity": Popularity(), "itemknn": ItemKNN(), "mf": ImplicitALS()}


def choose_recommender_weights(
    purchases: Purchases,
    cutoff: datetime,
    window_days: int,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> tuple[dict[str, float], float]:
    """Blend weights and their Recall@20 from an inner back-test that ends at ``cutoff``."""
    inner = history_split(
        purchases.before(cutoff), cutoff - timedelta(days=window_days), window_days
    )
    if not len(inner.rows):
        return dict(DEFAULT_RECOMMENDER_WEIGHTS), float("nan")
    return tune_blend(
        recommender_members,
        inner.train,
        inner.rows,
        inner.item_targets,
        progress=progress,
        cancel=cancel,
    )
