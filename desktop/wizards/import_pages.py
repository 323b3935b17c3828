"""The wizard's first steps: choose files, then see what Pinpoint detected (and correct it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from desktop.tasks import TaskRunner
from desktop.widgets.file_drop_list import FileDropList
from desktop.wizards.import_plan import MAPPED, ImportPlan, SniffOutcome, sniff_files
from engine.importers.formats import FORMATS

PREVIEW_ROWS = 20


class FilesPage(QWizardPage):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan
        self.setTitle(self.tr("Choose your export files"))
        self.setSubTitle(
            self.tr(
                "Drag order exports here, or click Add files. Add companion files together "
                "(for example Etsy's orders and sold-items files)."
            )
        )
        self.files = FileDropList()
        self.files.files_changed.connect(self.completeChanged)
        add = QPushButton(self.tr("Add files..."))
        add.clicked.connect(self._browse)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.files.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(buttons)

    def _browse(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose export files"), "",
            self.tr("Exports (*.csv *.tsv *.txt *.xlsx);;All files (*)"),
        )  # fmt: skip
        self.files.add_paths([Path(name) for name in names])

    def isComplete(self) -> bool:
        return self.files.count() > 0

    def validatePage(self) -> bool:
        self.plan.paths = self.files.paths()
        return True


class DetectPage(QWizardPage):
    """Format, encoding, evidence and a preview per file; the user may override the format."""

    def __init__(self, plan: ImportPlan, runner: TaskRunner) -> None:
        super().__init__()
        self.plan = plan
        self.runner = runner
        self._ready = False
        self.setTitle(self.tr("What Pinpoint found"))
        self.setSubTitle(
            self.tr("Check the detected format and the preview. Change the format if it is wrong.")
        )
        self.file_combo = QComboBox()
        self.file_combo.currentIndexChanged.connect(self._show_file)
        self.format_label = QLabel()
        self.encoding_label = QLabel()
        self.format_combo = QComboBox()
        self.format_combo.currentIndexChanged.connect(self._on_format_chosen)
        self.evidence = QListWidget()
        self.evidence.setMaximumHeight(110)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        form = QFormLayout()
        form.addRow(self.tr("File:"), self.file_combo)
        form.addRow(self.tr("Detected:"), self.format_label)
        form.addRow(self.tr("Text:"), self.encoding_label)
        form.addRow(self.tr("Import as:"), self.format_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Why:")))
        layout.addWidget(self.evidence)
        layout.addWidget(self.preview, 1)

    def initializePage(self) -> None:
        self._ready = False
        self.format_label.setText(self.tr("Reading the files..."))
        paths = list(self.plan.paths)
        self.runner.start(
            self.tr("Reading the files"),
            lambda progress, cancel: sniff_files(paths, progress, cancel),
            on_success=self._on_sniffed,
        )

    def _on_sniffed(self, outcomes: list[SniffOutcome]) -> None:
        self.plan.sniffs = outcomes
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for outcome in outcomes:
            self.file_combo.addItem(outcome.path.name)
        self.file_combo.blockSignals(False)
        self._fill_formats()
        self._show_file(0)
        self._ready = True
        self.completeChanged.emit()

    def _fill_formats(self) -> None:
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        self.format_combo.addItem(self.tr("As detected"), None)
        for name, fmt in FORMATS.items():
            if fmt.detectable:
                self.format_combo.addItem(fmt.label, name)
        self.format_combo.addItem(
            self.tr("Another layout: I will match the columns myself"), MAPPED
        )
        self.format_combo.setCurrentIndex(
            max(0, self.format_combo.findData(self.plan.format_override))
        )
        self.format_combo.blockSignals(False)

    def _on_format_chosen(self) -> None:
        self.plan.format_override = self.format_combo.currentData()
        self.completeChanged.emit()

    def _show_file(self, index: int) -> None:
        if not 0 <= index < len(self.plan.sniffs):
            return
        outcome = self.plan.sniffs[index]
        self.evidence.clear()
        self.preview.clear()
        if outcome.result is None:
            self.format_label.setText(self.tr("This file cannot be imported."))
            self.encoding_label.setText("")
            self.evidence.addItem(outcome.problem or "")
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            return
        result = outcome.result
        confidence = self.tr("{percent}% sure").format(percent=round(result.confidence * 100))
        self.format_label.setText(f"{result.label} ({confidence})")
        self.encoding_label.setText(
            self.tr("{encoding}, columns separated by {delimiter}, header on line {line}").format(
                encoding=result.encoding, delimiter=self._delimiter_name(result.delimiter),
                line=result.header_row,
            )
        )  # fmt: skip
        self.evidence.addItems(result.evidence)
        rows = result.preview[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(result.header))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(result.header)
        for r, row in enumerate(rows):
            for c, value in enumerate(row[: len(result.header)]):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()

    def isComplete(self) -> bool:
        return self._ready and bool(self.plan.readable())

    def _delimiter_name(self, delimiter: str) -> str:
        names = {",": self.tr("commas"), ";": self.tr("semicolons"), "\t": self.tr("tabs")}
        return names.get(delimiter, f"“{delimiter}”")
