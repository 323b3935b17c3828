"""Performance: import ad platform reports, key numbers, clicks and cost over time, results per
campaign, and A/B comparisons explained in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.base import Page, page_header
from desktop.pages.performance_work import (
    PerformanceData,
    compare,
    import_report_file,
    load_performance,
)
from desktop.tasks import TaskRunner
from desktop.widgets.kpi_card import KpiCard
from desktop.widgets.time_chart import DailyChart
from engine.services.context import AppContext


def _rate(rate: Any) -> str:
    return "—" if rate.value is None else f"{rate.value:.2%}"


def _ratio(ratio: Any, money: bool = True) -> str:
    if ratio.value is None:
        return "—"
    return f"{ratio.value:,.2f}" if money else f"{ratio.value:.2f}×"


class PerformancePage(Page):
    key = "performance"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.data: PerformanceData | None = None
        self.import_button = QPushButton(self.tr("Import a report..."))
        self.import_button.clicked.connect(self.choose_report)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cards = {
            "impressions": KpiCard(self.tr("Impressions")),
            "clicks": KpiCard(self.tr("Clicks")),
            "ctr": KpiCard(self.tr("Click rate")),
            "cost": KpiCard(self.tr("Cost")),
            "conversions": KpiCard(self.tr("Conversions")),
            "roas": KpiCard(self.tr("Return on ad spend")),
        }
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        self.chart = DailyChart()
        self.no_days = QLabel(
            self.tr(
                "Results over time appear when a report has a Day column "
                "(choose Segment › Day when exporting)."
            )
        )
        self.no_days.setWordWrap(True)
        self.no_days.hide()
        self.campaigns = QTableWidget(0, 7)
        self.campaigns.setHorizontalHeaderLabels(
            [self.tr("Campaign"), self.tr("Impressions"), self.tr("Clicks"), self.tr("Click rate"),
             self.tr("Cost"), self.tr("Cost per sale"), self.tr("Return on ad spend")]
        )  # fmt: skip
        self.campaigns.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.campaigns.verticalHeader().hide()
        self.campaigns.horizontalHeader().setStretchLastSection(True)
        self.ab_box = self._ab_box()
        content = QWidget()
        column = QVBoxLayout(content)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.status, 1)
        column.addLayout(row)
        column.addLayout(cards)
        column.addWidget(self.chart, 2)
        column.addWidget(self.no_days)
        column.addWidget(self.campaigns, 1)
        column.addWidget(self.ab_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title(),
                self.tr("How your ads did, from the reports your ad platforms export."),
            )
        )
        layout.addWidget(scroll, 1)
        self.setFocusProxy(self.import_button)

    def _ab_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Compare two ads (A/B test)"))
        self.arm_a, self.arm_b = QComboBox(), QComboBox()
        self.metric_choice = QComboBox()
        self.metric_choice.addItem(self.tr("click rate"), "ctr")
        self.metric_choice.addItem(self.tr("conversion rate"), "cvr")
        compare_button = QPushButton(self.tr("Compare"))
        compare_button.clicked.connect(self.compare)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("A:")), 0, 0)
        grid.addWidget(self.arm_a, 0, 1)
        grid.addWidget(QLabel(self.tr("B:")), 0, 2)
        grid.addWidget(self.arm_b, 0, 3)
        grid.addWidget(self.metric_choice, 0, 4)
        grid.addWidget(compare_button, 0, 5)
        grid.addWidget(self.verdict, 1, 0, 1, 6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def title(self) -> str:
        return self.tr("Performance")

    def reload(self) -> None:
        self.runner.start(
            self.tr("Loading performance"),
            lambda p, c: load_performance(self.ctx),
            on_success=self.show_data,
        )

    def show_data(self, data: PerformanceData) -> None:
        self.data = data
        if not data.reports:
            self.status.setText(
                self.tr(
                    "No reports yet. Export a report from Google Ads or Meta Ads Manager and "
                    "import it here."
                )
            )
            return
        totals = data.totals()
        self.status.setText(self.tr("Reports imported: {count}.").format(count=len(data.reports)))
        impressions, clicks, cost = totals["impressions"], totals["clicks"], totals["cost"]
        self.cards["impressions"].set(f"{impressions:,.0f}")
        self.cards["clicks"].set(f"{clicks:,.0f}")
        self.cards["ctr"].set(f"{clicks / impressions:.2%}" if impressions else "—")
        self.cards["cost"].set(f"{cost:,.2f}")
        self.cards["conversions"].set(
            f"{totals['conversions']:,.0f}",
            self.tr("{cpa:,.2f} per sale").format(cpa=cost / totals["conversions"])
            if totals["conversions"]
            else "",
        )
        self.cards["roas"].set(
            f"{totals['revenue'] / cost:.2f}×" if cost and totals["revenue"] else "—"
        )
        self.chart.set_days(
            [(d.day, d.clicks, d.cost) for d in data.days], self.tr("Clicks"), self.tr("Cost")
        )
        self.chart.setVisible(bool(data.days))
        self.no_days.setVisible(not data.days)
        self.campaigns.setRowCount(len(data.campaigns))
        for r, m in enumerate(data.campaigns):
            values = (
                m.name,
                f"{m.impressions:,}",
                f"{m.clicks:,}",
                _rate(m.ctr),
                f"{m.cost:,.2f}",
                _ratio(m.cpa),
                _ratio(m.roas, money=False),
            )
            for c, value in enumerate(values):
                self.campaigns.setItem(r, c, QTableWidgetItem(value))
        self.campaigns.resizeColumnsToContents()
        for combo in (self.arm_a, self.arm_b):
            combo.clear()
            for index, ad in enumerate(data.ads):
                combo.addItem(ad.name, index)
        self.arm_b.setCurrentIndex(min(1, self.arm_b.count() - 1))

    def choose_report(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a performance report"),
            "",
            self.tr("Reports (*.csv *.tsv *.xlsx);;All files (*)"),
        )
        if name:
            self.import_report(Path(name))

    def import_report(self, path: Path) -> None:
        self.import_button.setEnabled(False)
        task = self.runner.start(
            self.tr("Importing {file}").format(file=path.name),
            lambda progress, cancel: import_report_file(self.ctx, path, progress, cancel),
            writes=True,
            on_success=self._on_imported,
        )
        task.finished.connect(lambda: self.import_button.setEnabled(True))

    def _on_imported(self, summary: Any) -> None:
        text = self.tr("{file}: {rows} rows, {matched} matched to your campaigns.").format(
            file=summary.file_name, rows=summary.rows, matched=summary.matched
        )
        self.status.setText(" ".join([text, *summary.warnings]))
        self.data_changed.emit()

    def compare(self) -> None:
        if self.data is None or self.arm_a.currentIndex() < 0 or self.arm_b.currentIndex() < 0:
            return
        a, b = self.data.ads[self.arm_a.currentData()], self.data.ads[self.arm_b.currentData()]
        metric = self.metric_choice.currentData()
        self.runner.start(
            self.tr("Comparing"),
            lambda p, c: compare(self.ctx, a, b, metric),
            on_success=lambda result: self.verdict.setText(
                "\n".join([result["verdict"], *result.get("notes", [])])
            ),
        )
