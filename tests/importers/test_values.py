"""Cell values: dates, numbers, money, ids — examples from FORMATS.md and property tests."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.importers.values import (
    DateParser,
    ValueProblem,
    clean_id,
    clean_text,
    currency_from_text,
    parse_bool,
    parse_date,
    parse_money,
    parse_number,
    repair_excel_swapped_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-05-13 11:01:13 +0200", datetime(2021, 5, 13, 9, 1, 13)),
        ("2017-06-17T08:04:21+00:00", datetime(2017, 6, 17, 8, 4, 21)),
        ("2017-06-17T08:04:21Z", datetime(2017, 6, 17, 8, 4, 21)),
        ("2010-12-01 08:26:00", datetime(2010, 12, 1, 8, 26)),
        ("12/26/21", datetime(2021, 12, 26)),
        ("12/26/2021", datetime(2021, 12, 26)),
        ("Oct-05-26", datetime(2026, 10, 5)),
        ("26-May-26", datetime(2026, 5, 26)),
        ("26-mai-26", datetime(2026, 5, 26)),
        ("13.05.2021 10:00", datetime(2021, 5, 13, 10, 0)),
        ("3/1/2021 2:05 PM", datetime(2021, 3, 1, 14, 5)),
        ("2019年3月1日", datetime(2019, 3, 1)),
        ("Oct-05-26 10:15:22 PDT", datetime(2026, 10, 5, 17, 15, 22)),
        ("2021-03-01 10:00 CEST", datetime(2021, 3, 1, 8, 0)),
        ("12/26/99", datetime(1999, 12, 26)),
        ("January 15, 2024", datetime(2024, 1, 15)),
    ],
)
def test_every_date_form_of_the_spec(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


def test_blank_date_is_none_and_words_are_not_dates() -> None:
    assert parse_date("  ") is None
    with pytest.raises(ValueProblem, match="All time"):
        parse_date("All time")
    with pytest.raises(ValueProblem):
        parse_date("2021-02-30")
    with pytest.raises(ValueProblem, match="time zone"):
        parse_date("2021-03-01 10:00 XYZ")


def test_day_first_files_are_learned_from_their_samples() -> None:
    dates = DateParser()
    dates.learn(["03/04/2021", "25/04/2021"])
    assert dates("03/04/2021") == datetime(2021, 4, 3)


def test_excel_swapped_date_is_repaired() -> None:
    assert repair_excel_swapped_date(datetime(2012, 4, 20)) == datetime(2020, 12, 4)
    assert repair_excel_swapped_date(datetime(2021, 4, 20)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56", 1234.56),
        ("1\u202f234,56", 1234.56),
        ("1.234,56", 1234.56),
        ("12,034", 12034.0),
        ("90,00", 90.0),
        ("1,5", 1.5),
        ("$12.34", 12.34),
        ("AU $3,000.00", 3000.0),
        ("EUR 90,00", 90.0),
        ("(12.50)", -12.5),
        ("\u221212.5", -12.5),
        ("-3", -3.0),
        ("1.16%", 1.16),
        ("17850.0", 17850.0),
    ],
)
def test_localized_and_decorated_numbers(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", [" --", "--", "", "N/A", "< 10%", "> 90%", "nan"])
def test_numeric_placeholders_are_none(text: str) -> None:
    assert parse_number(text) is None


def test_garbage_is_a_clear_number_problem() -> None:
    with pytest.raises(ValueProblem, match="expected a number"):
        parse_number("twelve")


def test_money_names_its_currency() -> None:
    assert parse_money("AU $3,000.00") == (3000.0, "AUD")
    assert parse_money("EUR 90,00") == (90.0, "EUR")
    assert parse_money("£12.50") == (12.5, "GBP")
    assert parse_money("12.00") == (12.0, None)
    assert parse_money("inf") == (None, None)
    assert currency_from_text("C $5") == "CAD"
    assert currency_from_text("12 €") == "EUR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('="0012345678901234567"', "0012345678901234567"),
        ("'0812", "0812"),
        ("17850.0", "17850"),
        ("  12-34567-89012 ", "12-34567-89012"),
        ("", ""),
    ],
)
def test_ids_stay_text_without_their_protection(text: str, expected: str) -> None:
    assert clean_id(text) == expected


def test_formula_protection_is_removed_but_text_stays_text() -> None:
    assert clean_text("'=cmd|' /C calc'!A0") == "=cmd|' /C calc'!A0"
    assert clean_text("'Tis the season") == "'Tis the season"


def test_flags() -> None:
    assert (parse_bool("yes"), parse_bool("FALSE"), parse_bool("")) == (True, False, None)


# ---------------------------------------------------------------- properties


@settings(deadline=None)  # CI machines are shared; a slow example is not a failure
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_numbers_written_with_any_thousands_style_read_back(value: object) -> None:
    number = float(value)  # type: ignore[arg-type]
    whole, cents = f"{abs(number):,.2f}".split(".")
    sign = "-" if number < 0 else ""
    for written in (
        f"{sign}{whole}.{cents}",
        f"{sign}{whole.replace(',', '.')},{cents}",
        f"{sign}{whole.replace(',', ' ')},{cents}",
        f"{sign}${whole}.{cents}",
    ):
        assert parse_number(written) == pytest.approx(number), written


@settings(deadline=None)  # CI machines are shared; a slow example is not a failure
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)))
def test_iso_and_offset_forms_round_trip(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    assert parse_date(moment.isoformat()) == moment
    assert parse_date(moment.isoformat(sep=" ") + "Z") == moment
    shifted = moment + timedelta(hours=2)
    assert parse_date(shifted.strftime("%Y-%m-%d %H:%M:%S +0200")) == moment


@settings(deadline=None)  # CI machines are shared; a slow example is not a failure
@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)))
def test_us_slash_dates_with_two_and_four_digit_years_agree(day: date) -> None:
    short = f"{day.month}/{day.day}/{day.year % 100:02d}"
    long = f"{day.month:02d}/{day.day:02d}/{day.year}"
    assert parse_date(short) == parse_date(long) == datetime(day.year, day.month, day.day)


@settings(deadline=None)  # CI machines are shared; a slow example is not a failure
@given(st.text(alphabet="0123456789", min_size=1, max_size=25))
def test_digit_ids_never_lose_a_digit(digits: str) -> None:
    assert clean_id(f'="{digits}"') == digits
    assert clean_id(f"'{digits}") == digits


@settings(deadline=None)  # CI machines are shared; a slow example is not a failure
@given(st.text(max_size=40))
def test_parsers_fail_only_with_value_problems(text: str) -> None:
    for parse in (parse_number, parse_date, parse_money):
        with contextlib.suppress(ValueProblem):
            parse(text)  # type: ignore[operator]


def test_a_user_date_pattern_is_followed_exactly() -> None:
    dates = DateParser(pattern="%d.%m.%Y %H:%M %z")
    assert dates("13.05.2021 10:00 +0200") == datetime(2021, 5, 13, 8, 0)
    with pytest.raises(ValueProblem, match="written as"):
        dates("2021-05-13")
