"""Start the desktop app: ``pinpoint-desktop [--home DIR]``.

Kept light on purpose (first window in under 2 s): only Qt, the engine's config and the window
are imported here; torch, transformers and scikit-learn load inside background tasks when a page
first needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

import engine
from desktop.resources import fonts_dir, icon_path, translations_dir
from engine.config import APP_NAME, HOME_ENV

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
"""Languages the UI ships, by the code stored in ``Settings.language``."""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pinpoint-desktop", description="Pinpoint desktop app")
    parser.add_argument(
        "--home", type=Path, help="data folder to use (default: per-user data folder)"
    )
    return parser.parse_args(list(argv))


def register_fonts() -> list[str]:
    """Load the shipped fonts (the CJK one) and make them the fallback for Chinese text."""
    families: list[str] = []
    for font_file in sorted(fonts_dir().glob("*.[ot]tf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        # the system font stays first for Latin; Qt falls back along the list for 汉字, and the
        # substitution covers widgets that ask for the system family by name
        font = QApplication.font()
        QFont.insertSubstitutions(font.family(), families)
        font.setFamilies([font.family(), *families])
        QApplication.setFont(font)
    return families


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Our strings plus Qt's own (wizard buttons, message boxes) for ``language``."""
    if language not in LANGUAGES or language == "en":
        return []
    loaded: list[QTranslator] = []
    sources = [
        (f"pinpoint_{language}", translations_dir()),
        (f"qtbase_{language}", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))),
    ]
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            loaded.append(translator)
    QLocale.setDefault(QLocale(language))
    return loaded


def create_application(language: str, argv: Sequence[str] = ()) -> QApplication:
    """The QApplication with name, version, icon, fonts and translations set up."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(engine.__version__)
    app.setWindowIcon(QIcon(str(icon_path("pinpoint.svg"))))
    register_fonts()
    install_translators(app, language)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.home is not None:
        os.environ[HOME_ENV] = str(args.home.expanduser().resolve())
    from desktop.main_window import MainWindow
    from engine.config import app_paths, load_settings
    from engine.services.context import AppContext

    ctx = AppContext(app_paths())
    app = create_application(load_settings(ctx.paths).language)
    window = MainWindow(ctx)
    app.aboutToQuit.connect(window.runner.shutdown)  # quitting without closing the window too
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
