"""A dry run of an import: what Import would store, skip as already imported, and set aside.

The wizard's check step shows this before anything is stored. The rehearsal runs the real import
service (:func:`engine.services.importing.import_files`: the same reading, cleaning, duplicate
matching and row accounting) against a throw-away copy of the shop's database, so its counts are
exactly what Import will do, the merchant's store is never written, and any change to the import
path is followed with no second code path to keep in step. Copying uses SQLite's online backup,
so the copy is consistent even while the app reads the store.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.config import app_paths
from engine.importers.mapping import ColumnMapping
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.services.importing import (
    BatchSummary,
    RejectedRowView,
    import_files,
    rejected_rows,
)

COPY_PAGES_PER_STEP = 2_048
"""Database pages copied between progress reports and cancel checks (8 MiB at 4 KiB pages)."""


@dataclass
class ImportPreview:
    """Per file group what Import would do; ``rejected`` holds each group's first rejected rows,
    keyed by the group's file label."""

    batches: list[BatchSummary] = field(default_factory=list)
    rejected: dict[str, list[RejectedRowView]] = field(default_factory=dict)

    @property
    def importable(self) -> list[BatchSummary]:
        """Groups that would be imported (a group that cannot be read says why in ``message``)."""
        return [batch for batch in self.batches if batch.status == "committed"]


def preview_import(
    ctx: AppContext,
    paths: Sequence[Path | str],
    format_name: str | None = None,
    mapping: ColumnMapping | None = None,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    rejected_limit: int | None = 5_000,
) -> ImportPreview:
    """Rehearse importing ``paths`` (as :func:`import_files` would, categories aside) and report.

    Nothing in the shop's store changes, whatever happens: the rehearsal's copy lives in a
    temporary folder inside the data folder (the same disk) and is deleted before returning.
    """
    cancel = cancel or CancelToken()
    with tempfile.TemporaryDirectory(prefix="import-preview-", dir=_ensured(ctx)) as folder:
        rehearsal = AppContext(app_paths(folder))
        try:
            _copy_store(ctx, rehearsal.paths.database, scaled(progress, 0.0, 0.1), cancel)
            report = import_files(
                rehearsal, paths, format_name=format_name, mapping=mapping,
                progress=scaled(progress, 0.1, 0.95), cancel=cancel, infer=False,
            )  # fmt: skip
            preview = ImportPreview(batches=report.batches)
            for batch in report.committed:
                if batch.rejected and batch.batch_id is not None:
                    preview.rejected[batch.file] = rejected_rows(
                        rehearsal, batch.batch_id, limit=rejected_limit
                    )
        finally:
            rehearsal.close()
    progress(1.0, "Check finished")
    return preview


def _ensured(ctx: AppContext) -> Path:
    ctx.paths.ensure()
    return ctx.paths.home


def _copy_store(ctx: AppContext, target: Path, progress: ProgressFn, cancel: CancelToken) -> None:
    """A consistent copy of the store (created and migrated first if this is the first import)."""
    ctx.engine  # noqa: B018 (opening the store creates and migrates it)
    progress(0.0, "Preparing the check")

    def copied(_status: int, remaining: int, total: int) -> None:
        cancel.check()  # raising here stops the backup; the temporary copy is then deleted
        progress(1 - remaining / max(total, 1), "Preparing the check")

    source = sqlite3.connect(ctx.paths.database)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination, pages=COPY_PAGES_PER_STEP, progress=copied)
        finally:
            destination.close()
    finally:
        source.close()
