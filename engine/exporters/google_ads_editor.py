"""Google Ads Editor import file for responsive search ads (RSA).

Written the way Editor's own export is (FORMATS.md §C, a real export was read): UTF-16LE with a
BOM, tab-separated, CRLF line ends, English headers in the export's column order. One row per ad;
an unpinned headline/description has the position `` -`` (space, dash), a pinned one ``1``..``3``
(headlines) or ``1``..``2`` (descriptions). New campaigns are created *Paused* unless the stored
campaign is active, so nothing spends money before the merchant has looked at it in Editor.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from engine.exporters.adset import CampaignPlan, TextAsset
from engine.exporters.files import UTF16LE_TAB, read_records, write_delimited
from engine.exporters.safety import Cell

AD_TYPE = "Responsive search ad"
UNPINNED = " -"
MAX_HEADLINES, MAX_DESCRIPTIONS = 15, 4
LAYOUT = UTF16LE_TAB
FILE_NAME = "google-ads-editor-rsa.csv"

HEADER: tuple[str, ...] = (
    "Campaign",
    "Ad Group",
    "Ad type",
    "Labels",
    *(
        col
        for i in range(1, MAX_HEADLINES + 1)
        for col in (f"Headline {i}", f"Headline {i} position")
    ),
    *(
        col
        for i in range(1, MAX_DESCRIPTIONS + 1)
        for col in (f"Description {i}", f"Description {i} position")
    ),
    "Path 1",
    "Path 2",
    "Final URL",
    "Final mobile URL",
    "Tracking template",
    "Final URL suffix",
    "Custom parameters",
    "Campaign Status",
    "Ad Group Status",
    "Status",
    "Approval Status",
    "Ad strength",
    "Comment",
)


def _asset_cells(assets: Sequence[TextAsset], slots: int) -> list[Cell]:
    cells: list[Cell] = []
    for index in range(slots):
        if index < len(assets):
            asset = assets[index]
            cells += [asset.text, str(asset.pin) if asset.pin else UNPINNED]
        else:
            cells += ["", ""]
    return cells


def rows(campaigns: Sequence[CampaignPlan]) -> Iterator[list[Cell]]:
    """One row per ad, in :data:`HEADER` order."""
    for campaign in campaigns:
        campaign_status = "Enabled" if campaign.status == "active" else "Paused"
        for group in campaign.ad_groups:
            for ad in group.ads:
                paths = [*ad.paths, "", ""][:2]
                comment = f"Pinpoint variant {ad.variant_id}" if ad.variant_id else "Pinpoint"
                yield [
                    campaign.name,
                    group.name,
                    AD_TYPE,
                    "",
                    *_asset_cells(ad.headlines, MAX_HEADLINES),
                    *_asset_cells(ad.descriptions, MAX_DESCRIPTIONS),
                    paths[0],
                    paths[1],
                    ad.final_url or "",
                    "",
                    "",
                    "",
                    "",
                    campaign_status,
                    "Enabled",
                    "Enabled",
                    "",
                    "",
                    comment,
                ]


def write(campaigns: Sequence[CampaignPlan], path: Path) -> int:
    """Write the file atomically; returns the data rows written."""
    return write_delimited(path, HEADER, rows(campaigns), LAYOUT)


def read(path: Path) -> list[dict[str, str]]:
    return read_records(path, LAYOUT)
