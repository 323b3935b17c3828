"""The app bootstrap: shipped translations and the CJK font load from resources/."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontMetrics

from desktop.app import install_translators, parse_args, register_fonts


def test_chinese_translation_ships_and_loads(qapp) -> None:  # type: ignore[no-untyped-def]
    translators = install_translators(qapp, "zh_CN")
    try:
        assert translators, "pinpoint_zh_CN.qm was not found in resources/i18n"
        assert (
            QCoreApplication.translate("WelcomePage", "Welcome to Pinpoint") == "欢迎使用 Pinpoint"
        )
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("WelcomePage", "Welcome to Pinpoint") == "Welcome to Pinpoint"


def test_cjk_font_is_registered_and_covers_chinese(qapp) -> None:  # type: ignore[no-untyped-def]
    families = register_fonts()
    assert "Noto Sans SC" in families
    metrics = QFontMetrics(QFont("Noto Sans SC"))
    assert all(metrics.inFontUcs4(ord(char)) for char in "欢迎使用客户与画像广告效果")


def test_home_argument(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert parse_args(["--home", str(tmp_path)]).home == tmp_path


def test_segment_audiences_are_named_in_the_chosen_language(qapp) -> None:  # type: ignore[no-untyped-def]
    from desktop.pages.audience_names import audience_name, segment_name

    assert audience_name("RFM segment: champions") == "RFM segment: champions"
    translators = install_translators(qapp, "zh_CN")
    try:
        assert audience_name("RFM segment: champions") == "RFM 分群：冠军客户"
        assert segment_name("can't lose them") == "不能失去的客户"
        assert audience_name("RFM segment: someone's own") == "RFM segment: someone's own"
        assert audience_name("Candle lovers") == "Candle lovers"  # the merchant's own name
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
