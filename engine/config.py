"""One place for Pinpoint's paths and settings.

The data folder is the per-user data dir from platformdirs, or ``PINPOINT_HOME`` when set (tests,
portable installs, the demo). Settings live in ``settings.json`` inside it; window geometry is the
only thing the desktop keeps in QSettings.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

APP_NAME = "Pinpoint"
HOME_ENV = "PINPOINT_HOME"
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class AppPaths:
    """Every folder and file Pinpoint writes, derived from one root."""

    home: Path

    @property
    def database(self) -> Path:
        return self.home / "pinpoint.sqlite3"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def models(self) -> Path:
        return self.home / "models"

    @property
    def exports(self) -> Path:
        return self.home / "exports"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def tensorboard(self) -> Path:
        return self.home / "tensorboard"

    @property
    def settings_file(self) -> Path:
        return self.home / "settings.json"

    def ensure(self) -> AppPaths:
        for folder in (self.home, self.backups, self.models, self.exports, self.reports, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """Resolve the data folder: explicit argument, then ``PINPOINT_HOME``, then platformdirs."""
    if home is None:
        home = os.environ.get(HOME_ENV) or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return AppPaths(Path(home).expanduser().resolve())


@dataclass
class Settings:
    """User-editable settings; unknown keys in the file are ignored, missing ones defaulted."""

    device: str = "auto"  # auto | cpu | cuda
    language: str = "en"  # en | zh_CN
    copy_model_dir: str = ""  # empty = the bundled model
    allow_network: bool = False  # model downloads only when the user opts in
    default_margin: float = 0.4  # gross margin used for ROI when the catalog has no cost
    extra: dict[str, object] = field(default_factory=dict)


def load_settings(paths: AppPaths) -> Settings:
    if not paths.settings_file.exists():
        return Settings()
    raw = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in raw.items() if k in known})


def save_settings(paths: AppPaths, settings: Settings) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    tmp = paths.settings_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(paths.settings_file)
