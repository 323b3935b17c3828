"""Progress reporting and cooperative cancellation for long engine calls.

Every long engine function takes ``progress: ProgressFn`` and ``cancel: CancelToken``. They are
plain callables/objects so the engine stays free of Qt; the desktop adapts them to signals
(the pattern of Orange3's ``wrap_callback``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressFn = Callable[[float, str], None]
"""Called with a fraction in [0, 1] and a short message a shop owner can read."""


class Cancelled(Exception):
    """Raised inside an engine call when the user asked to stop it."""


class CancelToken:
    """A thread-safe flag the caller sets and the worker polls between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._event.is_set():
            raise Cancelled("Cancelled by the user")


def null_progress(fraction: float, message: str) -> None:
    """Progress sink for callers that do not display progress."""


def scaled(progress: ProgressFn, start: float, end: float) -> ProgressFn:
    """Map a sub-step's 0..1 range onto ``[start, end]`` of the parent's range."""

    def report(fraction: float, message: str) -> None:
        clamped = min(max(fraction, 0.0), 1.0)
        progress(start + (end - start) * clamped, message)

    return report
