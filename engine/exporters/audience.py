"""Who goes into an audience file: contacts from the store, consent exclusions, size estimate.

Raw contact details live only in ``customer_contacts`` (see the store's docstring); they are read
here, normalised and hashed by the writers, and never logged. Customers who said no to marketing
(``Customer.accepts_marketing is False``) are left out by default; ``None`` (the export did not
say) is kept, as shop platforms only record an explicit refusal.

Both platforms refuse to serve ads to a list that matches too few people, so the size is checked
*before* anything is written. The minimums (100 matched people on both) come from the targeting
stage's table (:mod:`engine.targeting.platform_minimums`), so the audience builder and the
exporter never disagree. That table assumes one match rate per list; here each row's identifiers
are known, so the exporter estimates per row with these assumed rates per identifier (typical
published Customer Match / Meta ranges are 30–70 % for e-mail, lower for phone and address) and
combines them as independent chances:

=========  =====  ===================================================================
email      0.50   the middle of the usual e-mail match range
phone      0.30   phones are often landlines or lack a country code
address    0.15   first + last name + country + zip, all four present (Google's rule)
=========  =====  ===================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from engine.exporters.files import UTF8, read_records, write_delimited
from engine.exporters.phone import country_code
from engine.exporters.safety import Cell
from engine.exporters.violations import ExportViolation
from engine.store.models import Audience, AudienceMember, Customer
from engine.targeting.platform_minimums import AUDIENCE_RULES

MATCH_RATES: dict[str, float] = {"email": 0.50, "phone": 0.30, "address": 0.15}
MIN_MATCHED: dict[str, int] = {
    "customer-match": AUDIENCE_RULES["google"].minimum_matched,
    "meta-audience": AUDIENCE_RULES["meta"].minimum_matched,
}
PLATFORM_LABELS = {
    "customer-match": "Google Customer Match",
    "meta-audience": "a Meta custom audience",
}


@dataclass(frozen=True)
class Contact:
    customer_id: int
    email: str | None = None
    phone: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    country: str | None = None  # ISO alpha-2
    region: str | None = None
    city: str | None = None
    zip: str | None = None


@dataclass
class AudienceContacts:
    name: str
    audience_id: int | None
    contacts: list[Contact] = field(default_factory=list)
    excluded_no_consent: int = 0
    excluded_no_contact: int = 0


@dataclass
class AudienceRows:
    """An audience file before it touches the disk (both platforms: UTF-8, no BOM, comma)."""

    header: tuple[str, ...]
    rows: list[list[Cell]] = field(default_factory=list)
    chances: list[float] = field(default_factory=list)  # expected match chance per row
    phones_unusable: int = 0  # numbers that could not be made into E.164
    duplicates: int = 0  # rows identical to an earlier one (same person twice), left out
    _seen: set[tuple[Cell, ...]] = field(default_factory=set, repr=False)

    def add(self, row: list[Cell], chance: float) -> None:
        """Keep a row unless an identical one is already in (it would only count twice)."""
        key = tuple(row)
        if key in self._seen:
            self.duplicates += 1
            return
        self._seen.add(key)
        self.rows.append(row)
        self.chances.append(chance)

    def write(self, path: Path) -> int:
        return write_delimited(path, self.header, self.rows, UTF8)


def read_audience_file(path: Path) -> list[dict[str, str]]:
    return read_records(path, UTF8)


def load_audiences(
    session: Session, audience_id: int | None = None, all_customers: bool = False
) -> list[AudienceContacts]:
    """The named audience, else every stored audience; all customers when asked or none stored."""
    if all_customers:
        audiences = []
    elif audience_id is not None:
        audience = session.get(Audience, audience_id)
        if audience is None:
            raise ValueError(f"no audience with id {audience_id} in the store")
        audiences = [audience]
    else:
        audiences = list(session.scalars(select(Audience).order_by(Audience.id)))
    if not audiences:
        customers = session.scalars(
            select(Customer).options(selectinload(Customer.contact)).order_by(Customer.id)
        )
        return [_collect("All customers", None, customers)]
    collected = []
    for audience in audiences:
        customers = session.scalars(
            select(Customer)
            .join(AudienceMember, AudienceMember.customer_id == Customer.id)
            .where(AudienceMember.audience_id == audience.id)
            .options(selectinload(Customer.contact))
            .order_by(Customer.id)
        )
        collected.append(_collect(audience.name, audience.id, customers))
    return collected


def _collect(name: str, audience_id: int | None, customers: Iterable[Customer]) -> AudienceContacts:
    result = AudienceContacts(name, audience_id)
    for customer in customers:
        if customer.accepts_marketing is False:
            result.excluded_no_consent += 1
            continue
        contact = customer.contact
        if contact is None or not (contact.email or contact.phone or contact.last_name):
            result.excluded_no_contact += 1
            continue
        result.contacts.append(
            Contact(
                customer_id=customer.id,
                email=contact.email,
                phone=contact.phone,
                first_name=contact.first_name,
                last_name=contact.last_name,
                country=country_code(customer.country_code, customer.country),
                region=customer.region,
                city=customer.city,
                zip=customer.zip,
            )
        )
    return result


def match_chance(has_email: bool, has_phone: bool, has_address: bool) -> float:
    """The chance one row matches, treating the identifiers as independent chances."""
    miss = 1.0
    for present, rate in (
        (has_email, MATCH_RATES["email"]),
        (has_phone, MATCH_RATES["phone"]),
        (has_address, MATCH_RATES["address"]),
    ):
        if present:
            miss *= 1.0 - rate
    return 1.0 - miss


def size_violations(platform: str, name: str, chances: Sequence[float]) -> list[ExportViolation]:
    """An error when the expected matched users fall below the platform's minimum."""
    expected = round(sum(chances))
    minimum = MIN_MATCHED[platform]
    if expected >= minimum:
        return []
    rates = ", ".join(f"{key} {rate:.0%}" for key, rate in MATCH_RATES.items())
    where = f'Audience "{name}"'
    return [
        ExportViolation(
            rule="too_small",
            severity="error",
            where=where,
            field="audience",
            measured=expected,
            limit=minimum,
            message=(
                f"{where}: about {expected} of its {len(chances)} usable customers are expected to "
                f"match (assumed match rates: {rates}); {PLATFORM_LABELS[platform]} needs at least "
                f"{minimum} matched people before it shows ads. Choose a larger audience or import "
                "more customers."
            ),
        )
    ]
