"""WooCommerce Analytics export and the WebToffee plugin layout."""

from __future__ import annotations

from engine.importers.formats.woocommerce import parse_line_item, parse_woo_products
from tests.fixtures.importers import read


def test_products_cell_splits_on_the_multiplication_sign_not_on_commas() -> None:
    assert parse_woo_products("2× Ceramic mug, large, 1× Tea towel") == [
        (2, "Ceramic mug, large"),
        (1, "Tea towel"),
    ]


def test_analytics_export_without_email_uses_the_customer_name() -> None:
    result = read("woocommerce_analytics.csv")
    order = result.order("2001")
    assert order.customer is not None and order.customer.platform_id == "Dana Sample"
    assert order.customer.email is None
    assert [(line.quantity, line.title, line.unit_price) for line in order.lines] == [
        (2, "Ceramic mug, large", None),
        (1, "Tea towel", None),
    ]
    assert order.total == 42.0 and order.discount_codes == ["WELCOME"]
    assert order.extra["Attribution"] == "Organic: Google"
    assert order.extra["N. Revenue (formatted)"] == "€42.00"  # recognised, stored by no field
    result.assert_every_row_accounted_once()


def test_analytics_statuses_become_order_and_line_states() -> None:
    result = read("woocommerce_analytics.csv")
    assert result.order("2002").status == "refunded"
    assert result.order("2003").is_cancelled
    assert {line.state for line in result.order("2003").lines} == {"cancelled"}


def test_line_item_cells_keep_a_pipe_inside_the_name() -> None:
    assert parse_line_item("name:Mug | blue|product_id:56|quantity:2|total:12.00") == {
        "name": "Mug | blue",
        "product_id": "56",
        "quantity": "2",
        "total": "12.00",
    }


def test_webtoffee_rows_become_orders_with_every_line_item() -> None:
    result = read("woocommerce_webtoffee.csv")
    order = result.order("3101")
    assert [(x.title, x.quantity, x.unit_price, x.product_external_id) for x in order.lines] == [
        ("Wool scarf", 1.0, 24.0, "55"),
        ("Mug | blue", 2.0, 6.0, "56"),
    ]
    assert order.customer is not None and order.customer.email == "gus.madeup@example.com"
    assert order.discount_codes == ["TENOFF"]
    assert order.extra["meta:_gift_message"] == "Happy birthday"
    assert result.order("3102").is_cancelled
    result.assert_every_row_accounted_once()
