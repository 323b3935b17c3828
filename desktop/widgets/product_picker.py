"""Choose one or several products in the space of a combo box: it looks and sits like the other
combo boxes, but opens a checkable, searchable list (a shop has hundreds of products; the studio
writes copy for each one ticked)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

POPUP_SIZE = (420, 320)
HINT_CHARACTERS = 30
"""Room asked for in characters; a longer choice is elided, its full text is the tooltip."""
ID_ROLE = Qt.ItemDataRole.UserRole


class ProductPicker(QComboBox):
    """Emits ``chosen_changed`` whenever a product is ticked or unticked.

    The combo box holds one item, the summary of what is ticked; its popup is the list.
    """

    chosen_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(HINT_CHARACTERS)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addItem("")
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
        self.menu = QMenu(self)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self.filter.setFocus)
        self._update_text()

    def showPopup(self) -> None:
        """The checkable list instead of the combo box's own list."""
        self.menu.setMinimumWidth(self.width())
        self.menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def hidePopup(self) -> None:
        self.menu.hide()

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
        self.setItemText(0, text)
        self.setToolTip("\n".join(chosen))
