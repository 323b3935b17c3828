"""The export page's worker bodies: which platforms exist, check them, write them (no Qt here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.progress import CancelToken, ProgressFn, scaled
from engine.services.context import AppContext


@dataclass(frozen=True)
class PlatformChoice:
    platform: str
    label: str
    audience: bool  # a customer list (needs an audience) rather than ads


@dataclass(frozen=True)
class ExportChoices:
    platforms: list[PlatformChoice]
    audiences: list[dict[str, Any]]


def load_export_choices(ctx: AppContext) -> ExportChoices:
    from engine.services.exporting import AD_FORMATS, AUDIENCE_FORMATS
    from engine.services.targeting import list_audiences

    platforms = [PlatformChoice(name, fmt.label, False) for name, fmt in AD_FORMATS.items()]
    platforms += [PlatformChoice(name, fmt.label, True) for name, fmt in AUDIENCE_FORMATS.items()]
    return ExportChoices(platforms, list_audiences(ctx))


def check_platforms(
    ctx: AppContext, platforms: Sequence[PlatformChoice], audience_id: int | None
) -> list[tuple[str, Any]]:
    """Every problem each platform's file would have: (platform label, ExportViolation)."""
    from engine.services.exporting import validate

    found = []
    for choice in platforms:
        audience = audience_id if choice.audience else None
        everyone = choice.audience and audience_id is None
        found += [
            (choice.label, v)
            for v in validate(ctx, choice.platform, audience_id=audience, all_customers=everyone)
        ]
    return found


def write_platforms(
    ctx: AppContext,
    platforms: Sequence[PlatformChoice],
    audience_id: int | None,
    out_dir: Path,
    drop_invalid: bool,
    progress: ProgressFn,
    cancel: CancelToken,
) -> list[tuple[str, Any]]:
    """Write each platform's files into ``out_dir``: (platform label, ExportResult)."""
    from engine.services.exporting import export

    results = []
    for index, choice in enumerate(platforms):
        cancel.check()
        part = scaled(progress, index / len(platforms), (index + 1) / len(platforms))
        result = export(
            ctx, choice.platform, out_dir,
            audience_id=audience_id if choice.audience else None,
            all_customers=choice.audience and audience_id is None,
            drop_invalid=drop_invalid, progress=part, cancel=cancel,
        )  # fmt: skip
        results.append((choice.label, result))
    return results
