"""The import service: one transaction per batch, failures recorded, cancels leave no trace."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.importers import pipeline
from engine.progress import Cancelled, CancelToken
from engine.services import importing_store
from engine.services.context import AppContext
from engine.services.demo import SAMPLE_ORDERS
from engine.services.importing import import_files, rejected_rows
from tests.importers.pipeline_helpers import buyer, count, order, query, run_import, snapshot

UCI_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"


def _many_orders(n: int, first_row: int = 2) -> list:
    return [order(f"#{i}", [first_row + i], customer=buyer(i)) for i in range(n)]


def test_a_failure_mid_way_leaves_only_a_failed_batch_row(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(app_context, tmp_path, monkeypatch, _many_orders(3))
    before = snapshot(app_context)
    monkeypatch.setattr(pipeline, "DEFAULT_CHUNK_LINES", 2)  # several chunks written first

    def exploding() -> Iterator:
        yield from _many_orders(10, first_row=100)
        raise OSError("the USB stick was removed")

    report = run_import(app_context, tmp_path, monkeypatch, exploding, rows_in=11)
    [batch] = report.batches
    assert batch.status == "failed" and "USB stick" in (batch.message or "")
    after = snapshot(app_context)
    assert {t: rows for t, rows in after.items() if t != "import_batches"} == {
        t: rows for t, rows in before.items() if t != "import_batches"
    }
    assert after["import_batches"][: len(before["import_batches"])] == before["import_batches"]
    assert query(app_context, "SELECT status, rows_stored FROM import_batches ORDER BY id DESC "
                 "LIMIT 1") == [("failed", 0)]  # fmt: skip


def test_a_cancel_mid_way_leaves_the_store_exactly_as_before(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(app_context, tmp_path, monkeypatch, _many_orders(3))
    before = snapshot(app_context)
    monkeypatch.setattr(pipeline, "DEFAULT_CHUNK_LINES", 2)
    monkeypatch.setattr(importing_store, "_CHECK_EVERY", 1)
    token = CancelToken()

    def cancelled_half_way() -> Iterator:
        for index, record in enumerate(_many_orders(10, first_row=100)):
            if index == 6:
                token.cancel()
            yield record

    with pytest.raises(Cancelled):
        run_import(app_context, tmp_path, monkeypatch, cancelled_half_way, rows_in=10, cancel=token)
    assert snapshot(app_context) == before


def test_rows_the_ledger_cannot_account_for_fail_the_batch(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = run_import(app_context, tmp_path, monkeypatch, _many_orders(2), rows_in=5)
    assert report.batches[0].status == "failed"
    assert "5 rows were read but 2" in (report.batches[0].message or "")
    assert count(app_context, "orders") == 0


def test_a_generic_transactions_file_end_to_end(app_context: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "transactions.csv"
    rows = [
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6.0,2010-12-01 08:26:00,2.55,17850.0,UK",
        "536365,71053,WHITE METAL LANTERN,6.0,2010-12-01 08:26:00,3.39,17850.0,UK",
        "536366,POST,POSTAGE,1.0,2010-12-01 08:28:00,18.0,,France",
        "C536379,22086,PAPER CHAIN KIT 50'S CHRISTMAS,-2.0,2010-12-01 09:41:00,2.55,14527.0,UK",
        "536380,22139,,0.0,2010-12-01 09:45:00,0.0,,UK",
    ]
    path.write_text(UCI_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    [batch] = import_files(app_context, [path]).batches
    assert batch.status == "committed", batch.message
    assert batch.format == "generic_transactions"
    assert batch.rows_in == 5 == batch.rows_stored + batch.rejected + batch.duplicates
    assert batch.orders == 3 and batch.rejected == 1
    assert batch.cleaning["guest_orders"] == 1
    assert batch.cleaning["non_product_lines"] == 1
    assert batch.cleaning["cancelled_orders"] == 1
    [problem] = rejected_rows(app_context, batch.batch_id or 0)
    assert problem.row_number == 6 and problem.reason
    again = import_files(app_context, [path]).batches[0]
    assert (again.duplicates, again.rejected, again.orders) == (4, 1, 0)
    assert count(app_context, "order_lines") == 4


def test_an_unreadable_file_is_reported_as_a_failed_batch(
    app_context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 40)
    [batch] = import_files(app_context, [path]).batches
    assert batch.status == "failed" and batch.message
    assert count(app_context, "orders") == 0
    assert query(app_context, "SELECT status, file_name FROM import_batches") == [
        ("failed", "junk.csv")
    ]


def _shopify_orders(first: int, last: int) -> tuple[str, list[list[str]]]:
    """Header and rows of orders first..last-1 of the bundled (made-up people) Shopify sample."""
    with SAMPLE_ORDERS.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        orders: list[list[list[str]]] = []
        for row in reader:
            if not orders or row[0] != orders[-1][0][0]:
                if len(orders) == last:
                    break
                orders.append([])
            orders[-1].append(row)
    return ",".join(header), [row for rows in orders[first:last] for row in rows]


def _write_csv(path: Path, header: str, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


def test_an_overlapping_later_shopify_export_updates_instead_of_duplicating(
    app_context: AppContext, tmp_path: Path
) -> None:
    header, early = _shopify_orders(0, 30)
    _, late = _shopify_orders(20, 40)
    refunded_order = late[0][0]
    late[0][2] = "refunded"  # Financial Status: the order was refunded after the first export
    first = import_files(app_context, [_write_csv(tmp_path / "a.csv", header, early)]).batches[0]
    second = import_files(app_context, [_write_csv(tmp_path / "b.csv", header, late)]).batches[0]
    overlap = sum(1 for row in late if row[0] in {r[0] for r in early})
    refunded_lines = sum(1 for row in late if row[0] == refunded_order)
    assert first.status == second.status == "committed"
    assert second.rows_in == len(late) == second.rows_stored + second.rejected + second.duplicates
    assert second.duplicates == overlap - refunded_lines
    assert second.cleaning["orders_updated"] == 1
    assert second.cleaning["lines_updated"] == refunded_lines
    assert count(app_context, "orders") == 40
    assert count(app_context, "order_lines") == len(early) + len(late) - overlap
    assert query(
        app_context, f"SELECT status FROM orders WHERE external_id = '{refunded_order}'"
    ) == [("refunded",)]
