"""Property: whatever cells a spreadsheet writes, the reader returns them with their row numbers."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.importers.reading import Table, detect_layout
from engine.importers.records import RowProblem

# Commas, quotes, line breaks, protection quotes and non-ASCII; no other delimiter characters
# and no letters that could spell a footer ("Total:", "Seller ID"), which are skipped on purpose.
# (A lone CR is left out: Python's csv.writer does not quote it when the line ends in LF alone,
# while spreadsheets do.)
CELL = st.text(alphabet="abcxyz019 ,\"\n'é中=-", max_size=12)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    width = draw(st.integers(min_value=2, max_value=6))
    header = [f"col{chr(97 + i)}" for i in range(width)]
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=15))
    return header, rows


@settings(max_examples=60, deadline=None)
@given(tables(), st.sampled_from(["\n", "\r\n"]), st.sampled_from(["utf-8", "utf-8-sig"]))
def test_every_written_row_is_read_back_with_its_spreadsheet_row_number(
    table: tuple[list[str], list[list[str]]], newline: str, encoding: str
) -> None:
    header, rows = table
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([header, *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        layout = detect_layout(path)
        read = list(Table(layout))
    expected = [
        (number, row) for number, row in enumerate(rows, start=2) if any(c.strip() for c in row)
    ]
    assert layout.header == header
    assert not [item for item in read if isinstance(item, RowProblem)]
    assert [(source.row_number, cells) for cells, source in read] == expected  # type: ignore[misc]


@settings(max_examples=60, deadline=None)
@given(tables(), st.floats(min_value=0.0, max_value=1.0))
@example(table=(["cola", "colb"], [["中000", ""]]), cut=0.625)  # cut inside a UTF-8 character
def test_a_file_cut_anywhere_never_crashes_and_numbers_rows_once(
    table: tuple[list[str], list[list[str]]], cut: float
) -> None:
    header, rows = table
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    data = buffer.getvalue().encode()
    data = data[: max(len(",".join(header)) + 2, int(len(data) * cut))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cut.csv"
        path.write_bytes(data)
        numbers = [
            item.source.row_number if isinstance(item, RowProblem) else item[1].row_number
            for item in Table(detect_layout(path))
        ]
    assert numbers == sorted(set(numbers))
