"""`make bench`: run every benchmark module and print one table per module.

Each benchmark measures Pinpoint and a baseline in the same run and reports the ratio, so the
numbers mean something on any machine. Run one with ``python -m benchmarks NAME``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

import benchmarks
from benchmarks.table import format_table

RESULTS_DIR = Path(__file__).resolve().parent.parent / "bench-results"


def main(argv: list[str]) -> int:
    names = sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    RESULTS_DIR.mkdir(exist_ok=True)
    for name in wanted:
        started = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        rows = module.run()
        print(f"\n## {name} ({time.perf_counter() - started:.0f}s)\n")
        print(format_table(rows))
        (RESULTS_DIR / f"{name}.json").write_text(json.dumps(rows, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
