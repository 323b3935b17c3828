"""The storing pipeline on hand-made records: accounting, idempotency, cleaning, customers."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from engine.importers.records import CustomerRecord, EventRecord, ProductRecord, RowProblem
from engine.services.context import AppContext
from tests.importers.pipeline_helpers import buyer, count, line, order, query, run_import, source


def _reconciles(batch: object) -> bool:
    b = batch  # type: ignore[assignment]
    return b.rows_in == b.rows_stored + b.rejected + b.duplicates  # type: ignore[attr-defined]


def test_new_orders_are_stored_and_every_row_accounted_for(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [order("#1001", [2, 3], customer=buyer(1)), order("#1002", [4], customer=buyer(2))]
    report = run_import(app_context, tmp_path, monkeypatch, records)
    [batch] = report.batches
    assert batch.status == "committed"
    assert (batch.rows_in, batch.orders, batch.lines_stored, batch.rejected, batch.duplicates) == (
        3, 2, 3, 0, 0,
    )  # fmt: skip
    assert _reconciles(batch)
    assert count(app_context, "orders") == 2
    assert count(app_context, "order_lines") == 3
    assert query(app_context, "SELECT status, rows_in, rows_stored FROM import_batches") == [
        ("committed", 3, 3)
    ]


def test_importing_the_same_records_twice_stores_nothing_twice(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def records() -> list:
        return [order("#1001", [2, 3], customer=buyer(1)), order("#1002", [4], customer=buyer(2))]

    run_import(app_context, tmp_path, monkeypatch, records())
    second = run_import(app_context, tmp_path, monkeypatch, records()).batches[0]
    assert (second.orders, second.lines_stored, second.duplicates, second.rows_stored) == (
        0,
        0,
        3,
        0,
    )
    assert _reconciles(second)
    assert count(app_context, "orders") == 2
    assert count(app_context, "order_lines") == 3
    assert count(app_context, "customers") == 2


def test_overlapping_export_updates_a_refunded_order_and_adds_new_ones(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(app_context, tmp_path, monkeypatch, [order("#1001", [2, 3], customer=buyer(1))])
    refunded = order(
        "#1001", [2, 3], customer=buyer(1), status="refunded", refunded_amount=9.0,
        lines=[line("Candle 0", 2, state="refunded"), line("Candle 1", 3, state="refunded")],
    )  # fmt: skip
    later = [refunded, order("#1003", [4], customer=buyer(1))]
    batch = run_import(app_context, tmp_path, monkeypatch, later).batches[0]
    assert (batch.orders, batch.lines_stored, batch.duplicates) == (2, 3, 0)
    assert batch.cleaning["orders_updated"] == 1 and batch.cleaning["lines_updated"] == 2
    assert _reconciles(batch)
    assert query(
        app_context, "SELECT status, refunded_amount FROM orders WHERE external_id='#1001'"
    ) == [("refunded", 9.0)]
    assert query(app_context, "SELECT DISTINCT state FROM order_lines l JOIN orders o ON o.id = "
                 "l.order_id WHERE o.external_id = '#1001'") == [("refunded",)]  # fmt: skip
    assert count(app_context, "order_lines") == 3


def test_blank_order_fields_in_a_later_file_never_erase_stored_values(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(app_context, tmp_path, monkeypatch, [order("#1", [2], customer=buyer(1), total=9.0)])
    batch = run_import(
        app_context, tmp_path, monkeypatch, [order("#1", [2], customer=None)]
    ).batches[0]
    assert batch.duplicates == 1
    assert query(app_context, "SELECT total, customer_id IS NOT NULL FROM orders") == [(9.0, 1)]


def test_an_order_split_over_non_contiguous_rows_is_merged(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = order("#7", [2], lines=[line("Mug", 2, sku="MUG")], customer=buyer(1))
    other = order("#8", [3], customer=buyer(2))
    again = order("#7", [4], lines=[line("Mug", 4, sku="MUG")], customer=None)
    batch = run_import(app_context, tmp_path, monkeypatch, [first, other, again]).batches[0]
    assert (batch.orders, batch.lines_stored, batch.duplicates) == (2, 3, 0)
    positions = "SELECT position FROM order_lines l JOIN orders o ON o.id = l.order_id "
    assert query(app_context, positions + "WHERE o.external_id = '#7' ORDER BY 1") == [(0,), (1,)]


def test_a_continuation_written_in_a_later_chunk_gets_new_positions(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.importers import pipeline

    monkeypatch.setattr(pipeline, "DEFAULT_CHUNK_LINES", 1)
    records = [
        order("#7", [2], lines=[line("Mug", 2, sku="MUG")], customer=buyer(1)),
        order("#8", [3], customer=buyer(2)),
        order("#7", [4], lines=[line("Mug", 4, sku="MUG")]),
    ]
    batch = run_import(app_context, tmp_path, monkeypatch, records).batches[0]
    assert (batch.orders, batch.lines_stored, batch.duplicates) == (2, 3, 0)
    assert query(app_context, "SELECT status FROM orders WHERE external_id = '#7'") == [("paid",)]


def test_rejected_rows_keep_row_number_raw_text_reason_and_code(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        order("#1", [2, 3, 4, 5], lines=[
            line("Candle", 2), line("Vase", 3, quantity=0), line("", 4),
            line("Jug", 5, quantity=-2),
        ]),
        order("#2", [6], placed_at=None),
        order("#3", [7], currency="pounds"),
        order("#4", [8], lines=[line("Lamp", 8, quantity=5_000_000)]),
        RowProblem(source(9), "The Quantity column says 'abc'; expected a number.", "Quantity",
                   "bad_number"),
    ]  # fmt: skip
    batch = run_import(app_context, tmp_path, monkeypatch, records).batches[0]
    assert (batch.rows_in, batch.rows_stored, batch.rejected) == (8, 1, 7)
    assert _reconciles(batch)
    rejected = query(
        app_context, 'SELECT row_number, code, "column", raw_text FROM rejected_rows ORDER BY 1'
    )
    assert [(r[0], r[1]) for r in rejected] == [
        (3, "zero_quantity"), (4, "missing_value"), (5, "negative_quantity"), (6, "bad_date"),
        (7, "unknown_currency"), (8, "absurd_quantity"), (9, "bad_number"),
    ]  # fmt: skip
    assert rejected[0][2] == "quantity" and rejected[0][3] == "raw text of row 3"
    reasons = query(app_context, "SELECT reason FROM rejected_rows WHERE code = 'bad_date'")
    assert "#2" in reasons[0][0]
    assert batch.cleaning["rejected_by_reason"]["zero_quantity"] == 1
    assert count(app_context, "orders") == 1


def test_an_order_whose_every_line_is_rejected_rejects_its_order_rows_too(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = order("#1", [2, 3], lines=[line("Vase", 3, quantity=0)])  # row 2: order-level only
    batch = run_import(app_context, tmp_path, monkeypatch, [bad]).batches[0]
    assert (batch.rows_in, batch.rejected) == (2, 2)
    assert query(app_context, "SELECT row_number, code FROM rejected_rows ORDER BY 1") == [
        (2, "no_lines"), (3, "zero_quantity"),
    ]  # fmt: skip
    assert count(app_context, "orders") == 0


def test_guest_orders_are_kept_without_a_customer(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [order("#1", [2]), order("#2", [3], customer=CustomerRecord(country="France"))]
    batch = run_import(app_context, tmp_path, monkeypatch, records).batches[0]
    assert batch.cleaning["guest_orders"] == 2
    assert count(app_context, "orders", "customer_id IS NULL") == 2
    assert count(app_context, "customers") == 0


def test_cancellations_and_non_product_lines_are_stored_as_such(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        order("C536379", [2, 3], is_cancelled=True, status="cancelled", platform="generic", lines=[
            line("Candle", 2, state="cancelled", sku="22086"), line("POSTAGE", 3, sku="POST"),
        ]),
        order("536380", [4, 5], platform="generic", lines=[
            line("Bank charges", 4, price=15.0, sku="BANK CHARGES"),
            line("Adjust bad debt", 5, price=-11062.06, sku="B"),
        ]),
    ]  # fmt: skip
    batch = run_import(app_context, tmp_path, monkeypatch, records).batches[0]
    assert batch.rejected == 0
    assert batch.cleaning["cancelled_orders"] == 1 and batch.cleaning["cancelled_lines"] == 1
    assert batch.cleaning["non_product_lines"] == 3
    assert query(app_context, "SELECT is_cancelled, status FROM orders WHERE external_id = "
                 "'C536379'") == [(1, "cancelled")]  # fmt: skip
    assert count(app_context, "products", "is_non_product") == 3
    assert count(app_context, "order_lines", "is_non_product") == 3


def test_customers_are_hashed_linked_per_platform_and_contacts_kept_apart(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    robin = buyer(1, phone="+44 7700 900123", accepts_marketing=True)
    same_robin_on_etsy = CustomerRecord(platform_id="robin_makes", email="buyer.1@example.com")
    records = [
        order("#1", [2], customer=robin, placed_at=__import__("datetime").datetime(2026, 1, 5)),
        order("9001", [3], customer=same_robin_on_etsy, platform="etsy"),
    ]
    run_import(app_context, tmp_path, monkeypatch, records)
    email_hash = hashlib.sha256(b"buyer.1@example.com").hexdigest()
    phone_hash = hashlib.sha256(b"+447700900123").hexdigest()
    assert query(app_context, "SELECT key, email_sha256, phone_sha256, display_name, "
                 "accepts_marketing, country_code, first_seen < last_seen FROM customers") == [
        (email_hash, email_hash, phone_hash, "R. M.", 1, "GB", 1)
    ]  # fmt: skip
    external = query(app_context, "SELECT platform, external_id FROM customer_external_ids")
    assert sorted(external) == [("etsy", "robin_makes"), ("shopify", "1001")]
    # the raw details, latest non-empty value of each field (the Etsy row came last)
    assert query(app_context, "SELECT email, phone, first_name FROM customer_contacts") == [
        ("buyer.1@example.com", "+44 7700 900123", "Robin")
    ]


def test_a_customer_without_email_is_found_again_by_platform_id(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        order("1", [2], customer=CustomerRecord(platform_id="17850.0"), platform="generic"),
        order("2", [3], customer=CustomerRecord(platform_id="17850"), platform="generic"),
    ]
    run_import(app_context, tmp_path, monkeypatch, records)
    assert query(app_context, "SELECT key FROM customers") == [("generic:17850",)]


def test_products_are_upserted_by_sku_with_the_latest_price(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    records = [
        order(
            "#2", [3], lines=[line("Mug", 3, sku="MUG", price=6.0)], placed_at=datetime(2026, 2, 1)
        ),
        order(
            "#1", [2], lines=[line("Mug", 2, sku="MUG", price=5.0)], placed_at=datetime(2026, 1, 1)
        ),
        order("#3", [4], lines=[line("Tea Towel", 4, price=3.0)]),
    ]
    run_import(app_context, tmp_path, monkeypatch, records)
    assert sorted(query(app_context, "SELECT sku, title, price FROM products")) == [
        ("MUG", "Mug", 6.0), ("title:tea towel", "Tea Towel", 3.0),
    ]  # fmt: skip


def test_import_opens_no_network_socket(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list
) -> None:
    run_import(app_context, tmp_path, monkeypatch, [order("#1", [2], customer=buyer(1))])
    assert no_network == []


def test_catalog_rows_update_products_and_repeat_as_duplicates(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(
        app_context, tmp_path, monkeypatch, [order("#1", [2], lines=[line("Mug", 2, sku="MUG")])]
    )

    def catalog() -> list:
        return [
            ProductRecord("MUG", "Spotty mug", description="Stoneware", price=7.5,
                          category="Kitchen", tags=["gift"], source=source(2)),
            ProductRecord(None, "Linen apron", price=18.0, source=source(3)),
            ProductRecord("X", "  ", source=source(4)),
        ]  # fmt: skip

    first = run_import(app_context, tmp_path, monkeypatch, catalog(), infer=False).batches[0]
    assert (first.rows_stored, first.rejected, first.duplicates) == (2, 1, 0)
    assert sorted(query(app_context, "SELECT p.sku, p.title, p.price, c.name, c.source FROM "
                        "products p LEFT JOIN categories c ON c.id = p.category_id")) == [
        ("MUG", "Spotty mug", 7.5, "Kitchen", "imported"),
        ("title:linen apron", "Linen apron", 18.0, None, None),
    ]  # fmt: skip
    again = run_import(app_context, tmp_path, monkeypatch, catalog(), infer=False).batches[0]
    assert (again.rows_stored, again.rejected, again.duplicates) == (0, 1, 2)


def test_behaviour_events_link_to_known_customers_and_are_not_stored_twice(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = CustomerRecord(platform_id="17850")
    run_import(app_context, tmp_path, monkeypatch,
               [order("1", [2], customer=known, platform="generic")])  # fmt: skip
    when = datetime(2026, 3, 2, 12, 0)

    def events() -> list:
        return [
            EventRecord("17850", "Candle 0", "view", when, source=source(2)),
            EventRecord("17850.0", "Candle 0", "view", when, source=source(3)),  # same event
            EventRecord("u-99", "NEW-SKU", "cart", when, session_id="s1", source=source(4)),
            EventRecord("", "NEW-SKU", "cart", when, source=source(5)),
        ]

    batch = run_import(app_context, tmp_path, monkeypatch, events(), infer=False).batches[0]
    assert (batch.rows_in, batch.rows_stored, batch.duplicates, batch.rejected) == (4, 2, 1, 1)
    assert count(app_context, "behaviour_events") == 2
    assert count(app_context, "customers") == 2
    again = run_import(app_context, tmp_path, monkeypatch, events(), infer=False).batches[0]
    assert (again.rows_stored, again.duplicates, again.rejected) == (0, 3, 1)


def test_outliers_are_flagged_against_earlier_imports_and_never_dropped(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usual = [order(f"#{i}", [i + 2], lines=[line("Mug", i + 2, quantity=6, sku="MUG")])
             for i in range(20)]  # fmt: skip
    first = run_import(app_context, tmp_path, monkeypatch, usual, infer=False).batches[0]
    assert first.cleaning["outliers_flagged"] == 0
    odd = [line("Mug", 2, quantity=600, sku="MUG"), line("Mug", 3, 12, sku="MUG", price=0.01)]
    huge = [order("#99", [2], lines=odd)]
    second = run_import(app_context, tmp_path, monkeypatch, huge, infer=False).batches[0]
    assert second.cleaning["outliers_flagged"] == 2 and second.lines_stored == 2
    flagged = query(app_context, "SELECT quantity, unit_price FROM order_lines WHERE is_outlier")
    assert sorted(flagged) == [(12.0, 0.01), (600.0, 4.5)]


def test_a_line_id_repeated_within_one_file_is_stored_once(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    twice = [line("Mug", 2, line_key="T-1"), line("Mug", 3, line_key="T-1"), line("Cup", 4)]
    [summary] = run_import(
        app_context, tmp_path, monkeypatch, [order("#1", [2, 3, 4], lines=twice)]
    ).batches
    assert (summary.lines_stored, summary.duplicates, summary.rows_stored) == (2, 1, 2)
    assert count(app_context, "order_lines") == 2


def test_identical_lines_without_ids_are_kept_and_counted(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    same = [line("Mug", 2, sku="MUG"), line("Mug", 3, sku="MUG")]
    batch = run_import(app_context, tmp_path, monkeypatch, [order("#1", [2, 3], lines=same)])
    assert batch.batches[0].lines_stored == 2
    assert batch.batches[0].cleaning["repeated_lines"] == 1


def test_order_numbers_differing_only_in_spaces_are_one_order(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [order("#5", [2]), order(" #5 ", [3], lines=[line("Vase", 3)])]
    [batch] = run_import(app_context, tmp_path, monkeypatch, records).batches
    assert (batch.status, batch.orders, batch.lines_stored) == ("committed", 1, 2)
