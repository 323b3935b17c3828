"""The import dry run: the wizard's check step counts exactly what Import will do, and the store
stays untouched whatever the files hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.progress import Cancelled, CancelToken
from engine.services.context import AppContext
from engine.services.import_preview import preview_import
from engine.services.importing import import_files
from engine.services.store import store_status
from tests.desktop.fixtures import write_shopify_export


def _counts(ctx: AppContext) -> dict[str, int]:
    return store_status(ctx).counts


def test_preview_counts_what_import_then_does_and_stores_nothing(
    app_context: AppContext, tmp_path: Path
) -> None:
    export = write_shopify_export(tmp_path / "orders.csv", orders=12, bad_quantity_rows=2)
    before = _counts(app_context)
    [batch] = preview_import(app_context, [export]).batches
    assert _counts(app_context) == before
    assert list(app_context.paths.home.glob("import-preview-*")) == []  # the copy is gone
    assert batch.rows_in == batch.rows_stored + batch.rejected + batch.duplicates
    assert (batch.rejected, batch.duplicates) == (3, 0)  # orders 10 (one line) and 11 (two)

    [done] = import_files(app_context, [export], infer=False).batches
    assert (done.rows_in, done.rows_stored, done.rejected, done.orders) == (
        batch.rows_in, batch.rows_stored, batch.rejected, batch.orders,
    )  # fmt: skip


def test_preview_lists_the_rejected_rows_with_their_reason(
    app_context: AppContext, tmp_path: Path
) -> None:
    export = write_shopify_export(tmp_path / "orders.csv", orders=8, bad_quantity_rows=1)
    preview = preview_import(app_context, [export])
    [rows] = preview.rejected.values()  # the last order, #1007, has two lines
    assert [row.row_number for row in rows] == [12, 13]  # file lines; line 1 is the header
    assert all("#1007" in row.raw_text and "lots" in row.reason for row in rows)
    assert rows[0].column is not None and "quantity" in rows[0].column


def test_a_file_imported_before_would_only_be_duplicates(
    app_context: AppContext, tmp_path: Path
) -> None:
    export = write_shopify_export(tmp_path / "orders.csv", orders=6, bad_quantity_rows=0)
    import_files(app_context, [export], infer=False)
    [batch] = preview_import(app_context, [export]).batches
    assert (batch.rows_stored, batch.duplicates) == (0, batch.rows_in)


def test_a_file_that_cannot_be_read_says_why_and_others_still_count(
    app_context: AppContext, tmp_path: Path
) -> None:
    broken = tmp_path / "notes.csv"
    broken.write_text("just,some\nwords,here\n", encoding="utf-8")
    good = write_shopify_export(tmp_path / "orders.csv", orders=4, bad_quantity_rows=0)
    preview = preview_import(app_context, [broken, good], progress=lambda f, m: None)
    assert [b.status for b in preview.batches] == ["failed", "committed"]
    assert "notes.csv" in (preview.batches[0].message or "")
    assert [b.file for b in preview.importable] == ["orders.csv"]
    assert _counts(app_context)["import_batches"] == 0  # not even the failure is recorded


def test_stopping_the_check_leaves_no_copy_behind(app_context: AppContext, tmp_path: Path) -> None:
    export = write_shopify_export(tmp_path / "orders.csv", orders=6, bad_quantity_rows=0)
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        preview_import(app_context, [export], cancel=cancel)
    assert list(app_context.paths.home.glob("import-preview-*")) == []
