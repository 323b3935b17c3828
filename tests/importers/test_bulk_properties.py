"""Property: for any transactions file, the bulk path stores what the row path stores.

Files are drawn from made-up invoices with the quirks real exports have: invoice numbers that
come back later in the file, credit notes, blank or odd cells, prices written with a decimal
comma, zero or huge quantities, blank lines. Blocks are tiny so orders cross block boundaries.

Two things are left out of the comparison because the row path itself gives them differently
depending on how many rows it buffers (``DEFAULT_CHUNK_LINES``) when an order's rows are not
contiguous: which of a SKU's differing titles names the product, and the ``repeated_lines``
count (identical lines in two separate parts of one order). A third is a known difference
between the paths: a customer's profile country when two of their orders share the same
timestamp and name different countries (each path lets the order it settles last win; the
orders themselves, with their countries, are compared and agree).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.importers import frames
from tests.importers.test_bulk_import import both_ways, summary, write_export

INVOICE = st.sampled_from(["540001", "540002", "C540003", "540004", " 540005", ""])
SKU = st.sampled_from(["SKU01", "SKU02", "POST", "", "sku01"])
TITLE = st.sampled_from(["MADE-UP MUG", "MADE-UP VASE", "POSTAGE", "", '"MUG, LARGE"'])
QUANTITY = st.sampled_from(["1", "6", "-2", "0", "2000000", "1.5", "x"])
PRICE = st.sampled_from(["2.55", "0", "-1.0", '"1,5"', "", "nan"])
DATE = st.sampled_from(["2011-01-02 10:00:00", "2011-01-03 09:30:00", "", "not a date"])
BUYER = st.sampled_from(["17850.0", "", "13047.0"])
COUNTRY = st.sampled_from(["United Kingdom", "France", ""])
ROW = st.one_of(
    st.tuples(INVOICE, SKU, TITLE, QUANTITY, DATE, PRICE, BUYER, COUNTRY).map(",".join),
    st.just(""),
)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=25), st.sampled_from([64, 300, 1 << 20]))
def test_any_transactions_file_is_stored_alike_by_both_paths(rows: list[str], block: int) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(frames, "BLOCK_BYTES", block)
        export = write_export(Path(folder) / "files", "transactions.csv", rows)

        def steps(ctx):  # type: ignore[no-untyped-def]
            from engine.services.importing import import_files

            reports = [import_files(ctx, [export], infer=False) for _ in range(2)]
            return [_without_repeats(summary(r.batches[0])) for r in reports if r.committed] + [
                [batch.message for batch in report.failed] for report in reports
            ]

        both_ways(
            Path(folder),
            patch,
            steps,
            product_titles=False,
            read_in_blocks=None,
            customer_country=False,
        )


def _without_repeats(batch: tuple[Any, ...]) -> tuple[Any, ...]:
    cleaning = {name: value for name, value in batch[-1].items() if name != "repeated_lines"}
    return (*batch[:-1], cleaning)
