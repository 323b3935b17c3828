"""Normalisation and hashing against the platforms' documented rules and published examples."""

from __future__ import annotations

import hashlib

import pytest

from engine.exporters.hashing import google_email, meta_hash, meta_normalize, plain_zip, sha256_hex
from engine.exporters.phone import country_code, to_e164

SHA256_TEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"  # sha256("test")


def test_meta_sdk_documented_examples() -> None:
    """facebook-python-business-sdk test/unit.py: all of these hash to sha256("test")."""
    for raw in ("  test  ", "test", "..test.."):
        assert meta_hash("email", raw) == SHA256_TEST
    assert meta_hash("fn", "  TEST ") == SHA256_TEST
    assert meta_hash("ln", "..test..") == SHA256_TEST
    assert meta_hash("extern_id", "abc123def") == "abc123def"  # never hashed


@pytest.mark.parametrize(
    ("key", "raw", "normalised"),
    [
        ("email", " Jane.Doe@Example.COM.", "jane.doe@example.com"),
        ("phone", "+44 (0)7700-900123", "4407700900123"),
        ("fn", "José", "jos"),  # the SDK keeps [a-z] only: accents are dropped
        ("ln", "O'Brien-Smith", "obriensmith"),
        ("ct", "St. Albans", "stalbans"),
        ("st", "CA", "ca"),
        ("zip", "94103-1234", "94103"),
        ("country", "United Kingdom", "un"),  # first two letters: pass ISO codes, not names
        ("country", "GB", "gb"),
        ("gen", "Female", "f"),
        ("dobm", "3", "03"),
        ("dobd", "12", "12"),
        ("doby", "1990", "1990"),
    ],
)
def test_meta_normalisation_per_key(key: str, raw: str, normalised: str) -> None:
    assert meta_normalize(key, raw) == normalised
    assert meta_hash(key, raw) == hashlib.sha256(normalised.encode()).hexdigest()


def test_meta_empty_after_normalisation_is_left_blank_not_hashed() -> None:
    assert meta_normalize("fn", "李雷") is None
    assert meta_hash("fn", "...") is None
    with pytest.raises(ValueError, match="unknown Meta"):
        meta_normalize("shoe_size", "9")


def test_google_email_published_digests() -> None:
    """Trim + lower-case then SHA-256 hex: digests published for the same rule
    (UID2 docs: user@example.com; TikTok customer-file docs: janedoe@gmail.com)."""
    assert sha256_hex(google_email("  User@Example.COM ") or "") == (
        "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514"
    )
    assert sha256_hex(google_email("JaneDoe@gmail.com") or "") == (
        "d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69"
    )
    assert google_email("not an email") is None


@pytest.mark.parametrize(
    ("raw", "country", "e164"),
    [
        ("07700 900123", "GB", "+447700900123"),
        ("+44 7700 900123", None, "+447700900123"),
        ("0044 7700 900123", "FR", "+447700900123"),
        ("447700900123", "GB", "+447700900123"),
        ("(415) 555-0100", "US", "+14155550100"),
        ("1-415-555-0100 ext. 12", "US", "+14155550100"),
        ("011 44 7700 900123", "US", "+447700900123"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("06 1234 5678", "IT", "+390612345678"),  # Italy keeps the leading 0
        ("8 912 345 67 89", "RU", "+79123456789"),
        ("138 0013 8000", "CN", "+8613800138000"),
    ],
)
def test_e164(raw: str, country: str | None, e164: str) -> None:
    assert to_e164(raw, country) == e164


@pytest.mark.parametrize(
    ("raw", "country"), [("12", "GB"), ("555-0100", "US"), ("0123 456", "ZZ"), ("", "GB")]
)
def test_e164_gives_up_on_numbers_it_cannot_complete(raw: str, country: str) -> None:
    assert to_e164(raw, country) is None


def test_country_codes_and_zip() -> None:
    assert country_code("gb") == "GB"
    assert country_code(None, "United Kingdom") == "GB"
    assert country_code(None, "EIRE") == "IE"
    assert country_code(None, "Atlantis") is None
    assert plain_zip("'0812") == "0812"
