"""The Ad studio's worker bodies: what can be chosen, and writing copy (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.progress import Cancelled, CancelToken, ProgressFn, scaled
from engine.services.context import AppContext

if TYPE_CHECKING:  # the store's models load in workers, not at startup
    from engine.services.catalog import ProductChoice
    from engine.services.variants import CreativeVariants


@dataclass(frozen=True)
class StudioChoices:
    products: list[ProductChoice]
    audiences: list[dict[str, Any]]
    platforms: tuple[str, ...]
    tones: tuple[str, ...]
    shop: str
    latest: list[CreativeVariants]  # the newest copy written together, to reopen


@dataclass(frozen=True)
class CopyRequestForm:
    product_ids: tuple[int, ...]
    audience_id: int | None
    platform: str
    lang: str
    tone: str
    n: int


@dataclass(frozen=True)
class GeneratedCopy:
    creatives: list[CreativeVariants]  # one per product written, in the order asked
    requested: int  # products asked for; more than written when the merchant stopped early
    model_note: str  # which model, where it ran, and any quality note

    @property
    def stopped_early(self) -> bool:
        return len(self.creatives) < self.requested


def load_studio_choices(ctx: AppContext) -> StudioChoices:
    from engine.adrules.limits import PLATFORMS
    from engine.copywriting.prompts import TONES
    from engine.services.catalog import best_sellers, shop_name
    from engine.services.targeting import list_audiences
    from engine.services.variants import latest_request

    return StudioChoices(
        best_sellers(ctx),
        list_audiences(ctx),
        PLATFORMS,
        TONES,
        shop_name(ctx),
        latest_request(ctx),
    )


def generate_copy(
    ctx: AppContext, form: CopyRequestForm, progress: ProgressFn, cancel: CancelToken
) -> GeneratedCopy:
    """Write, score, rank and store ``form.n`` variants for each product, one after the other
    (the engine writes for one product at a time); torch loads here, in the worker.

    Each product's copy is stored as soon as it is written. Stopping keeps the products already
    finished and returns them, so minutes of work are not thrown away; stopping during the first
    product stores nothing.
    """
    if not form.product_ids:
        raise ValueError("choose at least one product to write ad copy for")
    from engine.services.variants import load_creative

    creatives: list[CreativeVariants] = []
    note = ""
    total = len(form.product_ids)
    for index, product_id in enumerate(form.product_ids):
        step = scaled(progress, index / total, (index + 1) / total)
        try:
            cancel.check()
            creative_id, note = _write_one(ctx, form, product_id, index, step, cancel)
        except Cancelled:
            if not creatives:
                raise
            break
        creatives.append(load_creative(ctx, creative_id))
    return GeneratedCopy(creatives, total, note)


def _write_one(
    ctx: AppContext,
    form: CopyRequestForm,
    product_id: int,
    index: int,
    progress: ProgressFn,
    cancel: CancelToken,
) -> tuple[int, str]:
    """One product's copy, stored; returns the request's id and the model note."""
    from engine.copywriting.compose import CopyRequest
    from engine.copywriting.prompts import AudienceFacts
    from engine.services.copywriting import audience_facts, product_facts, write_copy
    from engine.store.db import session_scope

    with session_scope(ctx.engine) as session:
        product = product_facts(session, product_id)
        audience = (
            audience_facts(session, form.audience_id) if form.audience_id else AudienceFacts()
        )
    if len(form.product_ids) > 1:  # say which product the engine's messages are about
        progress = _labelled(progress, f"{product.title} ({index + 1}/{len(form.product_ids)})")
    request = CopyRequest(product, form.platform, form.lang, form.tone, audience, form.n)
    result = write_copy(
        ctx,
        request,
        progress,
        cancel,
        save=True,
        product_id=product_id,
        audience_id=form.audience_id,
    )
    assert result.creative_id is not None  # save=True stores the creative
    note = f"{result.model} · {result.device} · {result.quantization}. {result.quality_note}"
    return result.creative_id, note.strip()


def _labelled(progress: ProgressFn, label: str) -> ProgressFn:
    return lambda fraction, message: progress(fraction, f"{label}: {message}")
