"""Ad studio: choose a product and an audience, generate copy variants with progress, then edit,
check, preview and approve them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.ad_studio_work import (
    CopyRequestForm,
    GeneratedCopy,
    StudioChoices,
    generate_copy,
    load_studio_choices,
)
from desktop.pages.base import Page, page_header
from desktop.tasks import TaskRunner
from desktop.widgets.variant_editor import VariantEditor
from engine.services.context import AppContext

if TYPE_CHECKING:
    from desktop.models.variant_store import StoredVariant

LANGUAGES = (("en", "English"), ("zh", "简体中文"))
TONES = {
    "friendly": QT_TRANSLATE_NOOP("AdStudioPage", "friendly"),
    "premium": QT_TRANSLATE_NOOP("AdStudioPage", "premium"),
    "playful": QT_TRANSLATE_NOOP("AdStudioPage", "playful"),
    "urgent": QT_TRANSLATE_NOOP("AdStudioPage", "urgent"),
    "neutral": QT_TRANSLATE_NOOP("AdStudioPage", "neutral"),
}


class AdStudioPage(Page):
    key = "studio"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.creative_id: int | None = None
        self.platform_shown = ""
        self.shop = ""
        self.variants: list[StoredVariant] = []
        self.product = QComboBox()
        self.product.setMinimumContentsLength(30)
        self.audience = QComboBox()
        self.audience.setMinimumContentsLength(16)
        self.platform = QComboBox()
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.tone = QComboBox()
        self.count = QSpinBox()
        self.count.setRange(1, 10)
        self.count.setValue(4)
        self.generate_button = QPushButton(self.tr("Write ad copy"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        form_box = QGroupBox(self.tr("What to advertise"))
        grid = QGridLayout(form_box)
        for column, (label, widget) in enumerate(
            (
                (self.tr("Product:"), self.product),
                (self.tr("Audience:"), self.audience),
                (self.tr("Platform:"), self.platform),
            )
        ):
            grid.addWidget(QLabel(label), 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        for column, (label, widget) in enumerate(
            (
                (self.tr("Language:"), self.language),
                (self.tr("Tone:"), self.tone),
                (self.tr("Variants:"), self.count),
            )
        ):
            grid.addWidget(QLabel(label), 1, column * 2)
            grid.addWidget(widget, 1, column * 2 + 1)
        grid.addWidget(self.generate_button, 1, 6)
        grid.setColumnStretch(1, 3)
        self.model_note = QLabel()
        self.model_note.setWordWrap(True)
        self.variant_list = QListWidget()
        self.variant_list.currentRowChanged.connect(self._show_variant)
        self.editor = VariantEditor()
        self.editor.save_requested.connect(self._save_fields)
        self.editor.status_requested.connect(self._set_status)
        splitter = QSplitter()
        splitter.addWidget(self.variant_list)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title(),
                self.tr(
                    "Ad text written for your product and audience, checked against each "
                    "platform's rules."
                ),
            )
        )
        layout.addWidget(form_box)
        layout.addWidget(self.model_note)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.product)

    def title(self) -> str:
        return self.tr("Ad studio")

    def reload(self) -> None:
        self.runner.start(
            self.tr("Loading the studio"),
            lambda p, c: load_studio_choices(self.ctx),
            on_success=self._show_choices,
        )

    def _show_choices(self, choices: StudioChoices) -> None:
        self.shop = choices.shop
        _refill(self.product, [(f"{p.title} ({p.sku})", p.id) for p in choices.products])
        _refill(
            self.audience,
            [(self.tr("Everyone"), None)]
            + [(f"{a['name']} ({a['size']})", a["id"]) for a in choices.audiences],
        )
        _refill(self.platform, [(name.capitalize(), name) for name in choices.platforms])
        _refill(self.tone, [(self.tr(TONES.get(tone, tone)), tone) for tone in choices.tones])
        if choices.latest is not None and self.creative_id is None:
            creative_id, platform, variants = choices.latest
            self._show_variants(creative_id, platform, variants)

    def form(self) -> CopyRequestForm:
        return CopyRequestForm(
            self.product.currentData(), self.audience.currentData(), self.platform.currentData(),
            self.language.currentData(), self.tone.currentData(), self.count.value(),
        )  # fmt: skip

    def generate(self) -> None:
        if self.product.currentData() is None:
            self.model_note.setText(
                self.tr("Import orders first: the studio writes copy for your products.")
            )
            return
        form = self.form()
        self.generate_button.setEnabled(False)
        self.model_note.setText(
            self.tr("Writing... the first time, loading the copy model takes a little while.")
        )
        task = self.runner.start(
            self.tr("Writing ad copy"),
            lambda progress, cancel: generate_copy(self.ctx, form, progress, cancel),
            writes=True,
            on_success=self._on_generated,
            on_failure=lambda error: self.model_note.setText(error.message),
        )
        task.finished.connect(lambda: self.generate_button.setEnabled(True))

    def _on_generated(self, generated: GeneratedCopy) -> None:
        self.model_note.setText(generated.model_note)
        self._show_variants(generated.creative_id, generated.platform, generated.variants)
        self.data_changed.emit()

    def _show_variants(
        self, creative_id: int, platform: str, variants: list[StoredVariant]
    ) -> None:
        self.creative_id, self.platform_shown, self.variants = creative_id, platform, variants
        current = max(self.variant_list.currentRow(), 0)
        self.variant_list.blockSignals(True)
        self.variant_list.clear()
        marks = {"approved": "✓ ", "rejected": "✗ "}
        for variant in variants:
            overall = variant.scores.get("overall")
            score = f" · {float(overall):.2f}" if isinstance(overall, int | float) else ""
            self.variant_list.addItem(f"{marks.get(variant.status, '')}#{variant.rank}{score}")
        self.variant_list.blockSignals(False)
        self.variant_list.setCurrentRow(min(current, len(variants) - 1))
        self._show_variant(self.variant_list.currentRow())

    def _show_variant(self, row: int) -> None:
        variant = self.variants[row] if 0 <= row < len(self.variants) else None
        self.editor.show_variant(variant, self.platform_shown, self.shop)

    def _save_fields(self, variant_id: int, fields: dict[str, list[str]]) -> None:
        from desktop.models.variant_store import save_fields

        self._write(
            self.tr("Saving the edits"), lambda: save_fields(self.ctx.engine, variant_id, fields)
        )

    def _set_status(self, variant_id: int, status: str) -> None:
        from desktop.models.variant_store import set_status

        self._write(
            self.tr("Saving the decision"), lambda: set_status(self.ctx.engine, variant_id, status)
        )

    def _write(self, title: str, change: object) -> None:
        creative_id, platform = self.creative_id, self.platform_shown
        assert creative_id is not None and callable(change)

        def work(progress: object, cancel: object) -> list[StoredVariant]:
            from desktop.models.variant_store import load_variants

            change()
            return load_variants(self.ctx.engine, creative_id)

        self.runner.start(
            title,
            work,
            writes=True,
            on_success=lambda variants: self._show_variants(creative_id, platform, variants),
        )


def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
