"""One customer: who they are, what they are into (chart), what they bought, and why they are
in each audience."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.audience_names import audience_name, segment_name
from desktop.widgets.bar_chart import ShareBarChart

if TYPE_CHECKING:
    from engine.services.customers import CustomerDetail


class CustomerDetailView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel()
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        self.facts = QFormLayout()
        self.place = QLabel()
        self.since = QLabel()
        self.value = QLabel()
        self.value.setWordWrap(True)
        self.facts.addRow(self.tr("Lives in:"), self.place)
        self.facts.addRow(self.tr("Customer since:"), self.since)
        self.facts.addRow(self.tr("Value:"), self.value)
        self.chart = ShareBarChart()
        self.no_interests = QLabel(self.tr("No interests yet: build profiles on this page first."))
        self.no_interests.setWordWrap(True)
        self.timeline = QTableWidget(0, 4)
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Order"), self.tr("Total"), self.tr("Items")]
        )
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.verticalHeader().hide()
        self.reasons = QListWidget()
        self.reasons.setWordWrap(True)
        self.tabs = tabs = QTabWidget()
        interests = QWidget()
        interests_layout = QVBoxLayout(interests)
        interests_layout.addWidget(self.chart)
        interests_layout.addWidget(self.no_interests)
        interests_layout.addStretch(1)
        tabs.addTab(interests, self.tr("Interests"))
        tabs.addTab(self.timeline, self.tr("Orders"))
        tabs.addTab(self.reasons, self.tr("Why targeted"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addLayout(self.facts)
        layout.addWidget(tabs, 1)
        self.show_detail(None)

    def show_detail(self, detail: CustomerDetail | None) -> None:
        if detail is None:
            self.name.setText(self.tr("Choose a customer"))
            for label in (self.place, self.since, self.value):
                label.setText("")
            self.chart.hide()
            self.no_interests.hide()
            self.timeline.setRowCount(0)
            self.reasons.clear()
            return
        self.name.setText(detail.name)
        self.place.setText(detail.place or self.tr("unknown"))
        self.since.setText(detail.first_seen.strftime("%Y-%m-%d") if detail.first_seen else "")
        value = [
            self.tr("{orders} orders").format(orders=detail.orders),
            self.tr("{spent:,.2f} spent").format(spent=detail.spent),
        ]
        if detail.clv is not None:
            value.append(self.tr("expected value next year {clv:,.2f}").format(clv=detail.clv))
        if detail.churn_risk is not None:
            value.append(self.tr("risk of leaving {risk:.0%}").format(risk=detail.churn_risk))
        self.value.setText(", ".join(value))
        self.chart.setVisible(bool(detail.interests))
        self.no_interests.setVisible(not detail.interests)
        if detail.interests:
            self.chart.set_shares(detail.interests)
        self.timeline.setRowCount(len(detail.timeline))
        for row, entry in enumerate(detail.timeline):
            total = "" if entry.total is None else f"{entry.total:,.2f}"
            if entry.cancelled:
                total = self.tr("{total} (cancelled)").format(total=total)
            for column, text in enumerate(
                (entry.placed_at.strftime("%Y-%m-%d"), entry.order, total, entry.items)
            ):
                self.timeline.setItem(row, column, QTableWidgetItem(text))
        self.timeline.resizeColumnsToContents()
        self.reasons.clear()
        if detail.segment:
            self.reasons.addItem(
                self.tr("Segment: {segment}").format(segment=segment_name(detail.segment))
            )
        if detail.next_order:
            self.reasons.addItem(detail.next_order[:1].upper() + detail.next_order[1:])
        for audience, why in detail.reasons:
            name = audience_name(audience)
            self.reasons.addItem(f"{name}: {why}" if why else name)
        if not detail.reasons:
            self.reasons.addItem(self.tr("Not in any audience yet."))
