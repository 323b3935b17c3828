"""A failure shown as a message box: plain words first, the technical text behind a button."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import FriendlyError


def error_box(parent: QWidget | None, title: str, error: FriendlyError) -> QMessageBox:
    """Build (not exec) the box, so tests can inspect it and callers can ``open()`` it."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, error.message, QMessageBox.StandardButton.Ok, parent
    )
    box.setDetailedText(error.details)
    return box


def show_error(parent: QWidget | None, title: str, error: FriendlyError) -> QMessageBox:
    """Show the error window-modally without blocking the caller (no nested event loop)."""
    box = error_box(parent, title, error)
    box.open()
    return box
