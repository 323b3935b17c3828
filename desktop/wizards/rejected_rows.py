"""The rejected-rows list the wizard shows twice: before importing (what would be set aside) and
after (what was). Each row with its file, line, reason and original text; saved as a safe CSV."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.wizards.rejected_export import write_safe_csv

if TYPE_CHECKING:
    from engine.services.importing import RejectedRowView

REJECTED_HEADER = ("file", "row", "reason", "column", "code", "original row")
TableRow = tuple[object, ...]


def table_rows(groups: Iterable[tuple[str, list[RejectedRowView]]]) -> list[TableRow]:
    """``(file label, its rejected rows)`` pairs as table rows in :data:`REJECTED_HEADER` order."""
    return [
        (file, row.row_number, row.reason, row.column, row.code, row.raw_text)
        for file, rows in groups
        for row in rows
    ]


class RejectedRowsPanel(QWidget):
    """A read-only table of rejected rows and a button that saves them for fixing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TableRow] = []
        self.table = QTableWidget(0, len(REJECTED_HEADER))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("File"),
                self.tr("Row"),
                self.tr("Reason"),
                self.tr("Column"),
                self.tr("Code"),
                self.tr("Original row"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.save_button = QPushButton(self.tr("Save rejected rows as CSV..."))
        self.save_button.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_rows(self, rows: list[TableRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.table.resizeColumnsToContents()
        self.setVisible(bool(rows))

    def save_to(self, path: Path) -> int:
        return write_safe_csv(path, REJECTED_HEADER, self.rows)

    def _save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save rejected rows"), "rejected_rows.csv", "CSV (*.csv)"
        )
        if name:
            self.save_to(Path(name))
