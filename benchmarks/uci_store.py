"""The full UCI Online Retail data imported through the real importer into a cached temp store.

Importing 541,909 lines takes a while on two shared cores, so the store is kept in the temp
folder, keyed by the file's hash and the importer code's hash (any importer change re-imports);
set ``PINPOINT_BENCH_FRESH=1`` to force a fresh import.
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
    digest = hashlib.sha256(UCI_CSV.read_bytes())
    for source in sorted((REPO_ROOT / "engine" / "importers").rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def uci_context() -> AppContext:
    """An AppContext whose store holds the whole UCI data set (imported once, then reused)."""
    if not UCI_CSV.exists():
        raise FileNotFoundError(f"benchmark data not found: {UCI_CSV}")
    home = Path(tempfile.gettempdir()) / f"pinpoint-bench-uci-{_fingerprint()}"
    marker = home / "imported.ok"
    if os.environ.get("PINPOINT_BENCH_FRESH") or not marker.exists():
        shutil.rmtree(home, ignore_errors=True)
        ctx = AppContext(app_paths(home))
        import_files(ctx, [UCI_CSV])
        marker.write_text("ok\n")
        return ctx
    return AppContext(app_paths(home))
