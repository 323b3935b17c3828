"""Import use cases: files in, one committed (or failed) batch per file group, and a report.

Each group of files (an export, or an export and its companion file such as Etsy's Sold Orders)
is read by the reading layer and stored (:mod:`engine.services.importing_store`) inside
**one transaction**: a failure or a cancel leaves the store exactly as it was. After a failure a
short second transaction records a ``failed`` ImportBatch with the reason, so the merchant sees
what happened; a cancel records nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.importers import categories
from engine.importers.api import FrameUnsuitable, ImportFormatError, ParsedSource, read_records
from engine.importers.formats import FORMATS
from engine.importers.mapping import ColumnMapping
from engine.importers.sniff import SniffResult, sniff
from engine.progress import Cancelled, CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.services.importing_store import ImportIntegrityError, store_batch
from engine.services.importing_views import (
    RejectedRowView,
    infer_categories,
    list_batches,
    list_categories,
    merge_categories,
    rejected_rows,
    rename_category,
)
from engine.store.db import session_scope
from engine.store.models import ImportBatch
from engine.store.queries import get_or_create_shop, table_counts

log = logging.getLogger(__name__)


@dataclass
class BatchSummary:
    """One batch as the wizard and ``pinpoint import`` report it."""

    file: str
    format: str
    encoding: str | None
    rows_in: int
    orders: int
    lines_stored: int
    rejected: int
    duplicates: int
    status: str = "committed"
    batch_id: int | None = None
    rows_stored: int = 0
    message: str | None = None
    cleaning: dict[str, Any] = field(default_factory=dict)

    def contract(self) -> dict[str, Any]:
        """The keys ``pinpoint import --json`` promises, nothing else."""
        return {key: getattr(self, key) for key in (
            "file", "format", "encoding", "rows_in", "orders", "lines_stored", "rejected",
            "duplicates",
        )}  # fmt: skip


@dataclass
class ImportReport:
    batches: list[BatchSummary] = field(default_factory=list)
    categories: categories.InferenceResult | None = None  # products given inferred categories

    @property
    def committed(self) -> list[BatchSummary]:
        return [batch for batch in self.batches if batch.status == "committed"]

    @property
    def failed(self) -> list[BatchSummary]:
        return [batch for batch in self.batches if batch.status != "committed"]


def import_files(
    ctx: AppContext,
    paths: Sequence[Path | str],
    format_name: str | None = None,
    mapping: ColumnMapping | None = None,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    infer: bool = True,
    dry_run: bool = False,
) -> ImportReport:
    """Import every file group; a failed group is reported and the others still go in.

    With ``infer`` (the default), products left without a category afterwards get an inferred
    one (:func:`infer_categories`), in a transaction of its own after the batches committed.

    ``dry_run`` runs each group's import to the end and rolls it back: the same summaries (a
    "committed" status means it would commit; no batch id), nothing stored, no failure recorded,
    no categories inferred. Each group is rolled back before the next one starts, so a group is
    not compared with the rows an earlier group of the same call would have stored.
    """
    cancel = cancel or CancelToken()
    groups = group_paths([Path(p) for p in paths])
    report = ImportReport()
    for index, group in enumerate(groups):
        cancel.check()
        part = scaled(progress, 0.95 * index / len(groups), 0.95 * (index + 1) / len(groups))
        report.batches.append(
            _import_group(ctx, group, (format_name, mapping), part, cancel, dry_run)
        )
    if infer and report.committed and not dry_run:
        try:  # the batches are committed: a problem here must not read as a failed import
            report.categories = infer_categories(ctx, scaled(progress, 0.95, 1.0), cancel)
        except Cancelled:
            raise
        except Exception:
            log.exception("categories could not be inferred after the import")
    progress(1.0, "Import finished")
    return report


def group_paths(paths: list[Path]) -> list[list[Path]]:
    """One group per export file, with the companion files its format joins (Etsy, Taobao).

    A file that cannot be sniffed stays alone, so its error is reported for it and only it.
    """
    sniffed: list[tuple[Path, SniffResult | None]] = []
    for path in paths:
        try:
            sniffed.append((path, sniff(path)))
        except (ImportFormatError, OSError):
            sniffed.append((path, None))
    partner_names = {fmt.partner for fmt in FORMATS.values() if fmt.partner}
    partners = [(p, s) for p, s in sniffed if s is not None and s.format in partner_names]
    mains = [(p, s) for p, s in sniffed if (p, s) not in partners]
    if not mains:
        return [[p for p, _ in partners]] if partners else []
    groups = []
    for path, result in mains:
        wanted = FORMATS[result.format].partner if result and result.format else None
        groups.append([path, *(p for p, s in partners if s is not None and s.format == wanted)])
    return groups


def file_sha256(paths: Sequence[Path]) -> str:
    """SHA-256 of the file's bytes (of the files' bytes in order, for a joined group)."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _import_group(
    ctx: AppContext,
    group: list[Path],
    how: tuple[str | None, ColumnMapping | None],
    progress: ProgressFn,
    cancel: CancelToken,
    dry_run: bool,
) -> BatchSummary:
    format_name, mapping = how
    label = ", ".join(path.name for path in group)
    batch: dict[str, Any] = {
        "source_path": ", ".join(str(path) for path in group), "file_name": label[:500],
        "format": format_name or ("mapped" if mapping else "unknown"),
        "mapping": _mapping_json(mapping),
    }  # fmt: skip
    try:
        batch["file_hash"] = file_sha256(group)
        source = read_records(group, format_name, mapping, cancel)
        main = _main_file(source)
        batch.update(format=source.format, encoding=main.encoding, delimiter=main.delimiter,
                     kind=source.kind)  # fmt: skip
        progress(0.0, f"Importing {label}")
        try:
            batch_id, result = store_batch(ctx, source, batch, progress, cancel, dry_run=dry_run)
        except FrameUnsuitable as reason:  # rolled back; the row reader reads anything
            log.info("%s is read row by row: %s", label, reason)
            source = read_records(group, format_name, mapping, cancel)
            batch_id, result = store_batch(
                ctx, source, batch, progress, cancel, bulk=False, dry_run=dry_run
            )
    except Cancelled:
        raise
    except Exception as error:  # any failure: the transaction is rolled back; say what happened
        expected = isinstance(error, ImportFormatError | OSError | ImportIntegrityError)
        message = (
            str(error)
            if expected
            else f"{label}: the import stopped and nothing was stored ({error})."
        )
        if not expected:  # a bug: keep the traceback for the log; the caller shows the message
            log.exception("import of %s failed", label)
        return _failure(batch, message) if dry_run else _record_failure(ctx, batch, message)
    return BatchSummary(
        file=label, format=batch["format"], encoding=batch.get("encoding"),
        rows_in=result.rows_stored + result.rows_rejected + result.rows_duplicate,
        orders=result.orders_stored, lines_stored=result.lines_stored,
        rejected=result.rows_rejected, duplicates=result.rows_duplicate,
        batch_id=None if dry_run else batch_id,
        rows_stored=result.rows_stored, cleaning=result.cleaning.as_dict(),
    )  # fmt: skip


