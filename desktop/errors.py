"""Turn any exception into words a shop owner can act on, with the technical details kept aside.

No widget here, so it is tested without a window; the GUI shows ``message`` and hides
``details`` behind "Show Details...". Engine errors that are ``ValueError`` carry a sentence
written for the user (which file, row, column) and are shown as they are.
"""

from __future__ import annotations

import errno
import sqlite3
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import OperationalError

from engine.progress import Cancelled


@dataclass(frozen=True)
class FriendlyError:
    """What went wrong (``message``) and the full technical story (``details``)."""

    message: str
    details: str
    cancelled: bool = False


def describe(exc: BaseException) -> FriendlyError:
    """Explain ``exc`` in plain words; the traceback goes to ``details`` only."""
    details = "".join(traceback.format_exception(exc))
    if isinstance(exc, Cancelled):
        return FriendlyError(
            QCoreApplication.translate("errors", "Stopped. Nothing was changed."),
            details,
            cancelled=True,
        )
    return FriendlyError(_plain_words(exc), details)


def _plain_words(exc: BaseException) -> str:
    name = str(getattr(exc, "filename", "") or "")
    if isinstance(exc, FileNotFoundError):
        return QCoreApplication.translate(
            "errors", "The file {name} could not be found. Was it moved or renamed?"
        ).format(name=name)
    if isinstance(exc, IsADirectoryError):
        return QCoreApplication.translate(
            "errors", "{name} is a folder, not a file. Choose a file inside it."
        ).format(name=name)
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate(
            "errors",
            "Pinpoint is not allowed to open {name}. Close it in other programs "
            "(for example Excel) and try again.",
        ).format(name=name)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return QCoreApplication.translate(
            "errors", "The disk is full. Free some space and try again."
        )
    if isinstance(exc, UnicodeDecodeError):
        return QCoreApplication.translate(
            "errors", "The file's text could not be read. Save it as a UTF-8 CSV and try again."
        )
    if isinstance(exc, OperationalError | sqlite3.OperationalError) and "locked" in str(exc):
        return QCoreApplication.translate(
            "errors", "The shop database is busy. Wait for the other task to finish and try again."
        )
    if isinstance(exc, MemoryError):
        return QCoreApplication.translate(
            "errors", "The computer ran out of memory. Close other programs or use a smaller file."
        )
    if isinstance(exc, ValueError) and str(exc):
        return str(exc)
    return QCoreApplication.translate(
        "errors",
        "Something unexpected happened. Click Show Details and send the text to whoever "
        "helps you with Pinpoint.",
    )
