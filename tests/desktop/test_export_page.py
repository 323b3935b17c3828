"""The export page on a small imported shop: check, then write a customer list file."""

from __future__ import annotations

from pathlib import Path

from desktop.main_window import MainWindow
from tests.desktop.fixtures import write_shopify_export


def test_export_checks_then_writes_a_customer_list(qtbot, app_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from engine.services.importing import import_files

    # 300 made-up customers: enough for Customer Match's 100 matched people at a 50% match rate
    import_files(
        app_context,
        [
            write_shopify_export(
                tmp_path / "orders.csv", orders=300, bad_quantity_rows=0, customers=300
            )
        ],
    )
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("export")
    page = window.pages["export"]
    qtbot.waitUntil(lambda: bool(page.platform_boxes), timeout=20_000)
    for platform, (box, _choice) in page.platform_boxes.items():
        box.setChecked(platform == "customer-match")
    page.folder.setText(str(tmp_path / "out"))

    page.check()
    qtbot.waitUntil(lambda: page.status.text() != "", timeout=20_000)
    assert "Traceback" not in page.status.text()

    page.write()
    qtbot.waitUntil(lambda: "Google Customer Match" in page.status.text(), timeout=20_000)
    written = list((tmp_path / "out").glob("*.csv"))
    problems = [
        page.problems.topLevelItem(i).text(1) for i in range(page.problems.topLevelItemCount())
    ]
    assert "✓" in page.status.text(), problems
    assert written and written[0].stat().st_size > 0
    window.runner.shutdown()


def test_export_without_a_platform_says_so(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = main_window.pages["export"]
    page.write()
    assert page.status.text() == "Choose at least one platform."
