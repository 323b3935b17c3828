"""Re-imports read older lines either by product or in one pass; both ways store the same.

When a batch touches most of the shop's products (a re-import, an overlapping export), the
outlier pass and the latest-earlier-price query read every older line in id order instead of
looking the touched products' lines up one product at a time. The choice must never change
what is stored: these tests run the same imports with each way forced and compare everything,
outlier flags and product prices included. All people and products are made up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from engine.config import app_paths
from engine.importers import outliers, resolvers
from engine.services.context import AppContext
from engine.services.importing import import_files
from tests.importers.test_bulk_import import _made_up_rows, stored, summary, write_export


def _with_outliers(rows: list[str]) -> list[str]:
    """The made-up rows plus a few huge quantities and a price typo, so flags change."""
    return [
        *rows,
        "5409901,SKU03,MADE-UP PRODUCT 3,900,2011-02-01 10:00:00,2.75,15001.0,United Kingdom",
        "5409902,SKU05,MADE-UP PRODUCT 5,4,2011-02-02 10:00:00,375.0,15002.0,United Kingdom",
        "5409903,SKU07,MADE-UP PRODUCT 7,1200,2011-02-03 10:00:00,4.75,15003.0,France",
    ]


def _exports(folder: Path) -> list[Path]:
    made_up = _made_up_rows(80)
    january = write_export(folder, "january.csv", _with_outliers(made_up[:150]))
    december = [row.replace(",2011-01-", ",2010-12-").replace(".25,", ".95,") for row in made_up]
    older = write_export(folder, "december.csv", december[:40])  # older sales, other prices
    overlapping = write_export(folder, "january_again.csv", made_up[100:])
    return [january, january, older, overlapping]


def _run(tmp_path: Path, name: str, paths: list[Path]) -> tuple[list[Any], dict[str, Any]]:
    ctx = AppContext(app_paths(tmp_path / name))
    try:
        summaries = [summary(import_files(ctx, [path], infer=False).batches[0]) for path in paths]
        return summaries, stored(ctx)
    finally:
        ctx.close()


def test_reading_older_lines_in_one_pass_or_by_product_stores_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _exports(tmp_path / "files")
    results = []
    for one_pass in (True, False):
        asked: list[int] = []

        def forced(
            _connection: Any, product_count: int, one_pass: bool = one_pass, asked: list = asked
        ) -> bool:
            asked.append(product_count)
            return one_pass

        monkeypatch.setattr(outliers, "touches_most_products", forced)
        monkeypatch.setattr(resolvers, "touches_most_products", forced)
        results.append(_run(tmp_path, f"one_pass_{one_pass}", paths))
        assert len(asked) == 2 * (len(paths) - 1)  # both queries, every import after the first
    (scan_summaries, scan_store), (lookup_summaries, lookup_store) = results
    assert scan_summaries == lookup_summaries
    for table in lookup_store:
        assert scan_store[table] == lookup_store[table], table
    assert any(line[10] for line in scan_store["lines"])  # some lines flagged as outliers


def test_both_ways_read_the_same_older_lines_and_one_pass_serves_most_products(
    tmp_path: Path, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_files(app_context, _exports(tmp_path / "files")[:1], infer=False)
    with app_context.engine.connect() as connection:
        products = int(connection.exec_driver_sql("SELECT count(*) FROM products").scalar_one())
        assert resolvers.touches_most_products(connection, (products + 1) // 2)
        assert not resolvers.touches_most_products(connection, products // 2 - 1)
        ids = [2, 3, 5, 7, 11]  # some products: the one pass must leave the others out
        before = int(connection.exec_driver_sql("SELECT max(id) FROM order_lines").scalar_one())
        read = []
        for one_pass in (True, False):
            monkeypatch.setattr(outliers, "touches_most_products", lambda *_, x=one_pass: x)
            table = np.concatenate(outliers._stored_lines(connection, ids, before))
            read.append(table[np.argsort(table[:, 0])])
    assert read[0].shape[0] > 40
    assert set(read[0][:, 1].tolist()) == set(ids)
    np.testing.assert_array_equal(read[0], read[1])
