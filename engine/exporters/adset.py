"""The platform-neutral ad-set model every writer consumes, and how it is built from the store.

Store → model:

* each :class:`~engine.store.models.Campaign` becomes a :class:`CampaignPlan`;
* each of its :class:`~engine.store.models.AdSet` rows becomes an :class:`AdGroupPlan` (ad group on
  Google/Microsoft/Amazon, ad set on Meta) with its keywords, SKUs and audience;
* the ads of an ad set are its *approved* :class:`~engine.store.models.AdVariant` rows; when none is
  approved yet, the single best-ranked variant that was not rejected (so a draft campaign still
  exports something to review).

``AdVariant.fields`` is the copy studio's JSON. Keys read (agreed default; the copywriting package
had no variant writer yet when this was written, only ``engine/copywriting/prompts.py`` whose
field names are ``headline``/``description``/``title``):

``headlines`` / ``headline``        list of text or ``{"text": ..., "pin": 1..3}``; or one text
``descriptions`` / ``description``  the same, pins 1..2
``paths``                           up to two display-URL path texts
``primary_text`` / ``primary_texts``  Meta body text, one text or a list
``title``                           a product-style title (Taobao limits apply to Chinese titles)
``keywords``                        text or ``{"text", "match_type", "bid"}``
``final_url``                       overrides the campaign's / product's landing page
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from engine.store.models import AdSet, AdVariant, Audience, Campaign, Product

MATCH_TYPES = ("exact", "phrase", "broad")


@dataclass(frozen=True)
class TextAsset:
    """One headline or description; ``pin`` is the 1-based position it must show in, if any."""

    text: str
    pin: int | None = None


@dataclass
class AdPlan:
    name: str
    headlines: list[TextAsset] = field(default_factory=list)
    descriptions: list[TextAsset] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    primary_texts: list[str] = field(default_factory=list)
    title: str | None = None
    final_url: str | None = None
    language: str = "en"
    variant_id: int | None = None


@dataclass(frozen=True)
class KeywordPlan:
    text: str
    match_type: str = "exact"  # exact | phrase | broad
    bid: float | None = None


@dataclass
class AdGroupPlan:
    name: str
    ads: list[AdPlan] = field(default_factory=list)
    keywords: list[KeywordPlan] = field(default_factory=list)
    skus: list[str] = field(default_factory=list)
    default_bid: float | None = None
    audience_id: int | None = None
    audience_name: str | None = None
    targeting: dict[str, Any] = field(default_factory=dict)


@dataclass
class CampaignPlan:
    name: str
    platform: str = "google"
    status: str = "draft"
    daily_budget: float | None = None
    start_date: date | None = None
    end_date: date | None = None
    objective: str | None = None
    final_url: str | None = None
    ad_groups: list[AdGroupPlan] = field(default_factory=list)
    campaign_id: int | None = None


# Which stored campaigns an export platform picks up when the caller names none. Microsoft
# imports Google search campaigns as they are (same RSA limits), so it takes both.
PLATFORM_FAMILIES: dict[str, tuple[str, ...]] = {
    "google-ads-editor": ("google",),
    "microsoft": ("microsoft", "google"),
    "meta": ("meta", "facebook", "instagram"),
    "amazon-sp": ("amazon",),
}


def load_campaigns(
    session: Session, platform: str, campaign_ids: Sequence[int] | None = None
) -> list[CampaignPlan]:
    """The campaigns to export: the named ones (any platform), else every one of ``platform``."""
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
        query = query.where(Campaign.platform.in_(PLATFORM_FAMILIES.get(platform, (platform,))))
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
    variants = chosen_variants(ad_set.variants)
    products = _products(session, [v.creative.product_id for v in variants])
    targeting = dict(ad_set.targeting or {})
    skus = _unique([*(p.sku for p in products.values()), *map(str, targeting.get("skus", []))])
    keywords = parse_keywords(
        [
            *(ad_set.keywords or []),
            *(k for v in variants for k in v.fields.get("keywords", []) or []),
        ]
    )
    audience = session.get(Audience, ad_set.audience_id) if ad_set.audience_id else None
    ads = []
    for variant in variants:
        product = products.get(variant.creative.product_id or -1)
        landing = campaign.final_url or (product.url if product else None)
        ads.append(
            ad_from_fields(
                variant.name, variant.fields, landing, variant.creative.language, variant.id
            )
        )
    return AdGroupPlan(
        name=ad_set.name,
        ads=ads,
        keywords=keywords,
        skus=skus,
        default_bid=ad_set.default_bid,
        audience_id=ad_set.audience_id,
        audience_name=audience.name if audience else None,
        targeting=targeting,
    )


def chosen_variants(variants: Iterable[AdVariant]) -> list[AdVariant]:
    """Approved variants; if none, the best-ranked one that was not rejected (or nothing)."""
    candidates = sorted(variants, key=lambda v: (v.rank is None, v.rank or 0, v.id))
    approved = [v for v in candidates if v.status == "approved"]
    if approved:
        return approved
    drafts = [v for v in candidates if v.status != "rejected"]
    return drafts[:1]


def ad_from_fields(
    name: str,
    fields: dict[str, Any],
    landing: str | None,
    language: str = "en",
    variant_id: int | None = None,
) -> AdPlan:
    """Turn a variant's ``fields`` JSON into an :class:`AdPlan` (see the module doc for keys)."""
    return AdPlan(
        name=name,
        headlines=_assets(fields.get("headlines", fields.get("headline"))),
        descriptions=_assets(fields.get("descriptions", fields.get("description"))),
        paths=[str(p) for p in _as_list(fields.get("paths"))],
        primary_texts=[
            str(t) for t in _as_list(fields.get("primary_texts", fields.get("primary_text")))
        ],
        title=str(fields["title"]) if fields.get("title") is not None else None,
        final_url=str(fields.get("final_url") or landing or "") or None,
        language=language,
        variant_id=variant_id,
    )


def parse_keywords(raw: Iterable[Any]) -> list[KeywordPlan]:
    """Keywords as text or ``{"text", "match_type", "bid"}``; repeats (text + match) dropped."""
    seen: set[tuple[str, str]] = set()
    keywords: list[KeywordPlan] = []
    for item in raw:
        if isinstance(item, dict):
            text = str(item.get("text", "")).strip()
            match_type = str(item.get("match_type", "exact")).strip().lower()
            bid = float(item["bid"]) if item.get("bid") is not None else None
        else:
            text, match_type, bid = str(item).strip(), "exact", None
        key = (text.lower(), match_type)
        if text and key not in seen:
            seen.add(key)
            keywords.append(KeywordPlan(text, match_type, bid))
    return keywords


def _assets(raw: Any) -> list[TextAsset]:
    assets = []
    for item in _as_list(raw):
        if isinstance(item, dict):
            pin = item.get("pin", item.get("position"))
            assets.append(
                TextAsset(str(item.get("text", "")), int(pin) if pin not in (None, "") else None)
            )
        else:
            assets.append(TextAsset(str(item)))
    return assets


def _as_list(raw: Any) -> list[Any]:
    if raw is None or raw == "":
        return []
    return list(raw) if isinstance(raw, list | tuple) else [raw]


def _products(session: Session, product_ids: Iterable[int | None]) -> dict[int, Product]:
    ids = {pid for pid in product_ids if pid is not None}
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
