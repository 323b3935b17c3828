"""What the wizard and `pinpoint import` show of past imports: categories, rejected rows, batches.

Read-mostly use cases kept apart from :mod:`engine.services.importing`, which stores batches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from engine.importers import categories
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import ImportBatch, RejectedRow
from engine.store.queries import get_or_create_shop


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
