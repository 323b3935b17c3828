"""Report cells to numbers and dates: ` --`, `"795,836"`, `1.16%`, `< 10%`, `1 234,56`, dates.

Ad platforms write "no value" as ` --` (Google) or blank (Meta) — that is ``None``, never zero.
Bounded values such as `< 10%` are not numbers either: they stay in the row's raw cells only.
A file writes its numbers one way, so the decimal comma is decided once per file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

NULLS = frozenset({"", "-", "--", "—", "n/a", "null", "nan", "none"})
_NOISE = re.compile(r"[\s\u00a0\u202f'’%]|[^\d,.\-]")
# A mark followed by exactly three digits (`1,234`, `10.234`) is ambiguous and decides nothing.
_DECIMAL_COMMA = re.compile(r"^-?\d{1,3}([.\s\u00a0\u202f]\d{3})+,\d+$|^-?\d+,(\d{1,2}|\d{4,})$")
_DECIMAL_DOT = re.compile(r"^-?\d{1,3}(,\d{3})+\.\d+$|^-?\d+\.(\d{1,2}|\d{4,})$")


class CellError(ValueError):
    """A metric cell that is not a number; the reader adds the row and column."""


def uses_decimal_comma(cells: Iterable[str]) -> bool | None:
    """The file's decimal mark from its numeric cells (`12,5` vs `1,234.56`); None if no cell
    decides it (`1,234` and `10.234` could be either)."""
    comma = dot = 0
    for cell in cells:
        core = cell.strip().rstrip("%").strip()
        if _DECIMAL_COMMA.match(core):
            comma += 1
        elif _DECIMAL_DOT.match(core):
            dot += 1
    return None if comma == dot else comma > dot


def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """A metric cell as a float; ``None`` for nulls and for bounds such as `< 10%`."""
    try:
        value = float(text)  # fast path: most cells are plain numbers (`341`, `13.20`)
        if math.isfinite(value) and not (decimal_comma and "." in text):
            return value
    except ValueError:
        pass
    stripped = text.strip()
    if stripped.lower() in NULLS or stripped[:1] in "<>":
        return None
    negative = stripped.startswith(("-", "\u2212", "(")) and any(c.isdigit() for c in stripped)
    core = _NOISE.sub("", stripped).lstrip("-")
    if not core or not any(c.isdigit() for c in core):
        raise CellError(f"expected a number, found {stripped!r}")
    core = core.replace(".", "").replace(",", ".") if decimal_comma else core.replace(",", "")
    try:
        value = float(core)
    except ValueError:
        raise CellError(f"expected a number, found {stripped!r}") from None
    return -value if negative else value


def parse_count(text: str, decimal_comma: bool = False) -> int | None:
    """Impressions, clicks, reach: whole numbers (a `12.0` from a spreadsheet is accepted)."""
    value = parse_number(text, decimal_comma)
    if value is None:
        return None
    if abs(value - round(value)) > 1e-6:
        raise CellError(f"expected a whole number, found {text.strip()!r}")
    return round(value)


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
)


@lru_cache(maxsize=4096)  # a daily report repeats the same few hundred dates
def parse_date(text: str) -> date | None:
    """Dates as ad platforms write them: ISO, `March 27, 2026`, `27.03.2026`, `2026年3月27日`."""
    stripped = text.strip()
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        pass
    if stripped.lower() in NULLS:
        return None
    chinese = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", stripped)
    if chinese:
        return date(*(int(part) for part in chinese.groups()))
    for layout in _DATE_FORMATS:
        try:
            return datetime.strptime(stripped[:40], layout).date()
        except ValueError:
            continue
    return None


def parse_date_range(text: str) -> tuple[date | None, date | None]:
    """Google's second line: `"March 27, 2026 - April 23, 2026"`; `All time` has no bounds."""
    parts = re.split(r"\s+[-–—]\s+|\s*～\s*|\s*至\s*", text.strip())
    if len(parts) != 2:
        single = parse_date(text)
        return single, single
    return parse_date(parts[0]), parse_date(parts[1])


def parse_hour(text: str) -> int | None:
    """`14`, `14:00`, or Meta's `14:00:00 - 14:59:59` -> 14."""
    match = re.match(r"^\s*(\d{1,2})(?::\d{2})?", text)
    if not match:
        return None
    hour = int(match.group(1))
    return hour if 0 <= hour <= 23 else None


def clean_text(text: str) -> str | None:
    """A name cell: stripped, and ``None`` when empty or a null marker."""
    stripped = text.strip()
    return None if stripped.lower() in NULLS else stripped
