"""Meta Ads Manager bulk import sheet (campaign, ad set and ad columns on every row).

Meta's own Ads Manager export, which its import reads back, has one row per ad carrying the
campaign and ad-set columns too (FORMATS.md §C; third-party copies only, the official template
was not retrieved). Pinpoint writes the same shape: the columns FORMATS.md lists, in that order,
then ``Link Description``, ``Link`` and ``Call to Action``. Text limits (primary text 125
recommended / 2,200 accepted, headline 40, description 30) are checked by the validator.

Ids are left blank: Meta creates new campaigns / ad sets / ads for rows without an id, and rows
sharing a campaign name (and ad-set name) are grouped under one campaign (ad set). The campaign's
daily budget is split evenly over its ad sets unless an ad set's ``targeting`` has
``daily_budget``; ``countries``, ``age_min``, ``age_max``, ``gender`` come from ``targeting``.
Written as UTF-8 with BOM (so Excel shows accents), comma, CRLF.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from engine.exporters.adset import AdGroupPlan, CampaignPlan
from engine.exporters.files import UTF8_BOM, read_records, write_delimited
from engine.exporters.safety import Cell

LAYOUT = UTF8_BOM
FILE_NAME = "meta-ads-bulk.csv"
HEADER: tuple[str, ...] = (
    "Campaign ID",
    "Campaign Name",
    "Campaign Status",
    "Campaign Objective",
    "Buying Type",
    "Ad Set ID",
    "Ad Set Run Status",
    "Ad Set Lifetime Impressions",
    "Ad Set Name",
    "Ad Set Time Start",
    "Ad Set Daily Budget",
    "Ad Set Lifetime Budget",
    "Countries",
    "Location Types",
    "Gender",
    "Age Min",
    "Age Max",
    "Optimization Goal",
    "Attribution Spec",
    "Billing Event",
    "Bid Amount",
    "Ad ID",
    "Ad Status",
    "Preview Link",
    "Ad Name",
    "Title",
    "Body",
    "Link Description",
    "Link",
    "Call to Action",
)
# Campaign.objective as the store holds it → Meta's outcome-based objective names.
OBJECTIVES = {
    "sales": "Outcome Sales",
    "conversions": "Outcome Sales",
    "traffic": "Outcome Traffic",
    "awareness": "Outcome Awareness",
    "reach": "Outcome Awareness",
    "engagement": "Outcome Engagement",
    "leads": "Outcome Leads",
    "app": "Outcome App Promotion",
}
DEFAULT_OBJECTIVE = "Outcome Sales"


def _status(stored: str) -> str:
    return "ACTIVE" if stored == "active" else "PAUSED"


def _ad_set_budget(campaign: CampaignPlan, group: AdGroupPlan) -> float | None:
    if group.targeting.get("daily_budget") is not None:
        return float(group.targeting["daily_budget"])
    if campaign.daily_budget is None or not campaign.ad_groups:
        return None
    return round(campaign.daily_budget / len(campaign.ad_groups), 2)


def _targeting(group: AdGroupPlan) -> dict[str, Any]:
    countries = group.targeting.get("countries") or []
    return {
        "Countries": ", ".join(countries) if isinstance(countries, list) else str(countries),
        "Gender": group.targeting.get("gender", ""),
        "Age Min": group.targeting.get("age_min"),
        "Age Max": group.targeting.get("age_max"),
    }


def rows(campaigns: Sequence[CampaignPlan]) -> Iterator[list[Cell]]:
    for campaign in campaigns:
        objective = OBJECTIVES.get(
            (campaign.objective or "").lower(), campaign.objective or DEFAULT_OBJECTIVE
        )
        start = campaign.start_date.strftime("%m/%d/%Y") if campaign.start_date else ""
        for group in campaign.ad_groups:
            targeting = _targeting(group)
            for ad in group.ads:
                cells: dict[str, Cell] = {
                    "Campaign Name": campaign.name,
                    "Campaign Status": _status(campaign.status),
                    "Campaign Objective": objective,
                    "Buying Type": "AUCTION",
                    "Ad Set Run Status": "ACTIVE",
                    "Ad Set Name": group.name,
                    "Ad Set Time Start": start,
                    "Ad Set Daily Budget": _ad_set_budget(campaign, group),
                    **targeting,
                    "Billing Event": "IMPRESSIONS",
                    "Ad Status": "ACTIVE",
                    "Ad Name": ad.name,
                    "Title": ad.headlines[0].text if ad.headlines else "",
                    "Body": ad.primary_texts[0] if ad.primary_texts else "",
                    "Link Description": ad.descriptions[0].text if ad.descriptions else "",
                    "Link": ad.final_url or "",
                    "Call to Action": "SHOP_NOW",
                }
                yield [cells.get(column, "") for column in HEADER]


def write(campaigns: Sequence[CampaignPlan], path: Path) -> int:
    """Write the file atomically; returns the data rows written."""
    return write_delimited(path, HEADER, rows(campaigns), LAYOUT)


def read(path: Path) -> list[dict[str, str]]:
    return read_records(path, LAYOUT)
