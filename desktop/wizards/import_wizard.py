"""The import wizard: files → detection (with override) → column mapping when needed → check →
import → results."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from desktop.tasks import TaskRunner
from desktop.wizards.import_pages import DetectPage, FilesPage
from desktop.wizards.import_plan import ImportPlan
from desktop.wizards.import_run import CheckPage, ResultPage, RunPage
from desktop.wizards.mapping_page import MappingPage
from engine.services.context import AppContext


class ImportWizard(QWizard):
    """Emits ``imported`` after a successful import, so the window reloads its pages."""

    imported = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import orders"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.plan = ImportPlan()
        self.files_page = FilesPage(self.plan)
        self.detect_page = DetectPage(self.plan, runner)
        self.mapping_page = MappingPage(self.plan, ctx)
        self.check_page = CheckPage(self.plan, runner, ctx)
        self.run_page = RunPage(self.plan, runner, ctx)
        self.result_page = ResultPage(self.run_page)
        self.detect_id = self.mapping_id = self.check_id = -1  # nextId() runs during addPage
        self.addPage(self.files_page)
        self.detect_id = self.addPage(self.detect_page)
        self.mapping_id = self.addPage(self.mapping_page)
        self.check_id = self.addPage(self.check_page)
        self.addPage(self.run_page)
        self.addPage(self.result_page)
        self.resize(900, 640)
        self.currentIdChanged.connect(self._on_page_changed)

    def nextId(self) -> int:
        """Column mapping only for a layout Pinpoint does not know (or when the user asks)."""
        current = self.currentId()
        if current == self.detect_id:
            return self.mapping_id if self.plan.needs_mapping() else self.check_id
        if current == self.mapping_id:
            return self.check_id
        return super().nextId()

    def _on_page_changed(self, _page_id: int) -> None:
        if (
            self.currentPage() is self.result_page
            and self.plan.report
            and self.plan.report.committed
        ):
            self.imported.emit()

    def reject(self) -> None:
        """Closing while checking or importing stops that first (nothing is kept)."""
        self.check_page.cancel()
        self.run_page.cancel()
        super().reject()
