"""The demo's targeting stage: segments, an audience for the best-selling category, a back-test."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.progress import CancelToken, ProgressFn, scaled
from engine.services.context import AppContext
from engine.services.targeting import build_audience, segments
from engine.services.targeting_backtest import backtest
from engine.services.targeting_data import load_shop


def demo_audiences(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
    """Demo stage: RFM segments, an audience for the best-selling category, and a back-test."""
    segment_result = segments(ctx)
    progress(0.2, "Segments saved")
    purchases, _, _ = load_shop(ctx)
    buyers = np.bincount(purchases.category, minlength=len(purchases.catalog.category_names))
    category = purchases.catalog.category_names[int(np.argmax(buyers))]
    view = build_audience(
        ctx, category=category, size=100, progress=scaled(progress, 0.2, 0.4), cancel=cancel
    )
    lift = backtest(ctx, progress=scaled(progress, 0.4, 1.0), cancel=cancel)
    at5 = lift["sizes"]["0.05"]
    return {
        "segments": sum(1 for s in segment_result["segments"] if s["customers"]),
        "category_audience": f"{view.name} ({view.size} customers)",
        "audience_id": view.id,
        "lift_at_5pct": at5["model"],
        "rfm_lift_at_5pct": at5["rfm"],
        "gru_lift_at_5pct": at5.get("gru"),
        "blend_weights": lift["weights"],
        "lift_ci95": at5["ci95"],
    }
