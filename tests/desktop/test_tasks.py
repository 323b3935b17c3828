"""Background work: the pure worker body, then the runner with a live event loop."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from desktop.errors import describe
from desktop.tasks import ProgressThrottle, TaskRunner, run_work
from engine.progress import CancelToken


def test_run_work_returns_result_and_reports_progress() -> None:
    seen: list[tuple[float, str]] = []

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        progress(0.5, "half")
        return 42

    outcome = run_work(work, lambda f, m: seen.append((f, m)), CancelToken())
    assert outcome.result == 42 and outcome.error is None
    assert seen == [(0.5, "half")]


def test_run_work_turns_exceptions_into_plain_messages() -> None:
    def work(progress, cancel):  # type: ignore[no-untyped-def]
        raise FileNotFoundError(2, "No such file", "/tmp/orders.csv")

    outcome = run_work(work, lambda f, m: None, CancelToken())
    assert outcome.error is not None and not outcome.error.cancelled
    assert "/tmp/orders.csv" in outcome.error.message
    assert "Traceback" not in outcome.error.message
    assert "FileNotFoundError" in outcome.error.details


def test_run_work_reports_cancellation_as_cancelled() -> None:
    token = CancelToken()
    token.cancel()
    outcome = run_work(lambda progress, cancel: cancel.check(), lambda f, m: None, token)
    assert outcome.error is not None and outcome.error.cancelled


def test_engine_value_errors_are_shown_as_written() -> None:
    message = "orders.csv, row 12, column 'Total': expected a number, found 'abc'"
    assert describe(ValueError(message)).message == message
    assert "unexpected" in describe(RuntimeError("boom")).message


def test_progress_throttle_drops_floods_but_keeps_new_messages_and_the_end() -> None:
    seen: list[tuple[float, str]] = []
    throttle = ProgressThrottle(lambda f, m: seen.append((f, m)), min_interval=60.0)
    for i in range(1000):
        throttle(i / 1000, "reading")
    throttle(0.999, "saving")
    throttle(1.0, "saving")
    assert seen == [(0.0, "reading"), (0.999, "saving"), (1.0, "saving")]


def test_event_loop_keeps_responding_while_a_long_task_runs_and_cancel_stops_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    started = threading.Event()

    def long_work(progress, cancel):  # type: ignore[no-untyped-def]
        started.set()
        step = 0
        while True:  # runs until cancelled: only the token can end it
            cancel.check()
            step += 1
            progress(min(step / 1e6, 0.99), "working")

    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    task = runner.start("Long work", long_work)
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: len(ticks) >= 5 and task.fraction > 0, timeout=5000)
    assert task.running
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    timer.stop()
    assert not task.running
    assert runner.shutdown(2000)


def test_results_and_failures_arrive_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    gui_thread = threading.current_thread()
    seen_threads: list[threading.Thread] = []

    task = runner.start("Sum", lambda progress, cancel: sum(range(10)))
    task.succeeded.connect(lambda result: seen_threads.append(threading.current_thread()))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [45]
    assert seen_threads == [gui_thread]

    failures: list[object] = []
    runner.unhandled_failure.connect(lambda task, error: failures.append(error))
    failing = runner.start("Fail", lambda progress, cancel: int("x"))
    with qtbot.waitSignal(failing.finished, timeout=5000):
        pass
    assert len(failures) == 1 and "invalid literal" in failures[0].message  # type: ignore[attr-defined]


def test_writes_run_one_at_a_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    active = 0
    overlap: list[int] = []
    lock = threading.Lock()
    gate = threading.Event()

    def write(progress, cancel):  # type: ignore[no-untyped-def]
        nonlocal active
        with lock:
            active += 1
            overlap.append(active)
        gate.wait(0.2)
        with lock:
            active -= 1

    tasks = [runner.start(f"Write {i}", write, writes=True) for i in range(3)]
    qtbot.waitUntil(lambda: not any(t.running for t in tasks), timeout=5000)
    assert max(overlap) == 1


def test_work_that_outlives_its_window_finishes_quietly(qtbot) -> None:  # type: ignore[no-untyped-def]
    import shiboken6

    from desktop.tasks import Task, _Runnable

    task = Task("Outlives the window")
    runnable = _Runnable(lambda progress, cancel: 42, task._relay, task.token)
    shiboken6.delete(task)  # closing the window deletes the task and its relay
    runnable.run()  # must not raise in the worker thread