def _main_file(source: ParsedSource) -> SniffResult:
    return next((s for s in source.files if s.format == source.format), source.files[0])


def load_mapping(path: Path) -> ColumnMapping:
    """A column mapping saved by the wizard (raises a ValueError that names the file)."""
    return ColumnMapping.load(Path(path))


def _mapping_json(mapping: ColumnMapping | None) -> dict[str, Any] | None:
    return asdict(mapping) if mapping is not None else None


def _record_failure(ctx: AppContext, batch: dict[str, Any], message: str) -> BatchSummary:
    """A short transaction of its own: the failed batch row and nothing else.

    If even that cannot be written (the disk is full, the database locked), the failure is still
    reported to the caller, just without a batch id.
    """
    batch_id: int | None = None
    try:
        with session_scope(ctx.engine) as session:
            shop = get_or_create_shop(session)
            row = ImportBatch(
                shop_id=shop.id, status="failed", message=message,
                finished_at=datetime.utcnow(), file_hash=batch.get("file_hash", ""),
                **{k: v for k, v in batch.items() if k != "file_hash"},
            )  # fmt: skip
            session.add(row)
            session.flush()
            batch_id = row.id
    except Exception:
        log.exception("could not record the failed import of %s", batch["file_name"])
    return _failure(batch, message, batch_id)


def _failure(batch: dict[str, Any], message: str, batch_id: int | None = None) -> BatchSummary:
    return BatchSummary(
        file=batch["file_name"], format=batch["format"], encoding=batch.get("encoding"),
        rows_in=0, orders=0, lines_stored=0, rejected=0, duplicates=0, status="failed",
        batch_id=batch_id, message=message,
    )  # fmt: skip


def import_sample(
    ctx: AppContext, progress: ProgressFn, cancel: CancelToken, path: Path
) -> dict[str, Any]:
    """The demo's import stage: one export in, categories inferred, what the store now holds."""
    report = import_files(ctx, [path], progress=progress, cancel=cancel)
    if report.failed:
        raise RuntimeError(report.failed[0].message)
    [batch] = report.committed
    with session_scope(ctx.engine) as session:
        counts = table_counts(session)
    return {
        "rows_in": batch.rows_in, "rejected": batch.rejected, "duplicates": batch.duplicates,
        **{table: counts[table] for table in ("orders", "order_lines", "customers", "products",
                                              "categories")},
    }  # fmt: skip


__all__ = [  # the views are re-exported: the GUI and the CLI import them from here
    "BatchSummary",
    "ImportIntegrityError",
    "ImportReport",
    "RejectedRowView",
    "file_sha256",
    "group_paths",
    "import_files",
    "infer_categories",
    "list_batches",
    "list_categories",
    "merge_categories",
    "rejected_rows",
    "rename_category",
]
