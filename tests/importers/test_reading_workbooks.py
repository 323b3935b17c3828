"""Excel workbooks (.xlsx): read like the CSV they were saved from, built in a temp folder."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from engine.importers.api import ImportFormatError
from engine.importers.sniff import sniff
from engine.importers.spreadsheet import cell_text
from tests.fixtures.importers import FIXTURES, read


def _workbook_from_csv(source: Path, target: Path, encoding: str = "utf-8") -> Path:
    """Save a CSV fixture as a workbook with typed cells, as Excel does when it opens one."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    with source.open(encoding=encoding, newline="") as handle:
        for row in csv.reader(handle):
            sheet.append([_typed(cell) for cell in row])
    workbook.save(target)
    return target


def _typed(cell: str) -> object:
    if cell.startswith('="'):
        return cell[2:-1]  # Excel shows (and saves) the text the `="…"` formula yields
    try:
        return datetime.fromisoformat(cell)
    except ValueError:
        pass
    try:
        return float(cell)
    except ValueError:
        return cell


def test_cells_become_the_text_a_csv_export_holds() -> None:
    assert cell_text(datetime(2010, 12, 1, 8, 26)) == "2010-12-01 08:26:00"
    assert (cell_text(17850.0), cell_text(2.55), cell_text(None)) == ("17850", "2.55", "")


def test_a_workbook_reads_like_the_csv_it_came_from(tmp_path: Path) -> None:
    workbook = _workbook_from_csv(FIXTURES / "online_retail_sample.csv", tmp_path / "uci.xlsx")
    result = sniff(workbook)
    assert (result.format, result.encoding) == ("generic_transactions", "xlsx")
    from_csv, from_xlsx = read("online_retail_sample.csv"), read(workbook)
    assert [(o.external_id, o.placed_at, o.customer) for o in from_xlsx.orders] == [
        (o.external_id, o.placed_at, o.customer) for o in from_csv.orders
    ]
    assert [len(o.lines) for o in from_xlsx.orders] == [len(o.lines) for o in from_csv.orders]
    from_xlsx.assert_every_row_accounted_once()
    assert from_xlsx.source.fraction_done() == 1.0


def test_taobao_workbooks_join_like_their_csv_exports(tmp_path: Path) -> None:
    orders = _workbook_from_csv(
        FIXTURES / "taobao_ExportOrderList.csv", tmp_path / "ExportOrderList.xlsx", "gbk"
    )
    details = _workbook_from_csv(
        FIXTURES / "taobao_ExportOrderDetailList.csv",
        tmp_path / "ExportOrderDetailList.xlsx",
        "gbk",
    )
    result = read(orders, details)
    assert [o.external_id for o in result.orders] == ["1234567890123456789", "1234567890123456790"]
    result.assert_every_row_accounted_once()


def test_a_broken_workbook_is_refused_with_a_reason(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really a workbook>")
    with pytest.raises(ImportFormatError, match="cannot be opened"):
        read(path)
