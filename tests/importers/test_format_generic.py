"""Generic transactions (UCI layout), the user-mapped CSV, product catalogs and events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from engine.importers.api import ImportFormatError
from engine.importers.formats.products import html_to_text
from engine.importers.mapping import ColumnMapping, MappingError, suggest_mapping
from tests.fixtures.importers import read

UCI = "online_retail_sample.csv"


def test_uci_rows_become_invoices_with_text_customer_ids() -> None:
    result = read(UCI)
    order = result.order("536365")
    assert order.customer is not None and order.customer.platform_id == "17850"
    assert [line.sku for line in order.lines] == ["85123A", "71053"]
    assert order.placed_at == datetime(2010, 12, 1, 8, 26)
    result.assert_every_row_accounted_once()


def test_blank_customer_id_is_a_guest_order() -> None:
    assert read(UCI).order("536366").customer is None


def test_c_invoices_and_negative_quantities_are_cancelled_lines() -> None:
    result = read(UCI)
    credit = result.order("C536379")
    assert credit.is_cancelled and credit.lines[0].quantity == 1.0
    assert credit.lines[0].state == "cancelled"
    adjustment = result.order("536380").lines[0]
    assert (adjustment.quantity, adjustment.state) == (24.0, "cancelled")


def test_suggested_mapping_understands_english_and_chinese_headers() -> None:
    mapping = suggest_mapping(["订单号", "下单时间", "商品名称", "数量", "单价", "用户ID"])
    assert mapping.columns == {
        "order_id": "订单号",
        "date": "下单时间",
        "title": "商品名称",
        "quantity": "数量",
        "price": "单价",
        "customer_id": "用户ID",
    }
    assert suggest_mapping(["Order ID", "Order Date", "SKU", "Qty", "Unit Price"]).problems() == []


def test_mapping_validation_names_what_is_missing() -> None:
    mapping = ColumnMapping(columns={"order_id": "Ref", "date": "When"})
    with pytest.raises(MappingError, match=r"quantity.*unit price.*product name or the SKU"):
        mapping.validate()
    assert "columns not in this file: When" in mapping.problems(["Ref"])[-1]


def test_mapping_survives_a_save_and_load(tmp_path: Path) -> None:
    mapping = ColumnMapping({"order_id": "订单号", "date": "日期"}, "DMY", True, "CNY")
    mapping.save(tmp_path / "m.json")
    assert ColumnMapping.load(tmp_path / "m.json") == mapping
    (tmp_path / "bad.json").write_text("[1, 2]")
    with pytest.raises(MappingError, match=r"bad\.json"):
        ColumnMapping.load(tmp_path / "bad.json")


def test_mapped_csv_reads_a_file_through_the_users_mapping() -> None:
    mapping = ColumnMapping(
        {"order_id": "InvoiceNo", "date": "InvoiceDate", "title": "Description",
         "quantity": "Quantity", "price": "UnitPrice", "customer_id": "CustomerID"},
        date_order="DMY", decimal_comma=True, currency="EUR",
    )  # fmt: skip
    result = read("excel_semicolon.csv", mapping=mapping)
    order = result.order("900001")
    assert result.source.format == "mapped"
    assert order.currency == "EUR" and order.placed_at == datetime(2021, 5, 13, 10, 0)
    assert [x.unit_price for x in order.lines] == [1234.56, 3.5]
    assert order.extra == {
        "StockCode": "A1",
        "Country": "Germany",
        "follow_up_rows": [{"row": 3, "StockCode": "A2"}],  # the second line's unmapped cell
    }


def test_mapping_to_absent_columns_is_refused() -> None:
    mapping = ColumnMapping({"order_id": "Nope", "date": "InvoiceDate", "title": "Description",
                             "quantity": "Quantity", "price": "UnitPrice"})  # fmt: skip
    with pytest.raises(ImportFormatError, match=r"columns not in this file: Nope"):
        read(UCI, mapping=mapping)


def test_shopify_products_keep_variants_categories_and_plain_descriptions() -> None:
    result = read("shopify_products.csv")
    assert [(p.sku, p.price, p.attributes) for p in result.products] == [
        ("TT-SAGE", 12.0, {"Colour": "Sage"}),
        ("TT-RUST", 12.5, {"Colour": "Rust"}),
        ("MUG-01", 18.0, None),
    ]
    towel = result.products[1]
    assert towel.title == "Linen tea towel" and towel.category == "Kitchen textiles"
    assert towel.description == "Soft linen & quick-drying."
    assert towel.tags == ["linen", "kitchen"]
    result.assert_every_row_accounted_once()


def test_html_descriptions_become_text_lines() -> None:
    assert html_to_text("<p>One&nbsp;line</p><p>Two <b>bold</b></p>") == "One line\nTwo bold"


def test_generic_products_with_decimal_comma_prices() -> None:
    products = read("generic_products.csv").products
    assert [(p.sku, p.price, p.category) for p in products] == [
        ("BOWL-CAL", 19.9, "Tableware"),
        ("RAM-01", 9.9, "Bakeware"),
    ]


def test_events_map_synonyms_and_unix_times_and_report_unknown_types() -> None:
    result = read("events.csv")
    assert [e.event_type for e in result.events] == ["view", "cart", "fav", "purchase"]
    assert result.events[0].occurred_at == datetime(2017, 11, 24, 17, 21, 10)
    assert [p.code for p in result.problems] == ["bad_value"]
    assert "wishlist-ish" in result.problems[0].reason
    result.assert_every_row_accounted_once()


def test_suggested_mapping_understands_german_and_french_headers() -> None:
    german = suggest_mapping(["Bestellnummer", "Datum", "Artikel", "Menge", "Preis", "Kunde"])
    french = suggest_mapping(["Numéro de commande", "Date", "Produit", "Quantité", "Prix"])
    assert german.problems() == [] and french.problems() == []
    assert german.columns["customer_id"] == "Kunde" and french.columns["title"] == "Produit"


def test_extra_columns_of_every_row_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "with_notes.csv"
    path.write_text(
        "InvoiceNo,Description,Quantity,InvoiceDate,UnitPrice,Gift note\n"
        "1,Mug,1,2021-01-01 10:00:00,5.0,For Ana\n"
        "1,Bowl,2,2021-01-01 10:00:00,7.0,Wrap separately\n"
    )
    order = read(path).orders[0]
    assert order.extra == {
        "Gift note": "For Ana",
        "follow_up_rows": [{"row": 3, "Gift note": "Wrap separately"}],
    }


def test_a_date_pattern_in_the_mapping_reads_unusual_dates(tmp_path: Path) -> None:
    path = tmp_path / "pattern.csv"
    path.write_text("Ref;Wann;Was;Wie viele;Preis\nA1;13.05.2021 um 10:00;Kerze;1;3,50\n")
    mapping = ColumnMapping(
        {"order_id": "Ref", "date": "Wann", "title": "Was", "quantity": "Wie viele",
         "price": "Preis"},
        date_order="%d.%m.%Y um %H:%M", decimal_comma=True,
    )  # fmt: skip
    order = read(path, mapping=mapping).orders[0]
    assert order.placed_at == datetime(2021, 5, 13, 10, 0)
    assert order.lines[0].unit_price == 3.5
    assert (
        ColumnMapping(mapping.columns, date_order="sometimes")
        .problems()[-1]
        .startswith("date order must be one of")
    )


def test_day_first_dates_are_learned_beyond_the_preview(tmp_path: Path) -> None:
    """The first 30 invoices are ambiguous (03/04); the 31st (25/04) shows the file is day-first."""
    header = "InvoiceNo,Description,Quantity,InvoiceDate,UnitPrice\n"
    rows = [f"{n},Mug,1,03/04/2021 10:00,5.0\n" for n in range(30)] + ["99,Mug,1,25/04/2021,5\n"]
    path = tmp_path / "uk_dates.csv"
    path.write_text(header + "".join(rows))
    orders = read(path).orders
    assert orders[0].placed_at == datetime(2021, 4, 3, 10, 0)
    assert orders[-1].placed_at == datetime(2021, 4, 25)
