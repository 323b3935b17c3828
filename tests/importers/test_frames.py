"""The block reader numbers rows exactly as the row reader does, or says it cannot read the file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.importers.frames import FrameReader, FrameUnsuitable
from engine.importers.ledger import Outcome, RowLedger
from engine.importers.reading import Table, detect_layout
from engine.importers.records import RowProblem

HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"


def _export(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "made_up.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(number: int, title: str = "MADE-UP MUG") -> str:
    return f"5400{number:02d},SKU1,{title},1,2011-01-02 10:00:00,2.5,15000.0,France"


def test_rows_carry_the_row_readers_numbers_and_raw_text_across_blocks(tmp_path: Path) -> None:
    lines = ["Made-up Shop - export", HEADER, _row(1), "", _row(2, '"MUG, LARGE"'), " , , ,,,,,",
             *(_row(n) for n in range(3, 40)), "38 record(s) downloaded"]  # fmt: skip
    layout = detect_layout(_export(tmp_path, lines))
    table_rows = [item for item in Table(layout) if not isinstance(item, RowProblem)]
    reader = FrameReader(layout, block_bytes=200)
    frames = list(reader)
    numbers = np.concatenate([frame.numbers for frame in frames]).tolist()
    raw = [frame.source(i).raw for frame in frames for i in range(len(frame))]
    cells = [row for frame in frames for row in frame.cells.to_numpy().tolist()]
    assert len(frames) > 3
    assert numbers == [source.row_number for _, source in table_rows]
    assert raw == [source.raw for _, source in table_rows]
    assert cells == [row for row, _ in table_rows]
    assert reader.rows_in == len(table_rows) == 39
    picked, expected, start = [], [], 0  # every other row of each frame, as the row parser gets it
    for frame in frames:
        picked += frame.rows(np.arange(len(frame))[::2])
        expected += table_rows[start : start + len(frame)][::2]
        start += len(frame)
    assert picked == expected


@pytest.mark.parametrize(
    "odd",
    [
        '540099,SKU1,"TWO\nLINES",1,2011-01-02 10:00:00,2.5,15000.0,France',
        "540099,SKU1,SHORT",
        "540099,SKU1,WIDE,1,2011-01-02 10:00:00,2.5,15000.0,France,extra",
        "540099,SKU1,LONE\rRETURN,1,2011-01-02 10:00:00,2.5,15000.0,France",
    ],
    ids=["record over two lines", "narrow row", "wide row", "lone carriage return"],
)
def test_what_only_the_row_reader_reads_is_refused(tmp_path: Path, odd: str) -> None:
    layout = detect_layout(_export(tmp_path, [HEADER, _row(1), odd, _row(2)]))
    with pytest.raises(FrameUnsuitable):
        list(FrameReader(layout))


def test_the_ledger_settles_many_rows_at_once_and_never_twice() -> None:
    ledger = RowLedger()
    ledger.settle_rows("made_up.csv", np.array([2, 3, 900]), Outcome.STORED)
    ledger.settle_rows("made_up.csv", np.array([4]), Outcome.DUPLICATE)
    assert (ledger.stored, ledger.duplicate, ledger.total) == (3, 1, 4)
    with pytest.raises(ValueError, match="settled twice"):
        ledger.settle_rows("made_up.csv", np.array([5, 900]), Outcome.STORED)
