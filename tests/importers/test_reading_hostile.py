"""Hostile and broken inputs: clear errors or row problems, never a crash or a lost row."""

from __future__ import annotations

import gzip
import os
import random
import tracemalloc
from pathlib import Path

import pytest

from engine.importers.api import ImportFormatError, read_records
from engine.importers.reading import MAX_FIELD_CHARS
from tests.fixtures.importers import FIXTURES, read

UCI_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
UCI_ROW = "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_truncated_file_reports_the_cut_row_and_keeps_the_rest(tmp_path: Path) -> None:
    text = (FIXTURES / "shopify_orders_2021.csv").read_bytes()
    cut = text[: text.index(b"The note goes on") + 5]  # mid-way through a quoted note
    result = read(_write(tmp_path / "cut.csv", cut))
    # the row whose note is cut, then the note's partial second line read on its own
    assert [(p.code, p.source.row_number) for p in result.problems] == [
        ("truncated", 2),
        ("wrong_columns", 3),
    ]
    assert "cut off" in result.problems[0].reason
    assert result.orders == []
    result.assert_every_row_accounted_once()


def test_a_stray_quote_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    stray = UCI_ROW.replace("WHITE METAL LANTERN", '"WHITE METAL LANTERN')
    data = (UCI_HEADER + UCI_ROW + stray + UCI_ROW * 3).encode()
    result = read(_write(tmp_path / "stray.csv", data))
    assert [(p.code, p.source.row_number) for p in result.problems] == [("truncated", 3)]
    assert "stray quote" in result.problems[0].reason
    assert sorted(s.row_number for o in result.orders for s in o.sources) == [2, 4, 5, 6]
    result.assert_every_row_accounted_once()


def test_truncated_last_row_keeps_every_earlier_row(tmp_path: Path) -> None:
    data = (UCI_HEADER + UCI_ROW * 3 + '536366,1,"HAND WARM').encode()
    result = read(_write(tmp_path / "cut.csv", data))
    assert sum(len(o.lines) for o in result.orders) == 3
    assert [(p.code, p.source.row_number) for p in result.problems] == [("truncated", 5)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (os.urandom(4096) + b"\x00" * 512, "not a CSV"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "PNG image"),
        (b"PK\x03\x04" + b"\x00" * 200, "ZIP archive"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 200, "save it as .xlsx or CSV"),
    ],
)
def test_binary_junk_is_refused_with_a_reason(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        read(_write(tmp_path / "orders.csv", data))


def test_empty_and_header_only_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        read(_write(tmp_path / "empty.csv", b""))
    header_only = _write(tmp_path / "header.csv", UCI_HEADER.encode())
    with pytest.raises(ImportFormatError, match=r"header\.csv: a header row but no data rows"):
        read(header_only)
    with_data = _write(tmp_path / "day2.csv", (UCI_HEADER + UCI_ROW).encode())
    assert len(read(header_only, with_data).orders) == 1  # one empty day among several is fine


def test_wrong_format_forced_names_the_real_one_and_the_missing_columns() -> None:
    with pytest.raises(ImportFormatError) as caught:
        read("etsy_sold_order_items.csv", format_name="shopify")
    message = str(caught.value)
    assert message.startswith(
        "etsy_sold_order_items.csv looks like an Etsy Sold Order Items file, "
        "not a Shopify orders export: "
    )
    assert "Name, Created at, Lineitem quantity" in message


def test_unknown_format_name_lists_the_known_ones() -> None:
    with pytest.raises(ImportFormatError, match=r"known formats: .*shopify"):
        read("shopify_orders_2021.csv", format_name="magento")


def test_unrecognised_columns_ask_for_a_mapping() -> None:
    with pytest.raises(ImportFormatError, match="map the columns"):
        read("google_ads_campaign_report.csv")


def test_formula_looking_cells_stay_text() -> None:
    order = read("shopify_orders_2021.csv").order("#1004")
    assert order.lines[0].title == '=HYPERLINK("http://example.com") sticker'


def test_100_mb_single_field_is_rejected_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w") as handle:
        handle.write(UCI_HEADER + UCI_ROW)
        handle.write('536366,1,"')
        chunk = "x" * 1_000_000
        for _ in range(100):
            handle.write(chunk)
        handle.write('",6,2010-12-01 08:26:00,1.0,,United Kingdom\n' + UCI_ROW)
    tracemalloc.start()
    result = read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(p.code, p.source.row_number) for p in result.problems] == [("too_long", 3)]
    assert f"{MAX_FIELD_CHARS:,}" in result.problems[0].reason
    assert len(result.problems[0].source.raw) <= 2_000
    assert sum(len(o.lines) for o in result.orders) == 2
    assert peak < 40_000_000  # a few line-sized buffers, never the 100 MB field


def test_nul_bytes_inside_cells_do_not_stop_the_import(tmp_path: Path) -> None:
    data = (UCI_HEADER + UCI_ROW.replace("LANTERN", "LAN\x00TERN") + UCI_ROW).encode()
    result = read(_write(tmp_path / "nul.csv", data))
    assert sum(len(o.lines) for o in result.orders) == 2 and not result.problems


