"""The Ad studio's worker bodies: what can be chosen, and writing copy (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.progress import CancelToken, ProgressFn
from engine.services.context import AppContext

if TYPE_CHECKING:  # the store's models load in workers, not at startup
    from desktop.models.catalog_queries import ProductChoice
    from desktop.models.variant_store import StoredVariant


@dataclass(frozen=True)
class StudioChoices:
    products: list[ProductChoice]
    audiences: list[dict[str, Any]]
    platforms: tuple[str, ...]
    tones: tuple[str, ...]
    shop: str
    latest: tuple[int, str, list[StoredVariant]] | None  # creative id, platform, its variants


@dataclass(frozen=True)
class CopyRequestForm:
    product_id: int
    audience_id: int | None
    platform: str
    lang: str
    tone: str
    n: int


@dataclass(frozen=True)
class GeneratedCopy:
    creative_id: int
    platform: str
    model_note: str  # which model, where it ran, and any quality note
    variants: list[StoredVariant]


def load_studio_choices(ctx: AppContext) -> StudioChoices:
    from desktop.models.catalog_queries import best_sellers, shop_name
    from desktop.models.variant_store import latest_creative, load_variants
    from engine.adrules.limits import PLATFORMS
    from engine.copywriting.prompts import TONES
    from engine.services.targeting import list_audiences

    latest = latest_creative(ctx.engine)
    opened = (latest[0], latest[1], load_variants(ctx.engine, latest[0])) if latest else None
    return StudioChoices(
        best_sellers(ctx.engine),
        list_audiences(ctx),
        PLATFORMS,
        TONES,
        shop_name(ctx.engine),
        opened,
    )


def generate_copy(
    ctx: AppContext, form: CopyRequestForm, progress: ProgressFn, cancel: CancelToken
) -> GeneratedCopy:
    """Write, score, rank and store ``form.n`` variants; torch loads here, in the worker."""
    from desktop.models.variant_store import load_variants
    from engine.copywriting.compose import CopyRequest
    from engine.copywriting.prompts import AudienceFacts
    from engine.services.copywriting import audience_facts, product_facts, write_copy
    from engine.store.db import session_scope

    with session_scope(ctx.engine) as session:
        product = product_facts(session, form.product_id)
        audience = (
            audience_facts(session, form.audience_id) if form.audience_id else AudienceFacts()
        )
    request = CopyRequest(product, form.platform, form.lang, form.tone, audience, form.n)
    result = write_copy(
        ctx,
        request,
        progress,
        cancel,
        save=True,
        product_id=form.product_id,
        audience_id=form.audience_id,
    )
    assert result.creative_id is not None  # save=True stores the creative
    note = (
        f"{result.model} · {result.device} · {result.quantization}. {result.quality_note}".strip()
    )
    return GeneratedCopy(
        result.creative_id, form.platform, note, load_variants(ctx.engine, result.creative_id)
    )
