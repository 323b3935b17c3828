"""A small horizontal bar chart (QtCharts) for shares such as a customer's interests."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QWidget


class ShareBarChart(QChartView):
    """Bars for ``label -> share`` (0..1), largest on top; follows the system's light/dark theme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        chart = QChart()
        chart.legend().hide()
        chart.setBackgroundRoundness(0)
        chart.setMargins(chart.margins() * 0)
        if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
        self.setChart(chart)

    def set_shares(self, shares: dict[str, float], limit: int = 8) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        top = sorted(shares.items(), key=lambda item: item[1], reverse=True)[:limit]
        top.reverse()  # QHorizontalBarSeries draws the first category at the bottom
        bars = QBarSet("")
        bars.append([round(value * 100, 1) for _, value in top])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        chart.addSeries(series)
        labels = QBarCategoryAxis()
        labels.append([name[:40] for name, _ in top])
        values = QValueAxis()
        values.setRange(0, max([value * 100 for _, value in top] + [1]) * 1.15)
        values.setLabelFormat("%d%%")
        chart.addAxis(labels, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(labels)
        series.attachAxis(values)
