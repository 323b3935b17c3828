"""Etsy Sold Order Items joined with Sold Orders (en-CA headers)."""

from __future__ import annotations

from datetime import datetime

from engine.importers.formats.etsy import parse_buyer, parse_variations
from tests.fixtures.importers import read

ITEMS, ORDERS = "etsy_sold_order_items.csv", "etsy_sold_orders_en_ca.csv"


def test_buyer_cell_gives_name_and_username() -> None:
    assert parse_buyer("Mia Example (miaexample)") == ("Mia Example", "miaexample")
    assert parse_buyer("Plain Name") == ("Plain Name", None)


def test_variations_become_attributes() -> None:
    assert parse_variations("Size:Small,Colour:Sage") == {"Size": "Small", "Colour": "Sage"}


def test_items_are_grouped_and_shipping_from_one_row_is_summed() -> None:
    order = read(ITEMS).order("1900000001")
    assert [line.title for line in order.lines] == ["Hand-thrown bowl", "Glaze sample card"]
    assert order.shipping == 6.0 and order.tax == 2.4
    assert order.discount_codes == ["SAVE10", "FREESHIP"]
    assert order.lines[0].line_key == "2900000001"
    assert order.lines[0].attributes == {"Size": "Small", "Colour": "Sage"}
    assert order.customer is not None and order.customer.platform_id == "miaexample"


def test_sold_orders_file_enriches_the_order_and_is_referenced() -> None:
    result = read(ITEMS, ORDERS)
    order = result.order("1900000001")
    assert order.total == 43.40 and order.subtotal == 38.0
    assert order.customer is not None
    assert (order.customer.first_name, order.customer.last_name) == ("Mia", "Example")
    assert {s.file_name for s in order.sources} == {ITEMS, ORDERS}
    result.assert_every_row_accounted_once()


def test_a_sold_order_without_items_is_reported_not_dropped() -> None:
    problems = read(ITEMS, ORDERS).problems
    assert [(p.source.file_name, p.code) for p in problems] == [(ORDERS, "unmatched")]
    assert "1900000009" in problems[0].reason


def test_excel_mangled_zip_and_date_are_repaired() -> None:
    result = read(ITEMS)
    assert result.order("1900000001").customer.zip == "07042"  # type: ignore[union-attr]
    assert result.order("1900000002").placed_at == datetime(2020, 12, 4)


def test_the_orders_file_alone_is_refused_with_a_reason() -> None:
    import pytest

    from engine.importers.api import ImportFormatError

    with pytest.raises(ImportFormatError, match="Sold Order Items"):
        read(ORDERS)
