"""Fitting never exceeds a platform limit and never cuts inside a word or a character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.adrules.limits import limits_for
from engine.adrules.width import display_width, gbk_byte_length
from engine.copywriting.fit import fit_text, normalise

HEADLINE = limits_for("google")["headline"]
TAOBAO_TITLE = limits_for("taobao")["title"]
WORDS = st.sampled_from(
    [
        "candle",
        "soy",
        "warm",
        "vanilla",
        "héllo",
        "mug",
        "cosy",
        "gift",
        "for",
        "and",
        "家居",
        "香薰蜡烛",
        "，",
        ".",
        "—",
    ]
)


def test_double_width_counts_two() -> None:
    assert display_width("香薰蜡烛") == 8
    assert display_width("Ａ") == 2
    assert display_width("abc") == 3
    assert gbk_byte_length("香薰ab") == 6


def test_english_cut_on_a_word_and_no_dangling_connector() -> None:
    fitted = fit_text(
        "Hand-poured soy candle with a warm vanilla scent for cosy evenings", HEADLINE
    )
    assert fitted == "Hand-poured soy candle"


def test_chinese_cut_on_a_clause() -> None:
    fitted = fit_text(
        "宽松的阔腿裤这两年真的吸粉不少，明星时尚达人的心头爱。毕竟好穿时尚，谁都能穿", TAOBAO_TITLE
    )
    assert fitted == "宽松的阔腿裤这两年真的吸粉不少，明星时尚达人的心头爱。"


def test_combining_marks_stay_with_their_letter() -> None:
    text = "e\u0301" * 40  # decomposed é, NFC-normalised to one character each
    fitted = fit_text(text, HEADLINE)
    assert fitted is None or all(ch == "é" for ch in fitted)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(WORDS, min_size=1, max_size=30),
    st.sampled_from([HEADLINE, TAOBAO_TITLE, limits_for("meta")["description"]]),
)
def test_fitting_respects_limits_and_boundaries(words: list[str], limit: object) -> None:
    text = normalise(" ".join(words))
    fitted = fit_text(text, limit)  # type: ignore[arg-type]
    if fitted is None:
        return
    assert limit.fits(fitted)  # type: ignore[attr-defined]
    assert text.startswith(fitted)
    rest = text[len(fitted) :]
    ascii_word_cut = (
        fitted[-1:].isascii()
        and fitted[-1:].isalnum()
        and rest[:1].isascii()
        and rest[:1].isalnum()
    )
    assert not ascii_word_cut, (fitted, rest)


def test_a_latin_word_in_chinese_copy_is_never_cut_in_half() -> None:
    """Found by hypothesis: the character-level fallback used to cut "candle" to "cand"."""
    fitted = fit_text("香薰蜡烛 for for ， ， ， candle", HEADLINE)
    assert fitted is not None and not fitted.endswith("cand")
    assert HEADLINE.fits(fitted)
