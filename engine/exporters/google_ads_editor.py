"""Google Ads Editor import file for responsive search ads (RSA).

Written the way Editor's own export is (FORMATS.md §C, a real export was read): UTF-16LE with a
BOM, tab-separated, CRLF line ends, English headers in the export's column order. One row per ad;
an unpinned headline/description has the position `` -`` (space, dash), a pinned one ``1``..``3``
(headlines) or ``1``..``2`` (descriptions). The ad group's keywords follow as keyword rows
(``Keyword``, ``Criterion Type`` = Exact/Phrase/Broad, ``Max CPC``), the columns Editor's keyword
export uses (third-party copies; Editor's import guide was not retrieved), so the ad group can
serve once enabled. New campaigns are created *Paused* unless the stored campaign is active, so
nothing spends money before the merchant has looked at it in Editor.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from engine.exporters.adset import AdPlan, CampaignPlan
from engine.exporters.files import UTF16LE_TAB, read_records, write_delimited
from engine.exporters.safety import Cell

AD_TYPE = "Responsive search ad"
UNPINNED = " -"
MAX_HEADLINES, MAX_DESCRIPTIONS = 15, 4
LAYOUT = UTF16LE_TAB
FILE_NAME = "google-ads-editor-rsa.csv"

_ASSET_COLUMNS: tuple[str, ...] = tuple(
    column
    for kind, slots in (("Headline", MAX_HEADLINES), ("Description", MAX_DESCRIPTIONS))
    for i in range(1, slots + 1)
    for column in (f"{kind} {i}", f"{kind} {i} position")
)
# Editor's RSA export columns in its order (FORMATS.md), then the keyword columns.
HEADER: tuple[str, ...] = (
    "Campaign", "Ad Group", "Ad type", "Labels", *_ASSET_COLUMNS,
    "Path 1", "Path 2", "Final URL", "Final mobile URL", "Tracking template", "Final URL suffix",
    "Custom parameters", "Campaign Status", "Ad Group Status", "Status", "Approval Status",
    "Ad strength", "Comment", "Keyword", "Criterion Type", "Max CPC",
)  # fmt: skip
CRITERION_TYPES = {"exact": "Exact", "phrase": "Phrase", "broad": "Broad"}


def _asset_cells(ad: AdPlan) -> list[Cell]:
    """Headline 1..15 and Description 1..4 with their positions (blank slots stay blank)."""
    cells: list[Cell] = []
    for assets, slots in ((ad.headlines, MAX_HEADLINES), (ad.descriptions, MAX_DESCRIPTIONS)):
        for index in range(slots):
            if index < len(assets):
                asset = assets[index]
                cells += [asset.text, str(asset.pin) if asset.pin else UNPINNED]
            else:
                cells += ["", ""]
    return cells


def rows(campaigns: Sequence[CampaignPlan]) -> Iterator[list[Cell]]:
    """Per ad group: one row per ad, then one per keyword, in :data:`HEADER` order."""
    for campaign in campaigns:
        for group in campaign.ad_groups:
            names: dict[str, Cell] = {
                "Campaign": campaign.name,
                "Ad Group": group.name,
                "Campaign Status": "Enabled" if campaign.status == "active" else "Paused",
                "Ad Group Status": "Enabled",
                "Status": "Enabled",
            }
            for ad in group.ads:
                paths = [*ad.paths, "", ""][:2]
                cells = dict(zip(_ASSET_COLUMNS, _asset_cells(ad), strict=True))
                yield _row({
                    **names, **cells, "Ad type": AD_TYPE, "Path 1": paths[0], "Path 2": paths[1],
                    "Final URL": ad.final_url or "",
                    "Comment": f"Pinpoint variant {ad.variant_id}" if ad.variant_id else "Pinpoint",
                })  # fmt: skip
            for keyword in group.keywords:
                yield _row({
                    **names, "Keyword": keyword.text,
                    "Criterion Type": CRITERION_TYPES.get(keyword.match_type, keyword.match_type),
                    "Max CPC": keyword.bid,
                })  # fmt: skip


def _row(cells: dict[str, Cell]) -> list[Cell]:
    return [cells.get(column, "") for column in HEADER]


def write(campaigns: Sequence[CampaignPlan], path: Path) -> int:
    """Write the file atomically; returns the data rows written."""
    return write_delimited(path, HEADER, rows(campaigns), LAYOUT)


def read(path: Path) -> list[dict[str, str]]:
    return read_records(path, LAYOUT)
