"""Building ad-set plans from the store: campaigns, ad sets, and the variants chosen for them.

* each :class:`~engine.store.models.Campaign` becomes a :class:`CampaignPlan`;
* each of its :class:`~engine.store.models.AdSet` rows becomes an :class:`AdGroupPlan` with its
  keywords, SKUs and audience;
* the ads of an ad set are its linked :class:`~engine.store.models.AdVariant` rows
  (``AdVariant.ad_set_id``): the approved ones, else the best-ranked one not rejected (so a draft
  still exports something to review). The campaign planner links only variants free of
  violations, so an ad set it left without ads stays without them;
* an ad set without linked variants takes only the *approved* variants of the copy requests
  (``AdCreative``) for its audience and platform — never a draft, a rejected variant or one the
  planner left out for a warning, which the merchant has not agreed to publish.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from engine.exporters.adset import (
    AdGroupPlan,
    CampaignPlan,
    ad_from_fields,
    parse_keywords,
    variant_keywords,
)
from engine.store.models import AdCreative, AdSet, AdVariant, Audience, Campaign, Product

# Which stored campaigns an export platform picks up when the caller names none. Microsoft
# imports Google search campaigns as they are (same RSA limits), so it takes both.
PLATFORM_FAMILIES: dict[str, tuple[str, ...]] = {
    "google-ads-editor": ("google",),
    "microsoft": ("microsoft", "google"),
    "meta": ("meta", "facebook", "instagram"),
    "amazon-sp": ("amazon",),
}


# Campaigns the evaluation demo invents to show a report; they must never reach an upload file.
NOT_UPLOADABLE_STATUS = "simulated"


def load_campaigns(
    session: Session, platform: str, campaign_ids: Sequence[int] | None = None
) -> list[CampaignPlan]:
    """The campaigns to export: the named ones (any platform), else every real one of
    ``platform``."""
    query = (
        select(Campaign)
        .options(
            selectinload(Campaign.ad_sets)
            .selectinload(AdSet.variants)
            .selectinload(AdVariant.creative)
        )
        .order_by(Campaign.id)
    )
    if campaign_ids:
        query = query.where(Campaign.id.in_(list(campaign_ids)))
    else:
        query = query.where(
            Campaign.platform.in_(PLATFORM_FAMILIES.get(platform, (platform,))),
            Campaign.status != NOT_UPLOADABLE_STATUS,
        )
    campaigns = list(session.scalars(query))
    if campaign_ids:
        missing = sorted(set(campaign_ids) - {c.id for c in campaigns})
        if missing:
            raise ValueError(f"no campaign with id {', '.join(map(str, missing))} in the store")
    return [_campaign_plan(session, campaign) for campaign in campaigns]


def _campaign_plan(session: Session, campaign: Campaign) -> CampaignPlan:
    return CampaignPlan(
        name=campaign.name,
        platform=campaign.platform,
        status=campaign.status,
        daily_budget=campaign.daily_budget,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        objective=campaign.objective,
        final_url=campaign.final_url,
        ad_groups=[_ad_group_plan(session, campaign, ad_set) for ad_set in campaign.ad_sets],
        campaign_id=campaign.id,
    )


def _ad_group_plan(session: Session, campaign: Campaign, ad_set: AdSet) -> AdGroupPlan:
    linked = list(ad_set.variants)
    variants = (
        chosen_variants(linked)
        if linked
        else [
            v
            for v in _audience_variants(session, ad_set.audience_id, campaign.platform)
            if v.status == "approved"
        ]
    )
    targeting = dict(ad_set.targeting or {})
    group = _group_from_variants(
        session, ad_set.name, variants, campaign.final_url, ad_set.audience_id
    )
    group.keywords = parse_keywords([*(ad_set.keywords or []), *_keyword_entries(variants)])
    group.skus = _unique([*group.skus, *map(str, targeting.get("skus", []))])
    group.default_bid = ad_set.default_bid
    group.targeting = targeting
    return group


def draft_from_copy_requests(session: Session, platform: str) -> list[CampaignPlan]:
    """No campaign yet: one paused draft campaign from the saved copy requests of ``platform``.

    One ad group per audience (or "All customers"), its ads the chosen variants of each request;
    no budget or bids are invented, so platforms that need them report it in the validation.
    """
    families = PLATFORM_FAMILIES.get(platform, (platform,))
    creatives = session.scalars(
        select(AdCreative)
        .where(AdCreative.platform.in_(families))
        .options(selectinload(AdCreative.variants))
        .order_by(AdCreative.id)
    )
    by_audience: dict[int | None, list[AdVariant]] = {}
    for creative in creatives:
        by_audience.setdefault(creative.audience_id, []).extend(chosen_variants(creative.variants))
    groups = []
    for audience_id, variants in by_audience.items():
        audience = session.get(Audience, audience_id) if audience_id else None
        name = audience.name if audience else "All customers"
        group = _group_from_variants(session, name, variants, None, audience_id)
        group.keywords = parse_keywords(_keyword_entries(variants))
        if group.ads:
            groups.append(group)
    if not groups:
        return []
    name = f"Pinpoint draft ({families[0]})"
    return [
        CampaignPlan(name=name, platform=families[0], ad_groups=groups, from_copy_requests=True)
    ]


def _group_from_variants(
    session: Session,
    name: str,
    variants: Sequence[AdVariant],
    campaign_url: str | None,
    audience_id: int | None,
) -> AdGroupPlan:
    products = _products(session, [v.creative.product_id for v in variants])
    audience = session.get(Audience, audience_id) if audience_id else None
    ads = []
    for variant in variants:
        product = products.get(variant.creative.product_id or -1)
        landing = campaign_url or (product.url if product else None)
        ads.append(
            ad_from_fields(
                variant.name, variant.fields, landing, variant.creative.language, variant.id
            )
        )
    return AdGroupPlan(
        name=name,
        ads=ads,
        skus=_unique(p.sku for p in products.values()),
        audience_id=audience_id,
        audience_name=audience.name if audience else None,
    )


def _audience_variants(session: Session, audience_id: int | None, platform: str) -> list[AdVariant]:
    """Variants of the copy requests written for this audience on this platform (best first)."""
    if audience_id is None:
        return []
    return list(
        session.scalars(
            select(AdVariant)
            .join(AdCreative, AdVariant.creative_id == AdCreative.id)
            .where(AdCreative.audience_id == audience_id, AdCreative.platform == platform)
            .options(selectinload(AdVariant.creative))
            .order_by(AdVariant.rank.is_(None), AdVariant.rank, AdVariant.id)
        )
    )


def _keyword_entries(variants: Iterable[AdVariant]) -> list[object]:
    return [entry for variant in variants for entry in variant_keywords(variant.fields)]


def chosen_variants(variants: Iterable[AdVariant]) -> list[AdVariant]:
    """Per copy request: its approved variants, else its best-ranked one not rejected."""
    by_creative: dict[int, list[AdVariant]] = {}
    for variant in sorted(variants, key=lambda v: (v.rank is None, v.rank or 0, v.id)):
        by_creative.setdefault(variant.creative_id, []).append(variant)
    chosen: list[AdVariant] = []
    for candidates in by_creative.values():
        approved = [v for v in candidates if v.status == "approved"]
        chosen += approved or [v for v in candidates if v.status != "rejected"][:1]
    return chosen


def _products(session: Session, product_ids: Iterable[int | None]) -> dict[int, Product]:
    ids = {pid for pid in product_ids if pid is not None}
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
