"""What an export check found, where, and how to drop the offending rows.

A violation names the smallest thing it is about (campaign, ad group, ad, keyword or audience
row) so ``--drop-invalid`` removes exactly that and keeps everything else. ``message`` is the full
sentence the CLI prints and the GUI shows, location included.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from engine.exporters.adset import CampaignPlan


@dataclass(frozen=True)
class ExportViolation:
    rule: str  # too_long | too_few | too_many | missing_final_url | invalid_url | banned_term | ...
    message: str  # what a shop owner reads, location included
    severity: str = "error"  # error: the file is not written (unless the row is dropped); warning
    where: str = ""  # "Campaign "Spring" › Ad group "Mugs" › Ad "v3"", or "row 12"
    field: str | None = None  # headline | description | path | primary_text | keyword | email ...
    value: str | None = None
    measured: int | None = None  # e.g. the measured length
    limit: int | None = None  # e.g. the platform's maximum
    campaign_index: int | None = None
    group_index: int | None = None
    ad_index: int | None = None
    keyword_index: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def errors(violations: Iterable[ExportViolation]) -> list[ExportViolation]:
    return [v for v in violations if v.is_error]


def drop_offending(
    campaigns: list[CampaignPlan], violations: Iterable[ExportViolation]
) -> list[CampaignPlan]:
    """A copy of ``campaigns`` without every campaign/ad group/ad/keyword an error points at.

    Ad groups left without ads, and campaigns left without ad groups, are dropped as well: the
    re-validation that follows would only report them as empty.
    """
    drop_campaigns: set[int] = set()
    drop_groups: set[tuple[int, int]] = set()
    drop_ads: set[tuple[int, int, int]] = set()
    drop_keywords: set[tuple[int, int, int]] = set()
    for v in errors(violations):
        if v.campaign_index is None:
            continue
        if v.group_index is None:
            drop_campaigns.add(v.campaign_index)
        elif v.ad_index is not None:
            drop_ads.add((v.campaign_index, v.group_index, v.ad_index))
        elif v.keyword_index is not None:
            drop_keywords.add((v.campaign_index, v.group_index, v.keyword_index))
        else:
            drop_groups.add((v.campaign_index, v.group_index))
    kept: list[CampaignPlan] = []
    for ci, campaign in enumerate(campaigns):
        if ci in drop_campaigns:
            continue
        clone = copy.deepcopy(campaign)
        groups = []
        for gi, group in enumerate(clone.ad_groups):
            if (ci, gi) in drop_groups:
                continue
            had_ads = bool(group.ads)
            group.ads = [ad for ai, ad in enumerate(group.ads) if (ci, gi, ai) not in drop_ads]
            group.keywords = [
                k for ki, k in enumerate(group.keywords) if (ci, gi, ki) not in drop_keywords
            ]
            if had_ads and not group.ads:
                continue
            groups.append(group)
        clone.ad_groups = groups
        if groups:
            kept.append(clone)
    return kept
