"""The merchant's review of generated ad copy: read a request's variants, edit, approve, reject.

:mod:`engine.services.copywriting` writes the variants; this is what happens to them after.
Every write is one short transaction. Exports pick up the approved variants from the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import AdCreative, AdVariant, Product

STATUSES = ("draft", "approved", "rejected")
HIDDEN_FIELDS = ("template_made",)
"""Stored bookkeeping, not ad text: never shown or edited."""


@dataclass
class StoredVariant:
    id: int
    rank: int
    fields: dict[str, list[str]]  # headline -> ["...", ...]; display fields only
    scores: dict[str, Any]
    violations: list[dict[str, Any]]
    status: str


@dataclass
class CreativeVariants:
    """One copy request (one product, one platform) and its variants, best ranked first."""

    creative_id: int
    platform: str
    product: str  # the product's title; "" when the request named none
    variants: list[StoredVariant]


def load_creative(ctx: AppContext, creative_id: int) -> CreativeVariants:
    with session_scope(ctx.engine) as session:
        creative = session.get(AdCreative, creative_id)
        if creative is None:
            raise ValueError(f"ad copy request {creative_id} no longer exists; write it again")
        return _view(session, creative)


def latest_request(ctx: AppContext, limit: int = 20) -> list[CreativeVariants]:
    """The newest copy requests written together, so the studio reopens where the merchant
    left off.

    Several products written in one go are stored as one request each, with the same platform,
    language, tone and audience: the run is the newest requests that share those, one per
    product (at most ``limit``), returned in the order they were written. Only copy a model
    wrote counts (the demo's simulated campaigns store placeholder ads without one). Empty
    before any copy was written.
    """
    with session_scope(ctx.engine) as session:
        newest = session.scalars(
            select(AdCreative)
            .where(AdCreative.model_name.is_not(None))
            .order_by(AdCreative.id.desc())
            .limit(limit)
        ).all()
        if not newest:
            return []
        run: list[AdCreative] = []
        for creative in newest:
            if _settings(creative) != _settings(newest[0]) or any(
                c.product_id == creative.product_id for c in run
            ):
                break
            run.append(creative)
        return [_view(session, creative) for creative in reversed(run)]  # in the order written


def _settings(creative: AdCreative) -> tuple[object, ...]:
    return creative.platform, creative.language, creative.tone, creative.audience_id


def _view(session: Session, creative: AdCreative) -> CreativeVariants:
    product = session.get(Product, creative.product_id) if creative.product_id else None
    rows = session.scalars(
        select(AdVariant)
        .where(AdVariant.creative_id == creative.id)
        .order_by(AdVariant.rank, AdVariant.id)
    )
    return CreativeVariants(
        creative.id,
        creative.platform,
        product.title if product else "",
        [_stored(row) for row in rows],
    )


def _stored(row: AdVariant) -> StoredVariant:
    return StoredVariant(
        row.id,
        row.rank or 0,
        {
            k: list(v)
            for k, v in row.fields.items()
            if k not in HIDDEN_FIELDS and isinstance(v, list)
        },
        dict(row.scores or {}),
        list(row.violations or []),
        row.status,
    )


def save_fields(ctx: AppContext, variant_id: int, fields: dict[str, list[str]]) -> None:
    """Store the merchant's edited text (other stored keys, e.g. template markers, are kept)."""
    with session_scope(ctx.engine) as session:
        variant = _get(session, variant_id)
        variant.fields = {**variant.fields, **fields}


def set_status(ctx: AppContext, variant_id: int, status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"a variant's status is one of {', '.join(STATUSES)}, not {status!r}")
    with session_scope(ctx.engine) as session:
        _get(session, variant_id).status = status


def _get(session: Session, variant_id: int) -> AdVariant:
    variant = session.get(AdVariant, variant_id)
    if variant is None:
        raise ValueError(f"ad variant {variant_id} no longer exists; generate the copy again")
    return variant
