"""The performance page: import a (simulated, made-up) Google Ads report, see KPIs, campaigns,
the daily chart, and an A/B comparison in words."""

from __future__ import annotations

from pathlib import Path

from desktop.main_window import MainWindow
from tests.desktop.fixtures import write_shopify_export


def test_report_import_fills_kpis_and_compares_two_ads(qtbot, app_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from engine.evaluation.simulate import write_simulated_report
    from engine.services.importing import import_files
    from engine.store.db import session_scope

    import_files(
        app_context, [write_shopify_export(tmp_path / "orders.csv", orders=40, bad_quantity_rows=0)]
    )
    with session_scope(app_context.engine) as session:
        report = write_simulated_report(session, tmp_path)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("performance")
    page = window.pages["performance"]
    qtbot.waitUntil(lambda: page.status.text().startswith("No reports"), timeout=60_000)

    page.import_report(report)
    qtbot.waitUntil(lambda: page.campaigns.rowCount() > 0, timeout=60_000)
    assert page.cards["impressions"].value.text() != "—"
    assert page.arm_a.count() >= 2
    page.compare()
    qtbot.waitUntil(lambda: page.verdict.text() != "", timeout=60_000)
    assert "Traceback" not in page.verdict.text()
    window.runner.shutdown()
