"""Formula neutralisation: text that could run as a formula is defused, numbers stay numbers."""

from __future__ import annotations

import pytest

from engine.exporters.files import UTF8, read_delimited, render_delimited
from engine.exporters.safety import csv_text, neutralise_text, safe_cell, starts_like_formula


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example","Sale")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
     "\t=1+1", "\r=1+1", "＝1+1"],
)  # fmt: skip
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert starts_like_formula(text)
    assert neutralise_text(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["Handmade mugs", "50% off = great", "'already quoted", "", "手工"]
)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert neutralise_text(text) == text


def test_numbers_are_written_as_numbers_never_prefixed() -> None:
    assert safe_cell(-1) == -1
    assert csv_text(-1) == "-1"
    assert csv_text(0.45) == "0.45"
    assert csv_text(25.0) == "25"
    assert csv_text(0.00001) == "0.00001"


def test_sign_and_digits_only_text_stays_machine_readable() -> None:
    """An E.164 phone or a negative id cannot call a function, and platforms need it verbatim."""
    assert csv_text("+447700900123") == "+447700900123"
    assert csv_text("-12") == "-12"
    assert csv_text("-12+1") == "'-12+1"


def test_booleans_and_non_finite_numbers_are_refused() -> None:
    with pytest.raises(TypeError):
        safe_cell(True)
    with pytest.raises(ValueError):
        safe_cell(float("nan"))


def test_rendered_csv_round_trips_hostile_text() -> None:
    hostile = [
        'He said "hi", then left',
        "two\nlines",
        "tab\there",
        "مرحبا بالعالم",
        "🎉 party",
        "=1+1",
    ]
    data = render_delimited(["text"], [[h] for h in hostile], UTF8)
    rows = read_delimited(data, UTF8)
    assert [r[0] for r in rows[1:]] == [*hostile[:-1], "'=1+1"]


def test_row_with_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="header has 2"):
        render_delimited(["a", "b"], [["only one"]], UTF8)
