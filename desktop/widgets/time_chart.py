"""Clicks and cost per day, on one chart with two value axes."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QWidget


def _msecs(day: date) -> float:
    return float(QDateTime(datetime.combine(day, time())).toMSecsSinceEpoch())


class DailyChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
        self.setChart(chart)

    def set_days(
        self, days: list[tuple[date, float, float]], left_name: str, right_name: str
    ) -> None:
        """``days``: (day, left value, right value), e.g. clicks and cost."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if not days:
            return
        left, right = QLineSeries(), QLineSeries()
        left.setName(left_name)
        right.setName(right_name)
        for day, left_value, right_value in days:
            left.append(_msecs(day), left_value)
            right.append(_msecs(day), right_value)
        chart.addSeries(left)
        chart.addSeries(right)
        when = QDateTimeAxis()
        when.setFormat("MMM d")
        when.setTickCount(min(len(days), 8))
        chart.addAxis(when, Qt.AlignmentFlag.AlignBottom)
        for series, side in (
            (left, Qt.AlignmentFlag.AlignLeft),
            (right, Qt.AlignmentFlag.AlignRight),
        ):
            axis = QValueAxis()
            values = [p.y() for p in series.points()]
            axis.setRange(0, max(values) * 1.1 or 1)
            axis.setTitleText(series.name())
            chart.addAxis(axis, side)
            series.attachAxis(when)
            series.attachAxis(axis)
