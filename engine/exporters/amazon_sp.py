"""Amazon Sponsored Products bulksheet 2.0 (xlsx): campaigns, ad groups, product ads, keywords.

Columns are the bulksheet-2.0 download's, in order (FORMATS.md §C; third-party copies, the
official page was not retrieved); the "(Informational only)" columns stay empty. New entities are
linked the way the bulksheet does it: ``Campaign ID`` / ``Ad Group ID`` hold a temporary *name*
(we use the campaign / ad-group name) that the child rows repeat. Dates are ``YYYYMMDD`` text,
states lower-case (``enabled`` / ``paused``), match types lower-case; targeting is ``Manual``
when the ad group has keywords, else ``Auto``. Budgets and bids are numeric cells; every text
cell goes through the formula neutraliser and is stored as a string, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path

from engine.exporters.adset import CampaignPlan
from engine.exporters.files import atomic_write
from engine.exporters.safety import Cell, safe_cell

SHEET_NAME = "Sponsored Products Campaigns"
FILE_NAME = "amazon-sp-bulksheet.xlsx"
PRODUCT = "Sponsored Products"
BIDDING_STRATEGY = "Dynamic bids - down only"
HEADER: tuple[str, ...] = (
    "Product",
    "Entity",
    "Operation",
    "Campaign ID",
    "Ad Group ID",
    "Portfolio ID",
    "Ad ID",
    "Keyword ID",
    "Product Targeting ID",
    "Campaign Name",
    "Ad Group Name",
    "Campaign Name (Informational only)",
    "Ad Group Name (Informational only)",
    "Portfolio Name (Informational only)",
    "Start Date",
    "End Date",
    "Targeting Type",
    "State",
    "Campaign State (Informational only)",
    "Ad Group State (Informational only)",
    "Daily Budget",
    "SKU",
    "ASIN (Informational only)",
    "Ad Group Default Bid",
    "Ad Group Default Bid (Informational only)",
    "Bid",
    "Keyword Text",
    "Native Language Keyword",
    "Native Language Locale",
    "Match Type",
    "Bidding Strategy",
    "Placement",
    "Percentage",
    "Product Targeting Expression",
    "Resolved Product Targeting Expression (Informational only)",
)


def _ymd(day: date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def rows(campaigns: Sequence[CampaignPlan], today: date | None = None) -> Iterator[list[Cell]]:
    """One row per campaign, ad group, product ad and keyword, parents first."""
    for campaign in campaigns:
        manual = any(group.keywords for group in campaign.ad_groups)
        base = {"Product": PRODUCT, "Operation": "Create", "Campaign ID": campaign.name}
        yield _row(
            base,
            Entity="Campaign",
            **{
                "Campaign Name": campaign.name,
                "Start Date": _ymd(campaign.start_date or today or date.today()),
                "End Date": _ymd(campaign.end_date),
                "Targeting Type": "Manual" if manual else "Auto",
                "State": "enabled" if campaign.status == "active" else "paused",
                "Daily Budget": campaign.daily_budget,
                "Bidding Strategy": BIDDING_STRATEGY,
            },
        )
        for group in campaign.ad_groups:
            in_group = {**base, "Ad Group ID": group.name}
            yield _row(
                in_group,
                Entity="Ad Group",
                State="enabled",
                **{"Ad Group Name": group.name, "Ad Group Default Bid": group.default_bid},
            )
            for sku in group.skus:
                yield _row(in_group, Entity="Product Ad", State="enabled", SKU=sku)
            for keyword in group.keywords:
                yield _row(
                    in_group,
                    Entity="Keyword",
                    State="enabled",
                    Bid=keyword.bid,
                    **{"Keyword Text": keyword.text, "Match Type": keyword.match_type},
                )


def _row(base: Mapping[str, Cell], **cells: Cell) -> list[Cell]:
    merged = {**base, **cells}
    return [merged.get(column) for column in HEADER]


def write(campaigns: Sequence[CampaignPlan], path: Path, today: date | None = None) -> int:
    from openpyxl import Workbook  # imported here so `pinpoint --help` stays fast

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    sheet.append(list(HEADER))
    count = 0
    for row in rows(campaigns, today):
        sheet.append([safe_cell(cell) if cell is not None else None for cell in row])
        count += 1
    atomic_write(path, lambda temp: workbook.save(temp))
    return count


def read(path: Path) -> list[dict[str, object]]:
    """The sheet's rows as dicts (header → value), reading values, never formulas' results."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    sheet = workbook[SHEET_NAME]
    values = list(sheet.iter_rows(values_only=True))
    workbook.close()
    header = [str(h) for h in values[0]]
    width = len(header)  # read-only sheets trim trailing empty cells; pad them back
    return [
        dict(zip(header, (*row, *[None] * (width - len(row))), strict=True)) for row in values[1:]
    ]
