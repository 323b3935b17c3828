"""Microsoft Advertising bulk file: campaigns, ad groups, keywords and responsive search ads.

Layout (learn.microsoft.com bulk-file-schema / responsive-search-ad, FORMATS.md §C): ``Type`` is
the first column; row 2 is ``Format Version`` with ``6.0`` in the ``Name`` column; new entities
get negative ``Id`` values and children point at them with a negative ``Parent Id``; RSA headlines
and descriptions are JSON arrays ``[{"text": "…", "pinnedField": "Headline1"}]`` inside one CSV
cell (the csv module doubles the quotes). Ids and bids are written as *numbers*: the formula
neutraliser leaves numbers alone, so ``-1`` stays ``-1`` (a ``'-1`` would break the references).

Written as UTF-8 with BOM, comma, CRLF (what the Microsoft Advertising web UI downloads). Budget
type ``DailyBudgetStandard``; the time zone is London unless the ad set's ``targeting`` carries
``time_zone`` (Campaign has no column for it); new campaigns are Paused unless stored as active.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from engine.exporters.adset import CampaignPlan, TextAsset
from engine.exporters.files import UTF8_BOM, read_records, write_delimited
from engine.exporters.safety import Cell

FORMAT_VERSION = "6.0"
DEFAULT_TIME_ZONE = "GreenwichMeanTimeDublinEdinburghLisbonLondon"
LAYOUT = UTF8_BOM
FILE_NAME = "microsoft-ads-bulk.csv"
MATCH_TYPE_WORDS = {"exact": "Exact", "phrase": "Phrase", "broad": "Broad"}

# The documented RSA column order first (so "Name" is the 10th column as in the docs' example
# "Format Version,,,,,,,,,6.0"), then the campaign / ad group / keyword columns.
HEADER: tuple[str, ...] = (
    "Type",
    "Status",
    "Id",
    "Parent Id",
    "Campaign",
    "Ad Group",
    "Client Id",
    "Modified Time",
    "Ad Format Preference",
    "Name",
    "App Platform",
    "App Id",
    "Final Url",
    "Mobile Final Url",
    "Tracking Template",
    "Final Url Suffix",
    "Custom Parameter",
    "Description",
    "Path 1",
    "Path 2",
    "Domain",
    "Headline",
    "Budget",
    "Budget Type",
    "Time Zone",
    "Cpc Bid",
    "Keyword",
    "Match Type",
    "Bid",
)
_COLUMN = {name: index for index, name in enumerate(HEADER)}


def _row(**cells: Cell) -> list[Cell]:
    row: list[Cell] = [""] * len(HEADER)
    for key, value in cells.items():
        row[_COLUMN[key.replace("_", " ")]] = value
    return row


def assets_json(assets: Sequence[TextAsset], kind: str) -> str:
    """``[{"text": ..., "pinnedField": "Headline1"}, ...]``; unpinned ones have no pinnedField."""
    items = []
    for asset in assets:
        item: dict[str, str] = {"text": asset.text}
        if asset.pin:
            item["pinnedField"] = f"{kind}{asset.pin}"
        items.append(item)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def rows(campaigns: Sequence[CampaignPlan]) -> Iterator[list[Cell]]:
    yield _row(Type="Format Version", Name=FORMAT_VERSION)
    next_id = -1
    for campaign in campaigns:
        campaign_id, next_id = next_id, next_id - 1
        status = "Active" if campaign.status == "active" else "Paused"
        time_zone = next(
            (
                g.targeting.get("time_zone")
                for g in campaign.ad_groups
                if g.targeting.get("time_zone")
            ),
            DEFAULT_TIME_ZONE,
        )
        yield _row(
            Type="Campaign",
            Status=status,
            Id=campaign_id,
            Campaign=campaign.name,
            Budget=campaign.daily_budget,
            Budget_Type="DailyBudgetStandard",
            Time_Zone=time_zone,
        )
        for group in campaign.ad_groups:
            group_id, next_id = next_id, next_id - 1
            names = {"Campaign": campaign.name, "Ad_Group": group.name}
            yield _row(
                Type="Ad Group",
                Status="Active",
                Id=group_id,
                Parent_Id=campaign_id,
                Cpc_Bid=group.default_bid,
                **names,
            )
            for keyword in group.keywords:
                yield _row(
                    Type="Keyword",
                    Status="Active",
                    Parent_Id=group_id,
                    Keyword=keyword.text,
                    Match_Type=MATCH_TYPE_WORDS.get(keyword.match_type, keyword.match_type),
                    Bid=keyword.bid,
                    **names,
                )
            for ad in group.ads:
                paths = [*ad.paths, "", ""][:2]
                yield _row(
                    Type="Responsive Search Ad",
                    Status="Active",
                    Parent_Id=group_id,
                    Final_Url=ad.final_url,
                    Path_1=paths[0],
                    Path_2=paths[1],
                    Headline=assets_json(ad.headlines, "Headline"),
                    Description=assets_json(ad.descriptions, "Description"),
                    **names,
                )


def write(campaigns: Sequence[CampaignPlan], path: Path) -> int:
    """Write the file atomically; returns the data rows (the Format Version row is not one)."""
    return write_delimited(path, HEADER, rows(campaigns), LAYOUT) - 1


def read(path: Path) -> list[dict[str, str]]:
    return read_records(path, LAYOUT)
