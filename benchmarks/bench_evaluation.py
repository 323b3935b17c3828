# ruff: noqa: E501  (benchmark rows read best one per line)
"""Evaluation benchmarks, each against a baseline measured in the same run.

* reading a 20,000-row Google Ads report (title, date line, quoted thousands, ` --`, Total rows)
  with Pinpoint's reader vs ``pandas.read_csv`` told the layout in advance (the reader also
  sniffs the platform, checks every cell and reconciles the totals);
* storing that report (import_report: read, reconcile, match, insert) in rows per second;
* P(B beats A) by quadrature vs a 1,000,000-draw Monte Carlo estimate: time and agreement.
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROWS = 20_000
HEADER = ["Campaign status", "Campaign", "Day", "Impr.", "Clicks", "CTR", "Currency code", "Cost",
          "Conversions", "Cost / conv."]  # fmt: skip


def _report(path: Path) -> tuple[int, int]:
    rng = np.random.default_rng(0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    impressions = rng.integers(100, 900_000, ROWS)
    clicks = rng.binomial(impressions, 0.02)
    total_impr = total_clicks = 0
    for k in range(ROWS):
        conv = int(clicks[k] // 40)
        cost = clicks[k] * 0.5
        writer.writerow(["Enabled", f"Campaign {k % 50}", f"2026-03-{1 + k % 28:02d}",
                         f"{impressions[k]:,}", f"{clicks[k]:,}", f"{100 * clicks[k] / impressions[k]:.2f}%",
                         "USD", f"{cost:,.2f}", f"{conv:.2f}", f"{cost / conv:,.2f}" if conv else " --"])  # fmt: skip
        total_impr += int(impressions[k])
        total_clicks += int(clicks[k])
    writer.writerow(["Total: Campaigns", "", "", f"{total_impr:,}", f"{total_clicks:,}", " --", "USD",
                     " --", " --", " --"])  # fmt: skip
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(HEADER)
    path.write_text('Campaign report\n"March 1, 2026 - March 28, 2026"\n' + header.getvalue()
                    + buffer.getvalue(), encoding="utf-8")  # fmt: skip
    return total_impr, total_clicks


def _best_of(runs: int, func: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - started)
    return best, result


def run() -> list[dict[str, Any]]:
    import pandas as pd

    from engine.config import app_paths
    from engine.evaluation.experiments import Arm, beta_binomial
    from engine.evaluation.reports.read import read_report
    from engine.evaluation.reports.totals import reconcile
    from engine.services.context import AppContext
    from engine.services.evaluation import import_report

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "google_big.csv"
        total_impr, _clicks = _report(path)
        ours, report = _best_of(3, lambda: (lambda r: (r, reconcile(r)))(read_report(path)))

        def pandas_read() -> int:
            frame = pd.read_csv(path, skiprows=2, thousands=",", na_values=[" --"])
            frame = frame[~frame["Campaign status"].astype(str).str.startswith("Total:")]
            return int(frame["Impr."].sum())

        baseline, pandas_total = _best_of(3, pandas_read)
        assert pandas_total == total_impr == sum(r.impressions or 0 for r in report[0].rows)
        rows.append({"benchmark": f"read {ROWS:,}-row Google report", "pinpoint_s": round(ours, 3),
                     "baseline": "pandas.read_csv (layout known)", "baseline_s": round(baseline, 3),
                     "ratio": round(ours / baseline, 2)})  # fmt: skip
        ctx = AppContext(app_paths(Path(folder) / "home"))
        stored, summary = _best_of(1, lambda: import_report(ctx, path))
        ctx.close()
        rows.append({"benchmark": "import_report (read+check+match+store)", "pinpoint_s": round(stored, 3),
                     "baseline": "read only", "baseline_s": round(ours, 3),
                     "ratio": round(stored / ours, 2), "rows_per_s": round(summary.rows / stored)})  # fmt: skip
    a, b = Arm("A", 210, 10234), Arm("B", 265, 9876)
    quad, bayes = _best_of(3, lambda: beta_binomial(a, b))

    def monte_carlo() -> float:
        rng = np.random.default_rng(0)
        draws_a = rng.beta(1 + a.successes, 1 + a.trials - a.successes, 1_000_000)
        draws_b = rng.beta(1 + b.successes, 1 + b.trials - b.successes, 1_000_000)
        return float((draws_b > draws_a).mean())

    mc_time, mc_prob = _best_of(3, monte_carlo)
    rows.append({"benchmark": "P(B beats A): quadrature", "pinpoint_s": round(quad, 4),
                 "baseline": "Monte Carlo 1e6 draws", "baseline_s": round(mc_time, 4),
                 "ratio": round(quad / mc_time, 3),
                 "abs_difference": round(abs(bayes.prob_b_beats_a - mc_prob), 5)})  # fmt: skip
    return rows
