"""Choose one or several products in the space of a combo box: a button that opens a checkable,
searchable list (a shop has hundreds of products; the studio writes copy for each one ticked)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

POPUP_SIZE = (420, 320)
HINT_CHARACTERS = 30
"""The button asks for room for this many characters (like a combo box's minimum contents)."""
ID_ROLE = Qt.ItemDataRole.UserRole


class ProductPicker(QToolButton):
    """Emits ``chosen_changed`` whenever a product is ticked or unticked."""

    chosen_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Search products"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        self.list.itemChanged.connect(self._on_item_changed)
        panel = QWidget()
        panel.setMinimumSize(*POPUP_SIZE)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        action = QWidgetAction(self)
        action.setDefaultWidget(panel)
        menu = QMenu(self)
        menu.addAction(action)
        menu.aboutToShow.connect(self.filter.setFocus)
        self.setMenu(menu)
        self._update_text()

    def set_products(self, products: list[tuple[str, int]]) -> None:
        """Offer ``(label, id)`` pairs; products still offered stay ticked, and when none is,
        the first (the best seller) is, so one click on Write ad copy does something useful."""
        kept = set(self.chosen_ids())
        self.list.blockSignals(True)
        self.list.clear()
        for label, product_id in products:
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, product_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if product_id in kept else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        if self.list.count() and not self.chosen_ids():
            self.list.item(0).setCheckState(Qt.CheckState.Checked)
        self.list.blockSignals(False)
        self._apply_filter(self.filter.text())
        self._update_text()
        self.chosen_changed.emit()

    def set_chosen(self, product_ids: list[int]) -> None:
        wanted = set(product_ids)
        self.list.blockSignals(True)
        for item in self._items():
            item.setCheckState(
                Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked
            )
        self.list.blockSignals(False)
        self._update_text()
        self.chosen_changed.emit()

    def chosen_ids(self) -> list[int]:
        """Ticked products in list order (best sellers first)."""
        return [
            int(item.data(ID_ROLE))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def offered_ids(self) -> list[int]:
        """Every product offered, best sellers first."""
        return [int(item.data(ID_ROLE)) for item in self._items()]

    def count(self) -> int:
        return self.list.count()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_text()
        self.chosen_changed.emit()

    def _update_text(self) -> None:
        chosen = [
            item.text() for item in self._items() if item.checkState() == Qt.CheckState.Checked
        ]
        if not chosen:
            text = self.tr("Choose products...")
        elif len(chosen) == 1:
            text = chosen[0]
        else:
            text = self.tr("{first} and {more} more").format(first=chosen[0], more=len(chosen) - 1)
        self.setToolTip("\n".join(chosen))
        width = max(self.width() - 30, 200)
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))

    def sizeHint(self) -> QSize:
        """A steady width: the text is elided to the width given, so it must not drive it."""
        hint = super().sizeHint()
        return QSize(self.fontMetrics().averageCharWidth() * HINT_CHARACTERS + 30, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_text()
