"""One ad variant: its lines editable in place with live limit and rule checks, its scores,
approve / reject, and a preview as the platform would show it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.ad_checks import check_fields
from desktop.widgets.ad_preview import AdPreview

if TYPE_CHECKING:
    from engine.services.variants import StoredVariant

NOTES_SHOWN = 3
SCORE_NAMES = {
    "overall": QT_TRANSLATE_NOOP("VariantEditor", "overall"),
    "keyword_coverage": QT_TRANSLATE_NOOP("VariantEditor", "keywords used"),
    "readability": QT_TRANSLATE_NOOP("VariantEditor", "readability"),
    "sentiment": QT_TRANSLATE_NOOP("VariantEditor", "positive tone"),
    "diversity": QT_TRANSLATE_NOOP("VariantEditor", "variety"),
    "hallucination": QT_TRANSLATE_NOOP("VariantEditor", "facts supported"),  # 1 = no invented claim
    "model_written": QT_TRANSLATE_NOOP("VariantEditor", "written by the model"),  # 0 = templates
}
FIELD_NAMES = {
    "headline": QT_TRANSLATE_NOOP("VariantEditor", "headline"),
    "description": QT_TRANSLATE_NOOP("VariantEditor", "description"),
    "path": QT_TRANSLATE_NOOP("VariantEditor", "path"),
    "primary_text": QT_TRANSLATE_NOOP("VariantEditor", "primary text"),
    "title": QT_TRANSLATE_NOOP("VariantEditor", "title"),
    "keyword": QT_TRANSLATE_NOOP("VariantEditor", "keyword"),
}
"""The platforms' field names (engine.adrules.limits) as the merchant reads them."""


class VariantEditor(QWidget):
    """Emits ``save_requested(variant_id, fields)`` and ``status_requested(variant_id, status)``."""

    save_requested = Signal(int, dict)
    status_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.variant: StoredVariant | None = None
        self.platform = ""
        self.shop = ""
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Text (double-click to edit)"), self.tr("Check")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(1, 360)
        self.table.itemChanged.connect(self._on_edited)
        self.scores = QLabel()
        self.scores.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save edits"))
        self.save_button.clicked.connect(self._save)
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.clicked.connect(lambda: self._set_status("approved"))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.clicked.connect(lambda: self._set_status("rejected"))
        buttons = QHBoxLayout()
        for button in (self.save_button, self.approve_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.preview = AdPreview()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.scores)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Preview:")))
        layout.addWidget(self.preview, 2)
        self.show_variant(None, "", "")

    def show_variant(self, variant: StoredVariant | None, platform: str, shop: str) -> None:
        self.variant, self.platform, self.shop = variant, platform, shop
        for button in (self.save_button, self.approve_button, self.reject_button):
            button.setEnabled(variant is not None)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        if variant is not None:
            for name, lines in variant.fields.items():
                for index, text in enumerate(lines):
                    row = self.table.rowCount()
                    self.table.insertRow(row)
                    shown = self.tr(FIELD_NAMES[name]) if name in FIELD_NAMES else name
                    label = QTableWidgetItem(f"{shown} {index + 1}")
                    label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    label.setData(Qt.ItemDataRole.UserRole, (name, index))
                    self.table.setItem(row, 0, label)
                    self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self._refresh_checks()
        self.scores.setText(
            self._scores_text(variant)
            if variant
            else self.tr("Generate copy, then choose a variant.")
        )

    def edited_fields(self) -> dict[str, list[str]]:
        fields: dict[str, list[str]] = {}
        for row in range(self.table.rowCount()):
            name, _index = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            fields.setdefault(name, []).append(self.table.item(row, 1).text())
        return fields

    def _on_edited(self, item: QTableWidgetItem) -> None:
        if item.column() == 1:
            self._refresh_checks()

    def _refresh_checks(self) -> None:
        fields = self.edited_fields()
        self.table.blockSignals(True)
        for row, check in enumerate(check_fields(self.platform, fields) if self.platform else []):
            limit = f"{check.length}/{check.limit}" if check.limit else str(check.length)
            text = f"✓ {limit}" if check.ok else f"⚠ {limit} · " + "; ".join(check.problems)
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if not check.ok:
                item.setForeground(QBrush(QColor("#b3261e")))
            item.setToolTip("\n".join(check.problems))
            self.table.setItem(row, 2, item)
        self.table.blockSignals(False)
        self.preview.show_ad(self.platform, fields, self.shop)

    def _scores_text(self, variant: StoredVariant) -> str:
        parts = [
            f"{self.tr(label)} {float(variant.scores[name]):.2f}"
            for name, label in SCORE_NAMES.items()
            if isinstance(variant.scores.get(name), int | float)
        ]
        status = {
            "draft": self.tr("draft"),
            "approved": self.tr("approved"),
            "rejected": self.tr("rejected"),
        }
        text = self.tr("Variant {rank}, {status}. Scores: {scores}").format(
            rank=variant.rank,
            status=status.get(variant.status, variant.status),
            scores=", ".join(parts) or "—",
        )
        notes = list(
            dict.fromkeys(  # the same rule often fires on several lines: say it once
                str(v.get("message", "")) for v in variant.violations if v.get("severity") != "info"
            )
        )
        shown = [f"⚠ {note}" for note in notes[:NOTES_SHOWN]]
        if len(notes) > NOTES_SHOWN:
            shown.append(
                self.tr("... and {count} more (see the Check column)").format(
                    count=len(notes) - NOTES_SHOWN
                )
            )
        return "\n".join([text, *shown])

    def _save(self) -> None:
        if self.variant is not None:
            self.save_requested.emit(self.variant.id, self.edited_fields())

    def _set_status(self, status: str) -> None:
        if self.variant is not None:
            self.status_requested.emit(self.variant.id, status)
