"""Use case: write ad copy for a product and an audience (the Ad studio and ``pinpoint copy``).

Loads the copy model once per process (the fastest guarded method for this machine), composes,
scores and ranks the variants, and — when asked — stores them as an ``AdCreative`` with its
``AdVariant`` rows in one transaction.

torch and transformers are imported inside the functions that need them, so importing this
module (the CLI and the demo do at start-up) stays cheap.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from engine.copywriting.prompts import AudienceFacts, ProductFacts
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import (
    AdCreative,
    AdVariant,
    Audience,
    AudienceMember,
    CustomerProfile,
    OrderLine,
    Product,
)
from engine.store.queries import get_or_create_shop

if TYPE_CHECKING:
    from engine.copywriting.compose import CopyRequest, Variant
    from engine.copywriting.finetune import FineTuneResult
    from engine.copywriting.loading import LoadedModel

_MODELS: dict[tuple[str, str], LoadedModel] = {}
_MODELS_LOCK = threading.Lock()


@dataclass
class CopyResult:
    model: str
    device: str
    quantization: str
    quality_note: str  # e.g. why the model runs in fp32; the GUI shows it
    variants: list[Variant]
    creative_id: int | None = None
    seconds: float = 0.0
    guard: dict[str, object] = field(default_factory=dict)


def model_folder(ctx: AppContext, lang: str) -> Path:
    """The user's imported checkpoint when set in Settings, else the bundled model for ``lang``."""
    from engine.copywriting.loading import bundled_model_dir

    return (
        Path(ctx.settings.copy_model_dir).expanduser()
        if ctx.settings.copy_model_dir
        else bundled_model_dir(lang)
    )


def copy_model(ctx: AppContext, lang: str) -> LoadedModel:
    """Load (once per process) the guarded copy model for ``lang`` on the configured device."""
    from engine.copywriting.loading import load_copy_model

    folder = model_folder(ctx, lang)
    key = (str(folder), ctx.settings.device)
    with _MODELS_LOCK:
        if key not in _MODELS:
            four_bit = bool(ctx.settings.extra.get("copy_four_bit", False))  # NF4 on CUDA
            _MODELS[key] = load_copy_model(
                folder, ctx.settings.device, ctx.paths.models / "copy-cache", four_bit=four_bit
            )
        return _MODELS[key]


def download_copy_model(ctx: AppContext, repo_id: str) -> Path:
    """Fetch a GPT-2-family checkpoint the user asked for; refused unless Settings allow network."""
    from engine.copywriting.loading import download_checkpoint

    destination = ctx.paths.models / repo_id.replace("/", "--")
    return download_checkpoint(repo_id, destination, ctx.settings.allow_network)


def product_facts(session: Session, product_id: int) -> ProductFacts:
    """The product as the copy model and the templates see it.

    A category Pinpoint inferred is named by its top title terms ("Tea · Regency · Time"): fine
    for grouping, not words a shopper should read in a headline, so it is left out until the
    merchant renames it (a renamed or merged category becomes ``source="user"``).
    """
    product = session.get(Product, product_id)
    if product is None:
        raise ValueError(f"product {product_id} does not exist in this shop")
    attributes = {
        str(k): str(v) for k, v in (product.attributes or {}).items() if v not in (None, "")
    }
    if product.vendor:
        attributes.setdefault("brand", product.vendor)
    named = product.category
    category = named.name if named is not None and named.source != "inferred" else ""
    return ProductFacts(product.title, category, attributes, product.price, product.currency or "")


def audience_facts(session: Session, audience_id: int, top: int = 3) -> AudienceFacts:
    """Top interests (summed θ over members' profiles) and the most common RFM segment."""
    rows = session.execute(
        select(CustomerProfile.interests, CustomerProfile.segment)
        .join(AudienceMember, AudienceMember.customer_id == CustomerProfile.customer_id)
        .where(AudienceMember.audience_id == audience_id)
    ).all()
    if session.get(Audience, audience_id) is None:
        raise ValueError(f"audience {audience_id} does not exist in this shop")
    interests: Counter[str] = Counter()
    segments: Counter[str] = Counter()
    for profile_interests, segment in rows:
        interests.update({str(k): float(v) for k, v in (profile_interests or {}).items()})
        if segment:
            segments[segment] += 1
    return AudienceFacts(
        tuple(name for name, _ in interests.most_common(top)),
        segments.most_common(1)[0][0] if segments else "",
    )


