"""Bundle budget: size of ``dist/pinpoint``, the frozen app's time to first window and its
``--self-test`` time.

Each is compared in the same run with the unfrozen app (``python build/entry.py ...``), so the ratio
shows what freezing costs. Skipped with a note when no bundle was built (`make bundle`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "pinpoint"


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _timed(command: list[str]) -> tuple[float, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return time.perf_counter() - started, result.returncode


def run() -> list[dict[str, object]]:
    executable = BUNDLE / "pinpoint"
    if not executable.exists():
        return [{"measure": "bundle", "value": "not built: run `make bundle` first"}]
    frozen_window_s, _ = _timed([str(executable), "--first-window"])
    source_window_s, _ = _timed([sys.executable, "build/entry.py", "--first-window"])
    frozen_s, frozen_rc = _timed([str(executable), "--self-test"])
    source_s, source_rc = _timed([sys.executable, "build/entry.py", "--self-test"])
    return [
        {
            "measure": "bundle size (MB)",
            "value": round(_folder_mb(BUNDLE), 1),
            "baseline": "",
            "ratio": "",
        },
        {
            "measure": "first window (s)",
            "value": round(frozen_window_s, 2),
            "baseline": round(source_window_s, 2),
            "ratio": round(frozen_window_s / source_window_s, 2),
        },
        {
            "measure": "self-test (s)",
            "value": round(frozen_s, 1),
            "baseline": round(source_s, 1),
            "ratio": round(frozen_s / source_s, 2),
            "exit codes": f"{frozen_rc}/{source_rc}",
        },
    ]
