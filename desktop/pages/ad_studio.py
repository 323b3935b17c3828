"""Ad studio: choose products and an audience, generate copy variants with progress, then edit,
check, preview and approve them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
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
from desktop.pages.audience_names import audience_name
from desktop.pages.base import Page, page_header
from desktop.tasks import TaskRunner
from desktop.widgets.product_picker import ProductPicker
from desktop.widgets.variant_editor import VariantEditor
from engine.services.context import AppContext

if TYPE_CHECKING:
    from engine.services.variants import CreativeVariants

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
        self.creatives: list[CreativeVariants] = []  # what the variant list shows
        self._rows: list[
            tuple[int, int] | None
        ] = []  # list row -> (creative, variant); None: a title
        self.shop = ""
        self.product = ProductPicker()
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
                (self.tr("Products:"), self.product),
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
        self.product.set_products([(f"{p.title} ({p.sku})", p.id) for p in choices.products])
        _refill(
            self.audience,
            [(self.tr("Everyone"), None)]
            + [(f"{audience_name(a['name'])} ({a['size']})", a["id"]) for a in choices.audiences],
        )
        _refill(self.platform, [(name.capitalize(), name) for name in choices.platforms])
        _refill(self.tone, [(self.tr(TONES.get(tone, tone)), tone) for tone in choices.tones])
        if choices.latest and not self.creatives:
            self._show_creatives(choices.latest)

    def form(self) -> CopyRequestForm:
        return CopyRequestForm(
            tuple(self.product.chosen_ids()), self.audience.currentData(),
            self.platform.currentData(),
            self.language.currentData(), self.tone.currentData(), self.count.value(),
        )  # fmt: skip

    def generate(self) -> None:
        if not self.product.offered_ids():
            self.model_note.setText(
                self.tr("Import orders first: the studio writes copy for your products.")
            )
            return
        if not self.product.chosen_ids():
            self.model_note.setText(self.tr("Choose at least one product."))
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
        note = generated.model_note
        if generated.stopped_early:
            note = self.tr(
                "Stopped after {done} of {asked} products; their copy is kept. {note}"
            ).format(done=len(generated.creatives), asked=generated.requested, note=note)
        self.model_note.setText(note)
        self._show_creatives(generated.creatives)
        self.data_changed.emit()

    def _show_creatives(self, creatives: list[CreativeVariants]) -> None:
        """The variants of every product written together; with several products each one's
        variants sit under its title."""
        self.creatives = creatives
        current = max(self.variant_list.currentRow(), 0)
        self.variant_list.blockSignals(True)
        self.variant_list.clear()
        self._rows = []
        marks = {"approved": "✓ ", "rejected": "✗ "}
        for c, creative in enumerate(creatives):
            if len(creatives) > 1:
                self._add_title(creative.product or self.tr("(no product)"))
            for v, variant in enumerate(creative.variants):
                overall = variant.scores.get("overall")
                score = f" · {float(overall):.2f}" if isinstance(overall, int | float) else ""
                self.variant_list.addItem(f"{marks.get(variant.status, '')}#{variant.rank}{score}")
                self._rows.append((c, v))
        self.variant_list.blockSignals(False)
        first = next((row for row, at in enumerate(self._rows) if at is not None), -1)
        in_range = 0 <= current < len(self._rows) and self._rows[current] is not None
        self.variant_list.setCurrentRow(current if in_range else first)
        self._show_variant(self.variant_list.currentRow())

    def _add_title(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, never selected
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.variant_list.addItem(item)
        self._rows.append(None)

    def _current(self) -> tuple[int, int] | None:
        row = self.variant_list.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _show_variant(self, _row: int) -> None:
        at = self._current()
        if at is None:
            self.editor.show_variant(None, "", self.shop)
            return
        creative = self.creatives[at[0]]
        self.editor.show_variant(creative.variants[at[1]], creative.platform, self.shop)

    def _save_fields(self, variant_id: int, fields: dict[str, list[str]]) -> None:
        from engine.services.variants import save_fields

        self._write(self.tr("Saving the edits"), lambda: save_fields(self.ctx, variant_id, fields))

    def _set_status(self, variant_id: int, status: str) -> None:
        from engine.services.variants import set_status

        self._write(
            self.tr("Saving the decision"), lambda: set_status(self.ctx, variant_id, status)
        )

    def _write(self, title: str, change: Callable[[], None]) -> None:
        """Apply ``change`` in the writer, then show the edited request's variants as stored."""
        at = self._current()
        assert at is not None
        creative_id = self.creatives[at[0]].creative_id

        def work(progress: object, cancel: object) -> CreativeVariants:
            from engine.services.variants import load_creative

            change()
            return load_creative(self.ctx, creative_id)

        self.runner.start(title, work, writes=True, on_success=self._replace_creative)

    def _replace_creative(self, reloaded: CreativeVariants) -> None:
        self._show_creatives(
            [reloaded if c.creative_id == reloaded.creative_id else c for c in self.creatives]
        )


def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