def _save(
    ctx: AppContext,
    request: CopyRequest,
    result: CopyResult,
    product_id: int | None,
    audience_id: int | None,
) -> int:
    with session_scope(ctx.engine) as session:
        product = session.get(Product, product_id) if product_id else None
        shop_id = product.shop_id if product else get_or_create_shop(session).id
        creative = AdCreative(
            shop_id=shop_id,
            product_id=product_id,
            audience_id=audience_id,
            platform=request.platform,
            language=request.lang,
            tone=request.tone,
            model_name=result.model,
            quantization=result.quantization,
            prompt={
                "product": asdict(request.product),
                "audience": asdict(request.audience),
                "n": request.n,
                "seed": request.seed,
            },
        )
        for variant in result.variants:
            creative.variants.append(
                AdVariant(
                    name=f"{request.platform} variant {variant.rank}",
                    fields={**variant.fields, "template_made": variant.template_made},
                    scores={**variant.scores, "details": variant.details},
                    violations=variant.violations,
                    rank=variant.rank,
                )
            )
        session.add(creative)
        session.flush()
        return creative.id


def write_copy(
    ctx: AppContext,
    request: CopyRequest,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    save: bool = False,
    product_id: int | None = None,
    audience_id: int | None = None,
) -> CopyResult:
    """Write, score and rank ``request.n`` variants; store them when ``save`` is true."""
    from engine.copywriting.compose import compose_variants
    from engine.copywriting.ranking import rank_variants
    from engine.copywriting.sampler import generation_threads
    from engine.copywriting.scoring.variant import score_variant

    started = time.perf_counter()
    progress(0.0, "Loading the copy model")
    loaded = copy_model(ctx, request.lang)
    with generation_threads(loaded.model):
        variants = compose_variants(loaded, request, scaled(progress, 0.1, 0.8), cancel)
        progress(0.8, "Scoring variants")
        for variant in variants:
            score_variant(variant, request.product, request.audience, variants, loaded)
    result = CopyResult(
        loaded.name,
        loaded.device,
        loaded.quantization,
        loaded.note,
        rank_variants(variants),
        guard=loaded.guard.to_dict() if loaded.guard else {},
    )
    if save:
        if cancel is not None:
            cancel.check()
        result.creative_id = _save(ctx, request, result, product_id, audience_id)
    result.seconds = round(time.perf_counter() - started, 3)
    progress(1.0, f"{len(result.variants)} variants ready")
    return result


def train_brand_voice(
    ctx: AppContext,
    lang: str,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> FineTuneResult:
    """Fine-tune the current copy model on this shop's products into ``models/brand-voice-LANG``.

    The new folder is not switched on automatically: the user compares and then picks it in
    Settings (``copy_model_dir``).
    """
    from engine.copywriting.finetune import CatalogItem, finetune_brand_voice

    with session_scope(ctx.engine) as session:
        products = session.scalars(select(Product).where(Product.is_non_product.is_(False))).all()
        items = [
            CatalogItem(product_facts(session, p.id), p.description or "")
            for p in products
            if p.title
        ]
    out = ctx.paths.models / f"brand-voice-{lang}"
    return finetune_brand_voice(
        model_folder(ctx, lang), items, out, lang, progress=progress, cancel=cancel
    )


def demo_copy(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, object]:
    """Demo stage: Google ads for the sample shop's best-selling product, saved to the store."""
    from engine.copywriting.compose import CopyRequest

    with session_scope(ctx.engine) as session:
        top = session.execute(
            select(
                OrderLine.product_id,
                func.sum(OrderLine.quantity * func.coalesce(OrderLine.unit_price, 0)).label(
                    "revenue"
                ),
            )
            .where(
                OrderLine.product_id.is_not(None),
                OrderLine.state == "ok",
                OrderLine.is_non_product.is_(False),
            )
            .group_by(OrderLine.product_id)
            .order_by(text("revenue DESC"))
            .limit(1)
        ).first()
        if top is None:
            return {"skipped": "no products in the store yet: import orders first"}
        product = product_facts(session, top.product_id)
        audience_id = session.scalars(select(Audience.id).order_by(Audience.id)).first()
        audience = audience_facts(session, audience_id) if audience_id else AudienceFacts()
    request = CopyRequest(product, "google", "en", "friendly", audience, n=3)
    result = write_copy(
        ctx,
        request,
        progress,
        cancel,
        save=True,
        product_id=top.product_id,
        audience_id=audience_id,
    )
    best = result.variants[0] if result.variants else None
    return {
        "product": product.title,
        "creative_id": result.creative_id,
        "variants": len(result.variants),
        "quantization": result.quantization,
        "best_headlines": best.fields.get("headline", []) if best else [],
        "best_overall": best.scores.get("overall") if best else None,
    }
