"""Reading and writing the campaign rows: ``Campaign`` → ``AdSet`` → linked ``AdVariant``.

Functions take the caller's session, so the service decides the transaction. Campaign names are
made unique in the shop because the ad platforms (and the exporter's validator) match
campaigns by name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from engine.store.models import (
    AdSet,
    AdVariant,
    Audience,
    AudienceMember,
    Campaign,
    Customer,
)

NAME_LENGTH = 120  # well inside every platform's campaign-name limit (Amazon 128)


def unique_campaign_name(session: Session, shop_id: int, base: str) -> str:
    """``base``, or ``base #2``, ``#3`` … when the shop already has a campaign called that."""
    base = base[:NAME_LENGTH].strip()
    taken = {
        name.casefold()
        for name in session.scalars(select(Campaign.name).where(Campaign.shop_id == shop_id))
    }
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        name = f"{base} #{number}"
    return name


def audience_countries(session: Session, audience_id: int) -> Counter[str]:
    """ISO country codes of the audience's customers, with how many members each has."""
    rows = session.execute(
        select(Customer.country_code, func.count())
        .join(AudienceMember, AudienceMember.customer_id == Customer.id)
        .where(AudienceMember.audience_id == audience_id)
        .group_by(Customer.country_code)
    ).all()
    counts: Counter[str] = Counter()
    for code, count in rows:
        if code and len(code.strip()) == 2:
            counts[code.strip().upper()] += int(count)
    return counts


def audience_summary(session: Session, audience_id: int) -> dict[str, Any]:
    audience = session.get(Audience, audience_id)
    if audience is None:
        raise ValueError(f"no audience with id {audience_id}; `pinpoint audience list` shows them")
    return {"id": audience.id, "name": audience.name, "size": audience.size}


def creative_variants(session: Session, creative_id: int) -> list[AdVariant]:
    return list(session.scalars(select(AdVariant).where(AdVariant.creative_id == creative_id)))


def save_campaign(
    session: Session,
    campaign: Campaign,
    ad_set: AdSet,
    variants: Sequence[AdVariant],
) -> tuple[int, int]:
    """Store the campaign with its one ad set and link ``variants`` to it; returns both ids."""
    campaign.ad_sets.append(ad_set)
    session.add(campaign)
    session.flush()
    for variant in variants:
        variant.ad_set_id = ad_set.id
    session.flush()
    return campaign.id, ad_set.id


def list_campaigns(session: Session) -> list[dict[str, Any]]:
    """Every stored campaign with its ad sets and how many ads each has linked."""
    campaigns = session.scalars(
        select(Campaign)
        .options(selectinload(Campaign.ad_sets).selectinload(AdSet.variants))
        .order_by(Campaign.id)
    )
    return [
        {
            "id": c.id,
            "name": c.name,
            "platform": c.platform,
            "objective": c.objective,
            "status": c.status,
            "daily_budget": c.daily_budget,
            "start_date": _iso(c.start_date),
            "end_date": _iso(c.end_date),
            "final_url": c.final_url,
            "ad_sets": [
                {
                    "id": s.id,
                    "name": s.name,
                    "audience_id": s.audience_id,
                    "default_bid": s.default_bid,
                    "keywords": len(s.keywords or []),
                    "ads": len(s.variants),
                    "countries": (s.targeting or {}).get("countries", []),
                }
                for s in c.ad_sets
            ],
        }
        for c in campaigns
    ]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def reusable_audience(
    session: Session, kind: str, key: str, size: int, exclude_recent_days: int, consent: bool
) -> int | None:
    """The newest stored audience built for the same target with the same exclusions, asked
    for at least ``size`` members (it may hold fewer when fewer qualified), so planning several
    platforms does not rebuild it each time."""
    for audience in session.scalars(
        select(Audience).where(Audience.kind == kind).order_by(Audience.id.desc())
    ):
        definition = audience.definition or {}
        if (
            str(definition.get("target", "")).casefold() == key.casefold()
            and definition.get("exclude_recent_days") == exclude_recent_days
            and bool(definition.get("require_consent")) == consent
            and max(audience.size, int(definition.get("size") or 0)) >= size
        ):
            return audience.id
    return None
