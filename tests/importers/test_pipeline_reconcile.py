"""Reconcile an import of real UCI Online Retail lines with the CSV itself (counts and revenue)."""

from __future__ import annotations

import gzip
import math
from itertools import islice
from pathlib import Path

import pytest

from benchmarks.bench_import import REVENUE_SQL, expected_from_csv
from engine.services.context import AppContext
from engine.services.importing import import_files
from tests.conftest import shared_data
from tests.importers.pipeline_helpers import query

LINES = 50_000


@pytest.mark.slow
def test_first_50000_uci_lines_reconcile_counts_and_revenue(
    app_context: AppContext, tmp_path: Path
) -> None:
    source = shared_data("online-retail", "online_retail.csv.gz")
    path = tmp_path / "online_retail_head.csv"
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        path.write_text("".join(islice(handle, LINES + 1)), encoding="utf-8")
    [batch] = import_files(app_context, [path], infer=False).batches
    expected = expected_from_csv(path)
    assert batch.status == "committed", batch.message
    assert batch.rows_in == LINES == expected["rows"]
    assert batch.rows_in == batch.rows_stored + batch.rejected + batch.duplicates
    assert batch.rejected == expected["rejected"]
    [(revenue,)] = query(app_context, REVENUE_SQL)
    assert math.isclose(revenue, expected["revenue"], rel_tol=1e-9)
