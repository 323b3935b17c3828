"""eBay Seller Hub orders: summary rows, money with currency, UK and French variants."""

from __future__ import annotations

from datetime import datetime

from tests.fixtures.importers import read


def test_summary_row_and_item_rows_make_one_order() -> None:
    result = read("ebay_orders_us.csv")
    order = result.order("12-10002-20002")
    assert [(x.title, x.quantity, x.unit_price) for x in order.lines] == [
        ("Antique clock", 1.0, 2900.0),
        ("Clock key", 2.0, 40.0),
    ]
    assert order.total == 3000.0 and order.currency == "AUD" and order.shipping == 20.0
    assert len(order.sources) == 3  # the summary row is referenced too
    assert order.placed_at == datetime(2026, 5, 26)
    result.assert_every_row_accounted_once()


def test_single_item_order_with_us_dates_and_dollars() -> None:
    order = read("ebay_orders_us.csv").order("12-10001-20001")
    assert order.placed_at == datetime(2026, 10, 5)
    assert order.currency == "USD" and order.lines[0].unit_price == 12.34
    assert order.customer is not None and order.customer.platform_id == "pia_made"


def test_uk_post_to_headers() -> None:
    order = read("ebay_orders_uk.csv").order("12-10001-20001")
    assert order.currency == "GBP" and order.shipping == 3.2


def test_french_export_with_semicolons_and_decimal_commas() -> None:
    result = read("ebay_orders_fr.csv")
    order = result.order("14-20001-30001")
    assert order.currency == "EUR"
    assert order.lines[0].unit_price == 45.0
    assert order.shipping == 1234.56 and order.total == 1324.56
    assert order.placed_at == datetime(2026, 5, 26)
