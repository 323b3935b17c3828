"""Session benchmark on the shared online-retail split (test), with baselines from the same run.

GRU vs item-kNN vs popularity (and the hybrid ``gru+itemknn`` beside them) under the protocol of
``shared/data/README.md`` (all train items ranked, conservative ties, unknown targets are
misses), plus ratios against item-kNN measured in this run and against the published
GRU4Rec-official numbers on the same split.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.targeting.recommenders.session_eval import run_session_benchmark

SPLIT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bench-online-retail"
GRU4REC_OFFICIAL = {"recall@20": 0.3816, "mrr@20": 0.1866}  # README table, ~90 s/epoch on 2 cores


def run() -> list[dict[str, Any]]:
    train, test = SPLIT / "train.tsv", SPLIT / "test.tsv"
    if not train.exists():
        return [{"model": "skipped", "reason": f"{SPLIT} not found"}]
    report = run_session_benchmark(train, test, target="item", device="cpu")
    knn = report["models"]["itemknn"]
    rows = []
    for name, result in report["models"].items():
        rows.append(
            {
                "model": name,
                "pairs": result["pairs"],
                "recall@20": result["recall@20"],
                "mrr@20": result["mrr@20"],
                "train_s": result["train_s"],
                "s_per_epoch": result.get("train_s_per_epoch", ""),
                "recall_vs_itemknn": round(result["recall@20"] / knn["recall@20"], 3),
                "mrr_vs_itemknn": round(result["mrr@20"] / knn["mrr@20"], 3),
                "recall_vs_gru4rec": round(result["recall@20"] / GRU4REC_OFFICIAL["recall@20"], 3),
                "mrr_vs_gru4rec": round(result["mrr@20"] / GRU4REC_OFFICIAL["mrr@20"], 3),
            }
        )
    return rows
