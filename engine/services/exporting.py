"""Export use cases: validate and write ad-platform upload files and audience lists.

``validate`` answers "would this export be accepted, and if not why" without touching the disk;
``export`` runs the same checks first and writes nothing while an error remains — unless the
caller drops the offending rows (``drop_invalid``), in which case those campaigns / ad groups /
ads / keywords are left out and the rest is validated again before writing. Every file is written
atomically, with a Markdown summary (``export-report-<platform>.md``) next to it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from engine.exporters.adset import CampaignPlan
from engine.exporters.audience import (
    AudienceContacts,
    AudienceRows,
    load_audiences,
    size_violations,
)
from engine.exporters.registry import AD_FORMATS, AUDIENCE_FORMATS, EXPORT_PLATFORMS
from engine.exporters.report import PLAIN_TEXT_WARNING, render_report, write_report
from engine.exporters.source import draft_from_copy_requests, load_campaigns
from engine.exporters.validation import validate_campaigns
from engine.exporters.violations import ExportViolation, drop_offending, errors
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import Shop

log = logging.getLogger(__name__)


@dataclass
class ExportResult:
    platform: str
    files: list[str] = field(default_factory=list)
    rows: int = 0  # data rows over all files
    file_rows: list[int] = field(default_factory=list)  # data rows per file, same order as files
    violations: list[ExportViolation] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # where each dropped row was
    notes: list[str] = field(default_factory=list)
    report: str | None = None

    def add_file(self, path: Path, rows: int) -> None:
        self.files.append(str(path))
        self.file_rows.append(rows)
        self.rows += rows

    @property
    def written(self) -> bool:
        return bool(self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "files": self.files,
            "rows": self.rows,
            "file_rows": self.file_rows,
            "violations": [v.to_dict() for v in self.violations],
            "dropped": self.dropped,
            "notes": self.notes,
            "report": self.report,
        }


def validate(
    ctx: AppContext,
    platform: str,
    campaign_ids: Sequence[int] | None = None,
    audience_id: int | None = None,
    all_customers: bool = False,
) -> list[ExportViolation]:
    """Every violation the export would report, without writing anything."""
    _check_platform(platform)
    if platform in AUDIENCE_FORMATS:
        with session_scope(ctx.engine) as session:
            audiences = load_audiences(session, audience_id, all_customers)
        return [v for a in audiences for v in _audience_violations(platform, a, plain_text=False)]
    campaigns, _notes = _campaigns_to_export(ctx, platform, campaign_ids)
    return (
        _nothing_to_export(platform) if not campaigns else validate_campaigns(platform, campaigns)
    )


def export(
    ctx: AppContext,
    platform: str,
    out_dir: Path | str,
    campaign_ids: Sequence[int] | None = None,
    audience_id: int | None = None,
    plain_text: bool = False,
    drop_invalid: bool = False,
    all_customers: bool = False,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Validate, then write ``platform``'s file(s) into ``out_dir``; see the module docstring."""
    _check_platform(platform)
    cancel = cancel or CancelToken()
    out = Path(out_dir).expanduser()
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file; choose a folder to write the export files into")
    progress(0.0, "Reading the store")
    if platform in AUDIENCE_FORMATS:
        with session_scope(ctx.engine) as session:
            audiences = load_audiences(session, audience_id, all_customers)
        result = _export_audiences(platform, out, audiences, plain_text, progress, cancel)
        label = AUDIENCE_FORMATS[platform].label
    else:
        result = _export_ads(ctx, platform, out, campaign_ids, drop_invalid, cancel)
        label = AD_FORMATS[platform].label
    report_path = out / f"export-report-{platform}.md"
    written = [
        (Path(name), rows) for name, rows in zip(result.files, result.file_rows, strict=True)
    ]
    text = render_report(
        label, written, result.violations, result.dropped, result.notes, datetime.now()
    )
    result.report = str(write_report(report_path, text))
    progress(1.0, f"Exported {result.rows} rows" if result.written else "Nothing exported")
    return result


# ---------------------------------------------------------------------------- ad platforms


def _export_ads(
    ctx: AppContext,
    platform: str,
    out: Path,
    campaign_ids: Sequence[int] | None,
    drop_invalid: bool,
    cancel: CancelToken,
) -> ExportResult:
    result = ExportResult(platform)
    campaigns, result.notes = _campaigns_to_export(ctx, platform, campaign_ids)
    if not campaigns:
        result.violations = _nothing_to_export(platform)
        return result
    result.violations = validate_campaigns(platform, campaigns)
    if errors(result.violations) and drop_invalid:
        result.dropped = list(dict.fromkeys(v.where for v in errors(result.violations)))
        campaigns = drop_offending(campaigns, result.violations)
        remaining = validate_campaigns(platform, campaigns)
        result.violations += [v for v in remaining if v.is_error]
        if not campaigns:
            result.notes.append("Every campaign had an error, so nothing was left to export.")
            return result
        if errors(remaining):
            return result
    elif errors(result.violations):
        return result
    cancel.check()
    fmt = AD_FORMATS[platform]
    path = out / fmt.file_name
    result.add_file(path, fmt.write(campaigns, path))
    result.notes.append(_currency_note(ctx))
    return result


def _currency_note(ctx: AppContext) -> str:
    with session_scope(ctx.engine) as session:
        shop = session.scalars(select(Shop).order_by(Shop.id).limit(1)).first()
    currency = shop.currency if shop else "your shop's currency"
    return (
        f"Budgets and bids are written in {currency}, the shop's currency; the ad account you "
        "upload to must use the same currency."
    )


