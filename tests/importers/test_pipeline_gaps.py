"""Two former gaps: a file line id in two separate parts of one order, and the latest price
across imports (by order date, not by import order). All people and shops are made up."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from engine.services.context import AppContext
from tests.importers.pipeline_helpers import count, line, order, query, run_import


def _split_order_with_a_repeated_line_id() -> list:
    """Order #1's rows are not contiguous, and its second part repeats line id T-1 changed."""
    return [
        order("#1", [2, 3], lines=[line("Mug", 2, line_key="T-1"), line("Cup", 3, line_key="T-2")]),
        order("#2", [4]),
        order("#1", [5], lines=[line("Mug", 5, quantity=3, line_key="T-1")]),
    ]


@pytest.mark.parametrize("chunk", [1, 5000])  # parts flushed apart, or buffered together
def test_a_line_id_in_two_parts_of_one_order_counts_once_and_reimports_as_duplicates(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    from engine.importers import pipeline

    monkeypatch.setattr(pipeline, "DEFAULT_CHUNK_LINES", chunk)
    [first] = run_import(
        app_context, tmp_path, monkeypatch, _split_order_with_a_repeated_line_id()
    ).batches
    assert (first.rows_stored, first.duplicates, first.lines_stored) == (3, 1, 3)
    assert query(app_context, "SELECT quantity FROM order_lines WHERE line_key = 'id:T-1'") == [
        (1.0,)
    ]  # the first row of the file with that id counts
    [second] = run_import(
        app_context, tmp_path, monkeypatch, _split_order_with_a_repeated_line_id()
    ).batches
    assert (second.rows_stored, second.duplicates, second.rejected) == (0, 4, 0)
    assert count(app_context, "order_lines") == 3


def _mug_sold(number: str, row: int, price: float, day: int) -> list:
    sale = line("Mug", row, sku="MUG", price=price)
    return [order(number, [row], lines=[sale], placed_at=datetime(2026, 3, day))]


@pytest.mark.parametrize(
    "exports",
    [(("#20", 7.0, 20), ("#10", 5.0, 10)), (("#10", 5.0, 10), ("#20", 7.0, 20))],
    ids=["older export imported later", "newer export imported later"],
)
def test_the_price_is_the_latest_sale_by_date_whatever_the_import_order(
    app_context: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    exports: tuple[tuple[str, float, int], ...],
) -> None:
    for number, price, day in exports:
        run_import(app_context, tmp_path, monkeypatch, _mug_sold(number, 2, price, day))
    assert query(app_context, "SELECT price FROM products WHERE sku = 'MUG'") == [(7.0,)]
