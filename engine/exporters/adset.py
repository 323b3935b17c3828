"""The platform-neutral ad-set model every writer consumes, and how variant copy maps onto it.

A :class:`CampaignPlan` holds :class:`AdGroupPlan` s (ad group on Google/Microsoft/Amazon, ad set
on Meta) with their ads, keywords and SKUs. :mod:`engine.exporters.source` builds them from the
store; tests and the GUI can build them directly.

``AdVariant.fields`` is the copy studio's JSON. ``engine/copywriting/compose.py`` stores one list
of lines per platform field under the field's singular name (``headline``, ``description``,
``path``, ``primary_text``, ``keyword``, ``title``) plus ``template_made``; the plural names and
single texts are accepted too, so hand-made rows and older drafts export the same way:

``headline`` / ``headlines``          lines, or ``{"text": ..., "pin": 1..3}``; or one text
``description`` / ``descriptions``    the same, pins 1..2
``path`` / ``paths``                  up to two display-URL path texts
``primary_text`` / ``primary_texts``  Meta body text
``title``                             a product-style title (Taobao limits for Chinese titles)
``keyword`` / ``keywords``            text or ``{"text", "match_type", "bid"}``
``final_url``                         overrides the campaign's / product's landing page
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    from_copy_requests: bool = False  # a draft built from saved copy, not a stored campaign


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
        headlines=_assets(_either(fields, "headline")),
        descriptions=_assets(_either(fields, "description")),
        paths=[str(p) for p in _as_list(_either(fields, "path"))],
        primary_texts=[
            str(t) for t in _as_list(fields.get("primary_texts", fields.get("primary_text")))
        ],
        title=next((str(t) for t in _as_list(fields.get("title"))), None),
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


def variant_keywords(fields: dict[str, Any]) -> list[Any]:
    """The raw keyword entries of a variant (``keyword`` or ``keywords``)."""
    return _as_list(_either(fields, "keyword"))


def _either(fields: dict[str, Any], singular: str) -> Any:
    plural = f"{singular}s"
    return fields[singular] if fields.get(singular) not in (None, "", []) else fields.get(plural)


def _as_list(raw: Any) -> list[Any]:
    if raw is None or raw == "":
        return []
    return list(raw) if isinstance(raw, list | tuple) else [raw]
