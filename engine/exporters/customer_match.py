"""Google Customer Match upload file (CSV, UTF-8 without BOM, English headers).

Headers ``Email, Phone, First Name, Last Name, Country, Zip`` (answer 7659867). Hashed (the
default): e-mail, phone (E.164) and names are SHA-256 hex of the normalised value; Country and Zip
stay plain, as Google requires. ``plain_text=True`` writes the normalised values unhashed (Google
then hashes them itself) and is only for a merchant who explicitly asks for it.
Address matching needs all four of first name, last name, country and zip; a row missing one of
them still goes in for its e-mail/phone, but is not counted as an address match.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.exporters.audience import AudienceRows, Contact, match_chance
from engine.exporters.hashing import google_email, google_text, plain_zip, sha256_hex
from engine.exporters.phone import to_e164
from engine.exporters.safety import Cell

HEADER: tuple[str, ...] = ("Email", "Phone", "First Name", "Last Name", "Country", "Zip")
FILE_PREFIX = "google-customer-match"


def build(contacts: Sequence[Contact], plain_text: bool = False) -> AudienceRows:
    protect = (lambda value: value) if plain_text else sha256_hex
    result = AudienceRows(HEADER)
    for contact in contacts:
        email = google_email(contact.email)
        phone = to_e164(contact.phone, contact.country)
        if contact.phone and not phone:
            result.phones_unusable += 1
        first, last = google_text(contact.first_name), google_text(contact.last_name)
        zip_code = plain_zip(contact.zip)
        has_address = bool(first and last and contact.country and zip_code)
        if not (email or phone or has_address):
            continue
        row: list[Cell] = [
            protect(email) if email else "",
            protect(phone) if phone else "",
            protect(first) if first else "",
            protect(last) if last else "",
            contact.country or "",
            zip_code or "",
        ]
        result.add(row, match_chance(bool(email), bool(phone), has_address))
    return result
