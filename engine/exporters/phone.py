"""Phone numbers to E.164 (``+`` country code + national number, at most 15 digits).

Google Customer Match hashes phones in E.164 and Meta wants the country code in front, but shop
exports hold numbers as people typed them: ``07700 900123``, ``(415) 555-0100``, ``+44 …``,
``0044 …``. A number without an international prefix gets the calling code of the customer's
country (the default), after its national trunk prefix is removed (``0`` in most countries, ``1``
in North America, ``8`` in Russia/Kazakhstan, none in Italy). A number that cannot be made into
a plausible E.164 number returns ``None`` and the customer is matched by the other identifiers.

The table covers the countries of the bundled sample shop and the common shop markets; a country
missing here only means numbers without ``+``/``00`` cannot be completed.
"""

from __future__ import annotations

import re

# ISO 3166-1 alpha-2, calling code, names as shop exports write the country (lower-case).
_COUNTRIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("US", "1", ("united states", "usa", "united states of america", "us")),
    ("CA", "1", ("canada",)),
    (
        "GB",
        "44",
        (
            "united kingdom",
            "uk",
            "great britain",
            "england",
            "scotland",
            "wales",
            "northern ireland",
        ),
    ),
    ("IE", "353", ("ireland", "eire")),
    ("FR", "33", ("france",)),
    ("DE", "49", ("germany", "deutschland")),
    ("ES", "34", ("spain", "españa")),
    ("IT", "39", ("italy", "italia")),
    ("NL", "31", ("netherlands", "the netherlands", "holland")),
    ("BE", "32", ("belgium",)),
    ("CH", "41", ("switzerland",)),
    ("AT", "43", ("austria",)),
    ("PT", "351", ("portugal",)),
    ("DK", "45", ("denmark",)),
    ("SE", "46", ("sweden",)),
    ("NO", "47", ("norway",)),
    ("FI", "358", ("finland",)),
    ("IS", "354", ("iceland",)),
    ("PL", "48", ("poland",)),
    ("CZ", "420", ("czech republic", "czechia")),
    ("GR", "30", ("greece",)),
    ("CY", "357", ("cyprus",)),
    ("MT", "356", ("malta",)),
    ("LT", "370", ("lithuania",)),
    ("HU", "36", ("hungary",)),
    ("RO", "40", ("romania",)),
    ("RU", "7", ("russia",)),
    ("KZ", "7", ("kazakhstan",)),
    ("IL", "972", ("israel",)),
    ("LB", "961", ("lebanon",)),
    ("AE", "971", ("united arab emirates", "uae")),
    ("SA", "966", ("saudi arabia",)),
    ("BH", "973", ("bahrain",)),
    ("ZA", "27", ("south africa", "rsa")),
    ("AU", "61", ("australia",)),
    ("NZ", "64", ("new zealand",)),
    ("JP", "81", ("japan",)),
    ("CN", "86", ("china", "中国", "people's republic of china")),
    ("HK", "852", ("hong kong",)),
    ("TW", "886", ("taiwan",)),
    ("SG", "65", ("singapore",)),
    ("KR", "82", ("south korea", "korea")),
    ("IN", "91", ("india",)),
    ("BR", "55", ("brazil", "brasil")),
    ("MX", "52", ("mexico",)),
)
CALLING_CODES: dict[str, str] = {iso: code for iso, code, _ in _COUNTRIES}
_BY_NAME: dict[str, str] = {name: iso for iso, _, names in _COUNTRIES for name in names}
_NANP = {"US", "CA"}
_TRUNK = {"US": "1", "CA": "1", "IT": "", "RU": "8", "KZ": "8"}  # others: "0"
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|#)\s*\d+\s*$", re.IGNORECASE)


def country_code(code: str | None, name: str | None = None) -> str | None:
    """ISO alpha-2 from a stored code (``gb``) or a country name as exports write it."""
    if code and len(code.strip()) == 2 and code.strip().isalpha():
        return code.strip().upper()
    if name:
        return _BY_NAME.get(" ".join(name.strip().lower().split()))
    return None


def to_e164(raw: str | None, default_country: str | None) -> str | None:
    """``raw`` as ``+<country code><number>``, or None when it cannot be made plausible."""
    if not raw or not raw.strip():
        return None
    text = _EXTENSION.sub("", raw.strip().lstrip("'"))
    digits = re.sub(r"\D", "", text)
    country = (default_country or "").upper()
    if text.startswith("+"):
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    elif country in _NANP and digits.startswith("011"):
        number = digits[3:]
    else:
        code = CALLING_CODES.get(country)
        if code is None:
            return None
        number = code + _national(digits, country, code)
    if country in _NANP and number.startswith("1") and len(number) != 11:
        return None
    return f"+{number}" if 8 <= len(number) <= 15 and not number.startswith("0") else None


def _national(digits: str, country: str, code: str) -> str:
    trunk = _TRUNK.get(country, "0")
    if country in _NANP:
        return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    if trunk and digits.startswith(trunk):
        return digits[len(trunk) :]
    if digits.startswith(code) and len(digits) > 10:  # typed with the country code but no "+"
        return digits[len(code) :]
    return digits
