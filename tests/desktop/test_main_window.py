"""The main window offscreen: first run, keyboard navigation, remembered geometry, light startup."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from desktop.main_window import MainWindow
from tests.conftest import REPO_ROOT
from tests.desktop.fixtures import write_shopify_export


def test_first_run_shows_welcome_and_keyboard_switches_pages(
    qtbot, main_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    main_window.show()
    assert main_window.current_page().key == "welcome"
    qtbot.waitUntil(lambda: not main_window.runner.running_tasks(), timeout=10_000)
    assert main_window.current_page().key == "welcome"  # the shop is empty: stay on welcome
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page().key == "customers"
    main_window.nav.setCurrentRow(0)
    assert main_window.current_page().key == "import"


def test_shop_with_orders_opens_on_customers(qtbot, app_context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from engine.services.importing import import_files

    import_files(
        app_context, [write_shopify_export(tmp_path / "orders.csv", orders=6, bad_quantity_rows=0)]
    )
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_page().key == "customers", timeout=10_000)
    page = window.pages["customers"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10_000)
    qtbot.waitUntil(lambda: page.detail.name.text().startswith("T"), timeout=10_000)
    assert page.detail.timeline.rowCount() >= 1
    window.runner.shutdown()


def test_window_geometry_is_remembered(qtbot, app_context) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(app_context)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # inside the offscreen screen (800x600)
    first.close()
    second = MainWindow(app_context)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (780, 560)
    second.runner.shutdown()


def test_building_the_window_imports_no_heavy_libraries() -> None:
    """First window in under 2 s: torch, transformers and sklearn load only inside tasks."""
    script = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "from desktop.app import create_application; from desktop.main_window import MainWindow;"
        "from engine.services.context import AppContext; from engine.config import app_paths;"
        "import tempfile; app = create_application('en');"
        "w = MainWindow(AppContext(app_paths(tempfile.mkdtemp()))); w.show(); app.processEvents();"
        "w.runner.shutdown();"
        "print(sorted(m for m in ('torch', 'transformers', 'sklearn') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_first_run_loads_the_sample_shop_and_opens_customers(
    qtbot, main_window: MainWindow, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import desktop.pages.welcome as welcome

    sample = write_shopify_export(tmp_path / "sample.csv", orders=10, bad_quantity_rows=0)
    monkeypatch.setattr(welcome, "sample_orders", lambda: sample)  # a small stand-in for speed
    main_window.show()
    qtbot.waitUntil(lambda: not main_window.runner.running_tasks(), timeout=30_000)
    main_window.welcome.sample_button.click()
    qtbot.waitUntil(lambda: main_window.current_page().key == "customers", timeout=60_000)
    page = main_window.pages["customers"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=30_000)
