"""What every page shares: the context, the runner, and a hook to reload after data changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.tasks import TaskRunner
from engine.services.context import AppContext


class Page(QWidget):
    """A stage of the flow. ``data_changed`` tells the window that other pages should reload."""

    data_changed = Signal()
    navigate = Signal(str)  # ask the window to show the page with this key

    key = ""

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self._stale = True

    def title(self) -> str:
        raise NotImplementedError

    def mark_stale(self) -> None:
        """Reload next time the page is shown (data changed elsewhere)."""
        self._stale = True
        if self.isVisible():
            self._reload_if_stale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reload_if_stale()

    def _reload_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Fetch what the page shows, in a background task."""


def page_header(title: str, subtitle: str = "") -> QWidget:
    """The big title and a one-line explanation at the top of every page."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 8)
    heading = QLabel(title)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    heading.setFont(font)
    layout.addWidget(heading)
    if subtitle:
        note = QLabel(subtitle)
        note.setWordWrap(True)
        layout.addWidget(note)
    return box
