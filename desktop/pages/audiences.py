"""Audiences: build one, see its size against each platform's minimum, who is in it and why;
and the back-test that shows how much better than chance the targeting is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.audience_builder import AudienceBuilderBox, AudienceChoices
from desktop.pages.audience_names import audience_name
from desktop.pages.base import Page, page_header
from desktop.tasks import TaskRunner
from desktop.widgets.lift_chart import LiftChart
from engine.progress import CancelToken, ProgressFn
from engine.services.context import AppContext

MEMBERS_SHOWN = 500


def load_choices(ctx: AppContext) -> AudienceChoices:
    from engine.services.catalog import best_sellers, category_names
    from engine.services.targeting import list_audiences, segments

    return AudienceChoices(
        best_sellers(ctx), category_names(ctx),
        segments(ctx, store=False)["segments"], list_audiences(ctx),
    )  # fmt: skip


def build(
    ctx: AppContext, arguments: dict[str, Any], progress: ProgressFn, cancel: CancelToken
) -> Any:
    from engine.services.targeting import build_audience

    return build_audience(ctx, **arguments, progress=progress, cancel=cancel)


def show(ctx: AppContext, audience_id: int) -> Any:
    from engine.services.targeting import show_audience

    return show_audience(ctx, audience_id)


def run_backtest(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
    from engine.services.targeting_backtest import backtest

    return backtest(ctx, progress=progress, cancel=cancel)


class AudiencesPage(Page):
    key = "audiences"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.builder = AudienceBuilderBox()
        self.builder.build_requested.connect(self.build_audience)
        self.audiences = QListWidget()
        self.audiences.currentItemChanged.connect(self._on_audience_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.builder)
        left_layout.addWidget(QLabel(self.tr("Your audiences:")))
        left_layout.addWidget(self.audiences, 1)

        self.summary = QLabel(self.tr("Build an audience or choose one on the left."))
        self.summary.setWordWrap(True)
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.members = QTableWidget(0, 3)
        self.members.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Score"), self.tr("Why")]
        )
        self.members.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.verticalHeader().hide()
        audience_tab = QWidget()
        audience_layout = QVBoxLayout(audience_tab)
        audience_layout.addWidget(self.summary)
        audience_layout.addWidget(self.checks)
        audience_layout.addWidget(self.members, 1)

        self.backtest_button = QPushButton(self.tr("Check how well targeting works"))
        self.backtest_button.clicked.connect(self.backtest)
        self.lift = LiftChart()
        self.backtest_text = QLabel(
            self.tr(
                "Pinpoint hides the most recent weeks of orders, builds audiences from the rest, "
                "and counts how many of the real buyers each audience caught."
            )
        )
        self.backtest_text.setWordWrap(True)
        backtest_tab = QWidget()
        backtest_layout = QVBoxLayout(backtest_tab)
        row = QHBoxLayout()
        row.addWidget(self.backtest_button)
        row.addStretch(1)
        backtest_layout.addLayout(row)
        backtest_layout.addWidget(self.backtest_text)
        backtest_layout.addWidget(self.lift, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(audience_tab, self.tr("Audience"))
        self.tabs.addTab(backtest_tab, self.tr("Back-test"))

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title(),
                self.tr(
                    "Groups of customers to show an ad to, each with the reason they are in it."
                ),
            )
        )
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.builder.kind)

    def title(self) -> str:
        return self.tr("Audiences")

    def reload(self) -> None:
        self.runner.start(
            self.tr("Loading audiences"),
            lambda p, c: load_choices(self.ctx),
            on_success=self._show_choices,
        )

    def _show_choices(self, choices: AudienceChoices) -> None:
        self.builder.set_choices(choices)
        current = self.audiences.currentItem()
        current_id = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.audiences.blockSignals(True)
        self.audiences.clear()
        for audience in reversed(choices.audiences):
            item = QListWidgetItem(
                self.tr("{name}: {size} people").format(
                    name=audience_name(audience["name"]), size=audience["size"]
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, audience["id"])
            self.audiences.addItem(item)
            if audience["id"] == current_id:
                self.audiences.setCurrentItem(item)
        self.audiences.blockSignals(False)

    def build_audience(self, arguments: dict[str, Any]) -> None:
        self.builder.build_button.setEnabled(False)
        task = self.runner.start(
            self.tr("Building the audience"),
            lambda progress, cancel: build(self.ctx, arguments, progress, cancel),
            writes=True,
            on_success=self._on_built,
        )
        task.finished.connect(lambda: self.builder.build_button.setEnabled(True))

    def _on_built(self, view: Any) -> None:
        self.show_audience(view)
        self.tabs.setCurrentIndex(0)
        self.data_changed.emit()

    def _on_audience_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            audience_id = item.data(Qt.ItemDataRole.UserRole)
            self.runner.start(
                self.tr("Loading the audience"),
                lambda p, c: show(self.ctx, audience_id),
                on_success=self.show_audience,
            )

    def show_audience(self, view: Any) -> None:
        excluded = ", ".join(
            f"{count} {reason}" for reason, count in view.excluded.items() if count
        )
        text = self.tr("{name}: {size} people (from {candidates} candidates).").format(
            name=audience_name(view.name), size=view.size, candidates=view.candidates
        )
        if excluded:
            text += " " + self.tr("Left out: {excluded}.").format(excluded=excluded)
        self.summary.setText(text)
        self.checks.setText(
            "\n".join(("✓ " if c.ok else "⚠ ") + c.message for c in view.size_checks)
        )
        rows = view.members[:MEMBERS_SHOWN]
        self.members.setRowCount(len(rows))
        for r, member in enumerate(rows):
            values = (
                member["name"] or str(member["customer_id"]),
                f"{member['score']:.3f}",
                member["reason"] or "",
            )
            for c, value in enumerate(values):
                self.members.setItem(r, c, QTableWidgetItem(value))
        self.members.resizeColumnToContents(0)

    def backtest(self) -> None:
        self.backtest_button.setEnabled(False)
        task = self.runner.start(
            self.tr("Back-testing the targeting"),
            lambda progress, cancel: run_backtest(self.ctx, progress, cancel),
            writes=True,
            on_success=self._show_backtest,
        )
        task.finished.connect(lambda: self.backtest_button.setEnabled(True))

    def _show_backtest(self, result: dict[str, Any]) -> None:
        self.lift.set_result(result["sizes"])
        self.backtest_text.setText(result["explanation"])
