"""The command line contract: --json prints one object on stdout; demo runs end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from tests.conftest import REPO_ROOT


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "--home", str(home), *args],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=1800,
    )


def test_status_json_counts_every_table(pinpoint_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--shop-name", "Test shop", "--json"]) == 0
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["counts"]["shops"] == 1
    assert payload["counts"]["orders"] == 0
    assert Path(payload["database"]).parent == pinpoint_home


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


@pytest.mark.slow
def test_demo_runs_end_to_end_in_a_temp_home(tmp_path: Path) -> None:
    home = tmp_path / "demo-home"
    result = run_cli("demo", "--json", home=home)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["home"] == str(home)
    assert [s["stage"] for s in report["stages"]][0] == "init"
    status = json.loads(run_cli("status", "--json", home=home).stdout)
    assert status["counts"]["shops"] == 1


def test_demo_opens_no_socket(app_context, no_network) -> None:
    from engine.services.demo import run_demo

    run_demo(app_context)
    assert no_network == []
