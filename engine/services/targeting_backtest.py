"""The back-test use case: "would these audiences have worked?" on the shop's own history.

Runs :func:`engine.targeting.backtest.run_backtest` (which trains its GRUs on the past only),
chooses the recommender blend the same way, and remembers both sets of weights so later
audiences and recommendations use what the back-test chose.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np

from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.services.targeting_data import load_shop, store_now
from engine.store.db import session_scope
from engine.targeting.backtest import DEFAULT_SIZES, DEFAULT_WINDOW_DAYS, run_backtest
from engine.targeting.recommend import choose_recommender_weights
from engine.targeting.scoring import TargetKind
from engine.targeting.storage import AUDIENCE_BLEND, RECOMMENDER_BLEND, save_weights


def backtest(
    ctx: AppContext,
    cutoff: datetime | None = None,
    sizes: tuple[float, ...] = DEFAULT_SIZES,
    window_days: int = DEFAULT_WINDOW_DAYS,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """Back-test on the store's history; remembers the chosen blend weights for later audiences.

    Targets are categories, or products when the shop has fewer than three categories with sales
    (a shop without categories is still measured rather than refused). The stored profiles are
    never used here: their GRU has seen the weeks being checked.
    """
    purchases, _, shop_id = load_shop(ctx)
    kind: TargetKind = "category" if len(np.unique(purchases.category)) >= 3 else "product"
    result = run_backtest(
        purchases, cutoff, sizes, window_days, kind=kind,
        progress=scaled(progress, 0, 0.85), cancel=cancel,
    )  # fmt: skip
    contract = result.as_contract()
    now = store_now(purchases)
    # The default cut is the last order's day minus the window; ending the recommender's inner
    # back-test on that day puts its inner cut on the same date, so both use one past-only GRU
    # (the last day's orders leave its check window; everything is still measured after the cut).
    recommender_until = result.cutoff + timedelta(days=window_days) if cutoff is None else now
    weights, recall = choose_recommender_weights(
        purchases, recommender_until, window_days,
        progress=scaled(progress, 0.85, 1.0), cancel=cancel,
    )  # fmt: skip
    recommender = {"weights": weights, "recall@20": None if np.isnan(recall) else round(recall, 4)}
    with session_scope(ctx.engine) as session:
        save_weights(session, shop_id, AUDIENCE_BLEND, result.weights, contract, result.cutoff)
        until = recommender_until - timedelta(days=window_days)
        save_weights(session, shop_id, RECOMMENDER_BLEND, weights, recommender, until)
    return {**contract, "recommender": recommender, "explanation": result.plain_words()}
