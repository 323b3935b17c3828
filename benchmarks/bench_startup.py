"""Time to first window of the desktop app vs a bare QApplication + QMainWindow, in subprocesses.

Each run starts a fresh interpreter (offscreen), builds the window, shows it, lets it paint once,
prints a marker and exits; the time is measured from process start to the marker, so Python's
own start-up and every import count. The baseline pays the same interpreter and Qt costs, so
``ratio`` is what Pinpoint adds on top of Qt. Budget: the first window in under 2 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
MARKER = "first-window"

BASELINE = f"""
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
app.processEvents()
window.grab()
print("{MARKER}", flush=True)
"""

PINPOINT = f"""
import sys
from desktop.app import create_application
from desktop.main_window import MainWindow
from engine.config import app_paths
from engine.services.context import AppContext
app = create_application("en")
window = MainWindow(AppContext(app_paths(sys.argv[1])))
window.resize(1366, 768)
window.show()
app.processEvents()
window.grab()
print("{MARKER}", flush=True)
heavy = sorted(m for m in ("torch", "transformers", "sklearn") if m in sys.modules)
print("heavy=" + ",".join(heavy), flush=True)
window.runner.shutdown()
"""


def time_to_marker(script: str, *args: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=REPO_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    elapsed = None
    for line in process.stdout:
        if line.strip() == MARKER and elapsed is None:
            elapsed = time.perf_counter() - started
        if line.startswith("heavy="):
            heavy = line.strip().removeprefix("heavy=")
            break
    else:
        heavy = ""
    process.wait(timeout=60)
    if elapsed is None:
        raise RuntimeError(f"the window never showed (exit code {process.returncode})")
    return elapsed, heavy


def run() -> list[dict[str, Any]]:
    baseline = [time_to_marker(BASELINE)[0] for _ in range(RUNS)]
    pinpoint, heavy = [], ""
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as home:
            seconds, heavy = time_to_marker(PINPOINT, home)
            pinpoint.append(seconds)
    base, ours = statistics.median(baseline), statistics.median(pinpoint)
    return [
        {
            "what": "bare QApplication + QMainWindow", "median_s": base, "min_s": min(baseline),
            "runs": RUNS,
        },
        {
            "what": "Pinpoint main window (first run)", "median_s": ours, "min_s": min(pinpoint),
            "runs": RUNS, "ratio": ours / base, "budget_s": 2.0, "within_budget": ours <= 2.0,
            "heavy_imports": heavy or "none",
        },
    ]  # fmt: skip


if __name__ == "__main__":
    from benchmarks.table import format_table

    print(format_table(run()))
