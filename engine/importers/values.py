"""Cell values as shops write them: dates, numbers, money, ids and flags.

Pure functions (and one small per-file date parser) so every quirk of FORMATS.md can be property
tested on its own. Parsers call these per cell, so the common cases take the cheapest path first
and :class:`DateParser` caches both the detected layout and recent results per file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

PLACEHOLDERS = frozenset({"", "-", "--", "—", "n/a", "na", "null", "none", "nan", "#n/a"})
"""Cells that mean "no value" rather than zero (Google Ads writes ` --`)."""

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "janv", "janvier", "january"),
            ("feb", "févr", "fevr", "février", "february"),
            ("mar", "mars", "march"),
            ("apr", "avr", "avril", "april"),
            ("may", "mai"),
            ("jun", "juin", "june"),
            ("jul", "juil", "juillet", "july"),
            ("aug", "août", "aout"),
            ("sep", "sept", "september"),
            ("oct", "octobre", "october"),
            ("nov", "novembre", "november"),
            ("dec", "déc", "decembre", "décembre", "december"),
        ],
        start=1,
    )
    for name in names
}

CURRENCY_PREFIXES = {
    "au $": "AUD", "a$": "AUD", "au$": "AUD", "c $": "CAD", "ca $": "CAD", "c$": "CAD",
    "ca$": "CAD", "us $": "USD", "us$": "USD", "nz $": "NZD", "nz$": "NZD", "hk $": "HKD",
    "hk$": "HKD", "s$": "SGD", "rmb": "CNY", "chf": "CHF",
}  # fmt: skip
CURRENCY_SYMBOLS = {
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "￥": "CNY",
    "元": "CNY",
    "¥": "JPY",
    "₹": "INR",
}
_CODE_RE = re.compile(r"^([A-Z]{3})\s*|\s*([A-Z]{3})$")
_MONEY_NOISE_RE = re.compile(r"[^\d,.\-()+]")  # everything that is not part of the amount


class ValueProblem(ValueError):
    """A cell that does not hold what its column promises; the message says what was expected."""

    def __init__(self, message: str, column: str | None = None) -> None:
        super().__init__(message)
        self.column = column  # the header name, when the caller knows it


# ---------------------------------------------------------------- numbers and money


def parse_number(text: str, *, decimal_comma: bool | None = None) -> float | None:
    """Read a number as shops and spreadsheets write it; ``None`` for placeholders like ` --`.

    Handles thousands separators (`1 234,56`, `1.234,56`, `"12,034"`), currency marks, percent
    signs (`1.16%` -> 1.16), accounting negatives `(12.50)` and the Unicode minus. A single comma
    followed by exactly three digits is a thousands separator unless ``decimal_comma`` says the
    file uses decimal commas. Bounded values such as `< 10%` are not numbers and return ``None``.
    """
    try:
        number = float(text)  # the fast path: most cells are plain numbers
        return number if math.isfinite(number) else None
    except ValueError:
        pass
    cleaned = text.strip().replace("\u2212", "-")
    if cleaned.lower() in PLACEHOLDERS or cleaned[:1] in "<>":
        return None
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    core: str = _MONEY_NOISE_RE.sub("", cleaned).strip("()+")
    if negative or core.endswith("-"):
        core = "-" + core.strip("-")
    if not any(ch.isdigit() for ch in core):
        raise ValueProblem(f"expected a number, found {text.strip()!r}")
    literal = _normalise_separators(core, decimal_comma)
    try:
        return float(literal)
    except ValueError:
        raise ValueProblem(f"expected a number, found {text.strip()!r}") from None


def _normalise_separators(core: str, decimal_comma: bool | None) -> str:
    """Turn `1.234,56` / `1,234.56` / `12,034` / `90,00` into a float literal."""
    last_comma, last_dot = core.rfind(","), core.rfind(".")
    if last_comma >= 0 and last_dot >= 0:
        if last_comma > last_dot:  # 1.234,56
            return core.replace(".", "").replace(",", ".")
        return core.replace(",", "")  # 1,234.56
    if last_comma >= 0:
        decimals = len(core) - last_comma - 1
        thousands = core.count(",") > 1 or (decimals == 3 and not decimal_comma)
        return core.replace(",", "") if thousands else core.replace(",", ".")
    if core.count(".") > 1:  # 1.234.567
        return core.replace(".", "")
    return core


def currency_from_text(text: str) -> str | None:
    """The ISO currency a money cell names (`AU $3,000.00` -> AUD, `EUR 90,00` -> EUR)."""
    stripped = text.strip()
    lowered = stripped.lower()
    for prefix, code in CURRENCY_PREFIXES.items():
        if lowered.startswith(prefix):
            return code
    match = _CODE_RE.search(stripped)
    if match:
        return match.group(1) or match.group(2)
    for symbol, code in CURRENCY_SYMBOLS.items():
        if symbol in stripped:
            return code
    return None


def parse_money(text: str, *, decimal_comma: bool | None = None) -> tuple[float | None, str | None]:
    """Amount and currency of a cell such as `$12.34`, `AU $3,000.00` or `EUR 90,00`."""
    try:
        number = float(text)  # the fast path: a plain amount names no currency
    except ValueError:
        currency = currency_from_text(text)
        if decimal_comma is None and currency == "EUR":
            decimal_comma = True
        return parse_number(text, decimal_comma=decimal_comma), currency
    return (number if math.isfinite(number) else None), None


# ---------------------------------------------------------------- ids, text and flags


def clean_id(text: str) -> str:
    """An id kept as text: unwrap `="0012…"`, drop `'0812` protection, `17850.0` -> `17850`.

    Long ids are never turned into numbers, so no digit and no leading zero is lost.
    """
    value = text.strip()
    if value.startswith('="') and value.endswith('"'):
        value = value[2:-1].strip()
    if value.startswith("'"):
        value = value[1:]
    if value.endswith(".0") and value[:-2].isdigit():
        value = value[:-2]
    return value


def clean_text(text: str) -> str:
    """A free-text cell with spreadsheet formula protection removed (`'=cmd` -> `=cmd`).

    The value stays text forever; exporters re-protect it when they write a spreadsheet.
    """
    value = text.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


def parse_bool(text: str) -> bool | None:
    """`yes`/`true`/`1`/`是` -> True, `no`/`false`/`0`/`否` -> False, blank -> None."""
    lowered = text.strip().lower()
    if lowered in {"yes", "true", "1", "y", "是", "oui"}:
        return True
    if lowered in {"no", "false", "0", "n", "否", "non"}:
        return False
    return None


# ---------------------------------------------------------------- dates

_TIME = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?)?"
_ZONE = r"\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{3,4})?\s*$"
ZONE_HOURS = {  # abbreviations exports append to times (eBay US: `PDT`); CST means US Central
    "UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "IST": 5.5, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7,
    "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip
_ISO_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + _ZONE)
_SLASH_RE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})" + _TIME + _ZONE)
_MON_FIRST_RE = re.compile(
    r"^\s*([A-Za-zéû]{3,9})\.?[- ](\d{1,2}),?[- ](\d{4}|\d{2})" + _TIME + _ZONE
)
_DAY_FIRST_RE = re.compile(
    r"^\s*(\d{1,2})[- ]([A-Za-zéû]{3,9})\.?[- ](\d{4}|\d{2})" + _TIME + _ZONE
)
_CJK_RE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日" + _TIME + _ZONE)


def _year(text: str) -> int:
    """Four-digit year; two digits pivot at 70 (`26` -> 2026, `99` -> 1999), as spreadsheets do."""
    year = int(text)
    if year >= 100:
        return year
    return year + (2000 if year < 70 else 1900)


def _build(year: int, month: int, day: int, groups: tuple[str | None, ...]) -> datetime:
    """Assemble a naive UTC datetime from date parts and the shared time/zone groups."""
    hour_s, minute_s, second_s, ampm, zone = groups
    hour = int(hour_s) if hour_s else 0
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    moment = datetime(year, month, day, hour, int(minute_s or 0), int(second_s or 0))
    if not zone or zone == "Z":
        return moment
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return moment - offset if zone[0] == "+" else moment + offset
    if zone not in ZONE_HOURS:
        raise ValueProblem(f"unknown time zone {zone!r}")
    return moment - timedelta(hours=ZONE_HOURS[zone])


def _month(name: str) -> int:
    number = MONTHS.get(name.lower().rstrip("."))
    if number is None:
        raise ValueProblem(f"unknown month name {name!r}")
    return number


def parse_date(text: str, *, day_first: bool = False) -> datetime | None:
    """Any date form of FORMATS.md as naive UTC; ``None`` for a blank cell.

    `2021-05-13 11:01:13 +0200`, ISO 8601, `12/26/21` and `12/26/2021`, `Oct-05-26`,
    `26-May-26`, `2019年3月1日`. Slash dates are month first unless ``day_first`` or the first
    part is above 12. Text such as `All time` raises :class:`ValueProblem`.
    """
    value = text.strip()
    if not value or value.lower() in PLACEHOLDERS:
        return None
    try:
        if match := _ISO_RE.match(value):
            year, month, day = match.group(1, 2, 3)
            return _build(int(year), int(month), int(day), match.groups()[3:])
        if match := _SLASH_RE.match(value):
            first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
            if day_first or first > 12:
                first, second = second, first
            return _build(year, first, second, match.groups()[3:])
        if match := _MON_FIRST_RE.match(value):
            month = _month(match.group(1))
            return _build(_year(match.group(3)), month, int(match.group(2)), match.groups()[3:])
        if match := _DAY_FIRST_RE.match(value):
            month = _month(match.group(2))
            return _build(_year(match.group(3)), month, int(match.group(1)), match.groups()[3:])
        if match := _CJK_RE.match(value):
            year, month, day = match.group(1, 2, 3)
            return _build(int(year), int(month), int(day), match.groups()[3:])
    except ValueError as error:  # datetime() rejects day 31 of April and the like
        raise ValueProblem(f"expected a date, found {value!r} ({error})") from None
    raise ValueProblem(f"expected a date, found {value!r}")


def guess_day_first(samples: Iterable[str]) -> bool:
    """True when a file's slash dates are day first (some first part is above 12)."""
    for sample in samples:
        match = _SLASH_RE.match(sample)
        if match and int(match.group(1)) > 12:
            return True
        if match and int(match.group(2)) > 12:
            return False
    return False


