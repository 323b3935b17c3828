"""Settings are saved to the data folder; a failed task becomes a readable message box."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.errors import FriendlyError
from desktop.main_window import MainWindow
from desktop.pages.settings import restart_command
from desktop.widgets.error_dialog import error_box
from engine.config import load_settings


def test_settings_changes_are_saved_and_devices_are_detected(
    qtbot, main_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    main_window.show()
    main_window.show_page("settings")
    page = main_window.pages["settings"]
    page.language_combo.setCurrentIndex(page.language_combo.findData("zh_CN"))
    page.device_combo.setCurrentIndex(page.device_combo.findData("cpu"))
    page.network_check.setChecked(True)
    saved = load_settings(main_window.ctx.paths)
    assert (saved.language, saved.device, saved.allow_network) == ("zh_CN", "cpu", True)
    assert "next time" in page.language_note.text()
    qtbot.waitUntil(lambda: "Checking" not in page.detected_label.text(), timeout=60_000)
    assert "PyTorch" in page.detected_label.text() or "not installed" in page.detected_label.text()


def test_restart_uses_the_new_data_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    program, arguments = restart_command(tmp_path / "elsewhere")
    assert arguments[-2:] == ["--home", str(tmp_path / "elsewhere")]
    assert program


def test_a_failed_task_shows_plain_words_with_details_on_demand(
    qtbot, main_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    def broken(progress, cancel):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", "/tmp/orders.xlsx")

    with qtbot.waitSignal(main_window.runner.unhandled_failure, timeout=10_000):
        main_window.runner.start("Importing orders.xlsx", broken)
    boxes = [w for w in main_window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes, "the failure was not shown"
    box = boxes[-1]
    assert "/tmp/orders.xlsx" in box.text() and "Excel" in box.text()
    assert "Traceback" not in box.text() and "PermissionError" in box.detailedText()
    box.close()


def test_error_box_keeps_the_traceback_behind_details() -> None:
    box = error_box(None, "Export", FriendlyError("The disk is full.", "Traceback ... OSError 28"))
    assert box.text() == "The disk is full." and "OSError" in box.detailedText()
