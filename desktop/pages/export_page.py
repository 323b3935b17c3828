"""Export: choose platforms, see what each file would get wrong, write the files, open them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.audience_names import audience_name
from desktop.pages.base import Page, page_header
from desktop.pages.export_work import (
    ExportChoices,
    PlatformChoice,
    check_platforms,
    load_export_choices,
    write_platforms,
)
from desktop.tasks import TaskRunner
from engine.services.context import AppContext


class ExportPage(Page):
    key = "export"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.platform_boxes: dict[str, tuple[QCheckBox, PlatformChoice]] = {}
        self.platforms_box = QGroupBox(self.tr("Platforms"))
        self.platforms_layout = QVBoxLayout(self.platforms_box)
        self.audience = QComboBox()
        self.folder = QLineEdit(str(self._default_folder()))
        choose = QPushButton(self.tr("Choose..."))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.drop_invalid = QCheckBox(
            self.tr("Leave out ads and rows with problems instead of stopping")
        )
        options = QGroupBox(self.tr("What to export"))
        form = QFormLayout(options)
        form.addRow(self.tr("Customer list from:"), self.audience)
        form.addRow(self.tr("Save into:"), folder_row)
        form.addRow("", self.drop_invalid)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.check)
        self.write_button = QPushButton(self.tr("Write files"))
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.clicked.connect(self._open_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QTreeWidget()
        self.problems.setHeaderLabels([self.tr("Platform"), self.tr("Problem"), self.tr("Where")])
        self.problems.setRootIsDecorated(False)
        self.problems.setWordWrap(True)
        self.problems.setColumnWidth(0, 220)
        self.problems.setColumnWidth(1, 520)
        top = QHBoxLayout()
        top.addWidget(self.platforms_box)
        top.addWidget(options, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title(),
                self.tr(
                    "Files your ad platforms accept, checked against their rules before "
                    "they are written."
                ),
            )
        )
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        self.setFocusProxy(self.check_button)

    def title(self) -> str:
        return self.tr("Export")

    def _default_folder(self) -> Path:
        return self.ctx.paths.exports / datetime.now().strftime("%Y-%m-%d")

    def reload(self) -> None:
        self.runner.start(
            self.tr("Loading export options"),
            lambda p, c: load_export_choices(self.ctx),
            on_success=self._show_choices,
        )

    def _show_choices(self, choices: ExportChoices) -> None:
        if not self.platform_boxes:
            for choice in choices.platforms:
                box = QCheckBox(choice.label)
                box.setChecked(not choice.audience)
                self.platforms_layout.addWidget(box)
                self.platform_boxes[choice.platform] = (box, choice)
        current = self.audience.currentData()
        self.audience.clear()
        self.audience.addItem(self.tr("All customers who agreed to marketing"), None)
        for audience in choices.audiences:
            self.audience.addItem(
                f"{audience_name(audience['name'])} ({audience['size']})", audience["id"]
            )
        self.audience.setCurrentIndex(max(0, self.audience.findData(current)))

    def chosen(self) -> list[PlatformChoice]:
        return [choice for box, choice in self.platform_boxes.values() if box.isChecked()]

    def check(self) -> None:
        chosen, audience_id = self.chosen(), self.audience.currentData()
        if not chosen:
            self.status.setText(self.tr("Choose at least one platform."))
            return
        self.runner.start(
            self.tr("Checking the export"),
            lambda p, c: check_platforms(self.ctx, chosen, audience_id),
            on_success=self._show_problems,
        )

    def _show_problems(self, problems: list[tuple[str, Any]]) -> None:
        self.problems.clear()
        for label, violation in problems:
            mark = "⛔ " if violation.severity == "error" else "⚠ "
            item = QTreeWidgetItem([label, mark + violation.message, violation.where])
            item.setToolTip(1, violation.message)
            self.problems.addTopLevelItem(item)
        errors = sum(1 for _, v in problems if v.severity == "error")
        if not problems:
            self.status.setText(self.tr("No problems found: the files are ready to write."))
        else:
            self.status.setText(
                self.tr("Problems that stop a file: {errors}. Warnings: {warnings}.").format(
                    errors=errors, warnings=len(problems) - errors
                )
            )

    def write(self) -> None:
        chosen, audience_id = self.chosen(), self.audience.currentData()
        if not chosen:
            self.status.setText(self.tr("Choose at least one platform."))
            return
        out_dir, drop = Path(self.folder.text()).expanduser(), self.drop_invalid.isChecked()
        self.write_button.setEnabled(False)
        task = self.runner.start(
            self.tr("Writing export files"),
            lambda progress, cancel: write_platforms(
                self.ctx, chosen, audience_id, out_dir, drop, progress, cancel
            ),
            on_success=self._show_written,
        )
        task.finished.connect(lambda: self.write_button.setEnabled(True))

    def _show_written(self, results: list[tuple[str, Any]]) -> None:
        self._show_problems([(label, v) for label, result in results for v in result.violations])
        lines = []
        for label, result in results:
            if result.written:
                names = ", ".join(Path(f).name for f in result.files)
                lines.append(
                    self.tr("✓ {platform}: {rows} rows in {files}").format(
                        platform=label, rows=result.rows, files=names
                    )
                )
            else:
                lines.append(
                    self.tr("✗ {platform}: not written, see the problems below.").format(
                        platform=label
                    )
                )
            lines += result.notes
        self.status.setText("\n".join(lines))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save export files into"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def _open_folder(self) -> None:
        folder = Path(self.folder.text()).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
