"""Group stored report rows by campaign, ad set, variant, creative or audience and measure them.

Unmatched rows form their own groups keyed by the names in the report ("unmatched:…"), so the
merchant sees every row's money even before linking it. Store-attributed revenue is computed
for campaigns, ad sets and audiences (the levels that own an audience); variants and creatives
share their ad set's audience, so their revenue is the platform's conversion value only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.evaluation.attribution import DEFAULT_WINDOW_DAYS, attribute
from engine.evaluation.metrics import Counts, Metrics, Revenue, measure, platform_revenue
from engine.store.models import (
    AdCreative,
    AdSet,
    AdVariant,
    Audience,
    Campaign,
    PerformanceReport,
    PerformanceRow,
)

LEVELS = ("campaign", "ad_set", "variant", "creative", "audience")
ATTRIBUTED_LEVELS = ("campaign", "ad_set", "audience")


@dataclass
class _Group:
    name: str
    matched: bool
    entity_id: int | None
    counts: Counts = field(default_factory=Counts)
    start: date | None = None
    end: date | None = None
    audiences: set[int] = field(default_factory=set)
    products: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Links:
    """Where a matched row sits in the store, for grouping and attribution."""

    audience_id: int | None
    creative_id: int | None
    product_id: int | None


def _entity_names(session: Session) -> dict[str, dict[int, str]]:
    return {
        "campaign": dict(session.execute(select(Campaign.id, Campaign.name)).all()),
        "ad_set": dict(session.execute(select(AdSet.id, AdSet.name)).all()),
        "variant": dict(session.execute(select(AdVariant.id, AdVariant.name)).all()),
        "audience": dict(session.execute(select(Audience.id, Audience.name)).all()),
    }


def _links(
    session: Session,
) -> tuple[dict[int, int | None], dict[int, tuple[int, int | None, int | None]]]:
    """Ad set -> audience, and variant -> (creative, creative audience, product)."""
    ad_sets = dict(session.execute(select(AdSet.id, AdSet.audience_id)).all())
    query = select(
        AdVariant.id, AdVariant.creative_id, AdCreative.audience_id, AdCreative.product_id
    ).join(AdCreative)
    variants = {vid: (cid, aud, prod) for vid, cid, aud, prod in session.execute(query)}
    return ad_sets, variants


def _group_key(level: str, row: PerformanceRow, link: _Links) -> tuple[str, int | None]:
    entity: int | None = {
        "campaign": row.campaign_id, "ad_set": row.ad_set_id, "variant": row.variant_id,
        "creative": link.creative_id, "audience": link.audience_id,
    }[level]  # fmt: skip
    if entity is not None:
        return f"{level}:{entity}", entity
    label = (
        {
            "campaign": row.campaign_name,
            "ad_set": " / ".join(filter(None, (row.campaign_name, row.ad_set_name))),
            "variant": " / ".join(filter(None, (row.campaign_name, row.ad_set_name, row.ad_name))),
        }.get(level)
        or row.campaign_name
        or f"row {row.row_number}"
    )
    return f"unmatched:{label}", None


def group_metrics(
    session: Session,
    level: str,
    default_margin: float,
    report_ids: list[int] | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[Metrics]:
    """Metrics per group at ``level``, biggest spend first."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    names = _entity_names(session)
    ad_set_audience, variant_links = _links(session)
    query = select(
        PerformanceRow, PerformanceReport.period_start, PerformanceReport.period_end
    ).join(PerformanceReport)
    if report_ids:
        query = query.where(PerformanceRow.report_id.in_(report_ids))
    groups: dict[str, _Group] = {}
    for row, start, end in session.execute(query):
        creative_id, creative_audience, product_id = variant_links.get(
            row.variant_id or -1, (None, None, None)
        )
        audience = ad_set_audience.get(row.ad_set_id or -1) or creative_audience
        link = _Links(audience, creative_id, product_id)
        key, entity = _group_key(level, row, link)
        if key not in groups:
            name = names.get(level, {}).get(entity or -1) or (
                f"creative #{entity}" if entity else key.split(":", 1)[1]
            )
            groups[key] = _Group(name=name, matched=entity is not None, entity_id=entity)
        group = groups[key]
        group.counts.add(
            row.impressions, row.clicks, row.cost, row.conversions, row.conversion_value
        )
        # the report's date range, else the row's own day ("All time" reports segmented by Day)
        group.start = min(filter(None, (group.start, start or row.day)), default=None)
        group.end = max(filter(None, (group.end, end or row.day)), default=None)
        group.audiences |= {audience} if audience else set()
        group.products |= {product_id} if product_id else set()
    metrics = []
    for key, group in groups.items():
        revenue = _revenue(session, level, group, default_margin, window_days)
        metrics.append(measure(level, key, group.name, group.matched, group.counts, revenue))
    return sorted(metrics, key=lambda m: (-m.cost, m.name))


def _revenue(
    session: Session, level: str, group: _Group, default_margin: float, window_days: int
) -> Revenue | None:
    """Store-attributed revenue where it can be computed and found, else the platform's value."""
    platform = platform_revenue(group.counts, default_margin)
    if level not in ATTRIBUTED_LEVELS or group.entity_id is None:
        return platform
    if group.start is None or group.end is None:
        return platform  # an "All time" report has no window to join orders in
    if level in ("campaign", "ad_set") and group.entity_id is not None:
        audiences, products = _targets(session, level, group.entity_id)
        group.audiences |= audiences
        group.products |= products
    if not group.audiences:
        return platform
    found = attribute(session, group.audiences, group.products, group.start, group.end,
                      default_margin, window_days)  # fmt: skip
    if found.lines == 0 and platform is not None:
        return platform
    return Revenue(found.revenue, found.gross_profit, "store orders", found.rule)


def _targets(session: Session, level: str, entity_id: int) -> tuple[set[int], set[int]]:
    """Every audience and product a campaign's (or ad set's) ads target, from the store."""
    ad_set_filter = AdSet.campaign_id == entity_id if level == "campaign" else AdSet.id == entity_id
    audiences = {a for a in session.scalars(select(AdSet.audience_id).where(ad_set_filter)) if a}
    creatives = session.execute(
        select(AdCreative.audience_id, AdCreative.product_id)
        .join(AdVariant, AdVariant.creative_id == AdCreative.id)
        .join(AdSet, AdVariant.ad_set_id == AdSet.id)
        .where(ad_set_filter)
    )
    products: set[int] = set()
    for audience_id, product_id in creatives:
        audiences |= {audience_id} if audience_id else set()
        products |= {product_id} if product_id else set()
    return audiences, products
