"""Normalisation and SHA-256 hashing of customer identifiers, exactly as each platform documents.

Google Customer Match (support.google.com/google-ads/answer/7659867, 7476159; the Google Ads API
enhanced-conversions guide): trim leading/trailing whitespace, lower-case, phone in E.164 (with
``+``), then SHA-256 as lower-case hex. As in Google's own example
(google-ads-python ``examples/remarketing/add_customer_match_user_list.py``,
``normalize_and_hash``): e-mail and phone lose *all* whitespace, names only the outer
whitespace. Country and zip are **not** hashed. Gmail dot removal is
a Campaign Manager 360 rule, not a Customer Match one, so it is not applied.

Meta customer list: the official Python business SDK's ``CustomAudienceMixin`` — every value is
stripped of ``" \\t\\r\\n\\0\\x0B."`` at both ends and lower-cased, then per key: phone →
digits only; gen → first character; doby → digits; dobm/dobd → two digits; fn/ln/ct/st/fi →
``[a-z]`` only (so "José" becomes "jos", exactly as the SDK does); zip → the part before ``-``;
country → first two letters. Then SHA-256 hex of the UTF-8 bytes. extern_id is never hashed.
"""

from __future__ import annotations

import hashlib
import re

META_STRIP = " \t\r\n\0\x0b."
META_KEYS = (
    "email",
    "phone",
    "gen",
    "doby",
    "dobm",
    "dobd",
    "fn",
    "ln",
    "fi",
    "ct",
    "st",
    "zip",
    "country",
    "madid",
    "extern_id",
)
_UNHASHED_META_KEYS = {"extern_id"}


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------------ Google


def google_email(raw: str | None) -> str | None:
    """Trimmed and lower-cased; None when it is not an e-mail address at all."""
    if not raw:
        return None
    email = "".join(raw.split()).lower()
    return email if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email) else None


def google_text(raw: str | None) -> str | None:
    """Names for hashing: trimmed and lower-cased (Google's rule for every hashed text value)."""
    if raw is None:
        return None
    text = raw.strip().lower()
    return text or None


def plain_zip(raw: str | None) -> str | None:
    """Zip as Google wants it unhashed: trimmed, without the ``'`` Shopify puts in front."""
    if raw is None:
        return None
    text = raw.strip().lstrip("'").strip()
    return text or None


# ------------------------------------------------------------------------------ Meta


def meta_normalize(key: str, raw: str | None) -> str | None:
    """The SDK's ``strip(...).lower()`` + ``normalize_key``; None when nothing is left."""
    if raw is None:
        return None
    if key not in META_KEYS:
        raise ValueError(
            f"unknown Meta customer-list key {key!r}; expected one of {', '.join(META_KEYS)}"
        )
    value = str(raw).strip(META_STRIP).lower()
    if key in ("phone", "doby"):
        value = re.sub(r"[^0-9]", "", value)
    elif key in ("dobm", "dobd"):
        value = re.sub(r"[^0-9]", "", value)
        value = "0" + value if len(value) == 1 else value
    elif key == "gen":
        value = value.strip()[:1]
    elif key in ("fn", "ln", "fi", "ct", "st"):
        value = re.sub(r"[^a-zA-Z]", "", value)
    elif key == "zip":
        value = value.split("-")[0]
    elif key == "country":
        value = re.sub(r"[^a-zA-Z]", "", value)[:2]
    return value or None


def meta_hash(key: str, raw: str | None) -> str | None:
    """Normalised and hashed as the SDK sends it (extern_id normalised but not hashed)."""
    value = meta_normalize(key, raw)
    if value is None or key in _UNHASHED_META_KEYS:
        return value
    return sha256_hex(value)
