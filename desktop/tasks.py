"""The one way the GUI starts background work: a thread pool, progress and cancel over signals.

Pattern from Anki's ``aqt/operations`` + ``aqt/taskman`` and Orange3's ``concurrent.py``:

* a piece of work is a plain callable ``work(progress, cancel) -> result`` that touches no widget;
  :func:`run_work` runs it and turns any exception into a :class:`~desktop.errors.FriendlyError`
  (pure, so it is tested without a window);
* :meth:`TaskRunner.start` runs it off the GUI thread and returns a :class:`Task` whose signals
  are delivered on the GUI thread (queued connections only);
* work that writes to the shop database runs on a single-thread pool, one write at a time,
  so two imports never fight over SQLite's write lock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from desktop.errors import FriendlyError, describe
from engine.progress import CancelToken, ProgressFn

Work = Callable[[ProgressFn, CancelToken], Any]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """The result of one run: ``result`` on success, else ``error`` (cancelled or failed)."""

    result: Any = None
    error: FriendlyError | None = None


def run_work(work: Work, progress: ProgressFn, cancel: CancelToken) -> Outcome:
    """Run ``work`` and never raise: the worker thread must always report back."""
    try:
        return Outcome(result=work(progress, cancel))
    except Exception as exc:  # every failure becomes a message; nothing escapes the thread
        return Outcome(error=describe(exc))


class ProgressThrottle:
    """Forward at most ~20 progress reports a second (plus every new message).

    Engine loops may report per row; flooding the GUI's event queue would make the very window
    we keep responsive stutter.
    """

    def __init__(self, sink: ProgressFn, min_interval: float = 0.05) -> None:
        self._sink = sink
        self._min_interval = min_interval
        self._last_time = 0.0
        self._last_message: str | None = None

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if (
            message != self._last_message
            or fraction >= 1.0
            or now - self._last_time >= self._min_interval
        ):
            self._last_time = now
            self._last_message = message
            self._sink(fraction, message)


def _after(prepare: Callable[[], None], work: Work) -> Work:
    def prepared(progress: ProgressFn, cancel: CancelToken) -> Any:
        prepare()
        return work(progress, cancel)

    return prepared


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it, receivers get queued calls."""

    progressed = Signal(float, str)
    done = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, relay: _Relay, cancel: CancelToken) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._cancel = cancel

    def run(self) -> None:
        outcome = run_work(self._work, ProgressThrottle(self._relay.progressed.emit), self._cancel)
        try:
            self._relay.done.emit(outcome)
        except RuntimeError:  # the window closed and took the task with it: nobody to tell
            log.debug("finished after its window closed: %s", outcome.error or "done")


class Task(QObject):
    """A running piece of work; every signal arrives on the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)  # FriendlyError
    cancelled = Signal()
    finished = Signal()

    def __init__(self, title: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.token = CancelToken()
        self.running = True
        self.fraction = 0.0
        self.message = ""
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the work to stop at its next ``cancel.check()``; ``cancelled`` follows."""
        self.token.cancel()

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        if self.running:
            self.fraction, self.message = fraction, message
            self.progressed.emit(fraction, message)

    @Slot(object)
    def _on_done(self, outcome: Outcome) -> None:
        self.running = False
        if outcome.error is None:
            self.succeeded.emit(outcome.result)
        elif outcome.error.cancelled:
            self.cancelled.emit()
        else:
            log.warning("%s failed: %s", self.title, outcome.error.details)
            self.failed.emit(outcome.error)
        self.finished.emit()


class TaskRunner(QObject):
    """Starts work; owns the pools; announces tasks so the window can show their progress.

    ``prepare`` runs in the worker before every piece of work (the window uses it to open the
    shop database exactly once, before any service touches it).
    """

    started = Signal(object)  # Task
    unhandled_failure = Signal(object, object)  # Task, FriendlyError

    def __init__(
        self, parent: QObject | None = None, prepare: Callable[[], None] | None = None
    ) -> None:
        super().__init__(parent)
        self._prepare = prepare
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(4)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def start(
        self,
        title: str,
        work: Work,
        *,
        writes: bool = False,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[FriendlyError], None] | None = None,
    ) -> Task:
        """Run ``work`` in the background. ``writes=True`` queues it behind other writes.

        Without ``on_failure`` a failure is announced on :attr:`unhandled_failure`, which the
        main window shows as a message box, so no error is ever silently dropped.
        """
        task = Task(title)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_failure is not None:
            task.failed.connect(on_failure)
        else:
            task.failed.connect(lambda error: self.unhandled_failure.emit(task, error))
        self._running.add(task)
        task.finished.connect(lambda: self._forget(task))
        prepared = work if self._prepare is None else _after(self._prepare, work)
        (self._writer if writes else self._readers).start(
            _Runnable(prepared, task._relay, task.token)
        )
        self.started.emit(task)
        return task

    def running_tasks(self) -> list[Task]:
        return [task for task in self._running if task.running]

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait for the threads; used when the window closes."""
        for task in list(self._running):
            task.cancel()
        return self._writer.waitForDone(timeout_ms) and self._readers.waitForDone(timeout_ms)

    def _forget(self, task: Task) -> None:
        self._running.discard(task)  # callers may keep their reference; Python frees it after
