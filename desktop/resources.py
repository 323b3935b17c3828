"""Where the shipped files are: next to the package in a checkout, inside the bundle when frozen.

PyInstaller unpacks data files under ``sys._MEIPASS``; the spec (issue 9) copies ``resources/``
there unchanged, so one relative layout serves both.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / name


def sample_orders() -> Path:
    """The bundled sample shop (a Shopify-layout export) the first-run screen offers."""
    return resources_dir() / "samples" / "shopify_orders_export.csv"
