"""The ten quirks of FORMATS.md, one test each, named after the quirk."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

from engine.importers.reading import Table, detect_layout
from engine.importers.records import RowProblem
from engine.importers.values import parse_number
from tests.fixtures.importers import FIXTURES, read


def _rows(name: str) -> list[list[str]]:
    table = Table(detect_layout(FIXTURES / name))
    return [item[0] for item in table if not isinstance(item, RowProblem)]


def test_quirk_1_non_table_rows_title_lines_blank_lines_and_footers() -> None:
    google = detect_layout(FIXTURES / "google_ads_campaign_report.csv")
    assert google.header_row == 3 and google.header[0] == "Campaign status"
    assert "2 title line(s) skipped" in google.evidence[-1]
    ebay = read("ebay_orders_us.csv")
    assert ebay.source.files[0].header_row == 2  # after the leading blank line
    assert ebay.source.rows_in() == 4  # the empty row and both footer lines are not data
    assert not ebay.problems
    microsoft = _rows("microsoft_bulk_rsa.csv")
    assert microsoft[0][0] == "Format Version" and microsoft[0][9] == "6.0"


def test_quirk_2_encodings_are_detected() -> None:
    expected = {
        "woocommerce_analytics.csv": "utf-8-sig",
        "shopify_orders_2021.csv": "utf-8",
        "ads_editor_export.csv": "utf-16",
        "taobao_ExportOrderList.csv": "gb18030",
        "amazon_all_orders_cp1252.txt": "cp1252",
        "amazon_all_orders_cp932.txt": "cp932",
    }
    assert {name: detect_layout(FIXTURES / name).encoding for name in expected} == expected
    assert _rows("ads_editor_export.csv") == [
        ["Spring mugs", "Mugs", "Responsive search ad", "Handmade mugs", " -"]
    ]
    taobao = read("taobao_ExportOrderList.csv", "taobao_ExportOrderDetailList.csv")
    assert taobao.orders[0].lines[0].title == "纯棉毛巾 加厚"


def test_quirk_3_delimiters_comma_tab_and_semicolon() -> None:
    delimiters = {
        name: detect_layout(FIXTURES / name).delimiter
        for name in (
            "shopify_orders_2021.csv",
            "amazon_all_orders_cp1252.txt",
            "ads_editor_export.csv",
            "ebay_orders_fr.csv",
            "excel_semicolon.csv",
        )
    }
    assert list(delimiters.values()) == [",", "\t", "\t", ";", ";"]


def test_quirk_4_line_item_grouping_in_every_layout() -> None:
    assert len(read("shopify_orders_2021.csv").order("#1001").lines) == 2
    etsy = read("etsy_sold_order_items.csv").order("1900000001")
    assert len(etsy.lines) == 2 and etsy.shipping == 6.0
    assert len(read("ebay_orders_us.csv").order("12-10002-20002").lines) == 2
    assert len(read("woocommerce_webtoffee.csv").order("3101").lines) == 2
    taobao = read("taobao_ExportOrderList.csv", "taobao_ExportOrderDetailList.csv")
    assert [len(order.lines) for order in taobao.orders] == [2, 1]


def test_quirk_5_multi_line_and_quoted_fields() -> None:
    result = read("shopify_orders_2021.csv")
    assert "\n" in result.order("#1001").extra["Notes"]
    assert [s.row_number for s in result.order("#1002").sources] == [4]  # spreadsheet row
    assert read("ebay_orders_us.csv").order("12-10001-20001").lines[0].title == (
        'Vintage tin, "Blue" edition'
    )
    headline = json.loads(_rows("microsoft_bulk_rsa.csv")[1][10])
    assert headline[0] == {"text": "Handmade mugs", "pinnedField": "Headline1"}


def test_quirk_6_id_protection_and_mangling() -> None:
    shopify = read("shopify_orders_2021.csv")
    assert shopify.order("#1001").customer.zip == "0812"  # type: ignore[union-attr]
    assert shopify.order("#1004").lines[0].title.startswith("=HYPERLINK")  # kept as text
    taobao = read("taobao_ExportOrderList.csv", "taobao_ExportOrderDetailList.csv")
    assert taobao.orders[0].external_id == "1234567890123456789"  # all 19 digits, a string
    etsy = read("etsy_sold_order_items.csv")
    assert etsy.order("1900000001").customer.zip == "07042"  # type: ignore[union-attr]
    woo_customer = read("woocommerce_analytics.csv").order("2002").customer
    assert woo_customer is not None and woo_customer.display_name == "=Eli Formula"


def test_quirk_7_dates_mixed_per_file() -> None:
    etsy = read("etsy_sold_order_items.csv").order("1900000001")
    assert etsy.placed_at == datetime(2021, 12, 26)  # `12/26/21` next to Date Paid `12/26/2021`
    assert read("shopify_orders_2021.csv").order("#1004").placed_at == datetime(2021, 5, 16, 13)
    amazon = read("amazon_all_orders_cp1252.txt").orders[0]
    assert amazon.placed_at == datetime(2017, 6, 17, 8, 4, 21)
    ebay = read("ebay_orders_us.csv")
    assert [o.placed_at for o in ebay.orders] == [datetime(2026, 10, 5), datetime(2026, 5, 26)]
    assert detect_layout(FIXTURES / "google_ads_campaign_report.csv").header_row == 3


def test_quirk_8_localized_headers_and_numbers() -> None:
    etsy = read("etsy_sold_order_items.csv", "etsy_sold_orders_en_ca.csv").order("1900000001")
    assert etsy.total == 43.40  # from the en-CA `Order total` column
    assert read("ebay_orders_uk.csv").orders[0].shipping == 3.2  # `Postage And Packaging`
    assert read("ebay_orders_fr.csv").orders[0].shipping == 1234.56  # `EUR 1 234,56`
    assert read("excel_semicolon.csv").orders[0].lines[0].unit_price == 1234.56  # `1.234,56`


def test_quirk_9_numeric_placeholders() -> None:
    rows = _rows("google_ads_campaign_report.csv")
    assert [parse_number(cell) for cell in rows[0][3:6]] == [795836.0, 1204.0, 1.16]
    assert parse_number(rows[0][8]) is None  # `< 10%`
    assert [parse_number(cell) for cell in rows[1][3:6]] == [None, None, None]  # ` --`
    assert read("ebay_orders_us.csv").order("12-10002-20002").total == 3000.0
    uci = read("online_retail_sample.csv")
    assert uci.order("536365").customer.platform_id == "17850"  # type: ignore[union-attr]
    assert uci.order("536366").customer is None
    assert uci.order("C536379").lines[0].state == "cancelled"


def test_quirk_10_schema_drift_is_matched_by_name(tmp_path: Path) -> None:
    assert read("shopify_orders_2026.csv").order("#1001").extra["Payment ID"] == "pay-1001"
    assert read("amazon_all_orders_cp932.txt").orders[0].extra["url"] == "https://example.invalid"
    assert len(read("woocommerce_webtoffee.csv").order("3101").lines) == 2  # line_item_1..3
    with (FIXTURES / "shopify_orders_2021.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    keep = [i for i, name in enumerate(rows[0]) if "Billing" not in name and name != "Email"]
    reordered = tmp_path / "pii_deleted_and_reordered.csv"
    with reordered.open("w", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in reversed(keep)] for row in rows])
    result = read(reordered, format_name="shopify")
    order = result.order("#1001")
    assert order.customer is None and order.total == 46.90 and len(order.lines) == 2
    result.assert_every_row_accounted_once()
