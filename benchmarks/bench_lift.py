"""Audience lift on the full UCI Online Retail data, imported through the real importer.

Protocol (engine/targeting/backtest.py): cut 60 days before the last order, build audiences from
the past only, check who bought each of the 10 categories with the most past buyers in the next
60 days. Lift = share of those buyers the audience held ÷ audience share (random = 1.0).
Targets: ≥ 3× random and ≥ 1.2× RFM-only at 5% of customers. The back-test trains two GRUs on
the past only (before the inner cut, to choose the weights; before the cut, to measure them);
``gru lift`` and ``θ lift`` rank by that GRU's next-purchase chance and interest θ alone.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.uci_store import uci_context
from engine.services.targeting_backtest import backtest


def run() -> list[dict[str, Any]]:
    ctx = uci_context()
    started = time.perf_counter()
    result = backtest(ctx)
    seconds = time.perf_counter() - started
    ctx.close()
    rows = []
    for size, row in result["sizes"].items():
        rows.append(
            {
                "audience": f"top {float(size):.0%} ({row['audience_size']} customers)",
                "model lift": row["model"],
                "ci95": f"{row['ci95'][0]:.2f}–{row['ci95'][1]:.2f}",
                "rfm lift": row["rfm"],
                "popularity lift": row["popularity"],
                "gru lift": row.get("gru"),
                "θ lift": row.get("theta"),
                "random": 1.0,
                "model / rfm": round(row["model"] / row["rfm"], 3),
                "model / popularity": round(row["model"] / row["popularity"], 3),
            }
        )
    summary = (
        f"cutoff {result['cutoff']}, {result['customers']} customers, "
        f"{len(result['targets'])} categories, audience weights {result['weights']}, "
        f"recommender weights {result['recommender']['weights']}, {seconds:.0f}s"
    )
    rows.append({"audience": summary})
    return rows
