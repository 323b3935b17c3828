"""Format detection: every fixture is recognised, with its encoding, delimiter and header row."""

from __future__ import annotations

import pytest

from engine.importers.sniff import sniff
from tests.fixtures.importers import FIXTURES


@pytest.mark.parametrize(
    ("name", "fmt", "encoding", "delimiter", "header_row"),
    [
        ("shopify_orders_2021.csv", "shopify", "utf-8", ",", 1),
        ("shopify_orders_2026.csv", "shopify", "utf-8", ",", 1),
        ("woocommerce_analytics.csv", "woocommerce", "utf-8-sig", ",", 1),
        ("woocommerce_webtoffee.csv", "woocommerce_plugin", "utf-8", ",", 1),
        ("etsy_sold_order_items.csv", "etsy_items", "utf-8", ",", 1),
        ("etsy_sold_orders_en_ca.csv", "etsy_orders", "utf-8", ",", 1),
        ("amazon_all_orders_cp1252.txt", "amazon", "cp1252", "\t", 1),
        ("amazon_all_orders_cp932.txt", "amazon", "cp932", "\t", 1),
        ("ebay_orders_us.csv", "ebay", "utf-8", ",", 2),
        ("ebay_orders_uk.csv", "ebay", "utf-8", ",", 1),
        ("ebay_orders_fr.csv", "ebay", "utf-8", ";", 1),
        ("taobao_ExportOrderList.csv", "taobao_orders", "gb18030", ",", 1),
        ("taobao_ExportOrderDetailList.csv", "taobao_details", "gb18030", ",", 1),
        ("online_retail_sample.csv", "generic_transactions", "utf-8", ",", 1),
        ("excel_semicolon.csv", "generic_transactions", "cp1252", ";", 1),
        ("shopify_products.csv", "shopify_products", "utf-8", ",", 1),
        ("generic_products.csv", "generic_products", "utf-8", ",", 1),
        ("events.csv", "events", "utf-8", ",", 1),
    ],
)
def test_fixture_is_recognised(
    name: str, fmt: str, encoding: str, delimiter: str, header_row: int
) -> None:
    result = sniff(FIXTURES / name)
    assert (result.format, result.encoding, result.delimiter, result.header_row) == (
        fmt,
        encoding,
        delimiter,
        header_row,
    )
    assert result.confidence >= 0.8
    assert all(score < result.confidence for _, score in result.alternatives)
    assert result.preview and all(len(row) == len(result.header) for row in result.preview)


def test_evidence_explains_the_decision_in_sentences() -> None:
    result = sniff(FIXTURES / "woocommerce_analytics.csv")
    assert "UTF-8 with BOM" in result.evidence
    assert any("8 of 8 WooCommerce" in sentence for sentence in result.evidence)
    assert result.kind == "orders" and result.label.startswith("WooCommerce")


def test_unknown_layout_gives_no_format_but_ranked_guesses() -> None:
    result = sniff(FIXTURES / "google_ads_campaign_report.csv")
    assert result.format is None and result.kind is None
    assert result.header[:2] == ["Campaign status", "Campaign"]
    assert result.alternatives == sorted(result.alternatives, key=lambda a: -a[1])
