"""Excel workbooks (.xlsx) as report tables: Meta Ads Manager's default export format.

Cells become the text a CSV export would hold: whole numbers without `.0`, dates as ISO, empty
cells as "". Only the first worksheet is read, as the platforms put the report there.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from engine.evaluation.reports.model import ReportError
from engine.evaluation.reports.text import TextTable


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(data: bytes, file_name: str) -> TextTable:
    """The first worksheet's rows as text cells; a zip that is not a workbook is refused."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReportError(
            f"{file_name}: this zip file is not a readable Excel workbook ({error})."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return TextTable(rows=rows, encoding="xlsx", delimiter="")
