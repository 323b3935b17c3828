"""The wizard's last steps: a check before importing, the import itself, and what came of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.errors import FriendlyError
from desktop.tasks import Task, TaskRunner
from desktop.wizards.import_plan import (
    ImportOutcome,
    ImportPlan,
    is_confident,
    run_import,
    run_preview,
)
from desktop.wizards.rejected_rows import RejectedRowsPanel, table_rows
from engine.importers.formats import FORMATS
from engine.services.context import AppContext

if TYPE_CHECKING:
    from engine.services.import_preview import ImportPreview


class CheckPage(QWizardPage):
    """A dry run before anything is stored: per file, how many rows would be stored, skipped as
    imported before, or set aside (with each rejected row viewable and savable)."""

    def __init__(self, plan: ImportPlan, runner: TaskRunner, ctx: AppContext) -> None:
        super().__init__()
        self.plan = plan
        self.runner = runner
        self.ctx = ctx
        self.task: Task | None = None
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(
            self.tr(
                "Pinpoint reads your files as the import will, without storing anything. "
                "Nothing is stored until you click Import."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.rejected = RejectedRowsPanel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(self.rejected, 1)
        layout.addStretch(0)

    def initializePage(self) -> None:
        self.plan.preview = None
        self.rejected.show_rows([])
        self.summary.setText("\n".join(self._format_lines()))
        self.bar.setValue(0)
        self.bar.show()
        plan, ctx = self.plan, self.ctx
        if not plan.readable() or not self._formats_settled():
            return
        self.task = self.runner.start(
            self.tr("Checking the files"),
            lambda progress, cancel: run_preview(ctx, plan, progress, cancel),
            on_success=self._on_previewed,
            on_failure=self._on_failed,
        )
        self.task.progressed.connect(lambda fraction, _m: self.bar.setValue(round(fraction * 1000)))

    def cleanupPage(self) -> None:
        """Going back stops a check still running (its answer would be for other choices)."""
        self.cancel()
        super().cleanupPage()

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()

    def _format_lines(self) -> list[str]:
        lines = []
        for outcome in self.plan.sniffs:
            if outcome.result is None:
                lines.append(
                    self.tr("✗ {file}: skipped. {problem}").format(
                        file=outcome.path.name, problem=outcome.problem
                    )
                )
            elif self.plan.format_override is None and not is_confident(outcome.result):
                lines.append(
                    self.tr(
                        "✗ {file}: the layout was not recognised. Go back and choose one."
                    ).format(file=outcome.path.name)
                )
        return lines

    def _on_previewed(self, preview: ImportPreview) -> None:
        self.plan.preview = preview
        self.bar.hide()
        lines = self._format_lines()
        for batch in preview.batches:
            if batch.status == "committed":
                lines.append(
                    self.tr(
                        "✓ {file} ({format}): {rows} rows read = {stored} to store "
                        "({orders} orders) + {duplicates} imported before + {rejected} set aside."
                    ).format(
                        file=batch.file, format=_format_label(batch.format),
                        rows=f"{batch.rows_in:,}", stored=f"{batch.rows_stored:,}",
                        orders=f"{batch.orders:,}", duplicates=f"{batch.duplicates:,}",
                        rejected=f"{batch.rejected:,}",
                    )
                )  # fmt: skip
            else:
                lines.append(
                    self.tr("✗ {file}: cannot be imported. {message}").format(
                        file=batch.file, message=batch.message or ""
                    )
                )
        if preview.rejected:
            lines.append(
                self.tr(
                    "Rows set aside are listed below with the reason. Save them to fix them, "
                    "or import now and add them later."
                )
            )
        self.summary.setText("\n".join(lines))
        self.rejected.show_rows(table_rows(preview.rejected.items()))
        self.completeChanged.emit()

    def _on_failed(self, error: FriendlyError) -> None:
        self.bar.hide()
        self.summary.setText("\n".join([*self._format_lines(), error.message]))

    def _formats_settled(self) -> bool:
        return self.plan.format_override is not None or all(
            is_confident(o.result) for o in self.plan.readable() if o.result
        )

    def isComplete(self) -> bool:
        preview = self.plan.preview
        return preview is not None and bool(preview.importable) and self._formats_settled()


def _format_label(name: str) -> str:
    fmt = FORMATS.get(name)
    return fmt.label if fmt is not None else name


class RunPage(QWizardPage):
    """Runs the import service with progress; Cancel stops it and nothing is kept."""

    def __init__(self, plan: ImportPlan, runner: TaskRunner, ctx: AppContext) -> None:
        super().__init__()
        self.plan = plan
        self.runner = runner
        self.ctx = ctx
        self.task: Task | None = None
        self.outcome: ImportOutcome | None = None
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(
            self.tr("You can stop at any time; a stopped import leaves your data as it was.")
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton(self.tr("Stop the import"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.outcome = None
        self.bar.setValue(0)
        self.message.setText(self.tr("Starting..."))
        self.cancel_button.setEnabled(True)
        plan, ctx = self.plan, self.ctx
        self.task = self.runner.start(
            self.tr("Importing orders"),
            lambda progress, cancel: run_import(ctx, plan, progress, cancel),
            writes=True,
            on_success=self._on_done,
            on_failure=self._on_failed,
        )
        self.task.progressed.connect(self._on_progress)
        self.task.cancelled.connect(self._on_cancelled)

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.message.setText(self.tr("Stopping..."))

    def _on_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(round(fraction * 1000))
        self.message.setText(message)

    def _on_done(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.plan.report = outcome.report
        self.bar.setValue(1000)
        self.message.setText(self.tr("Done."))
        self.cancel_button.setEnabled(False)
        self.completeChanged.emit()
        self.wizard().next()

    def _on_failed(self, error: FriendlyError) -> None:
        self.cancel_button.setEnabled(False)
        self.message.setText(error.message)

    def _on_cancelled(self) -> None:
        self.message.setText(self.tr("The import was stopped. Nothing was stored."))

    def isComplete(self) -> bool:
        return self.outcome is not None


class ResultPage(QWizardPage):
    """Per file: what was stored, skipped as duplicate, or set aside; rejected rows to review."""

    def __init__(self, run_page: RunPage) -> None:
        super().__init__()
        self.run_page = run_page
        self.setTitle(self.tr("What was imported"))
        self.setSubTitle(
            self.tr("Rows set aside are listed with the reason; save them to fix and import again.")
        )
        self.summary = QLabel()
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.summary.setWordWrap(True)
        self.rejected = RejectedRowsPanel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 1)
        layout.addStretch(0)

    def initializePage(self) -> None:
        outcome = self.run_page.outcome
        assert outcome is not None
        lines = []
        for batch in outcome.report.batches:
            if batch.status == "committed":
                lines.append(
                    self.tr(
                        "{file}: {orders} orders ({lines} order lines) stored, {duplicates} rows "
                        "already imported before, {rejected} rows set aside."
                    ).format(
                        file=batch.file,
                        orders=f"{batch.orders:,}",
                        lines=f"{batch.lines_stored:,}",
                        duplicates=f"{batch.duplicates:,}",
                        rejected=f"{batch.rejected:,}",
                    )
                )
            else:
                lines.append(
                    self.tr("{file}: not imported. {message}").format(
                        file=batch.file, message=batch.message or ""
                    )
                )
        self.summary.setText("\n".join(lines))
        self.rejected.show_rows(table_rows(outcome.rejected.items()))
