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
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def test_status_json_counts_every_table(
    pinpoint_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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
def test_demo_runs_end_to_end_and_opens_no_socket(
    pinpoint_home: Path, capsys: pytest.CaptureFixture[str], no_network: list[tuple[object, ...]]
) -> None:
    """`PINPOINT_HOME=DIR pinpoint demo --json` in-process, with every internet socket refused."""
    assert main(["demo", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["home"] == str(pinpoint_home)
    stages = [s["stage"] for s in report["stages"]]
    assert stages[0] == "init" and "import" in stages
    assert no_network == []
    assert main(["status", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts["shops"] == 1 and counts["orders"] > 2000


def test_installed_command_runs(tmp_path: Path) -> None:
    result = run_cli("status", "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["counts"]["orders"] == 0
