"""Excel workbooks (.xlsx) read as tables: the first worksheet's cells, as text.

Taobao's 2016-era exports came as workbooks, and shop owners often re-save an export in Excel
before importing it. openpyxl streams the sheet in read-only mode, so memory stays bounded, and
each cell becomes the text a CSV export would hold (dates in ISO form, whole numbers without
`.0`), so every format parser works on a workbook unchanged.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

WORKBOOK = "xlsx"  # the TableLayout.encoding that marks a workbook


class WorkbookError(ValueError):
    """The workbook cannot be opened; the message says why in plain words."""


def is_workbook(path: Path, sample: bytes) -> bool:
    """An .xlsx/.xlsm file (a ZIP holding ``xl/workbook.xml``), whatever its name says."""
    if not sample.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def cell_text(value: object) -> str:
    """A cell as a CSV export would write it (`2020-01-02 03:04:05`, `17850`, `2.5`)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


@contextmanager
def open_sheet(path: Path) -> Iterator[tuple[Iterator[list[str]], str, int]]:
    """The first worksheet's rows as text cells, its title and its row count (for progress)."""
    from openpyxl import load_workbook  # only workbooks pay for the import

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise WorkbookError(
            f"{path.name} is an Excel workbook that cannot be opened ({error})"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = ([cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
        yield rows, sheet.title, sheet.max_row or 1
    finally:
        workbook.close()