def test_rows_with_a_wrong_number_of_columns_are_problems(tmp_path: Path) -> None:
    data = UCI_HEADER + UCI_ROW + "536366,1,BROKEN,ROW\n" + UCI_ROW + UCI_ROW.rstrip() + ",,\n"
    result = read(_write(tmp_path / "ragged.csv", data.encode()))
    assert [(p.code, p.source.row_number) for p in result.problems] == [("wrong_columns", 3)]
    assert "4 columns but the header has 8" in result.problems[0].reason
    assert sum(len(o.lines) for o in result.orders) == 3  # trailing empty cells are fine
    result.assert_every_row_accounted_once()


def test_bad_cells_become_row_problems_naming_the_column(tmp_path: Path) -> None:
    rows = [UCI_ROW, UCI_ROW.replace(",6,", ",six,"), UCI_ROW.replace("2010-12-01", "All time")]
    rows[2] = rows[2].replace("536365", "536999")
    result = read(_write(tmp_path / "bad.csv", (UCI_HEADER + "".join(rows)).encode()))
    assert [(p.code, p.column, p.source.row_number) for p in result.problems] == [
        ("bad_number", "Quantity", 3),
        ("bad_date", "InvoiceDate", 4),
    ]
    assert "'six'" in result.problems[0].reason
    result.assert_every_row_accounted_once()


def test_gzip_files_are_read_transparently(tmp_path: Path) -> None:
    plain = (FIXTURES / "online_retail_sample.csv").read_bytes()
    zipped = _write(tmp_path / "online_retail_sample.csv.gz", gzip.compress(plain))
    a, b = read("online_retail_sample.csv"), read(zipped)
    assert [o.external_id for o in a.orders] == [o.external_id for o in b.orders]
    assert b.source.fraction_done() == 1.0


def test_non_contiguous_order_rows_are_yielded_again_not_buffered(tmp_path: Path) -> None:
    other = UCI_ROW.replace("536365", "536366")
    result = read(_write(tmp_path / "split.csv", (UCI_HEADER + UCI_ROW + other + UCI_ROW).encode()))
    assert [o.external_id for o in result.orders] == ["536365", "536366", "536365"]
    result.assert_every_row_accounted_once()


def test_cancelling_stops_the_read(tmp_path: Path) -> None:
    from engine.importers.api import read_records
    from engine.progress import Cancelled, CancelToken

    path = _write(tmp_path / "many.csv", (UCI_HEADER + UCI_ROW * 10_000).encode())
    token = CancelToken()
    source = read_records([path], cancel=token)
    token.cancel()
    with pytest.raises(Cancelled):
        list(source.records)


def test_an_unreadable_order_total_rejects_that_order_only(tmp_path: Path) -> None:
    text = (FIXTURES / "shopify_orders_2021.csv").read_text()
    path = _write(tmp_path / "bad_total.csv", text.replace(",46.90,", ",lots,", 1).encode())
    result = read(path)
    assert [(p.column, p.source.row_number) for p in result.problems] == [
        ("Total", 2),
        ("Total", 3),
    ]
    assert "'lots'" in result.problems[0].reason
    assert [o.external_id for o in result.orders] == ["#1002", "#1003", "#1004"]
    result.assert_every_row_accounted_once()


def test_an_unreadable_partner_total_rejects_the_partner_row_too(tmp_path: Path) -> None:
    orders = (FIXTURES / "etsy_sold_orders_en_ca.csv").read_text().replace("43.40", "n/a?", 1)
    partner = _write(tmp_path / "etsy_sold_orders_en_ca.csv", orders.encode())
    result = read("etsy_sold_order_items.csv", partner)
    rejected = {(p.source.file_name, p.source.row_number) for p in result.problems}
    assert {("etsy_sold_orders_en_ca.csv", 2), ("etsy_sold_order_items.csv", 2)} <= rejected
    result.assert_every_row_accounted_once()


def test_mutated_fixtures_never_crash_the_reader(tmp_path: Path) -> None:
    """A small, seeded fuzz: damaged files give records, problems or ImportFormatError."""
    randomness = random.Random(20261130)
    names = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".csv", ".txt"))
    for attempt in range(120):
        data = bytearray((FIXTURES / randomness.choice(names)).read_bytes())
        for _ in range(randomness.randint(1, 6)):
            position = randomness.randrange(len(data))
            if randomness.random() < 0.5:
                data[position] = randomness.choice(b"\",;\t\n\r\x00='-09a\xe9\xff")
            else:
                del data[position : position + randomness.randint(1, 20)]
        path = _write(tmp_path / f"mutated{attempt}.csv", bytes(data))
        try:
            source = read_records([path], randomness.choice([None, "shopify", "ebay"]))
            for _ in source.records:
                pass
        except ImportFormatError:
            continue
        assert source.fraction_done() == 1.0
