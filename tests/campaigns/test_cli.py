"""`pinpoint campaign plan|auto|list --json`: exactly one JSON object on stdout, errors exit 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.cli import main
from engine.services.context import AppContext


def _run(home: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(["--home", str(home), *argv])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def test_plan_and_list_json_contract(
    shop: AppContext,
    stand_in_copy: list[dict[str, Any]],
    pinpoint_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["campaign", "plan", "--platform", "google", "--category", "Candles"]
    code, plan = _run(pinpoint_home, [*argv, "--budget", "7", "--days", "14", "--json"], capsys)
    assert code == 0
    assert {
        "campaign_id", "name", "platform", "status", "daily_budget", "start_date", "end_date",
        "final_url", "audience", "size_checks", "ad_set_id", "keywords", "targeting",
        "creative_id", "linked_variant_ids", "skipped_variants", "warnings",
    } <= plan.keys()  # fmt: skip
    assert plan["daily_budget"] == 7.0 and plan["status"] == "draft"
    assert plan["end_date"] > plan["start_date"]
    code, listing = _run(pinpoint_home, ["campaign", "list", "--json"], capsys)
    assert code == 0
    (stored,) = listing["campaigns"]
    assert stored["id"] == plan["campaign_id"] and stored["platform"] == "google"
    assert stored["ad_sets"][0]["ads"] == len(plan["linked_variant_ids"]) == 2


def test_auto_plans_each_platform(
    shop: AppContext,
    stand_in_copy: list[dict[str, Any]],
    pinpoint_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["campaign", "auto", "--platforms", "meta,amazon", "--by", "product", "--json"]
    code, payload = _run(pinpoint_home, argv, capsys)
    assert code == 0
    assert [c["platform"] for c in payload["campaigns"]] == ["meta", "amazon"]
    assert payload["campaigns"][1]["targeting"]["skus"] == [
        payload["campaigns"][0]["target"]["key"]
    ]


def test_errors_go_to_stderr_with_exit_1(
    shop: AppContext,
    stand_in_copy: list[dict[str, Any]],
    pinpoint_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["campaign", "plan", "--platform", "google", "--product", "NOPE", "--json"]
    code, payload = _run(pinpoint_home, argv, capsys)
    assert code == 1 and payload is None
