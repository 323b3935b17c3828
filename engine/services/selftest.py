"""Release self-test: the whole pipeline on the bundled sample, in a throw-away data folder.

Run by the frozen app's ``--self-test`` (and by the bundle benchmark) so a release can be checked
on a machine without a display: it imports the sample, builds profiles, writes copy with the
bundled model, exports one file per platform and reports what it found.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.config import app_paths
from engine.services.context import AppContext
from engine.services.demo import run_demo
from engine.store.db import session_scope
from engine.store.queries import table_counts

# Tables that must hold rows after the demo for the release to pass.
REQUIRED_ROWS = ("orders", "order_lines", "customers", "products", "categories")


@dataclass
class SelfTestReport:
    ok: bool
    seconds: float
    home: str
    stages: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    export_files: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def run_self_test(home: Path | None = None) -> SelfTestReport:
    """Run the demo pipeline into ``home`` (a temp folder by default) and check its results."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pinpoint-selftest-") as scratch:
        ctx = AppContext(app_paths(home or scratch))
        failures: list[str] = []
        stages: list[str] = []
        try:
            report = run_demo(ctx)
            stages = [stage["stage"] for stage in report.stages]
        except Exception as error:  # the report must say what broke, not crash
            failures.append(f"demo failed: {type(error).__name__}: {error}")
        with session_scope(ctx.engine) as session:
            counts = table_counts(session)
        failures += [f"no rows in {table}" for table in REQUIRED_ROWS if counts.get(table, 0) == 0]
        exports = sorted(
            str(p.relative_to(ctx.paths.home)) for p in ctx.paths.exports.rglob("*") if p.is_file()
        )
        if "export" in stages and not exports:
            failures.append("the export stage wrote no files")
        ctx.close()
        return SelfTestReport(
            ok=not failures,
            seconds=round(time.perf_counter() - started, 1),
            home=str(ctx.paths.home),
            stages=stages,
            counts=counts,
            export_files=exports,
            failures=failures,
        )


def summary(report: SelfTestReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "seconds": report.seconds,
        "stages": report.stages,
        "orders": report.counts.get("orders", 0),
        "profiles": report.counts.get("customer_profiles", 0),
        "ad_variants": report.counts.get("ad_variants", 0),
        "export_files": report.export_files,
        "failures": report.failures,
    }
