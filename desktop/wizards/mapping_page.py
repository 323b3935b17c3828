"""The wizard's column-mapping step for a CSV Pinpoint does not recognise.

Pre-filled from a mapping saved for this exact header (so next month's export is one click), else
from ``suggest_mapping``; the problems list updates as the merchant chooses columns.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.wizards.import_plan import MAPPED, ImportPlan
from engine.importers.mapping import (
    DATE_ORDERS,
    REQUIRED_FIELDS,
    TARGET_FIELDS,
    ColumnMapping,
    suggest_mapping,
)
from engine.services.context import AppContext

FIELD_NAMES = {
    "order_id": QT_TRANSLATE_NOOP("MappingPage", "Order number"),
    "date": QT_TRANSLATE_NOOP("MappingPage", "Order date"),
    "title": QT_TRANSLATE_NOOP("MappingPage", "Product name"),
    "sku": QT_TRANSLATE_NOOP("MappingPage", "SKU"),
    "quantity": QT_TRANSLATE_NOOP("MappingPage", "Quantity"),
    "price": QT_TRANSLATE_NOOP("MappingPage", "Unit price"),
    "customer_id": QT_TRANSLATE_NOOP("MappingPage", "Customer id"),
    "email": QT_TRANSLATE_NOOP("MappingPage", "Email"),
    "customer_name": QT_TRANSLATE_NOOP("MappingPage", "Customer name"),
    "country": QT_TRANSLATE_NOOP("MappingPage", "Country"),
    "currency": QT_TRANSLATE_NOOP("MappingPage", "Currency"),
    "status": QT_TRANSLATE_NOOP("MappingPage", "Order status"),
    "total": QT_TRANSLATE_NOOP("MappingPage", "Order total"),
}


def saved_mapping_path(ctx: AppContext, header: list[str]) -> Path:
    """One saved mapping per distinct header, in the data folder."""
    digest = hashlib.sha256("\x1f".join(header).encode("utf-8")).hexdigest()[:16]
    return ctx.paths.home / "mappings" / f"{digest}.json"


class MappingPage(QWizardPage):
    def __init__(self, plan: ImportPlan, ctx: AppContext) -> None:
        super().__init__()
        self.plan = plan
        self.ctx = ctx
        self.header: list[str] = []
        self.setTitle(self.tr("Match your columns"))
        self.setSubTitle(
            self.tr("Tell Pinpoint which column holds what. Fields marked * are needed.")
        )
        self.combos: dict[str, QComboBox] = {}
        form_widget = QWidget()
        self.form = QFormLayout(form_widget)
        for key in TARGET_FIELDS:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._changed)
            self.combos[key] = combo
            name = QCoreApplication.translate("MappingPage", FIELD_NAMES.get(key, key))
            self.form.addRow(f"{name}{' *' if key in REQUIRED_FIELDS else ''}:", combo)
        self.date_order = QComboBox()
        for order in DATE_ORDERS:
            self.date_order.addItem(order, order)
        self.date_order.setItemText(0, self.tr("Detect automatically"))
        self.decimal_comma = QCheckBox(self.tr("Numbers use a decimal comma (12,50)"))
        self.currency = QLineEdit()
        self.currency.setPlaceholderText(self.tr("e.g. EUR, when no column holds it"))
        self.currency.setMaxLength(3)
        self.form.addRow(self.tr("Dates are written:"), self.date_order)
        self.form.addRow("", self.decimal_comma)
        self.form.addRow(self.tr("Currency:"), self.currency)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)

    def initializePage(self) -> None:
        first = next(o.result for o in self.plan.readable() if o.result is not None)
        self.header = [name for name in first.header if name]
        saved = saved_mapping_path(self.ctx, self.header)
        mapping = ColumnMapping.load(saved) if saved.exists() else suggest_mapping(self.header)
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in this file)"), "")
            for name in self.header:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(key, ""))))
            combo.blockSignals(False)
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(mapping.date_order)))
        self.decimal_comma.setChecked(mapping.decimal_comma)
        self.currency.setText(mapping.currency or "")
        self._changed()

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(
            columns={
                key: combo.currentData()
                for key, combo in self.combos.items()
                if combo.currentData()
            },
            date_order=self.date_order.currentData() or "auto",
            decimal_comma=self.decimal_comma.isChecked(),
            currency=self.currency.text().strip().upper() or None,
        )

    def _changed(self) -> None:
        problems = self.mapping().problems(self.header)
        self.problems.setText("\n".join(f"• {problem}" for problem in problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.header) and not self.mapping().problems(self.header)

    def validatePage(self) -> bool:
        mapping = self.mapping()
        path = saved_mapping_path(self.ctx, self.header)
        path.parent.mkdir(parents=True, exist_ok=True)
        mapping.save(path)
        self.plan.mapping = mapping
        self.plan.format_override = MAPPED
        return True
