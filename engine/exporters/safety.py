"""Spreadsheet-formula neutralisation for every cell Pinpoint writes to a CSV or xlsx file.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (OWASP "CSV injection"); a tab or carriage return in front can hide such a cell from a
quick look. Ad copy comes from a language model and from product titles typed by anyone, so a
headline like ``=HYPERLINK("http://evil","Sale")`` must never reach a merchant's spreadsheet as a
formula. Full-width look-alikes (``＝＋－＠``) are treated the same because some spreadsheet
versions convert them.

How: text cells that begin with one of those characters get a leading apostrophe (``'``), the
convention WooCommerce's exporter and OWASP use. Numbers are *typed* cells (``int``/``float``) and
are written as numbers, untouched: a Microsoft ``Parent Id`` of ``-1`` or a bid of ``0.45`` must
stay machine-readable for the platform, and a number is never a formula. Writers therefore keep
numeric values numeric until the very last step instead of formatting them as text early.

One kind of text is left alone too: a sign followed by digits only (``+447700900123``, ``-1``).
Such a "formula" can only evaluate to that number, never call a function or fetch a link, and
platforms need it verbatim (an E.164 phone in a plain-text Customer Match file).
"""

from __future__ import annotations

import math
import re

Cell = str | int | float | None
"""A value as a writer hands it over: text, a number, or empty."""

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
SAFE_PREFIX = "'"
_SIGNED_NUMBER = re.compile(r"[+-]\d+(?:\.\d+)?")


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet program could run ``text`` as a formula that does something."""
    return text.startswith(FORMULA_TRIGGERS) and not _SIGNED_NUMBER.fullmatch(text)


def neutralise_text(text: str) -> str:
    """Prefix a formula-looking text with an apostrophe; anything else is returned unchanged."""
    return SAFE_PREFIX + text if starts_like_formula(text) else text


def safe_cell(value: Cell) -> str | int | float:
    """The value a CSV/xlsx writer may store: neutralised text, a finite number, or ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):  # bool is an int subclass; platforms want words, not 1/0
        raise TypeError("write booleans as the platform's words (e.g. 'Enabled'), not True/False")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"cannot write the number {value!r} to a spreadsheet")
        return value
    return neutralise_text(str(value))


def csv_text(value: Cell) -> str:
    """How one cell appears in a CSV: numbers in plain decimal (never ``1e-05``), text made safe."""
    cell = safe_cell(value)
    if isinstance(cell, float):
        return format(cell, "f").rstrip("0").rstrip(".") if cell != int(cell) else str(int(cell))
    return str(cell)
