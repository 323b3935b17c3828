"""Reading Google Ads and Meta reports: every quirk of FORMATS.md section B, and hostile files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.evaluation.reports.model import ReportError, compute_totals
from engine.evaluation.reports.read import read_report
from engine.evaluation.reports.totals import reconcile
from engine.evaluation.reports.values import parse_count, parse_date_range, parse_number


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(" --", None), ('795,836', 795836.0), ("1.16%", 1.16), ("< 10%", None), ("> 90%", None),
     ("1,204.50", 1204.5), ("", None), ("(12.50)", -12.5), ("$3,000.00", 3000.0)],
)  # fmt: skip
def test_google_cells(cell: str, expected: float | None) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"), [("1 234,56", 1234.56), ("1.234,56", 1234.56), ("1\u202f520,00", 1520.0)]
)
def test_decimal_comma_cells(cell: str, expected: float) -> None:
    assert parse_number(cell, decimal_comma=True) == pytest.approx(expected)


def test_counts_refuse_fractions() -> None:
    with pytest.raises(ValueError, match="whole number"):
        parse_count("12.5")


def test_date_range_line() -> None:
    assert parse_date_range("March 27, 2026 - April 23, 2026") == (
        date(2026, 3, 27),
        date(2026, 4, 23),
    )
    assert parse_date_range("All time") == (None, None)


def test_google_campaign_report(report_file) -> None:
    report = read_report(report_file("google_campaigns.csv"))
    assert report.platform == "google"
    assert report.title == "Campaign report"
    assert (report.period_start, report.period_end) == (date(2026, 3, 27), date(2026, 4, 23))
    assert report.currency == "USD"
    assert [row.campaign_name for row in report.rows] == [
        "Spring Tea Sale", "Gift Sets - Loyal buyers", "Brand search", "Winter clearance",
    ]  # fmt: skip
    gift = report.rows[1]
    assert (gift.impressions, gift.clicks, gift.cost) == (795836, 1204, 493.64)
    assert gift.row_number == 5  # line 5 of the file: title, date, header, first campaign
    assert gift.cells["Search impr. share"] == " --"  # raw cells kept verbatim
    assert report.rows[3].cells["Search impr. share"] == "< 10%"
    assert set(report.file_totals) == {
        "Total: Account",
        "Total: Search",
        "Total: Display",
        "Total: Campaigns",
    }
    totals = compute_totals(report.rows, report.columns)
    assert totals == {"impressions": 813402, "clicks": 1855, "cost": 1866.34, "conversions": 47.5}
    assert report.file_totals["Total: Campaigns"]["impressions"] == totals["impressions"]


def test_totals_reconcile_per_label(report_file) -> None:
    checks = {
        (c.label, c.metric): c.status
        for c in reconcile(read_report(report_file("google_campaigns.csv")))
    }
    assert checks[("Total: Campaigns", "impressions")] == "ok"
    assert checks[("Total: Search", "cost")] == "ok"  # summed over Search campaigns only
    assert checks[("Total: Display", "clicks")] == "ok"
    assert checks[("Total: Account", "impressions")] == "warning"  # a removed campaign is hidden


def test_edited_total_is_a_mismatch(report_file) -> None:
    checks = reconcile(read_report(report_file("google_total_mismatch.csv")))
    bad = [c for c in checks if c.status == "mismatch"]
    assert [(c.label, c.metric, c.file_value) for c in bad] == [
        ("Total: Campaigns", "impressions", 999999)
    ]


def test_german_google_report_with_decimal_commas(report_file) -> None:
    report = read_report(report_file("google_campaigns_de.csv"))
    assert report.platform == "google" and report.delimiter == ";" and report.currency == "EUR"
    assert (report.period_start, report.period_end) == (date(2026, 3, 27), date(2026, 4, 23))
    assert [(r.impressions, r.clicks, r.cost, r.conversions) for r in report.rows] == [
        (12034, 341, 1204.5, 17.0), (795836, 1204, 493.64, 9.5),
    ]  # fmt: skip
    assert list(report.file_totals) == ["Gesamt: Kampagnen"]
    assert all(check.status == "ok" for check in reconcile(report))


def test_excel_csv_utf16_tab_all_time(report_file) -> None:
    report = read_report(report_file("google_ad_groups_utf16_tab.csv"))
    assert (report.encoding, report.delimiter) == ("utf-16", "\t")
    assert report.period_text == "All time" and report.period_start is None
    assert [row.ad_set_name for row in report.rows][:2] == [
        "Loyal buyers - tea",
        "Lapsed buyers - tea",
    ]
    assert report.rows[2].clicks is None and report.rows[2].impressions == 1200


def test_meta_export_currency_in_header(report_file) -> None:
    report = read_report(report_file("meta_export.csv"))
    assert report.platform == "meta" and report.currency == "USD"
    assert report.columns["cost"] == "Amount spent (USD)"
    first = report.rows[0]
    assert (first.campaign_name, first.ad_set_name, first.ad_name) == (
        "Spring Tea Sale",
        "Loyal buyers",
        "Variant A",
    )
    assert (first.cost, first.impressions, first.reach, first.clicks, first.conversions) == (
        123.45,
        10234,
        8120,
        210,
        12,
    )
    assert (
        report.rows[3].conversions is None
    )  # "Results" of a link-click ad set are not conversions
    assert any("not conversions" in w for w in report.warnings)
    assert "Summary row" in report.file_totals
    assert all(c.status in ("ok", "not_checked") for c in reconcile(report))


@pytest.mark.parametrize(
    ("locale", "currency"), [("fr", "EUR"), ("de", "EUR"), ("es", "EUR"), ("zh", "CNY")]
)
def test_meta_localized_headers_and_numbers(report_file, locale: str, currency: str) -> None:
    english = read_report(report_file("meta_export.csv"))
    report = read_report(report_file(f"meta_export_{locale}.csv"))
    assert report.platform == "meta" and report.currency == currency
    assert compute_totals(report.rows, report.columns) == compute_totals(
        english.rows, english.columns
    )
    assert report.rows[2].cost == 1520.0 and report.rows[2].impressions == 150340
    assert report.rows[0].frequency == pytest.approx(1.26)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("shopify_orders.csv", "Shopify orders export"),
        ("google_empty.csv", "no data rows"),
        ("google_all_nulls.csv", "have no numbers"),
        ("google_truncated.csv", "truncated"),
        ("binary_junk.csv", "not a text report"),
    ],
)
def test_hostile_files_get_a_clear_error(report_file, name: str, message: str) -> None:
    with pytest.raises(ReportError, match=message) as error:
        read_report(report_file(name))
    assert name in str(error.value)  # the message names the file


def test_bad_number_names_row_and_column(tmp_path: Path, report_file) -> None:
    text = (
        report_file("google_campaigns.csv").read_text(encoding="utf-8").replace("341,", "lots,", 1)
    )
    broken = tmp_path / "broken.csv"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError, match=r"broken.csv: row 4, column 'Clicks': expected a number"):
        read_report(broken)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ReportError, match="empty"):
        read_report(empty)


def test_meta_xlsx_export_reads_like_the_csv(tmp_path: Path, report_file) -> None:
    """Meta's default export is a workbook: numbers as numbers, the same rows as the CSV."""
    import csv

    from openpyxl import Workbook

    lines = list(
        csv.reader(report_file("meta_export.csv").read_text(encoding="utf-8-sig").splitlines())
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(lines[0])
    for line in lines[1:]:
        sheet.append([float(cell) if cell.replace(".", "", 1).isdigit() else cell for cell in line])
    path = tmp_path / "meta_export.xlsx"
    workbook.save(path)
    english = read_report(report_file("meta_export.csv"))
    report = read_report(path)
    assert report.platform == "meta" and report.encoding == "xlsx" and report.currency == "USD"
    assert compute_totals(report.rows, report.columns) == compute_totals(
        english.rows, english.columns
    )
    assert report.rows[0].cells["Impressions"] == "10234"


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "report.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ReportError, match="not a readable Excel workbook"):
        read_report(fake)


def test_ambiguous_thousands_follow_the_ui_language() -> None:
    """`10.234` is ten thousand in a German export and `1,234` a thousand in an English one."""
    from engine.evaluation.reports.rows import decimal_comma_for

    columns = {"impressions": 0, "clicks": 1}
    assert decimal_comma_for([["10.234", "1.204"]], columns, "de") is True
    assert decimal_comma_for([["10,234", "1,204"]], columns, "en") is False
    assert decimal_comma_for([["10,234", "12.50"]], columns, "de") is False  # the numbers decide
