"""The customer-history split: everything before a cut to learn from, the next window to check.

Used by the customer-history benchmark and to choose recommender blend weights: every customer
with a purchase before the cut is a training sequence; those who bought again in the window are
evaluated on the distinct items (and categories) they bought there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from engine.profiles.sequences import EventSequences
from engine.targeting.interactions import Purchases, count_matrix, customer_sequences


@dataclass(frozen=True)
class HistorySplit:
    cutoff: datetime
    train: EventSequences  # one sequence per customer who bought before the cut (sorted ids)
    rows: np.ndarray  # sequences of customers who bought again in the window
    item_targets: list[np.ndarray]  # per row: catalog indices bought in the window
    category_targets: list[np.ndarray]


def history_split(purchases: Purchases, cutoff: datetime, window_days: int) -> HistorySplit:
    past = purchases.before(cutoff)
    future = purchases.between(cutoff, cutoff + timedelta(days=window_days))
    customers = past.customers()
    if not len(customers):
        raise ValueError(f"no purchases before {cutoff:%Y-%m-%d} to learn from")
    returning = np.intersect1d(customers, future.customers())
    targets = {
        by: [
            np.asarray(r, dtype=np.int64) for r in count_matrix(future, returning, by).tolil().rows
        ]
        for by in ("product", "category")
    }
    return HistorySplit(
        cutoff=cutoff,
        train=customer_sequences(past, customers),
        rows=np.searchsorted(customers, returning),
        item_targets=targets["product"],
        category_targets=targets["category"],
    )
