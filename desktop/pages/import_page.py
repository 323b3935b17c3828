"""Import: every import so far, and the button that opens the import wizard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.base import Page, page_header
from desktop.tasks import TaskRunner
from engine.services.context import AppContext

if TYPE_CHECKING:
    from desktop.wizards.import_wizard import ImportWizard


def batches(ctx: AppContext) -> list[dict[str, Any]]:
    """Every import, with its format's name as the merchant knows it ("Shopify orders export")."""
    from engine.importers.formats import FORMATS
    from engine.services.importing import list_batches  # pulls in scikit-learn: worker only

    return [
        {**batch, "format": FORMATS[batch["format"]].label if batch["format"] in FORMATS
         else batch["format"]}
        for batch in list_batches(ctx)
    ]  # fmt: skip


class ImportPage(Page):
    key = "import"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.wizard: ImportWizard | None = None  # built on first use: it loads the importers
        self.import_button = QPushButton(self.tr("Import files..."))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.open_wizard)
        self.table = QTableWidget(0, 6)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Format"), self.tr("Status"), self.tr("Orders"),
             self.tr("Rows set aside"), self.tr("Imported on")]
        )  # fmt: skip
        self.table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title(),
                self.tr(
                    "Bring in order exports from your shop. Importing the same file again adds "
                    "only what is new."
                ),
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.import_button)

    def title(self) -> str:
        return self.tr("Import")

    def reload(self) -> None:
        self.runner.start(
            self.tr("Loading imports"), lambda p, c: batches(self.ctx), on_success=self._show
        )

    def _show(self, batches: list[dict[str, Any]]) -> None:
        statuses = {
            "committed": self.tr("Imported"),
            "failed": self.tr("Failed"),
            "running": self.tr("Running"),
        }
        self.table.setRowCount(len(batches))
        for r, batch in enumerate(batches):
            started = batch["started_at"]
            status = statuses.get(batch["status"], batch["status"])
            when = started.strftime("%Y-%m-%d %H:%M") if started else ""
            values = [
                batch["file"],
                batch["format"],
                status,
                f"{batch['orders'] or 0:,}",
                f"{batch['rejected'] or 0:,}",
                when,
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if batch["message"]:
                    item.setToolTip(batch["message"])
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def open_wizard(self) -> ImportWizard:
        from desktop.wizards.import_wizard import ImportWizard

        self.wizard = ImportWizard(self.ctx, self.runner, self)
        self.wizard.imported.connect(self.data_changed)
        self.wizard.open()
        return self.wizard
