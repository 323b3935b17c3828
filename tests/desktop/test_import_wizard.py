"""Drive the whole import wizard on a fixture export, offscreen, with the real import service."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from desktop.tasks import TaskRunner
from desktop.wizards.import_wizard import ImportWizard
from desktop.wizards.rejected_export import neutralise, write_safe_csv
from engine.services.store import store_status
from tests.desktop.fixtures import write_shopify_export


def test_wizard_imports_a_shopify_export_and_shows_rejected_rows(
    qtbot, app_context, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    export = write_shopify_export(tmp_path / "orders_export.csv", orders=12, bad_quantity_rows=1)
    runner = TaskRunner()
    wizard = ImportWizard(app_context, runner)
    qtbot.addWidget(wizard)
    wizard.show()

    assert not wizard.files_page.isComplete()
    wizard.files_page.files.add_paths([export])
    assert wizard.files_page.isComplete()

    wizard.next()
    assert wizard.currentPage() is wizard.detect_page
    qtbot.waitUntil(wizard.detect_page.isComplete, timeout=10_000)
    assert "Shopify" in wizard.detect_page.format_label.text()
    assert wizard.detect_page.preview.columnCount() > 10
    assert wizard.detect_page.evidence.count() > 0

    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)  # the dry run
    check = wizard.check_page.summary.text()
    assert "18 rows read = 16 to store (11 orders) + 0 imported before + 2 set aside" in check
    assert wizard.check_page.rejected.table.rowCount() == 2
    assert store_status(app_context).counts["orders"] == 0  # a check stores nothing

    imported: list[bool] = []
    wizard.imported.connect(lambda: imported.append(True))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page, timeout=20_000)
    assert imported == [True]
    summary = wizard.result_page.summary.text()
    assert "11 orders" in summary and "2 rows set aside" in summary  # order #1011 has 2 lines
    assert wizard.result_page.rejected.table.rowCount() == 2
    assert "#1011" in wizard.result_page.rejected.table.item(0, 5).text()

    target = tmp_path / "rejected.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard.result_page.rejected.save_button.click()
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["file", "row"] and len(rows) == 3
    assert rows[1][0] == "orders_export.csv"
    runner.shutdown()


def test_wizard_reports_an_unreadable_file_in_plain_words(
    qtbot, app_context, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    runner = TaskRunner()
    wizard = ImportWizard(app_context, runner)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.files_page.files.add_paths([empty])
    wizard.next()
    qtbot.waitUntil(lambda: wizard.detect_page._ready, timeout=10_000)
    assert not wizard.detect_page.isComplete()
    assert wizard.detect_page.format_label.text() == "This file cannot be imported."
    assert "Traceback" not in wizard.detect_page.evidence.item(0).text()
    runner.shutdown()


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    for risky in ("=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(risky).startswith("'")
    assert neutralise("plain, text") == "plain, text"
    assert neutralise(None) == ""
    path = tmp_path / "out.csv"
    assert write_safe_csv(path, ["a"], [["=cmd|' /C calc'!A0"]]) == 1
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1] == ["'=cmd|' /C calc'!A0"]


def _drive_to_detected(qtbot, wizard: ImportWizard, export: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.show()
    wizard.files_page.files.add_paths([export])
    wizard.next()
    qtbot.waitUntil(wizard.detect_page.isComplete, timeout=10_000)


def _drive_to_mapping(qtbot, wizard: ImportWizard, export: Path) -> None:  # type: ignore[no-untyped-def]
    _drive_to_detected(qtbot, wizard, export)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page


def test_unknown_layout_is_mapped_by_hand_and_the_mapping_is_remembered(
    qtbot, app_context, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "till.csv"
    export.write_text(
        "Ref,When,What,How many,Each\n"
        "A1,2024-05-01,Blue mug,2,8.50\n"
        "A1,2024-05-01,Tea tin,1,12.00\n"
        "A2,2024-05-03,Blue mug,1,8.50\n",
        encoding="utf-8",
    )
    runner = TaskRunner()
    wizard = ImportWizard(app_context, runner)
    qtbot.addWidget(wizard)
    _drive_to_mapping(qtbot, wizard, export)
    page = wizard.mapping_page
    assert not page.isComplete()
    assert "order number" in page.problems.text()
    for key, column in {
        "order_id": "Ref",
        "date": "When",
        "title": "What",
        "quantity": "How many",
        "price": "Each",
    }.items():
        page.combos[key].setCurrentIndex(page.combos[key].findData(column))
    page.currency.setText("gbp")
    assert page.isComplete(), page.problems.text()
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page, timeout=20_000)
    assert "2 orders" in wizard.result_page.summary.text()

    again = ImportWizard(app_context, runner)
    qtbot.addWidget(again)
    _drive_to_mapping(qtbot, again, export)
    assert again.mapping_page.isComplete()  # the saved mapping for this header was loaded
    assert again.mapping_page.currency.text() == "GBP"
    runner.shutdown()


def test_cancelling_the_import_stores_nothing(qtbot, app_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import threading

    export = write_shopify_export(tmp_path / "orders_export.csv", orders=12, bad_quantity_rows=0)
    runner = TaskRunner()
    gate = threading.Event()
    blocker = runner.start("Another write", lambda p, c: gate.wait(10), writes=True)  # queues ours
    wizard = ImportWizard(app_context, runner)
    qtbot.addWidget(wizard)
    _drive_to_detected(qtbot, wizard, export)
    wizard.next()
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)
    wizard.next()
    assert wizard.currentPage() is wizard.run_page
    wizard.run_page.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: "Nothing was stored" in wizard.run_page.message.text(), timeout=20_000)
    assert not wizard.run_page.isComplete()
    assert store_status(app_context).counts["orders"] == 0
    qtbot.waitUntil(lambda: not blocker.running, timeout=10_000)
    runner.shutdown()


def test_the_user_can_override_a_detected_format_and_map_columns(
    qtbot, app_context, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    export = write_shopify_export(tmp_path / "orders_export.csv")
    runner = TaskRunner()
    wizard = ImportWizard(app_context, runner)
    qtbot.addWidget(wizard)
    _drive_to_detected(qtbot, wizard, export)
    combo = wizard.detect_page.format_combo
    combo.setCurrentIndex(combo.findData("mapped"))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.combos["date"].currentData() == "Created at"  # suggested
    assert not wizard.mapping_page.isComplete()  # the order number still has to be chosen
    runner.shutdown()


def test_going_back_from_the_check_stops_it(
    qtbot, app_context, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    started = threading.Event()

    def slow_preview(ctx, plan, progress, cancel):  # type: ignore[no-untyped-def]
        started.set()
        while True:  # a long check: only a cancel ends it
            cancel.check()
            threading.Event().wait(0.01)

    monkeypatch.setattr("desktop.wizards.import_run.run_preview", slow_preview)
    export = write_shopify_export(tmp_path / "orders_export.csv", orders=4, bad_quantity_rows=0)
    runner = TaskRunner()
    wizard = ImportWizard(app_context, runner)
    qtbot.addWidget(wizard)
    _drive_to_detected(qtbot, wizard, export)
    wizard.next()
    assert started.wait(10) and not wizard.check_page.isComplete()
    task = wizard.check_page.task
    wizard.back()
    assert wizard.currentPage() is wizard.detect_page
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    runner.shutdown()
