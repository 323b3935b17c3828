"""The demo's copy stage: writes and stores ads for the best-selling product, or says why not."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from engine.config import Settings, app_paths, save_settings
from engine.progress import CancelToken, null_progress
from engine.services.context import AppContext
from engine.services.copywriting import demo_copy
from engine.store.db import session_scope
from engine.store.models import AdCreative, Order, OrderLine, Product
from engine.store.queries import get_or_create_shop


def test_demo_copy_without_products_explains(app_context: AppContext) -> None:
    assert "import orders first" in str(
        demo_copy(app_context, null_progress, CancelToken())["skipped"]
    )


def test_demo_copy_writes_for_the_best_seller(
    app_context: AppContext, pinpoint_home: Path, tiny_checkpoint: Path
) -> None:
    save_settings(
        app_paths(pinpoint_home), Settings(device="cpu", copy_model_dir=str(tiny_checkpoint))
    )
    with session_scope(app_context.engine) as session:
        shop = get_or_create_shop(session)
        mug = Product(
            shop_id=shop.id, sku="MUG", title="BLUE CERAMIC MUG", price=9.5, currency="GBP"
        )
        pen = Product(shop_id=shop.id, sku="PEN", title="RED PEN", price=1.0, currency="GBP")
        session.add_all([mug, pen])
        session.flush()
        order = Order(
            shop_id=shop.id, platform="shopify", external_id="#1001", placed_at=datetime(2026, 1, 5)
        )
        order.lines = [
            OrderLine(product_id=mug.id, line_key="1", title=mug.title, quantity=3, unit_price=9.5),
            OrderLine(product_id=pen.id, line_key="2", title=pen.title, quantity=5, unit_price=1.0),
        ]
        session.add(order)
    result = demo_copy(app_context, null_progress, CancelToken())
    assert result["product"] == "BLUE CERAMIC MUG" and result["variants"]
    with session_scope(app_context.engine) as session:
        creative = session.scalars(select(AdCreative)).one()
        assert creative.id == result["creative_id"] and len(creative.variants) == result["variants"]
