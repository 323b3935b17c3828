"""Link report rows to Pinpoint's campaigns, ad sets and ad variants.

Rule, most certain first: the platform's id (the report's Campaign ID / Ad group ID column
against ``external_id``), then the name compared case- and space-insensitively. Only campaigns
of the report's platform are candidates (a Google row never lands on a Meta campaign of the
same name), and a name shared by several of them leaves the row unmatched rather than
credited to the wrong campaign. A matched ad set or
variant implies its campaign. Unmatched rows are kept and listed — never dropped.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.store.models import AdSet, AdVariant, Campaign

ID_FIELDS = ("campaign_external_id", "ad_set_external_id", "ad_external_id")
NAME_FIELDS = ("campaign_name", "ad_set_name", "ad_name")


def name_key(name: str | None) -> str | None:
    """`  Spring  TEA sale ` and `spring tea sale` are the same campaign."""
    if not name:
        return None
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split()) or None


@dataclass(frozen=True, slots=True)
class RowKeys:
    """What a row says about where it belongs (any part may be missing)."""

    campaign_name: str | None = None
    ad_set_name: str | None = None
    ad_name: str | None = None
    campaign_external_id: str | None = None
    ad_set_external_id: str | None = None
    ad_external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    campaign_id: int | None = None
    ad_set_id: int | None = None
    variant_id: int | None = None

    @property
    def matched(self) -> bool:
        return self.campaign_id is not None


class Matcher:
    """An in-memory index of the shop's campaigns, ad sets and variants for fast matching."""

    def __init__(self, session: Session, shop_id: int, platform: str) -> None:
        self.platform = platform
        campaigns = session.execute(
            select(Campaign.id, Campaign.name, Campaign.external_id).where(
                Campaign.shop_id == shop_id, Campaign.platform == platform
            )
        ).all()
        self._campaign_by_id = {ext: cid for cid, _n, ext in campaigns if ext}
        self._campaign_by_name: dict[str, list[int]] = defaultdict(list)
        for cid, name, _e in campaigns:
            self._campaign_by_name[name_key(name) or ""].append(cid)
        ad_sets = session.execute(
            select(AdSet.id, AdSet.name, AdSet.campaign_id, AdSet.external_id)
            .join(Campaign)
            .where(Campaign.shop_id == shop_id, Campaign.platform == platform)
        ).all()
        self._ad_set_campaign = {sid: cid for sid, _n, cid, _e in ad_sets}
        self._ad_set_by_id = {ext: sid for sid, _n, _c, ext in ad_sets if ext}
        self._ad_set_by_name: dict[str, list[int]] = defaultdict(list)
        for sid, name, _c, _e in ad_sets:
            self._ad_set_by_name[name_key(name) or ""].append(sid)
        variants = session.execute(
            select(AdVariant.id, AdVariant.name, AdVariant.ad_set_id)
            .join(AdSet, AdVariant.ad_set_id == AdSet.id)
            .join(Campaign)
            .where(Campaign.shop_id == shop_id, Campaign.platform == platform)
        ).all()
        self._variant_ad_set = {vid: sid for vid, _n, sid in variants}
        self._variant_by_name: dict[str, list[int]] = defaultdict(list)
        for vid, name, _s in variants:
            self._variant_by_name[name_key(name) or ""].append(vid)

    def _campaign(self, keys: RowKeys) -> int | None:
        if keys.campaign_external_id and keys.campaign_external_id in self._campaign_by_id:
            return self._campaign_by_id[keys.campaign_external_id]
        candidates = self._campaign_by_name.get(name_key(keys.campaign_name) or "", [])
        return candidates[0] if len(candidates) == 1 else None

    def _ad_set(self, keys: RowKeys, campaign_id: int | None) -> int | None:
        if keys.ad_set_external_id and keys.ad_set_external_id in self._ad_set_by_id:
            return self._ad_set_by_id[keys.ad_set_external_id]
        candidates = self._ad_set_by_name.get(name_key(keys.ad_set_name) or "", [])
        if campaign_id is not None:
            candidates = [s for s in candidates if self._ad_set_campaign[s] == campaign_id]
        return candidates[0] if len(candidates) == 1 else None

    def _variant(self, keys: RowKeys, ad_set_id: int | None) -> int | None:
        candidates = self._variant_by_name.get(name_key(keys.ad_name) or "", [])
        if ad_set_id is not None:
            candidates = [v for v in candidates if self._variant_ad_set[v] == ad_set_id]
        return candidates[0] if len(candidates) == 1 else None

    def match(self, keys: RowKeys) -> Match:
        """The most specific links the row supports; parents are implied by children."""
        campaign_id = self._campaign(keys)
        ad_set_id = (
            self._ad_set(keys, campaign_id)
            if (keys.ad_set_name or keys.ad_set_external_id)
            else None
        )
        variant_id = self._variant(keys, ad_set_id) if keys.ad_name else None
        if ad_set_id is None and variant_id is not None:
            ad_set_id = self._variant_ad_set[variant_id]
        if campaign_id is None and ad_set_id is not None:
            campaign_id = self._ad_set_campaign[ad_set_id]
        return Match(campaign_id, ad_set_id, variant_id)
