"""Which module writes which platform's file: the one table the service and the GUI read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from engine.exporters import (
    amazon_sp,
    customer_match,
    google_ads_editor,
    meta_ads,
    meta_audience,
    microsoft_ads,
)
from engine.exporters.adset import CampaignPlan
from engine.exporters.audience import AudienceRows, Contact


@dataclass(frozen=True)
class AdFormat:
    platform: str
    label: str
    file_name: str
    write: Callable[[Sequence[CampaignPlan], Path], int]


@dataclass(frozen=True)
class AudienceFormat:
    platform: str
    label: str
    file_prefix: str
    build: Callable[[Sequence[Contact], bool], AudienceRows]


def _ad(platform: str, label: str, module: ModuleType) -> AdFormat:
    return AdFormat(platform, label, module.FILE_NAME, module.write)


AD_FORMATS: dict[str, AdFormat] = {
    "google-ads-editor": _ad("google-ads-editor", "Google Ads Editor (RSA)", google_ads_editor),
    "meta": _ad("meta", "Meta Ads Manager bulk import", meta_ads),
    "amazon-sp": _ad("amazon-sp", "Amazon Sponsored Products bulksheet", amazon_sp),
    "microsoft": _ad("microsoft", "Microsoft Advertising bulk file", microsoft_ads),
}
AUDIENCE_FORMATS: dict[str, AudienceFormat] = {
    "customer-match": AudienceFormat(
        "customer-match", "Google Customer Match", customer_match.FILE_PREFIX, customer_match.build
    ),
    "meta-audience": AudienceFormat(
        "meta-audience", "Meta customer list", meta_audience.FILE_PREFIX, meta_audience.build
    ),
}
EXPORT_PLATFORMS: tuple[str, ...] = (*AD_FORMATS, *AUDIENCE_FORMATS)
