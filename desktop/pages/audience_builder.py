"""The "build an audience" form: what to target (product, category, segment, lookalike, interest,
customers about to leave), how many people, and whom to leave out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPushButton, QSpinBox, QWidget

from desktop.pages.audience_names import audience_name, segment_name

if TYPE_CHECKING:
    from engine.services.catalog import ProductChoice


@dataclass(frozen=True)
class AudienceChoices:
    """What the form offers, loaded in a worker."""

    products: list[ProductChoice]
    categories: list[str]
    segments: list[dict[str, Any]]  # {"segment", "customers", "advice"}
    audiences: list[dict[str, Any]]  # {"id", "name", "size"}


KINDS = ("product", "category", "segment", "lookalike", "interest", "churn")


class AudienceBuilderBox(QGroupBox):
    """Emits ``build_requested(kwargs)`` with keyword arguments for ``build_audience``."""

    build_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Build an audience"))
        self.choices: AudienceChoices | None = None
        self.kind = QComboBox()
        labels = {
            "product": self.tr("People likely to buy a product"),
            "category": self.tr("People likely to buy from a category"),
            "segment": self.tr("A customer segment"),
            "lookalike": self.tr("People like an existing audience"),
            "interest": self.tr("People interested in a category"),
            "churn": self.tr("Good customers about to leave"),
        }
        for kind in KINDS:
            self.kind.addItem(labels[kind], kind)
        self.kind.currentIndexChanged.connect(self._fill_targets)
        self.target = QComboBox()
        self.target.setMinimumContentsLength(28)
        self.size_spin = QSpinBox()
        self.size_spin.setRange(0, 1_000_000)
        self.size_spin.setSpecialValueText(self.tr("Automatic"))
        self.size_spin.setSingleStep(100)
        self.exclude_days = QSpinBox()
        self.exclude_days.setRange(0, 365)
        self.exclude_days.setValue(30)
        self.exclude_days.setSuffix(self.tr(" days"))
        self.build_button = QPushButton(self.tr("Build audience"))
        self.build_button.clicked.connect(self._request)
        form = QFormLayout(self)
        form.addRow(self.tr("Target:"), self.kind)
        form.addRow(self.tr("Which:"), self.target)
        form.addRow(self.tr("Size:"), self.size_spin)
        form.addRow(self.tr("Leave out recent buyers of:"), self.exclude_days)
        form.addRow("", self.build_button)

    def set_choices(self, choices: AudienceChoices) -> None:
        self.choices = choices
        self._fill_targets()

    def _fill_targets(self) -> None:
        self.target.clear()
        kind = self.kind.currentData()
        choices = self.choices
        self.target.setEnabled(kind != "churn")
        if choices is None:
            return
        if kind == "product":
            for product in choices.products:
                self.target.addItem(f"{product.title} ({product.sku})", product.sku)
        elif kind in ("category", "interest"):
            for name in choices.categories:
                self.target.addItem(name, name)
        elif kind == "segment":
            for segment in choices.segments:
                label = self.tr("{name} ({count} customers)").format(
                    name=segment_name(segment["segment"]), count=segment["customers"]
                )
                self.target.addItem(label, segment["segment"])
                self.target.setItemData(
                    self.target.count() - 1, segment["advice"], Qt.ItemDataRole.ToolTipRole
                )
        elif kind == "lookalike":
            for audience in choices.audiences:
                self.target.addItem(
                    f"{audience_name(audience['name'])} ({audience['size']})", audience["id"]
                )
        self.build_button.setEnabled(kind == "churn" or self.target.count() > 0)

    def request_arguments(self) -> dict[str, Any]:
        kind = self.kind.currentData()
        arguments: dict[str, Any] = {"exclude_recent_days": self.exclude_days.value()}
        if self.size_spin.value() > 0:
            arguments["size"] = self.size_spin.value()
        if kind == "churn":
            arguments["churn"] = True
        else:
            key = {"lookalike": "lookalike_seed"}.get(kind, kind)
            arguments[key] = self.target.currentData()
        return arguments

    def _request(self) -> None:
        self.build_requested.emit(self.request_arguments())
