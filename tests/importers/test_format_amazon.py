"""Amazon All Orders TSV: guest orders, line prices, pending orders, legacy encodings."""

from __future__ import annotations

from datetime import datetime

from tests.fixtures.importers import read


def test_items_of_one_order_are_grouped_with_unit_prices() -> None:
    result = read("amazon_all_orders_cp1252.txt")
    order = result.order("302-1234567-1234567")
    assert [(x.title, x.quantity, x.unit_price) for x in order.lines] == [
        ("Café au lait bowl – hand-glazed", 2.0, 19.9),
        ("Crème brûlée ramekin", 1.0, 9.9),
    ]
    assert order.shipping == 4.99 and round(order.tax or 0, 2) == 7.93
    assert order.customer is None  # no buyer fields: a guest order
    assert order.extra["sales-channel"] == "Amazon.de"
    assert "follow_up_rows" not in order.extra  # the second row adds no new unknown cell
    result.assert_every_row_accounted_once()


def test_pending_order_with_blank_price_keeps_the_line() -> None:
    order = read("amazon_all_orders_cp1252.txt").order("302-7654321-7654321")
    assert order.status == "pending"
    assert order.lines[0].unit_price is None
    assert order.placed_at == datetime(2017, 6, 18, 8, 0)


def test_older_japanese_export_in_cp932_with_url_column() -> None:
    result = read("amazon_all_orders_cp932.txt")
    assert result.source.files[0].encoding == "cp932"
    order = result.order("250-1111111-2222222")
    assert order.lines[0].title == "マグカップ 青 ハンドメイド"
    assert order.extra["url"] == "https://example.invalid"
    cancelled = result.order("250-3333333-4444444")
    assert cancelled.is_cancelled and cancelled.lines[0].state == "cancelled"
