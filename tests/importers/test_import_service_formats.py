"""Every format's fixture (made-up people, built by the reading layer) stored twice: nothing is
lost the first time, nothing is stored again the second time."""

from __future__ import annotations

import pytest

from engine.services.context import AppContext
from engine.services.importing import import_files, rejected_rows
from tests.conftest import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "importers"
GROUPS = [
    ("amazon_all_orders_cp1252.txt",), ("amazon_all_orders_cp932.txt",), ("ebay_orders_fr.csv",),
    ("ebay_orders_uk.csv",), ("ebay_orders_us.csv",),
    ("etsy_sold_order_items.csv", "etsy_sold_orders_en_ca.csv"), ("events.csv",),
    ("excel_semicolon.csv",), ("generic_products.csv",), ("online_retail_sample.csv",),
    ("shopify_orders_2021.csv",), ("shopify_orders_2026.csv",), ("shopify_products.csv",),
    ("taobao_ExportOrderList.csv", "taobao_ExportOrderDetailList.csv"),
    ("woocommerce_analytics.csv",), ("woocommerce_webtoffee.csv",),
]  # fmt: skip


@pytest.mark.parametrize("names", GROUPS, ids=lambda names: names[0].split(".")[0])
def test_every_format_reconciles_and_reimports_as_duplicates(
    app_context: AppContext, names: tuple[str, ...]
) -> None:
    paths = [FIXTURES / name for name in names]
    if not all(path.exists() for path in paths):
        pytest.skip(f"fixture missing: {names}")
    [first] = import_files(app_context, paths, infer=False).batches
    assert first.status == "committed", first.message
    assert first.rows_in > 0
    assert first.rows_in == first.rows_stored + first.rejected + first.duplicates
    [second] = import_files(app_context, paths, infer=False).batches
    assert second.status == "committed", second.message
    assert (second.rows_in, second.rejected) == (first.rows_in, first.rejected)
    assert second.duplicates == first.rows_stored and second.rows_stored == 0
    assert second.orders == second.lines_stored == 0


def test_rejected_rows_of_a_joined_export_name_their_file(app_context: AppContext) -> None:
    paths = [FIXTURES / "etsy_sold_order_items.csv", FIXTURES / "etsy_sold_orders_en_ca.csv"]
    if not all(path.exists() for path in paths):
        pytest.skip("Etsy fixtures missing")
    [batch] = import_files(app_context, paths, infer=False).batches
    rows = rejected_rows(app_context, batch.batch_id or 0)
    assert rows and all("(in etsy_sold_" in row.reason for row in rows)
