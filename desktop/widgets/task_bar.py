"""The status-bar strip that shows the running task's progress and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.tasks import Task, TaskRunner


class TaskBar(QWidget):
    """Follows the most recently started task; hides itself when nothing runs."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._task: Task | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        runner.started.connect(self._register)
        self.hide()

    def _register(self, task: Task) -> None:
        task.progressed.connect(
            lambda fraction, message: self._on_progress(task, fraction, message)
        )
        task.finished.connect(self._on_finished)
        self._follow(task)

    def _follow(self, task: Task) -> None:
        self._task = task
        self.cancel_button.setEnabled(not task.token.cancelled)
        self._on_progress(task, task.fraction, task.message)
        self.show()

    def _on_progress(self, task: Task, fraction: float, message: str) -> None:
        if task is self._task:
            self.bar.setValue(round(fraction * 1000))
            self.label.setText(f"{task.title}: {message}" if message else task.title)

    def _on_finished(self) -> None:
        running = self._runner.running_tasks()
        if running:
            self._follow(running[-1])
        else:
            self._task = None
            self.hide()

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Stopping..."))
