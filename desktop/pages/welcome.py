"""First run: offer the bundled sample shop or the merchant's own export."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.pages.base import Page, page_header
from desktop.resources import sample_orders
from engine.progress import CancelToken, ProgressFn
from engine.services.context import AppContext


def count_orders(ctx: AppContext) -> int:
    """Opening the store may migrate it, so this runs in a worker, never at startup."""
    from engine.services.store import store_status

    return store_status(ctx).counts.get("orders", 0)


def import_sample(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> Any:
    from engine.services.importing import import_files

    return import_files(ctx, [sample_orders()], progress=progress, cancel=cancel)


class WelcomePage(Page):
    """Shown while the shop has no orders; disappears for good once something is imported."""

    key = "welcome"
    import_requested = Signal()

    def __init__(self, ctx: AppContext, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.sample_button = QPushButton(self.tr("Load the sample shop"))
        self.sample_button.setDefault(True)
        self.sample_button.clicked.connect(self.load_sample)
        self.own_button = QPushButton(self.tr("Import my own orders..."))
        self.own_button.clicked.connect(self.import_requested)
        self.status = QLabel()
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.sample_button)
        buttons.addWidget(self.own_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.tr("Welcome to Pinpoint"),
                self.tr(
                    "Pinpoint turns your shop's order exports into ready-to-upload ad sets: who to "
                    "target, what to say to them, and files your ad platforms accept. Everything "
                    "stays on this computer."
                ),
            )
        )
        intro = QLabel(
            self.tr(
                "To look around first, load the sample shop: about 2,000 orders from a real "
                "gift shop, imported exactly as your own file would be. Or import your own "
                "export from Shopify, WooCommerce, Etsy, eBay, Amazon, Taobao or any CSV."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.sample_button)

    def title(self) -> str:
        return self.tr("Welcome")

    def check_shop(self) -> None:
        """Skip the welcome screen when the shop already has orders."""
        self.runner.start(
            self.tr("Opening your shop"),
            lambda progress, cancel: count_orders(self.ctx),
            on_success=self._on_counted,
        )

    def _on_counted(self, orders: int) -> None:
        if orders > 0 and self.isVisible():  # the merchant may already have moved on
            self.navigate.emit("customers")

    def load_sample(self) -> None:
        self._set_busy(True)
        self.status.setText(self.tr("Importing the sample shop..."))
        task = self.runner.start(
            self.tr("Importing the sample shop"),
            lambda progress, cancel: import_sample(self.ctx, progress, cancel),
            writes=True,
            on_success=self._on_sample_loaded,
        )
        task.finished.connect(lambda: self._set_busy(False))
        task.failed.connect(
            lambda _error: self.status.setText(self.tr("The sample could not be imported."))
        )
        task.cancelled.connect(
            lambda: self.status.setText(self.tr("Stopped. Nothing was imported."))
        )

    def _on_sample_loaded(self, report: Any) -> None:
        if report.failed:  # the service reports a failed file instead of raising
            reasons = " ".join(batch.message or "" for batch in report.failed)
            self.status.setText(self.tr("The sample could not be imported.") + " " + reasons)
            return
        self.status.setText(self.tr("The sample shop is ready."))
        self.data_changed.emit()
        self.navigate.emit("customers")

    def _set_busy(self, busy: bool) -> None:
        self.sample_button.setEnabled(not busy)
        self.own_button.setEnabled(not busy)
