"""Import use cases: files in, one committed (or failed) batch per file group, and a report.

Each group of files (an export, or an export and its companion file such as Etsy's Sold Orders)
is read by the reading layer and stored by :class:`~engine.importers.pipeline.BatchWriter` inside
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

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.orm import Session

from engine.importers import categories
from engine.importers.api import ImportFormatError, ParsedSource, read_records
from engine.importers.formats import FORMATS
from engine.importers.mapping import ColumnMapping
from engine.importers.pipeline import BatchResult, BatchWriter
from engine.importers.sniff import SniffResult, sniff
from engine.progress import Cancelled, CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import ImportBatch, RejectedRow
from engine.store.queries import get_or_create_shop, table_counts

log = logging.getLogger(__name__)
BATCHES: Table = ImportBatch.__table__  # type: ignore[assignment]
_CHECK_EVERY = 2_000
_CACHE_KIB = 65_536


class ImportIntegrityError(RuntimeError):
    """The rows read and the rows accounted for differ: refuse to commit rather than lose any."""


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
) -> ImportReport:
    """Import every file group; a failed group is reported and the others still go in.

    With ``infer`` (the default), products left without a category afterwards get an inferred
    one (:func:`infer_categories`), in a transaction of its own after the batches committed.
    """
    cancel = cancel or CancelToken()
    groups = group_paths([Path(p) for p in paths])
    report = ImportReport()
    for index, group in enumerate(groups):
        cancel.check()
        part = scaled(progress, 0.95 * index / len(groups), 0.95 * (index + 1) / len(groups))
        report.batches.append(_import_group(ctx, group, format_name, mapping, part, cancel))
    if infer and report.committed:
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
    format_name: str | None,
    mapping: ColumnMapping | None,
    progress: ProgressFn,
    cancel: CancelToken,
) -> BatchSummary:
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
        batch_id, result = _store(ctx, source, batch, progress, cancel)
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
        return _record_failure(ctx, batch, message)
    return BatchSummary(
        file=label, format=batch["format"], encoding=batch.get("encoding"),
        rows_in=result.rows_stored + result.rows_rejected + result.rows_duplicate,
        orders=result.orders_stored, lines_stored=result.lines_stored,
        rejected=result.rows_rejected, duplicates=result.rows_duplicate, batch_id=batch_id,
        rows_stored=result.rows_stored, cleaning=result.cleaning.as_dict(),
    )  # fmt: skip


def _store(
    ctx: AppContext,
    source: ParsedSource,
    batch: dict[str, Any],
    progress: ProgressFn,
    cancel: CancelToken,
) -> tuple[int, BatchResult]:
    """Everything in one transaction; any exception (or a cancel) rolls all of it back."""
    with ctx.engine.connect() as connection, connection.begin():
        _tune(connection)
        shop_id, currency = _shop(connection)
        batch_id = int(connection.execute(
            BATCHES.insert().values(shop_id=shop_id, status="running", **batch)
            .returning(BATCHES.c.id)
        ).scalar_one())  # fmt: skip
        writer = BatchWriter(
            connection, shop_id, currency, batch_id, platform_hint=source.format,
            several_files=len(source.files) > 1,
        )  # fmt: skip
        for count, record in enumerate(source.records, start=1):
            writer.add(record)
            if count % _CHECK_EVERY == 0:
                cancel.check()
                progress(0.9 * source.fraction_done(), f"Importing {batch['file_name']}")
        cancel.check()
        progress(0.92, "Checking outliers and customers")
        result = writer.finish()
        rows_in = source.rows_in()
        accounted = result.rows_stored + result.rows_rejected + result.rows_duplicate
        if accounted != rows_in:
            raise ImportIntegrityError(
                f"{batch['file_name']}: {rows_in} rows were read but {accounted} were accounted "
                "for; nothing was stored so that no row is lost. Please report this file."
            )
        connection.execute(
            update(BATCHES).where(BATCHES.c.id == batch_id).values(
                rows_in=rows_in, rows_stored=result.rows_stored,
                rows_rejected=result.rows_rejected, rows_duplicate=result.rows_duplicate,
                orders_stored=result.orders_stored, status="committed",
                message=_cleaning_message(result), finished_at=datetime.utcnow(),
            )
        )  # fmt: skip
        cancel.check()
    progress(1.0, f"Imported {batch['file_name']}")
    return batch_id, result


def _tune(connection: Connection) -> None:
    """Pragmas that are safe inside one transaction: a bigger page cache, temp tables in RAM."""
    connection.exec_driver_sql(f"PRAGMA cache_size=-{_CACHE_KIB}")
    connection.exec_driver_sql("PRAGMA temp_store=MEMORY")


def _shop(connection: Connection) -> tuple[int, str]:
    with Session(bind=connection) as session:
        shop = get_or_create_shop(session)
        return shop.id, shop.currency


def _main_file(source: ParsedSource) -> SniffResult:
    return next((s for s in source.files if s.format == source.format), source.files[0])


def load_mapping(path: Path) -> ColumnMapping:
    """A column mapping saved by the wizard (raises a ValueError that names the file)."""
    return ColumnMapping.load(Path(path))


def _mapping_json(mapping: ColumnMapping | None) -> dict[str, Any] | None:
    return asdict(mapping) if mapping is not None else None


def _cleaning_message(result: BatchResult) -> str:
    reasons = ", ".join(f"{code}: {n}" for code, n in result.cleaning.rejected_by_reason.items())
    return f"rejected rows by reason: {reasons}" if reasons else "no rejected rows"


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


# ---------------------------------------------------------------------- categories


def infer_categories(
    ctx: AppContext, progress: ProgressFn = null_progress, cancel: CancelToken | None = None
) -> categories.InferenceResult:
    """Categories from product titles for products that have none (never renames any)."""
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        return categories.infer_categories(session, shop.id, progress, cancel)


def list_categories(ctx: AppContext) -> list[dict[str, Any]]:
    with session_scope(ctx.engine) as session:
        return categories.list_categories(session, get_or_create_shop(session).id)


def rename_category(ctx: AppContext, category_id: int, name: str) -> dict[str, Any]:
    with session_scope(ctx.engine) as session:
        category = categories.rename_category(session, category_id, name)
        return {"id": category.id, "name": category.name, "source": category.source}


def merge_categories(ctx: AppContext, target_id: int, source_ids: list[int]) -> int:
    """Products moved into ``target_id``; the merged categories are deleted."""
    with session_scope(ctx.engine) as session:
        return categories.merge_categories(session, target_id, source_ids)


# ---------------------------------------------------------------------- rejected rows


@dataclass
class RejectedRowView:
    row_number: int
    code: str | None
    column: str | None
    reason: str
    raw_text: str


def rejected_rows(
    ctx: AppContext, batch_id: int, limit: int | None = None
) -> list[RejectedRowView]:
    """The rejected rows of a batch, in file order (the wizard's "what was not imported" list)."""
    with session_scope(ctx.engine) as session:
        if session.get(ImportBatch, batch_id) is None:
            raise ValueError(f"there is no import batch {batch_id}; `pinpoint import` lists them")
        query = (
            select(RejectedRow)
            .where(RejectedRow.batch_id == batch_id)
            .order_by(RejectedRow.row_number)
        )
        if limit is not None:
            query = query.limit(limit)
        return [
            RejectedRowView(r.row_number, r.code, r.column, r.reason, r.raw_text)
            for r in session.scalars(query)
        ]


def list_batches(ctx: AppContext) -> list[dict[str, Any]]:
    """Every import so far, newest first."""
    with session_scope(ctx.engine) as session:
        batches = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).all()
        return [
            {
                "batch_id": b.id,
                "file": b.file_name,
                "format": b.format,
                "status": b.status,
                "rows_in": b.rows_in,
                "rows_stored": b.rows_stored,
                "rejected": b.rows_rejected,
                "duplicates": b.rows_duplicate,
                "orders": b.orders_stored,
                "started_at": b.started_at,
                "message": b.message,
            }
            for b in batches
        ]


__all__ = [
    "BatchSummary",
    "ImportReport",
    "RejectedRowView",
    "file_sha256",
    "group_paths",
    "import_files",
    "list_batches",
    "rejected_rows",
]
