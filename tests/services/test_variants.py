"""Reviewing stored ad copy: a request's variants, edits that keep bookkeeping, decisions, and
which requests the studio reopens."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.services.context import AppContext
from engine.services.variants import (
    latest_request,
    load_creative,
    save_fields,
    set_status,
)
from engine.store.db import session_scope
from engine.store.models import AdCreative, AdVariant, Product
from engine.store.queries import get_or_create_shop


def store_request(
    ctx: AppContext,
    product: str | None,
    platform: str = "google",
    tone: str = "friendly",
    model: str | None = "copy-en",
) -> int:
    """A copy request with two variants, as the copy service stores them (``model=None``: a
    placeholder ad like the demo's simulated campaigns store)."""
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        product_id = None
        if product is not None:
            row = session.scalars(select(Product).where(Product.title == product)).first()
            if row is None:
                row = Product(shop_id=shop.id, sku=product.upper(), title=product)
                session.add(row)
                session.flush()
            product_id = row.id
        creative = AdCreative(
            shop_id=shop.id, product_id=product_id, platform=platform, language="en", tone=tone,
            model_name=model,
        )  # fmt: skip
        for rank in (2, 1):
            creative.variants.append(
                AdVariant(
                    name=f"{platform} variant {rank}",
                    fields={"headline": [f"{product} {rank}"], "template_made": [False]},
                    scores={"overall": 1 - rank / 10},
                    violations=[],
                    rank=rank,
                )
            )
        session.add(creative)
        session.flush()
        return creative.id


def test_a_request_lists_its_variants_best_first_without_bookkeeping(
    app_context: AppContext,
) -> None:
    creative_id = store_request(app_context, "Blue mug")
    request = load_creative(app_context, creative_id)
    assert (request.product, request.platform) == ("Blue mug", "google")
    assert [v.rank for v in request.variants] == [1, 2]
    assert request.variants[0].fields == {"headline": ["Blue mug 1"]}
    with pytest.raises(ValueError, match="no longer exists"):
        load_creative(app_context, 999)


def test_edits_keep_the_stored_markers_and_decisions_are_checked(
    app_context: AppContext,
) -> None:
    variant = load_creative(app_context, store_request(app_context, "Blue mug")).variants[0]
    save_fields(app_context, variant.id, {"headline": ["Mugs you will keep"]})
    set_status(app_context, variant.id, "approved")
    with session_scope(app_context.engine) as session:
        stored = session.get(AdVariant, variant.id)
        assert stored is not None
        assert stored.fields == {"headline": ["Mugs you will keep"], "template_made": [False]}
        assert stored.status == "approved"
    with pytest.raises(ValueError, match="draft, approved, rejected"):
        set_status(app_context, variant.id, "maybe")
    with pytest.raises(ValueError, match="ad variant 999 no longer exists"):
        save_fields(app_context, 999, {})


def test_the_studio_reopens_the_products_written_together(app_context: AppContext) -> None:
    assert latest_request(app_context) == []
    store_request(app_context, "Old candle", tone="premium")
    store_request(app_context, "Blue mug")  # an earlier run that wrote the same product
    store_request(app_context, "Blue mug")
    store_request(app_context, "Green tea")
    store_request(app_context, "Teapot")
    assert [r.product for r in latest_request(app_context)] == ["Blue mug", "Green tea", "Teapot"]
    store_request(app_context, "Teapot", platform="meta")
    assert [r.product for r in latest_request(app_context)] == ["Teapot"]
    store_request(app_context, "Simulated ad", model=None)
    assert [r.product for r in latest_request(app_context)] == ["Teapot"]
