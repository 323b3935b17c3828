"""Desktop fixtures: QSettings inside the test's temp folder; a main window on a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> None:
    """Never touch the developer's real window geometry."""
    QCoreApplication.setOrganizationName("PinpointTests")
    QCoreApplication.setApplicationName("PinpointTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )


@pytest.fixture
def main_window(qtbot: object, app_context: object) -> Iterator[object]:
    from desktop.main_window import MainWindow

    window = MainWindow(app_context)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    yield window
    window.runner.shutdown()
