"""The wizard's last steps: a check before importing, the import itself, and what came of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.errors import FriendlyError
from desktop.tasks import Task, TaskRunner
from desktop.wizards.import_plan import ImportOutcome, ImportPlan, is_confident, run_import
from desktop.wizards.rejected_export import write_safe_csv
from engine.services.context import AppContext


class CheckPage(QWizardPage):
    """Everything that will happen, in words, and anything that would stop a file."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan
        self.setTitle(self.tr("Ready to import"))
        self.setSubTitle(
            self.tr("Nothing is stored until you click Import; a failed file changes nothing.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        lines = []
        for outcome in self.plan.sniffs:
            if outcome.result is None:
                lines.append(
                    self.tr("✗ {file}: skipped. {problem}").format(
                        file=outcome.path.name, problem=outcome.problem
                    )
                )
            elif self.plan.format_override is not None:
                lines.append(
                    self.tr("✓ {file}: imported with the layout you chose.").format(
                        file=outcome.path.name
                    )
                )
            elif is_confident(outcome.result):
                lines.append(
                    self.tr("✓ {file}: {label}.").format(
                        file=outcome.path.name, label=outcome.result.label
                    )
                )
            else:
                lines.append(
                    self.tr(
                        "✗ {file}: the layout was not recognised. Go back and choose one."
                    ).format(file=outcome.path.name)
                )
        lines.append("")
        lines.append(
            self.tr(
                "Rows that cannot be read are set aside with the reason; "
                "you can review and save them afterwards."
            )
        )
        lines.append(self.tr("Orders imported before are recognised and not counted twice."))
        self.summary.setText("\n".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        readable = self.plan.readable()
        if not readable:
            return False
        return self.plan.format_override is not None or all(
            is_confident(o.result) for o in readable if o.result
        )


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


REJECTED_HEADER = ("batch", "row", "reason", "column", "code", "original row")


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
        self.rejected = QTableWidget(0, len(REJECTED_HEADER))
        self.rejected.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rejected.setHorizontalHeaderLabels(
            [
                self.tr("File"),
                self.tr("Row"),
                self.tr("Reason"),
                self.tr("Column"),
                self.tr("Code"),
                self.tr("Original row"),
            ]
        )
        self.save_button = QPushButton(self.tr("Save rejected rows as CSV..."))
        self.save_button.clicked.connect(self._save_rejected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 1)
        layout.addStretch(0)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

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
                        orders=batch.orders,
                        lines=batch.lines_stored,
                        duplicates=batch.duplicates,
                        rejected=batch.rejected,
                    )
                )
            else:
                lines.append(
                    self.tr("{file}: not imported. {message}").format(
                        file=batch.file, message=batch.message or ""
                    )
                )
        self.summary.setText("\n".join(lines))
        rows = self.rejected_rows()
        self.rejected.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.rejected.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.rejected.resizeColumnsToContents()
        self.rejected.setVisible(bool(rows))
        self.save_button.setEnabled(bool(rows))

    def rejected_rows(self) -> list[tuple[object, ...]]:
        outcome = self.run_page.outcome
        assert outcome is not None
        names = {batch.batch_id: batch.file for batch in outcome.report.batches}
        return [
            (
                names.get(batch_id, batch_id),
                row.row_number,
                row.reason,
                row.column,
                row.code,
                row.raw_text,
            )
            for batch_id, rows in outcome.rejected.items()
            for row in rows
        ]

    def _save_rejected(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save rejected rows"), "rejected_rows.csv", "CSV (*.csv)"
        )
        if name:
            write_safe_csv(Path(name), REJECTED_HEADER, self.rejected_rows())
