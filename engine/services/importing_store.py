"""One import batch in one transaction: records stored, the ledger checked, the batch row written.

A big plain file of a format that parses in blocks goes through the bulk path
(:mod:`engine.importers.bulk_orders`); everything else, record by record, through the
:class:`~engine.importers.pipeline.BatchWriter`. If the block reader finds, part-way, that the
file needs the row reader (:class:`~engine.importers.api.FrameUnsuitable`), the exception rolls
the transaction back and the caller runs the batch again row by row.

The store's journal settings stay as they are (WAL, ``synchronous=NORMAL``): the batch is one
transaction that a crash rolls back, never a half-written store. The bulk path switches foreign
key checks off for its connection (SQLite checks them per row, ~20% of inserting the lines) and
runs ``PRAGMA foreign_key_check`` on every table it writes before committing instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, update
from sqlalchemy.orm import Session

from engine.importers.api import BlockLoading, ParsedSource, block_loading
from engine.importers.bulk_orders import BulkOrderLoader
from engine.importers.pipeline import BatchResult, BatchWriter
from engine.progress import CancelToken, ProgressFn, scaled
from engine.services.context import AppContext
from engine.store.models import ImportBatch
from engine.store.queries import get_or_create_shop

BATCHES: Table = ImportBatch.__table__  # type: ignore[assignment]
BULK_MIN_BYTES = 1 << 20  # below ~10,000 lines the row path is as quick and starts no pandas
_CHECK_EVERY = 2_000
_CACHE_KIB = 65_536
_WRITTEN_TABLES = (
    "customers", "customer_external_ids", "customer_contacts", "categories", "products",
    "orders", "order_lines", "rejected_rows", "behaviour_events",
)  # fmt: skip


class ImportIntegrityError(RuntimeError):
    """The rows read and the rows accounted for differ: refuse to commit rather than lose any."""


def store_batch(
    ctx: AppContext,
    source: ParsedSource,
    batch: dict[str, Any],
    progress: ProgressFn,
    cancel: CancelToken,
    bulk: bool = True,
    dry_run: bool = False,
) -> tuple[int, BatchResult]:
    """Everything in one transaction; any exception (or a cancel) rolls all of it back.

    ``dry_run`` does all the same work and checks, then rolls back instead of committing: the
    result says what the import would store, and the store is as it was.
    """
    size = sum(table.total_bytes for table in source.tables)
    loading = block_loading(source, cancel) if bulk and size >= BULK_MIN_BYTES else None
    with (
        ctx.engine.connect() as connection,
        _foreign_keys_checked_at_commit(connection, loading is not None),
        connection.begin() as transaction,
    ):
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
        feeding = scaled(progress, 0.0, 0.9)
        rows_in = _feed(writer, source, loading, feeding, cancel, batch["file_name"])
        cancel.check()
        progress(0.92, "Checking outliers and customers")
        result = writer.finish()
        _check_foreign_keys(connection, batch["file_name"])
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
        if dry_run:
            transaction.rollback()
    progress(1.0, f"Checked {batch['file_name']}" if dry_run else f"Imported {batch['file_name']}")
    return batch_id, result


def _feed(
    writer: BatchWriter,
    source: ParsedSource,
    loading: BlockLoading | None,
    progress: ProgressFn,
    cancel: CancelToken,
    name: str,
) -> int:
    """Hand every row of ``source`` to the batch; the number of data rows read."""
    if loading is not None:
        parser, context, reader = loading
        BulkOrderLoader(writer, parser, context).load(reader, progress, cancel)
        return reader.rows_in
    for count, record in enumerate(source.records, start=1):
        writer.add(record)
        if count % _CHECK_EVERY == 0:
            cancel.check()
            progress(source.fraction_done(), f"Importing {name}")
    return source.rows_in()


@contextmanager
def _foreign_keys_checked_at_commit(connection: Connection, bulk: bool) -> Iterator[None]:
    """For a bulk import, foreign keys are checked once before the commit, not row by row.

    SQLite only switches them outside a transaction, so this wraps the batch's transaction;
    they are switched back on afterwards whatever happened, or the connection is discarded.
    """
    if not bulk:
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()  # the pragma ran outside any SQLite transaction; close SQLAlchemy's
    try:
        yield
    finally:
        try:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
        except Exception:
            connection.invalidate()  # never hand a connection without foreign keys back
            raise


def _check_foreign_keys(connection: Connection, name: str) -> None:
    """Every row of the tables an import writes points at rows that exist (while unchecked)."""
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        return  # checked row by row already
    for table in _WRITTEN_TABLES:
        problem = connection.exec_driver_sql(f"PRAGMA foreign_key_check({table})").first()
        if problem is not None:
            raise ImportIntegrityError(
                f"{name}: a {problem[0]} row points at a missing {problem[2]} row; nothing was "
                "stored. Please report this file."
            )


def _tune(connection: Connection) -> None:
    """Pragmas that are safe inside one transaction: a bigger page cache, temp tables in RAM."""
    connection.exec_driver_sql(f"PRAGMA cache_size=-{_CACHE_KIB}")
    connection.exec_driver_sql("PRAGMA temp_store=MEMORY")


def _shop(connection: Connection) -> tuple[int, str]:
    with Session(bind=connection) as session:
        shop = get_or_create_shop(session)
        return shop.id, shop.currency


def _cleaning_message(result: BatchResult) -> str:
    reasons = ", ".join(f"{code}: {n}" for code, n in result.cleaning.rejected_by_reason.items())
    return f"rejected rows by reason: {reasons}" if reasons else "no rejected rows"
