"""A small horizontal bar chart for shares such as a customer's interests.

Painted by hand rather than with QtCharts: interest names are long ("Tea • Regency • Time") and
a chart axis cuts them to a few letters in a side panel, so each name sits on its own line above
its bar, using the whole width. Colours come from the palette, so it follows the system's light
or dark theme.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 14
GAP = 8
PERCENT_WIDTH = 56


class ShareBarChart(QWidget):
    """Bars for ``label -> share`` (0..1), largest first, each named above its bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shares: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_shares(self, shares: dict[str, float], limit: int = 8) -> None:
        self.shares = sorted(shares.items(), key=lambda item: item[1], reverse=True)[:limit]
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + BAR_HEIGHT + GAP

    def sizeHint(self) -> QSize:
        return QSize(260, max(len(self.shares), 1) * self._row_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.shares:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        text_height = metrics.height()
        track = max(self.width() - PERCENT_WIDTH, 40)
        largest = max(share for _, share in self.shares) or 1.0
        for row, (name, share) in enumerate(self.shares):
            top = row * self._row_height()
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, self.width())
            painter.drawText(0, top + metrics.ascent(), label)
            bar = QRectF(0, top + text_height + 1, max(track * share / largest, 2), BAR_HEIGHT)
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Highlight))
            painter.drawText(
                QRectF(bar.right() + 6, bar.top() - 2, PERCENT_WIDTH, BAR_HEIGHT + 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{share * 100:.1f}%",
            )
        painter.end()
