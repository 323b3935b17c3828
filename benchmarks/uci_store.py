"""The full UCI Online Retail data imported through the real importer into a cached temp store.

Importing 541,909 lines takes a while on two shared cores, so the store is kept in the temp
folder, keyed by the file's hash; set ``PINPOINT_BENCH_FRESH=1`` to import again (do that after
changing the importers). A failed import raises instead of leaving an empty store behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from engine.config import app_paths
from engine.services.context import AppContext
from engine.services.importing import import_files

REPO_ROOT = Path(__file__).resolve().parent.parent
UCI_CSV = REPO_ROOT.parent / "shared" / "data" / "online-retail" / "online_retail.csv.gz"


def _fingerprint() -> str:
    return hashlib.sha256(UCI_CSV.read_bytes()).hexdigest()[:12]


def uci_context() -> AppContext:
    """An AppContext whose store holds the whole UCI data set (imported once, then reused)."""
    if not UCI_CSV.exists():
        raise FileNotFoundError(f"benchmark data not found: {UCI_CSV}")
    home = Path(tempfile.gettempdir()) / f"pinpoint-bench-uci-{_fingerprint()}"
    marker = home / "imported.ok"
    if os.environ.get("PINPOINT_BENCH_FRESH") or not marker.exists():
        shutil.rmtree(home, ignore_errors=True)
        ctx = AppContext(app_paths(home))
        report = import_files(ctx, [UCI_CSV])
        if not report.committed:
            reasons = "; ".join(batch.message or batch.status for batch in report.batches)
            raise RuntimeError(f"importing {UCI_CSV.name} for the benchmark failed: {reasons}")
        marker.write_text("ok\n")
        return ctx
    return AppContext(app_paths(home))
