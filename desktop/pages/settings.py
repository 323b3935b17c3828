"""Settings: data folder, device, copy model, language. Saved to the data folder's settings.json."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import LANGUAGES
from desktop.pages.base import Page, page_header
from desktop.pages.device_probe import DeviceReport, probe_devices
from desktop.tasks import TaskRunner
from engine.config import save_settings
from engine.services.context import AppContext


def restart_command(home: Path) -> tuple[str, list[str]]:
    """How to start Pinpoint again on another data folder (frozen app or a checkout)."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--home", str(home)]
    return sys.executable, ["-m", "desktop.app", "--home", str(home)]


class SettingsPage(Page):
    key = "settings"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.settings = ctx.settings
        layout = QVBoxLayout(self)
        layout.addWidget(page_header(self.title(), self.tr("Changes are saved as you make them.")))
        layout.addWidget(self._data_folder_box())
        layout.addWidget(self._device_box())
        layout.addWidget(self._copy_model_box())
        layout.addWidget(self._appearance_box())
        layout.addStretch(1)
        self._probed = False

    def title(self) -> str:
        return self.tr("Settings")

    # ------------------------------------------------------------------ sections

    def _data_folder_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data folder"))
        self.home_edit = QLineEdit(str(self.ctx.paths.home))
        self.home_edit.setReadOnly(True)
        open_button = QPushButton(self.tr("Open"))
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.home)))
        )
        change_button = QPushButton(self.tr("Use another folder..."))
        change_button.clicked.connect(self._change_home)
        row = QHBoxLayout(box)
        row.addWidget(self.home_edit, 1)
        row.addWidget(open_button)
        row.addWidget(change_button)
        return box

    def _device_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Computing device for the AI models"))
        self.device_combo = QComboBox()
        self.device_combo.addItem(self.tr("Automatic (best available)"), "auto")
        self.device_combo.addItem(self.tr("Processor (CPU)"), "cpu")
        self.device_combo.addItem(self.tr("Graphics card (CUDA)"), "cuda")
        self.device_combo.setCurrentIndex(max(0, self.device_combo.findData(self.settings.device)))
        self.device_combo.currentIndexChanged.connect(self._save_device)
        self.detected_label = QLabel(self.tr("Checking this computer..."))
        self.detected_label.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self.tr("Use:"), self.device_combo)
        form.addRow(self.tr("Detected:"), self.detected_label)
        return box

    def _copy_model_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Ad copy model"))
        self.bundled_radio = QRadioButton(self.tr("The model that comes with Pinpoint"))
        self.local_radio = QRadioButton(self.tr("A model folder on this computer:"))
        group = QButtonGroup(box)
        group.addButton(self.bundled_radio)
        group.addButton(self.local_radio)
        self.model_edit = QLineEdit(self.settings.copy_model_dir)
        self.model_edit.setReadOnly(True)
        self.model_edit.setPlaceholderText(self.tr("a folder with config.json and the weights"))
        browse = QPushButton(self.tr("Choose..."))
        browse.clicked.connect(self._choose_model_dir)
        (self.local_radio if self.settings.copy_model_dir else self.bundled_radio).setChecked(True)
        self.bundled_radio.toggled.connect(self._save_model_choice)
        self.network_check = QCheckBox(
            self.tr("Allow Pinpoint to download models from the internet when I ask it to")
        )
        self.network_check.setChecked(self.settings.allow_network)
        self.network_check.toggled.connect(self._save_network)
        local_row = QHBoxLayout()
        local_row.addWidget(self.local_radio)
        local_row.addWidget(self.model_edit, 1)
        local_row.addWidget(browse)
        column = QVBoxLayout(box)
        column.addWidget(self.bundled_radio)
        column.addLayout(local_row)
        column.addWidget(self.network_check)
        return box

    def _appearance_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Language and appearance"))
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(self.settings.language))
        )
        self.language_combo.currentIndexChanged.connect(self._save_language)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        theme = QLabel(self.tr("Pinpoint follows your system's light or dark theme."))
        form = QFormLayout(box)
        form.addRow(self.tr("Language:"), self.language_combo)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Theme:"), theme)
        return box

    # ------------------------------------------------------------------ behaviour

    def reload(self) -> None:
        if not self._probed:
            self._probed = True
            self.runner.start(
                self.tr("Checking this computer"),
                lambda progress, cancel: probe_devices(),
                on_success=self._show_devices,
            )

    def _show_devices(self, report: DeviceReport) -> None:
        if report.torch_version is None:
            text = self.tr("The AI toolkit is not installed; Pinpoint will use the processor.")
        elif report.cuda_available:
            text = self.tr("Graphics card: {name} ({memory} GB). PyTorch {version}.").format(
                name=report.gpu_name, memory=report.gpu_memory_gb, version=report.torch_version
            )
        else:
            text = self.tr(
                "No supported graphics card found; the processor will be used. PyTorch {version}."
            ).format(version=report.torch_version)
        self.detected_label.setText(text)

    def _save(self) -> None:
        save_settings(self.ctx.paths, self.settings)

    def _save_device(self) -> None:
        self.settings.device = self.device_combo.currentData()
        self._save()

    def _save_network(self, allowed: bool) -> None:
        self.settings.allow_network = allowed
        self._save()

    def _save_model_choice(self) -> None:
        self.settings.copy_model_dir = (
            "" if self.bundled_radio.isChecked() else self.model_edit.text()
        )
        self._save()

    def _choose_model_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"))
        if not folder:
            return
        if not (Path(folder) / "config.json").exists():
            message = self.tr("{folder} has no config.json, so it is not a model folder.")
            QMessageBox.warning(self, self.tr("Not a model folder"), message.format(folder=folder))
            return
        self.model_edit.setText(folder)
        self.local_radio.setChecked(True)
        self._save_model_choice()

    def _save_language(self) -> None:
        self.settings.language = self.language_combo.currentData()
        self._save()
        self.language_note.setText(
            self.tr("The new language is used the next time Pinpoint starts.")
        )

    def _change_home(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a data folder"))
        if not folder or Path(folder).resolve() == self.ctx.paths.home:
            return
        message = self.tr(
            "Pinpoint will restart and use {folder}. Your current data stays where it is."
        )
        answer = QMessageBox.question(
            self, self.tr("Restart Pinpoint?"), message.format(folder=folder)
        )
        if answer == QMessageBox.StandardButton.Yes:
            program, arguments = restart_command(Path(folder))
            if QProcess.startDetached(program, arguments)[0]:
                self.window().close()
