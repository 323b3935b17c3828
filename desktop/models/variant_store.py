"""Read and update stored ad variants: the studio's inline edits and approvals (no Qt here).

There is no engine service for editing a variant yet; these two small transactional writes
(fields, status) are kept here, apart from the widgets, so they can move into
``engine.services.copywriting`` unchanged. Exports pick up approved variants from the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from engine.store.db import session_scope
from engine.store.models import AdCreative, AdVariant

STATUSES = ("draft", "approved", "rejected")


@dataclass
class StoredVariant:
    id: int
    rank: int
    fields: dict[str, list[str]]  # headline -> ["...", ...]; display fields only
    scores: dict[str, Any]
    violations: list[dict[str, Any]]
    status: str


def load_variants(engine: Engine, creative_id: int) -> list[StoredVariant]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(AdVariant)
            .where(AdVariant.creative_id == creative_id)
            .order_by(AdVariant.rank, AdVariant.id)
        )
        return [
            StoredVariant(
                row.id,
                row.rank or 0,
                {
                    k: list(v)
                    for k, v in row.fields.items()
                    if k != "template_made" and isinstance(v, list)
                },
                dict(row.scores or {}),
                list(row.violations or []),
                row.status,
            )
            for row in rows
        ]


def latest_creative(engine: Engine) -> tuple[int, str] | None:
    """The newest copy request (id, platform), so the studio reopens where the merchant left off."""
    with session_scope(engine) as session:
        row = session.execute(
            select(AdCreative.id, AdCreative.platform).order_by(AdCreative.id.desc())
        ).first()
        return (int(row[0]), str(row[1])) if row else None


def save_fields(engine: Engine, variant_id: int, fields: dict[str, list[str]]) -> None:
    """Store the merchant's edited text (other stored keys, e.g. template markers, are kept)."""
    with session_scope(engine) as session:
        variant = _get(session, variant_id)
        variant.fields = {**variant.fields, **fields}


def set_status(engine: Engine, variant_id: int, status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"a variant's status is one of {', '.join(STATUSES)}, not {status!r}")
    with session_scope(engine) as session:
        _get(session, variant_id).status = status


def _get(session: Any, variant_id: int) -> AdVariant:
    variant = session.get(AdVariant, variant_id)
    if variant is None:
        raise ValueError(f"ad variant {variant_id} no longer exists; generate the copy again")
    return variant
