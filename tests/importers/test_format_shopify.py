"""Shopify orders export: grouping, statuses, customers, 75 vs 79 columns, extras."""

from __future__ import annotations

from datetime import datetime

from tests.fixtures.importers import read


def test_follow_up_rows_join_the_order_of_their_first_row() -> None:
    result = read("shopify_orders_2021.csv")
    order = result.order("#1001")
    assert [line.title for line in order.lines] == ["Linen tea towel, sage", "Stoneware mug"]
    assert [line.quantity for line in order.lines] == [2.0, 1.0]
    assert order.total == 46.90 and order.shipping == 4.90 and order.currency == "EUR"
    assert order.discount_codes == ["SPRING10"]
    result.assert_every_row_accounted_once()


def test_created_at_with_offset_becomes_naive_utc() -> None:
    order = read("shopify_orders_2021.csv").order("#1001")
    assert order.placed_at == datetime(2021, 5, 13, 9, 1, 13)


def test_customer_comes_from_email_and_billing_columns() -> None:
    customer = read("shopify_orders_2021.csv").order("#1001").customer
    assert customer is not None
    assert customer.email == "ava.madeup@example.com"
    assert (customer.first_name, customer.last_name) == ("Ava", "Madeup")
    assert customer.zip == "0812"  # the `'` protection is gone, the leading zero kept
    assert customer.accepts_marketing is True
    assert customer.country_code == "NO"


def test_cancelled_and_refunded_orders_keep_their_state() -> None:
    result = read("shopify_orders_2021.csv")
    cancelled, refunded = result.order("#1002"), result.order("#1003")
    assert cancelled.is_cancelled and cancelled.status == "cancelled"
    assert [line.state for line in cancelled.lines] == ["cancelled"]
    assert refunded.status == "refunded" and refunded.refunded_amount == 25.0
    assert [line.state for line in refunded.lines] == ["refunded"]


def test_order_without_email_or_name_is_a_guest_order() -> None:
    assert read("shopify_orders_2021.csv").order("#1004").customer is None


def test_multi_line_notes_and_unmapped_columns_stay_in_extra() -> None:
    order = read("shopify_orders_2021.csv").order("#1001")
    assert order.extra["Notes"].count("\n") == 1
    assert order.extra["Billing Street"] == "Storgata 1, 2nd floor"
    assert order.extra["Id"] == "4012345678901"


def test_79_column_export_reads_like_the_75_column_one() -> None:
    old = read("shopify_orders_2021.csv").order("#1001")
    new = read("shopify_orders_2026.csv").order("#1001")
    assert [(x.title, x.quantity, x.unit_price) for x in new.lines] == [
        (x.title, x.quantity, x.unit_price) for x in old.lines
    ]
    assert new.extra["Payment ID"] == "pay-1001"
    assert "Payment ID" not in old.extra
