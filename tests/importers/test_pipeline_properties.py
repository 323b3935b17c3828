"""Property: whatever the records look like, every row is accounted for exactly once, and the
same records imported again store nothing new."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.config import app_paths
from engine.importers import pipeline
from engine.importers.records import LineRecord, OrderRecord, RowProblem
from engine.services.context import AppContext
from tests.importers.pipeline_helpers import count, order, run_import, source

LINE = st.tuples(
    st.sampled_from(["Mug", "Vase", "", "POSTAGE", "Candle"]),
    st.sampled_from([1.0, 2.0, 0.0, -1.0, 12.0]),
    st.sampled_from([4.5, None, -3.0, 0.0]),
    st.sampled_from([None, "T-1", "T-2"]),
)
ORDER = st.tuples(st.sampled_from(["#1", "#2", "#3", "#4"]), st.lists(LINE, max_size=4),
                  st.booleans())  # fmt: skip


def _records(shapes: list[tuple[str, list[tuple], bool]]) -> list[OrderRecord | RowProblem]:
    """Orders (possibly repeating a number, as a non-contiguous export does) on rows 2, 3, ..."""
    records: list[OrderRecord | RowProblem] = []
    row = 2
    for number, lines, problem in shapes:
        if problem:
            records.append(RowProblem(source(row), "The row is unreadable.", None, "unreadable"))
            row += 1
            continue
        built = []
        for title, quantity, price, key in lines:
            line_id = key  # the same id may come back in a later part of the order
            built.append(LineRecord(title, quantity, price, line_key=line_id, source=source(row)))
            row += 1
        rows = [line.source.row_number for line in built] or [row]  # type: ignore[union-attr]
        row += 0 if built else 1
        records.append(order(number, rows, lines=built))
    return records


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ORDER, min_size=1, max_size=8), st.sampled_from([1, 3, 5000]))
def test_every_row_is_accounted_for_and_a_reimport_adds_nothing(
    shapes: list[tuple[str, list[tuple], bool]], chunk: int
) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "DEFAULT_CHUNK_LINES", chunk)
        ctx = AppContext(app_paths(Path(folder) / "home"))
        try:
            [first] = run_import(ctx, Path(folder), patch, _records(shapes), infer=False).batches
            assert first.status == "committed", first.message
            assert first.rows_in == first.rows_stored + first.rejected + first.duplicates
            assert count(ctx, "rejected_rows") == first.rejected
            lines = count(ctx, "order_lines")
            [second] = run_import(ctx, Path(folder), patch, _records(shapes), infer=False).batches
            assert second.status == "committed", second.message
            assert second.rows_stored == 0 and second.rejected == first.rejected
            assert second.duplicates == first.rows_stored + first.duplicates
            assert count(ctx, "order_lines") == lines
        finally:
            ctx.close()
