"""Validators for ad exports: every rule a platform would reject on upload, in plain words.

The same messages reach the CLI (``violations`` in the JSON) and the GUI. Limits come from
:mod:`engine.adrules.limits` so the copy studio's "fits" and the exporter's "fits" never disagree;
banned terms and editorial rules from :mod:`engine.adrules.compliance`.

Severity: ``error`` blocks the export (unless ``--drop-invalid`` drops the row), ``warning`` is
reported and the file is still written (e.g. Meta primary text over the *recommended* 125).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from engine.exporters.adset import MATCH_TYPES, AdGroupPlan, AdPlan, CampaignPlan, TextAsset
from engine.exporters.checks import AdPlatform, FieldChecks, words
from engine.exporters.violations import ExportViolation

KEYWORD_MAX_WORDS = 10  # Google, Microsoft and Amazon all stop at ten words
AD_PLATFORMS: dict[str, AdPlatform] = {
    "google-ads-editor": AdPlatform("google-ads-editor", "Google Ads", "google", "rsa", False),
    "microsoft": AdPlatform("microsoft", "Microsoft Advertising", "microsoft", "rsa", True),
    "meta": AdPlatform("meta", "Meta", "meta", "meta", True),
    "amazon-sp": AdPlatform("amazon-sp", "Amazon Sponsored Products", "amazon", "amazon", True),
}
MAX_PINS = {"headline": 3, "description": 2}


class _Checker(FieldChecks):
    """Walks campaigns → ad groups → ads/keywords with the rules of one platform."""

    def campaign(self, ci: int, campaign: CampaignPlan, today: date) -> None:
        where = f'Campaign "{campaign.name}"'
        if not campaign.name.strip():
            self.add("missing_name", "the campaign has no name", where, (ci,))
        if not campaign.ad_groups:
            self.add("empty", "the campaign has no ad groups to export", where, (ci,))
        if self.platform.needs_budget and not (campaign.daily_budget or 0) > 0:
            self.add(
                "missing_budget",
                f"{self.platform.label} needs a daily budget above 0 for a new "
                "campaign; set one on the campaign",
                where,
                (ci,),
                field="daily_budget",
            )
        if campaign.end_date and campaign.end_date < (campaign.start_date or today):
            self.add(
                "invalid_dates",
                f"the end date {campaign.end_date} is before the start date",
                where,
                (ci,),
                field="end_date",
            )
        self.text("campaign name", campaign.name, where, (ci,), ad_copy=False)
        for gi, group in enumerate(campaign.ad_groups):
            self.group(ci, gi, campaign, group)

    def group(self, ci: int, gi: int, campaign: CampaignPlan, group: AdGroupPlan) -> None:
        where = f'Campaign "{campaign.name}" › Ad group "{group.name}"'
        self.text("ad group name", group.name, where, (ci, gi), ad_copy=False)
        earlier = [g.name.casefold().strip() for g in campaign.ad_groups[:gi]]
        if group.name.casefold().strip() in earlier:
            self.add(
                "duplicate_name",
                "another ad group of this campaign has the same name; rename one of them",
                where,
                (ci, gi),
            )
        if self.platform.kind == "meta" and not group.targeting.get("countries"):
            self.add(
                "no_location",
                "the ad set targets no country; Meta will ask for a location before it runs "
                '(set "countries" in the ad set\'s targeting)',
                where,
                (ci, gi),
                "warning",
            )
        if self.platform.kind == "amazon":
            self.amazon_group(ci, gi, group, where)
            return
        if self.platform.kind == "rsa":
            self.keywords(ci, gi, group, where)
        if not group.ads:
            self.add(
                "no_ads",
                "the ad group has no approved ad; approve a variant in the copy studio",
                where,
                (ci, gi),
            )
        for ai, ad in enumerate(group.ads):
            ad_where = f'{where} › Ad "{ad.name}"'
            if self.platform.kind == "rsa":
                self.rsa_ad(ad, ad_where, (ci, gi, ai))
            else:
                self.meta_ad(ad, ad_where, (ci, gi, ai))

    def amazon_group(self, ci: int, gi: int, group: AdGroupPlan, where: str) -> None:
        if not group.skus:
            self.add(
                "no_products",
                "the ad group advertises no product; Amazon needs at least one SKU (a product ad)",
                where,
                (ci, gi),
                field="sku",
            )
        if not (group.default_bid or 0) > 0:
            self.add(
                "missing_bid",
                "the ad group has no default bid; Amazon needs one above 0",
                where,
                (ci, gi),
                field="default_bid",
            )
        for sku in group.skus:
            self.text("SKU", sku, where, (ci, gi), ad_copy=False, verbatim=True)
        self.keywords(ci, gi, group, where)

    def keywords(self, ci: int, gi: int, group: AdGroupPlan, where: str) -> None:
        """Every platform: length, at most 10 words, a known match type, no formula start."""
        limit = self.limits["keyword"]
        for ki, keyword in enumerate(group.keywords):
            kw_where = f'{where} › Keyword "{keyword.text}"'
            scope = (ci, gi, None, ki)
            self.length("keyword", keyword.text, limit, kw_where, scope)
            words = len(keyword.text.split())
            if words > KEYWORD_MAX_WORDS:
                self.add(
                    "too_many_words",
                    f"the keyword has {words} words; {self.platform.label} allows "
                    f"{KEYWORD_MAX_WORDS}",
                    kw_where,
                    scope,
                    field="keyword",
                    value=keyword.text,
                    measured=words,
                    limit=KEYWORD_MAX_WORDS,
                )
            if keyword.match_type not in MATCH_TYPES:
                self.add(
                    "invalid_match_type",
                    f'match type "{keyword.match_type}" is not one of {", ".join(MATCH_TYPES)}',
                    kw_where,
                    scope,
                    field="match_type",
                )
            self.text("keyword", keyword.text, kw_where, scope, ad_copy=False, verbatim=True)

    # ------------------------------------------------------------------ ads

    def rsa_ad(self, ad: AdPlan, where: str, scope: tuple[int, ...]) -> None:
        self.assets("headline", ad.headlines, where, scope)
        self.assets("description", ad.descriptions, where, scope)
        path_limit = self.limits["path"]
        self.count("path", len(ad.paths), path_limit, where, scope)
        for index, path in enumerate(ad.paths, 1):
            self.length("path", path, path_limit, where, scope, index)
            if " " in path.strip() or "/" in path:
                self.add(
                    "invalid_path",
                    f'path {index} "{path}" may not contain spaces or "/"',
                    where,
                    scope,
                    field="path",
                    value=path,
                )
        self.landing_page(ad, where, scope)
        self.chinese_title(ad, where, scope)

    def meta_ad(self, ad: AdPlan, where: str, scope: tuple[int, ...]) -> None:
        fields = (
            ("primary_text", ad.primary_texts),
            ("headline", [a.text for a in ad.headlines]),
            ("description", [a.text for a in ad.descriptions]),
        )
        for name, texts in fields:
            limit = self.limits[name]
            if len(texts) < limit.min_count:
                self.add(
                    "too_few",
                    f"the ad has no {words(name)}; Meta needs one",
                    where,
                    scope,
                    field=name,
                    measured=0,
                    limit=limit.min_count,
                )
            if texts:
                self.length(name, texts[0], limit, where, scope)
                multiline = name == "primary_text"
                self.text(words(name), texts[0], where, scope, ad_copy=True, multiline=multiline)
            if len(texts) > 1:
                self.add(
                    "not_written",
                    f"the Meta bulk sheet holds one {words(name)} per ad; only "
                    f'"{texts[0]}" is written',
                    where,
                    scope,
                    "warning",
                    field=name,
                )
        self.landing_page(ad, where, scope)
        self.chinese_title(ad, where, scope)

    def assets(
        self, name: str, assets: Sequence[TextAsset], where: str, scope: tuple[int, ...]
    ) -> None:
        limit = self.limits[name]
        self.count(name, len(assets), limit, where, scope)
        seen: dict[str, int] = {}
        for index, asset in enumerate(assets, 1):
            self.length(name, asset.text, limit, where, scope, index)
            self.text(f"{name} {index}", asset.text, where, scope, ad_copy=True)
            key = " ".join(unicodedata.normalize("NFC", asset.text).casefold().split())
            if key in seen:
                self.add(
                    "duplicate",
                    f'{name} {index} "{asset.text}" repeats {name} {seen[key]}; '
                    f"every {name} must be different",
                    where,
                    scope,
                    field=name,
                    value=asset.text,
                )
            else:
                seen[key] = index
            if asset.pin is not None and not 1 <= asset.pin <= MAX_PINS[name]:
                self.add(
                    "invalid_pin",
                    f"{name} {index} is pinned to position {asset.pin}; "
                    f"{self.platform.label} pins {name}s to positions 1–{MAX_PINS[name]}",
                    where,
                    scope,
                    field=name,
                    value=asset.text,
                )

    # ------------------------------------------------------------------ single values


def validate_campaigns(
    platform: str, campaigns: Sequence[CampaignPlan], today: date | None = None
) -> list[ExportViolation]:
    """Every violation in ``campaigns`` for ``platform``; none means the file may be written."""
    try:
        checker = _Checker(AD_PLATFORMS[platform])
    except KeyError:
        raise ValueError(
            f"unknown ad platform {platform!r}; expected one of {', '.join(AD_PLATFORMS)}"
        ) from None
    seen: dict[str, int] = {}
    for ci, campaign in enumerate(campaigns):
        checker.campaign(ci, campaign, today or date.today())
        key = " ".join(campaign.name.casefold().split())
        if key in seen:
            checker.add(
                "duplicate_name",
                f"another campaign in this export has the same name; {checker.platform.label} "
                "matches campaigns by name, so rename one of them",
                f'Campaign "{campaign.name}"',
                (ci,),
            )
        seen.setdefault(key, ci)
    return checker.found
