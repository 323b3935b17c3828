"""Stable keys for customers, products and order lines, and the hashing of contact details.

Re-importing a file, or a later export that overlaps an earlier one, must land on the same rows.
So every stored entity gets a key computed only from what the file says, never from the import:

* customer: SHA-256 of the normalised e-mail when there is one (the same person across platforms),
  else ``platform:platform_id`` (an Etsy username, an eBay buyer, a UCI customer number);
* product: the SKU, else ``title:`` plus the normalised title (hashed when very long);
* order line: the file's own line id (``id:...``), else ``#k|sku|title-digest``, where ``k``
  counts the earlier lines of the same order with the same SKU and title (the k-th identical
  line). Two identical lines stay two lines, and the key does not move when another row of the
  order is rejected (a damaged cell) and later fixed: a line's index within its order would.
  Stores written with the older ``position|sku|title-digest`` keys are re-keyed once, at the
  start of the next import (:mod:`engine.importers.line_rekey`).

E-mail normalisation: trim, lowercase (what Google and Meta do before hashing).
Phone normalisation: keep digits; a leading ``+`` or ``00`` becomes ``+`` (E.164 style). Without a
country prefix the digits are hashed as they are: we cannot invent the country calling code.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from engine.importers.records import CustomerRecord, LineRecord

MAX_KEY_LENGTH = 200
_SPACES = re.compile(r"\s+")
_NON_DIGITS = re.compile(r"\D")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_email(email: str | None) -> str | None:
    """Lowercased, trimmed address; ``None`` when it is not an address at all."""
    if not email:
        return None
    cleaned = email.strip().lower()
    if "@" not in cleaned or cleaned.startswith("@") or cleaned.endswith("@"):
        return None
    return cleaned


def normalise_phone(phone: str | None) -> str | None:
    """Digits only, ``+`` kept for international numbers; ``None`` when fewer than 6 digits."""
    if not phone:
        return None
    stripped = phone.strip().lstrip("'")
    international = stripped.startswith("+") or stripped.startswith("00")
    digits = _NON_DIGITS.sub("", stripped)
    if stripped.startswith("00"):
        digits = digits[2:]
    if len(digits) < 6:
        return None
    return f"+{digits}" if international else digits


def email_hash(email: str | None) -> str | None:
    normalised = normalise_email(email)
    return sha256_hex(normalised) if normalised else None


def phone_hash(phone: str | None) -> str | None:
    normalised = normalise_phone(phone)
    return sha256_hex(normalised) if normalised else None


def clean_platform_id(platform_id: str | None) -> str | None:
    """The platform's customer id as text; ``17850.0`` (a float-written id) becomes ``17850``."""
    if platform_id is None:
        return None
    text = platform_id.strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text or None


def customer_key(customer: CustomerRecord, platform: str) -> str | None:
    """The identity key, or ``None`` when the record identifies nobody (a guest order)."""
    hashed = email_hash(customer.email)
    if hashed:
        return hashed
    platform_id = clean_platform_id(customer.platform_id)
    if platform_id:
        return _cap(f"{platform}:{platform_id}")
    return None


def display_name(customer: CustomerRecord) -> str | None:
    """What the GUI may show without exposing a full name: initials, or the username."""
    if customer.first_name or customer.last_name:
        return _initials(f"{customer.first_name or ''} {customer.last_name or ''}")
    name = (customer.display_name or "").strip()
    if not name:
        return None
    return _initials(name) if " " in name else name[:MAX_KEY_LENGTH]


def _initials(full_name: str) -> str | None:
    parts = [part for part in _SPACES.split(full_name.strip()) if part]
    return " ".join(f"{part[0].upper()}." for part in parts) or None


def normalise_title(title: str) -> str:
    return _SPACES.sub(" ", title.strip()).lower()


@lru_cache(maxsize=65_536)
def product_key(sku: str | None, title: str) -> str:
    """The SKU as written (trimmed), else a key derived from the normalised title."""
    if sku and sku.strip():
        return _cap(sku.strip())
    return _cap(f"title:{normalise_title(title)}")


OCCURRENCE_MARK = "#"  # starts a line key made of an occurrence count, SKU and title digest


def has_file_line_id(line: LineRecord) -> bool:
    return bool(line.line_key and line.line_key.strip())


def line_key(line: LineRecord, occurrence: int) -> str:
    """The dedupe key of a line within its order (see the module docstring).

    ``occurrence`` counts the order's earlier lines with the same :func:`key_suffix`; it is not
    used when the file gives the line its own id.
    """
    if line.line_key and line.line_key.strip():
        return _cap(f"id:{line.line_key.strip()}")
    return _cap(f"{OCCURRENCE_MARK}{occurrence}{key_suffix(line.sku, line.title)}")


def occurrence_keys(occurrences: list[int], suffixes: list[str]) -> list[str]:
    """:func:`line_key` for many lines without a file line id: occurrence + ``key_suffix``."""
    mark = OCCURRENCE_MARK
    keys = [f"{mark}{k}{suffix}" for k, suffix in zip(occurrences, suffixes, strict=True)]
    if max(map(len, keys), default=0) <= MAX_KEY_LENGTH:
        return keys
    return [key if len(key) <= MAX_KEY_LENGTH else _cap(key) for key in keys]


@lru_cache(maxsize=65_536)
def key_suffix(sku: str | None, title: str) -> str:
    """``|sku|digest-of-normalised-title``; cached because a shop repeats its products a lot."""
    digest = hashlib.blake2b(normalise_title(title).encode("utf-8"), digest_size=8).hexdigest()
    return f"|{(sku or '').strip()}|{digest}"


def _cap(key: str) -> str:
    """Keys longer than the column are replaced by a prefix and a hash of the whole key."""
    if len(key) <= MAX_KEY_LENGTH:
        return key
    return f"{key[:120]}#{sha256_hex(key)}"
