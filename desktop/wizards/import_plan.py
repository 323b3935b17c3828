"""What the import wizard has learnt so far, and the worker bodies it runs (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import describe
from engine.importers.sniff import MIN_CONFIDENCE, SniffResult, sniff
from engine.progress import CancelToken, ProgressFn
from engine.services.context import AppContext

if TYPE_CHECKING:  # the service pulls in scikit-learn: imported inside the worker only
    from engine.importers.mapping import ColumnMapping
    from engine.services.import_preview import ImportPreview
    from engine.services.importing import ImportReport, RejectedRowView

MAPPED = "mapped"
"""The format name that means "a CSV whose columns the user mapped"."""


@dataclass
class SniffOutcome:
    """One file's detection, or the reason it could not be read."""

    path: Path
    result: SniffResult | None = None
    problem: str | None = None

    @property
    def recognised(self) -> bool:
        return self.result is not None and self.result.format is not None


@dataclass
class ImportPlan:
    """Shared by the wizard's pages: files, what was detected, the user's choices, the outcome."""

    paths: list[Path] = field(default_factory=list)
    sniffs: list[SniffOutcome] = field(default_factory=list)
    format_override: str | None = None  # None = trust detection
    mapping: ColumnMapping | None = None  # set when the user matched the columns themselves
    preview: ImportPreview | None = None  # the dry run's counts, for the check step
    report: ImportReport | None = None

    def readable(self) -> list[SniffOutcome]:
        return [outcome for outcome in self.sniffs if outcome.result is not None]

    def needs_mapping(self) -> bool:
        if self.format_override is not None:
            return self.format_override == MAPPED
        return any(not outcome.recognised for outcome in self.readable())


def sniff_files(paths: list[Path], progress: ProgressFn, cancel: CancelToken) -> list[SniffOutcome]:
    """Detect every file; a file that cannot be read gets a plain reason instead of a result."""
    outcomes = []
    for index, path in enumerate(paths):
        cancel.check()
        progress(index / max(len(paths), 1), path.name)
        try:
            outcomes.append(SniffOutcome(path, result=sniff(path)))
        except Exception as exc:  # each file's own problem is shown next to it
            outcomes.append(SniffOutcome(path, problem=describe(exc).message))
    return outcomes


def is_confident(result: SniffResult) -> bool:
    return result.format is not None and result.confidence >= MIN_CONFIDENCE


REJECTED_SHOWN = 5_000
"""Rejected rows loaded for the table; the CSV export writes the same rows."""


def run_preview(
    ctx: AppContext, plan: ImportPlan, progress: ProgressFn, cancel: CancelToken
) -> ImportPreview:
    """The wizard's check step: the import rehearsed on a copy, so nothing is stored yet."""
    from engine.services.import_preview import preview_import

    return preview_import(
        ctx,
        [outcome.path for outcome in plan.readable()],
        format_name=plan.format_override,
        mapping=plan.mapping,
        progress=progress,
        cancel=cancel,
        rejected_limit=REJECTED_SHOWN,
    )


@dataclass
class ImportOutcome:
    report: ImportReport
    rejected: dict[str, list[RejectedRowView]]  # file label -> its rejected rows (first N)


def run_import(
    ctx: AppContext, plan: ImportPlan, progress: ProgressFn, cancel: CancelToken
) -> ImportOutcome:
    """The wizard's import step: the service call, then each batch's rejected rows."""
    from engine.services.importing import import_files, rejected_rows

    report = import_files(
        ctx,
        [outcome.path for outcome in plan.readable()],
        format_name=plan.format_override,
        mapping=plan.mapping,
        progress=progress,
        cancel=cancel,
    )
    rejected = {
        batch.file: rejected_rows(ctx, batch.batch_id, limit=REJECTED_SHOWN)
        for batch in report.committed
        if batch.batch_id is not None and batch.rejected
    }
    return ImportOutcome(report, rejected)
