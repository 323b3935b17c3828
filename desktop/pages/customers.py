"""Customers & profiles: the searchable table of every customer and one customer's detail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.customers_model import Column, CustomersModel
from desktop.pages.audience_names import audience_name
from desktop.pages.base import Page, page_header
from desktop.pages.customer_detail_view import CustomerDetailView
from desktop.tasks import TaskRunner
from engine.services.context import AppContext
from engine.services.customer_query import CustomerQuery

SEARCH_DELAY_MS = 250


def build_profiles_and_segments(ctx: AppContext, progress: Any, cancel: Any) -> Any:
    """Profiles (interests, next products), then RFM segments saved as audiences."""
    from engine.progress import scaled
    from engine.services.profiling import build_profiles
    from engine.services.targeting import segments

    report = build_profiles(
        ctx, device=ctx.settings.device, progress=scaled(progress, 0, 0.9), cancel=cancel
    )
    cancel.check()
    progress(0.92, "Finding customer segments")
    segments(ctx)
    return report


def find_customers(ctx: AppContext, query: CustomerQuery) -> list[int]:
    from engine.services.customers import customer_ids  # the store's models: in the worker

    return customer_ids(ctx, query)


def customer_detail(ctx: AppContext, customer_id: int) -> Any:
    from engine.services.customers import customer_detail as load_detail

    return load_detail(ctx, customer_id)


def audiences(ctx: AppContext) -> list[dict[str, Any]]:
    from engine.services.targeting import list_audiences  # imported in the worker: numpy, scipy

    return list_audiences(ctx)


class CustomersPage(Page):
    key = "customers"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.model = CustomersModel(ctx, self._load_ids)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, country or city"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.model.search(self.search.text()))
        self.search.textChanged.connect(self._search_timer.start)
        self.audience = QComboBox()
        self.audience.setMinimumWidth(220)
        self.audience.currentIndexChanged.connect(
            lambda: self.model.filter_audience(self.audience.currentData())
        )
        self.profile_button = QPushButton(self.tr("Build profiles"))
        self.profile_button.setToolTip(
            self.tr("Learn every customer's interests from their orders (takes a minute or two)")
        )
        self.profile_button.clicked.connect(self.build_profiles)
        self.count = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(Column.SPENT, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.setColumnWidth(Column.NAME, 200)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.ids_loaded.connect(self._on_ids_loaded)
        self.detail = CustomerDetailView()

        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        tools.addWidget(QLabel(self.tr("Show:")))
        tools.addWidget(self.audience, 1)
        tools.addWidget(self.profile_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title(),
                self.tr(
                    "Everyone who bought from you, what they like, and why Pinpoint targets them."
                ),
            )
        )
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.search)

    def title(self) -> str:
        return self.tr("Customers & profiles")

    def _load_ids(self, query: CustomerQuery, done: Callable[[list[int]], None]) -> None:
        self.runner.start(
            self.tr("Finding customers"),
            lambda p, c: find_customers(self.ctx, query),
            on_success=done,
        )

    def reload(self) -> None:
        self.model.refresh()
        self.runner.start(
            self.tr("Loading audiences"),
            lambda p, c: audiences(self.ctx),
            on_success=self._fill_audiences,
        )

    def _fill_audiences(self, audiences: list[dict[str, Any]]) -> None:
        current = self.audience.currentData()
        self.audience.blockSignals(True)
        self.audience.clear()
        self.audience.addItem(self.tr("All customers"), None)
        for audience in audiences:
            self.audience.addItem(
                f"{audience_name(audience['name'])} ({audience['size']})", audience["id"]
            )
        self.audience.setCurrentIndex(max(0, self.audience.findData(current)))
        self.audience.blockSignals(False)

    def _on_ids_loaded(self, count: int) -> None:
        self.count.setText(self.tr("Customers: {count}").format(count=f"{count:,}"))
        if count and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        customer_id = self.model.customer_id(rows[0].row())
        self.runner.start(
            self.tr("Loading the customer"),
            lambda p, c: customer_detail(self.ctx, customer_id),
            on_success=self.detail.show_detail,
        )

    def build_profiles(self) -> None:
        self.profile_button.setEnabled(False)
        task = self.runner.start(
            self.tr("Building customer profiles"),
            lambda progress, cancel: build_profiles_and_segments(self.ctx, progress, cancel),
            writes=True,
            on_success=lambda _report: self.data_changed.emit(),
        )
        task.finished.connect(lambda: self.profile_button.setEnabled(True))
