"""The back-test lift chart: how many more real buyers each audience size caught than chance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QWidget


class LiftChart(QChartView):
    """Grouped bars per audience size: Pinpoint, best-customers (RFM) and random (= 1×)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
        self.setChart(chart)

    def set_result(self, sizes: dict[str, dict[str, Any]]) -> None:
        """``sizes`` is the back-test's ``sizes`` mapping: fraction -> {model, rfm, random, ...}."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        names = {
            "model": QCoreApplication.translate("LiftChart", "Pinpoint"),
            "rfm": QCoreApplication.translate("LiftChart", "Best customers (RFM)"),
            "random": QCoreApplication.translate("LiftChart", "Random"),
        }
        series = QBarSeries()
        highest = 1.0
        for key, label in names.items():
            bars = QBarSet(label)
            values = [float(result.get(key) or 0.0) for result in sizes.values()]
            highest = max([highest, *values])
            bars.append(values)
            series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value×")
        series.setLabelsPrecision(2)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        top = QCoreApplication.translate("LiftChart", "Top {percent}%")
        categories.append([top.format(percent=round(float(size) * 100)) for size in sizes])
        values = QValueAxis()
        values.setRange(0, highest * 1.2)
        values.setTitleText(
            QCoreApplication.translate("LiftChart", "Real buyers caught vs. random")
        )
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