def _campaigns_to_export(
    ctx: AppContext, platform: str, campaign_ids: Sequence[int] | None
) -> tuple[list[CampaignPlan], list[str]]:
    """Stored campaigns; with none stored (and none named), a draft from the saved copy."""
    with session_scope(ctx.engine) as session:
        campaigns = load_campaigns(session, platform, campaign_ids)
        if campaigns or campaign_ids:
            return campaigns, []
        drafts = draft_from_copy_requests(session, platform)
    return drafts, [_draft_note(campaign) for campaign in drafts]


def _draft_note(campaign: CampaignPlan) -> str:
    ads = sum(len(group.ads) for group in campaign.ad_groups)
    return (
        f'No campaign for this platform is stored yet, so Pinpoint built the paused draft "'
        f'{campaign.name}" from saved copy ({len(campaign.ad_groups)} ad groups, {ads} ads). '
        "Set its budget and bids in the ad platform before enabling it."
    )


def _nothing_to_export(platform: str) -> list[ExportViolation]:
    label = AD_FORMATS[platform].label
    return [
        ExportViolation(
            rule="nothing_to_export",
            where="Store",
            message=f"Store: no campaign to export to {label} yet; create one (audience → copy → "
            "approve a variant) or pass campaign ids explicitly",
        )
    ]


# ---------------------------------------------------------------------------- audiences


def _export_audiences(
    platform: str,
    out: Path,
    audiences: list[AudienceContacts],
    plain_text: bool,
    progress: ProgressFn,
    cancel: CancelToken,
) -> ExportResult:
    fmt = AUDIENCE_FORMATS[platform]
    result = ExportResult(platform)
    if plain_text:
        log.warning(PLAIN_TEXT_WARNING)
        result.notes.append(PLAIN_TEXT_WARNING)
    for index, audience in enumerate(audiences):
        cancel.check()
        progress(index / max(len(audiences), 1), f"Preparing {audience.name}")
        rows = fmt.build(audience.contacts, plain_text)
        found = size_violations(platform, audience.name, rows.chances)
        result.violations += found
        result.notes += _audience_notes(audience, rows)
        if errors(found):
            continue
        path = out / f"{fmt.file_prefix}-{_slug(audience.name, audience.audience_id)}.csv"
        result.add_file(path, rows.write(path))
    return result


def _audience_violations(
    platform: str, audience: AudienceContacts, plain_text: bool
) -> list[ExportViolation]:
    rows = AUDIENCE_FORMATS[platform].build(audience.contacts, plain_text)
    return size_violations(platform, audience.name, rows.chances)


def _audience_notes(audience: AudienceContacts, rows: AudienceRows) -> list[str]:
    notes = []
    if audience.excluded_no_consent:
        notes.append(
            f'Audience "{audience.name}": {audience.excluded_no_consent} customers left out '
            "because they did not accept marketing."
        )
    if audience.excluded_no_contact:
        notes.append(
            f'Audience "{audience.name}": {audience.excluded_no_contact} customers left out '
            "because the store has no e-mail, phone or name for them."
        )
    if rows.phones_unusable:
        notes.append(
            f'Audience "{audience.name}": {rows.phones_unusable} phone numbers could not be '
            "completed to international (E.164) form and were left out."
        )
    if rows.duplicates:
        notes.append(
            f'Audience "{audience.name}": {rows.duplicates} rows were identical to another '
            "(the same person stored twice) and were written once."
        )
    return notes


def _slug(name: str, audience_id: int | None) -> str:
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-")[:60]
    return f"{audience_id}-{slug}" if audience_id is not None else (slug or "audience")


def _check_platform(platform: str) -> None:
    if platform not in EXPORT_PLATFORMS:
        raise ValueError(
            f"unknown export platform {platform!r}; expected one of {', '.join(EXPORT_PLATFORMS)}"
        )


def export_everything(
    ctx: AppContext, progress: ProgressFn = null_progress, cancel: CancelToken | None = None
) -> dict[str, Any]:
    """The demo's "export" stage: every platform's file(s) from whatever the store holds.

    A platform with nothing to export (no campaign yet, audience too small) is skipped with its
    reason, never a failure: the demo shows what an upload would look like at this stage. When no
    stored audience is big enough, the audience files fall back to the whole customer list.
    """
    cancel = cancel or CancelToken()
    out = ctx.paths.exports
    outcome: dict[str, str] = {}
    written = 0
    for index, platform in enumerate(EXPORT_PLATFORMS):
        cancel.check()
        progress(index / len(EXPORT_PLATFORMS), f"Exporting {platform}")
        result = export(ctx, platform, out, drop_invalid=True, cancel=cancel)
        if platform in AUDIENCE_FORMATS and not result.written:  # no stored audience is big enough
            result = export(ctx, platform, out, all_customers=True, cancel=cancel)
        written += len(result.files)
        if result.written:
            outcome[platform] = f"{result.rows} rows in {len(result.files)} file(s)"
        else:
            reasons = [v.message for v in errors(result.violations)][:1] or ["nothing to export"]
            outcome[platform] = f"skipped: {reasons[0]}"
    progress(1.0, f"{written} files written")
    return {"exports_dir": str(out), "files_written": written, "platforms": outcome}
