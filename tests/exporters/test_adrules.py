"""The shared ad rules the copy studio and the exporters both rely on."""

from __future__ import annotations

from engine.adrules.compliance import banned_terms, check_text, editorial_issues
from engine.adrules.limits import limits_for
from engine.adrules.width import display_width, gbk_byte_length


def test_widths_as_the_platforms_count() -> None:
    assert display_width("Mugs") == 4
    assert display_width("手工杯") == 6 and display_width("ＡＢ") == 4  # wide and full-width
    assert display_width("e\u0301") == 1  # NFC: é is one character
    assert gbk_byte_length("手工mug") == 7
    assert gbk_byte_length("汉" * 30) == 60


def test_banned_absolute_terms_and_exemptions() -> None:
    assert [v.rule for v in banned_terms("全网第一的最佳礼物")] == ["banned_term", "banned_term"]
    assert banned_terms("请在最佳食用期内食用") == []  # SAMR exemption: consumer tip
    assert any("最美" in v.message for v in banned_terms("最美的杯子"))  # 最 + adjective
    assert banned_terms("Best ever mugs, guaranteed")[0].message.startswith('"Best ever"')
    assert banned_terms("Handmade mugs") == []


def test_editorial_rules() -> None:
    rules = [v.rule for v in editorial_issues("SALE now!! Call 0207 946 0958 ★")]
    assert rules == ["repeated_punctuation", "excess_caps", "phone_number", "symbols"]
    assert check_text("Handmade mugs, fired twice") == []


def test_limits_table() -> None:
    google = limits_for("google")
    assert (google["headline"].max_length, google["headline"].min_count) == (30, 3)
    assert google["keyword"].min_count == 0  # keywords are optional for copy
    assert limits_for("meta")["primary_text"].hard_max_length == 2200
    assert limits_for("taobao")["title"].unit == "bytes"
