"""Line keys do not move when another row of the order is rejected (issue 3 follow-up).

A line without a file line id is keyed by its SKU, its title and how many identical lines came
before it in its order. Keyed by position instead, a damaged row shifted the later lines of its
order, and importing the fixed file stored them a second time. Every scenario runs through the
bulk path and the row path, which must store the same rows with the same keys.
All people and products are made up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from engine.config import app_paths
from engine.services.context import AppContext
from engine.services.importing import import_files
from tests.importers.pipeline_helpers import query
from tests.importers.test_bulk_import import both_ways, write_export

T = TypeVar("T")

CLEAN = [
    "540001,SKU01,MADE-UP MUG,2,2011-01-02 10:00:00,2.50,15001.0,United Kingdom",
    "540001,SKU02,MADE-UP VASE,1,2011-01-02 10:00:00,7.00,15001.0,United Kingdom",
    "540001,SKU03,MADE-UP JUG,4,2011-01-02 10:00:00,3.25,15001.0,United Kingdom",
    "540001,SKU01,MADE-UP MUG,2,2011-01-02 10:00:00,2.50,15001.0,United Kingdom",
    "540001,SKU04,MADE-UP BOWL,1,2011-01-02 10:00:00,1.75,15001.0,United Kingdom",
    "540002,SKU05,MADE-UP PLATE,3,2011-01-03 11:00:00,4.00,15002.0,France",
    "540002,SKU05,MADE-UP PLATE,3,2011-01-03 11:00:00,4.00,15002.0,France",
    "540002,SKU06,MADE-UP CRATE,1,2011-01-03 11:00:00,9.90,15002.0,France",
    "540003,SKU07,MADE-UP SPOON,6,2011-01-04 12:00:00,0.80,15003.0,United Kingdom",
    "540001,SKU01,MADE-UP MUG,2,2011-01-02 10:00:00,2.50,15001.0,United Kingdom",
    "540001,SKU08,MADE-UP CUP,1,2011-01-02 10:00:00,1.10,15001.0,United Kingdom",
]
# row index -> the same row with a damaged cell (quantity, price); each is rejected
DAMAGE = {
    1: "540001,SKU02,MADE-UP VASE,x,2011-01-02 10:00:00,7.00,15001.0,United Kingdom",
    5: "540002,SKU05,MADE-UP PLATE,3,2011-01-03 11:00:00,abc,15002.0,France",
    9: "540001,SKU01,MADE-UP MUG,two,2011-01-02 10:00:00,2.50,15001.0,United Kingdom",
}


def _damaged() -> list[str]:
    return [DAMAGE.get(index, row) for index, row in enumerate(CLEAN)]


def _lines_stored(ctx: AppContext, path: Path) -> tuple[int, int]:
    report = import_files(ctx, [path], infer=False)
    assert report.committed, [batch.message for batch in report.failed]
    return report.batches[0].lines_stored, report.batches[0].rejected


def _line_count(ctx: AppContext) -> int:
    return query(ctx, "SELECT COUNT(*) FROM order_lines")[0][0]


def test_damaged_then_fixed_file_stores_exactly_the_fixed_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = write_export(tmp_path / "files", "damaged.csv", _damaged())
    fixed = write_export(tmp_path / "files", "fixed.csv", CLEAN)

    def steps(ctx: AppContext) -> list[object]:
        found = [_lines_stored(ctx, path) for path in (damaged, fixed, damaged, fixed)]
        return [*found, _line_count(ctx)]

    both_ways(tmp_path, monkeypatch, steps)
    results = _run(tmp_path / "check", steps)
    damaged_rows = len(DAMAGE)
    assert results == [
        (len(CLEAN) - damaged_rows, damaged_rows),
        (damaged_rows, 0),
        (0, damaged_rows),
        (0, 0),
        len(CLEAN),
    ]


def test_clean_then_damaged_then_fixed_file_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = write_export(tmp_path / "files", "damaged.csv", _damaged())
    clean = write_export(tmp_path / "files", "clean.csv", CLEAN)

    def steps(ctx: AppContext) -> list[object]:
        found = [_lines_stored(ctx, path) for path in (clean, damaged, clean)]
        return [*found, _line_count(ctx)]

    both_ways(tmp_path, monkeypatch, steps)
    assert _run(tmp_path / "check", steps) == [
        (len(CLEAN), 0),
        (0, len(DAMAGE)),
        (0, 0),
        len(CLEAN),
    ]


def test_identical_lines_get_successive_occurrences(tmp_path: Path) -> None:
    clean = write_export(tmp_path / "files", "clean.csv", CLEAN)
    keys = _run(tmp_path / "keys", lambda ctx: _keys_after_import(ctx, clean))
    mugs = [key for order, key in keys if order == "540001" and "|SKU01|" in key]
    assert sorted(key.split("|")[0] for key in mugs) == ["#0", "#1", "#2"]


def test_a_store_with_position_keys_is_rekeyed_and_reimports_nothing(tmp_path: Path) -> None:
    """A store written before occurrence keys (``position|sku|digest``) re-imports idempotently."""
    clean = write_export(tmp_path / "files", "clean.csv", CLEAN)

    def steps(ctx: AppContext) -> list[object]:
        _lines_stored(ctx, clean)
        new_keys = query(ctx, "SELECT id, line_key FROM order_lines ORDER BY id")
        with ctx.engine.begin() as connection:  # what the older importer wrote
            connection.exec_driver_sql(
                "UPDATE order_lines SET line_key = position || substr(line_key, "
                "instr(line_key, '|'))"
            )
        old_keys = query(ctx, "SELECT id, line_key FROM order_lines ORDER BY id")
        assert all(key[0].isdigit() for _, key in old_keys)
        again = _lines_stored(ctx, clean)
        rekeyed = query(ctx, "SELECT id, line_key FROM order_lines ORDER BY id")
        return [again, _line_count(ctx), rekeyed == new_keys]

    assert _run(tmp_path / "old", steps) == [(0, 0), len(CLEAN), True]


def _keys_after_import(ctx: AppContext, path: Path) -> list[tuple[str, str]]:
    _lines_stored(ctx, path)
    return query(ctx, """
        SELECT o.external_id, l.line_key FROM order_lines l JOIN orders o ON o.id = l.order_id
        ORDER BY l.id""")  # fmt: skip


def _run(home: Path, steps: Callable[[AppContext], T]) -> T:
    """``steps`` on a fresh store at ``home`` (the bulk path on whenever the file is big)."""
    ctx = AppContext(app_paths(home))
    try:
        return steps(ctx)
    finally:
        ctx.close()
