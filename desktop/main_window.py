"""The main window: a navigation list of stages on the left, the current page on the right."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop.errors import FriendlyError
from desktop.pages.base import Page
from desktop.pages.import_page import ImportPage
from desktop.pages.registry import page_classes
from desktop.pages.welcome import WelcomePage
from desktop.tasks import Task, TaskRunner
from desktop.widgets.error_dialog import show_error
from desktop.widgets.task_bar import TaskBar
from engine.services.context import AppContext

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"


class StoreOpener:
    """Opens (and if needed migrates) the shop database once, whichever worker gets there first.

    ``AppContext.engine`` is a cached property, which is not thread-safe: two workers starting
    together would both run the migrations.
    """

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            self._ctx.engine  # noqa: B018 - opening is the point


class MainWindow(QMainWindow):
    """Holds one instance of every page; the welcome page shows while the shop is empty."""

    def __init__(self, ctx: AppContext, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner = runner or TaskRunner(self, prepare=StoreOpener(ctx))
        self.runner.unhandled_failure.connect(self._show_failure)
        self.setWindowTitle(self.tr("Pinpoint"))
        self.setMinimumSize(QSize(720, 480))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}

        self.welcome = WelcomePage(ctx, self.runner)
        self._add_page(self.welcome, in_nav=False)
        for index, page_class in enumerate(page_classes()):
            self._add_page(page_class(ctx, self.runner), in_nav=True, shortcut=index + 1)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.task_bar = TaskBar(self.runner)
        self.statusBar().addPermanentWidget(self.task_bar)

        self.welcome.import_requested.connect(self.open_import_wizard)
        self.nav.currentRowChanged.connect(self._on_nav_row)
        self._restore_geometry()
        self.show_page(WelcomePage.key)
        self.welcome.check_shop()

    # ------------------------------------------------------------------ pages

    def _add_page(self, page: Page, *, in_nav: bool, shortcut: int | None = None) -> None:
        self.pages[page.key] = page
        self.stack.addWidget(page)
        page.data_changed.connect(self._on_data_changed)
        page.navigate.connect(self.show_page)
        if in_nav:
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setSizeHint(QSize(0, 36))
            if shortcut is not None and shortcut <= 9:
                item.setToolTip(self.tr("Ctrl+{number}").format(number=shortcut))
                self._bind(
                    QKeySequence(f"Ctrl+{shortcut}"), lambda key=page.key: self.show_page(key)
                )
            self.nav.addItem(item)

    def _bind(self, keys: QKeySequence, action: Callable[[], None]) -> None:
        QShortcut(keys, self).activated.connect(action)

    def show_page(self, key: str) -> None:
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(row)
                self.nav.blockSignals(False)
                break
        else:
            self.nav.clearSelection()
        page.setFocus()

    def open_import_wizard(self) -> None:
        self.show_page(ImportPage.key)
        page = self.pages[ImportPage.key]
        assert isinstance(page, ImportPage)
        page.open_wizard()

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def _on_nav_row(self, row: int) -> None:
        if row >= 0:
            self.show_page(self.nav.item(row).data(Qt.ItemDataRole.UserRole))

    def _on_data_changed(self) -> None:
        for page in self.pages.values():
            page.mark_stale()

    def _show_failure(self, task: Task, error: FriendlyError) -> None:
        show_error(self, task.title, error)

    # ------------------------------------------------------------------ window state

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            self.restoreState(settings.value(STATE_KEY, QByteArray()))
            return
        screen = self.screen().availableGeometry()
        # fits a 1366x768 laptop with the taskbar; roomy on bigger screens
        self.resize(min(1280, screen.width() - 40), min(800, screen.height() - 40))

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        self.runner.shutdown()
        self.ctx.close()
        super().closeEvent(event)
