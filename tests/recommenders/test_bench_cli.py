"""`pinpoint bench recommend --json`: the contract on a small made-up split (items, categories)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main

HEADER = "customer_id\titem_id\tcategory\ttimestamp\tsession_id\tts_order\tprice\n"


def write_split(path: Path, sessions: int, offset: int) -> Path:
    """Sessions walk a cycle of 6 items; items 0-2 are Mugs, 3-5 Candles."""
    rows = []
    for s in range(sessions):
        for t in range(4):
            item = (s + t) % 6
            category = "Mugs" if item < 3 else "Candles"
            stamp = 1_700_000_000 + 100 * (s + offset)
            order = stamp * 1000 + t
            rows.append(f"{s % 5}\tP{item}\t{category}\t{stamp}\t{s + offset}\t{order}\t2.5\n")
    path.write_text(HEADER + "".join(rows))
    return path


@pytest.mark.parametrize("target", ["item", "category"])
def test_bench_recommend_prints_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    train = write_split(tmp_path / "train.tsv", 60, 0)
    test = write_split(tmp_path / "test.tsv", 10, 1000)
    args = ["bench", "recommend", "--train", str(train), "--test", str(test), "--target", target]
    assert main([*args, "--epochs", "1", "--device", "cpu", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["pairs"] == 10 * 3
    assert set(payload["models"]) == {"gru", "itemknn", "popularity", "gru+itemknn"}
    hybrid, gru = payload["models"]["gru+itemknn"], payload["models"]["gru"]
    assert hybrid["train_s"] >= gru["train_s"] - 0.01  # the GRU's own training, reused
    for result in payload["models"].values():
        assert {"recall@20", "mrr@20", "train_s"} <= set(result)
        assert 0.0 <= result["mrr@20"] <= result["recall@20"] <= 1.0
    # with 6 items (or 2 categories) every target is in the top 20
    assert payload["models"]["popularity"]["recall@20"] == 1.0


def test_bench_recommend_refuses_category_target_without_categories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    split = tmp_path / "na.tsv"
    text = write_split(split, 5, 0).read_text()
    split.write_text(text.replace("Mugs", "NA").replace("Candles", "NA"))
    args = ["bench", "recommend", "--train", str(split), "--test", str(split)]
    args += ["--target", "category"]
    assert main([*args, "--json"]) == 1
    assert capsys.readouterr().out == ""