_MISSING = object()


class DateParser:
    """A per-file date reader: the layout is decided once, and repeated cells are cached.

    Real exports repeat the same timestamp on every line of an order (UCI: 541,909 lines,
    ~23,000 distinct stamps), so the cache turns most calls into one dict lookup.
    """

    _CACHE_LIMIT = 200_000

    def __init__(self, *, day_first: bool = False, pattern: str | None = None) -> None:
        self.day_first = day_first
        self.pattern = pattern  # a strptime pattern the user gave (`%d.%m.%Y %H:%M`), if any
        self._cache: dict[str, datetime | None] = {}
        self._fast: Callable[[str], datetime] | None = None

    def learn(self, samples: Iterable[str]) -> None:
        """Decide month/day order from a few cells of the file (e.g. the sniff preview)."""
        self.day_first = guess_day_first(samples) or self.day_first

    def __call__(self, text: str) -> datetime | None:
        cached = self._cache.get(text, _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        if len(self._cache) >= self._CACHE_LIMIT:
            self._cache.clear()
        result = self._parse(text)
        self._cache[text] = result
        return result

    def _parse(self, text: str) -> datetime | None:
        if self.pattern is not None:
            return _with_pattern(text, self.pattern)
        if self._fast is not None:
            try:
                return self._fast(text)
            except ValueError:
                pass
        result = parse_date(text, day_first=self.day_first)
        if result is not None and self._fast is None and len(text) == 19 and text[4] == "-":
            self._fast = _iso_seconds  # `2010-12-01 08:26:00`: fromisoformat is ~20x faster
        return result


def _with_pattern(text: str, pattern: str) -> datetime | None:
    value = text.strip()
    if not value:
        return None
    try:
        moment = datetime.strptime(value, pattern)
    except ValueError:
        raise ValueProblem(f"expected a date written as {pattern}, found {value!r}") from None
    offset = moment.utcoffset()
    return moment if offset is None else (moment - offset).replace(tzinfo=None)


def _iso_seconds(text: str) -> datetime:
    if len(text) != 19:
        raise ValueError(text)
    return datetime.fromisoformat(text)


def repair_excel_swapped_date(moment: datetime) -> datetime | None:
    """Undo Excel's re-save of `MM/DD/YY` as `20MM-DD-YY` (Etsy `12/04/20` -> `2012-04-20`).

    Only years 2001..2012 can come from this mangling; returns ``None`` when it cannot apply.
    """
    if not (2001 <= moment.year <= 2012):
        return None
    try:
        return moment.replace(year=2000 + moment.day, month=moment.year - 2000, day=moment.month)
    except ValueError:
        return None
