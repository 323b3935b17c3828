"""Meta customer list (CSV, UTF-8, the SDK's keys as headers), hashed as the official SDK does.

Columns ``email, phone, fn, ln, ct, st, zip, country`` (facebook.com/business/help/2082575038703844
and the SDK's MultiKeySchema). Every value goes through :func:`engine.exporters.hashing.meta_hash`
(the SDK's normalisation, then SHA-256), country included. Phones are first completed to E.164
with the customer's country (Meta asks for the country code; the SDK then keeps the digits).
``plain_text=True`` writes the SDK-normalised values unhashed, only on explicit request.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.exporters.audience import AudienceRows, Contact, match_chance
from engine.exporters.hashing import meta_hash, meta_normalize
from engine.exporters.phone import to_e164

HEADER: tuple[str, ...] = ("email", "phone", "fn", "ln", "ct", "st", "zip", "country")
FILE_PREFIX = "meta-customer-list"


def build(contacts: Sequence[Contact], plain_text: bool = False) -> AudienceRows:
    encode = meta_normalize if plain_text else meta_hash
    result = AudienceRows(HEADER)
    for contact in contacts:
        phone = to_e164(contact.phone, contact.country)
        if contact.phone and not phone:
            result.phones_unusable += 1
        raw = {
            "email": contact.email,
            "phone": phone,
            "fn": contact.first_name,
            "ln": contact.last_name,
            "ct": contact.city,
            "st": contact.region,
            "zip": contact.zip.lstrip("'") if contact.zip else None,
            "country": contact.country,
        }
        values = {key: encode(key, value) for key, value in raw.items()}
        has_email = bool(values["email"] and "@" in (contact.email or ""))
        has_address = all(values[key] for key in ("fn", "ln", "zip", "country"))
        if not (has_email or values["phone"] or has_address):
            continue
        chance = match_chance(has_email, bool(values["phone"]), has_address)
        result.add([values[key] or "" for key in HEADER], chance)
    return result
