"""`pinpoint evaluate …` and `pinpoint abtest …`: one JSON object on stdout, errors on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_abtest_commands(capsys) -> None:
    size = run_json(
        capsys, "abtest", "size", "--baseline", "0.02", "--lift", "0.2", "--daily", "5000"
    )
    assert size["per_arm"] == 21067 and size["days"] == 9
    early = run_json(capsys, "abtest", "compare", "--a", "12", "1000", "--b", "25", "1000",
                     "--planned", "5000", "--name", "First test")  # fmt: skip
    assert early["stopped_early"] and early["verdict"].startswith("Stopped early")
    listed = run_json(capsys, "abtest", "list")
    assert [e["name"] for e in listed["experiments"]] == ["First test"]


def test_evaluate_commands_after_an_import(capsys, report_file) -> None:
    run_json(capsys, "report", "import", str(report_file("meta_export.csv")))
    metrics = run_json(capsys, "evaluate", "metrics", "--level", "ad_set")
    assert metrics["level"] == "ad_set" and len(metrics["groups"]) == 3
    assert {"ctr", "cvr", "cpc", "cpa", "roas", "roi"} <= set(metrics["groups"][0])
    budget = run_json(capsys, "evaluate", "budget", "100", "--metric", "cvr")
    assert sum(arm["budget"] for arm in budget["arms"]) == pytest.approx(100, abs=0.05)
    frequency = run_json(capsys, "evaluate", "frequency")
    assert frequency["basis"] in ("ctr_decay", "average_frequency")
    predicted = run_json(capsys, "evaluate", "predict", "--text", "Fresh tea | 20% off")
    assert predicted["ctr"]["state"] == "not_enough_data"
    html = run_json(capsys, "evaluate", "html")
    assert Path(html["report_file"]).exists()


def test_bad_arguments_are_one_clear_line(capsys, caplog) -> None:
    assert main(["abtest", "size", "--baseline", "0.7", "--lift", "1", "--json"]) == 1
    assert capsys.readouterr().out == "" and "between 0 and 1" in caplog.text
    assert main(["abtest", "compare", "--a", "1", "10", "--json"]) == 1
    assert "Give both arms" in caplog.text
