"""A made-up shop in the store (from the targeting tests' generator) and a stand-in copy writer.

The stand-in replaces the copy service at its boundary: it stores one copy request with four
Google-shaped variants whose violations are chosen by the test (a banned term, an unsupported
claim, an info note, none), so linking rules can be checked without a model. The end-to-end
tests use a real tiny GPT-2 checkpoint instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from engine.config import Settings, app_paths, save_settings
from engine.progress import CancelToken, ProgressFn
from engine.services import campaigns as campaign_service
from engine.services.context import AppContext
from engine.services.copywriting import CopyResult
from engine.store.db import copy_database, session_scope
from engine.store.models import AdCreative, AdVariant, Customer
from tests.targeting.synthetic import block_shop, fill_store

SHOP_URL = "https://gifts.example"
GOOGLE_FIELDS: dict[str, list[str]] = {
    "headline": ["Candles for slow evenings", "Soft light at home", "Calm candle glow"],
    "description": ["Hand-poured candles for calm evenings.", "A warm glow for every room."],
    "path": ["candles", "home"],
}
# (rank, violations): what each stored variant carries.
STAND_IN_VARIANTS: tuple[tuple[int, list[dict[str, Any]]], ...] = (
    (1, [{"rule": "banned_term", "message": "最佳 is an absolute term", "severity": "error"}]),
    (2, [{"rule": "unsupported_claim", "message": '"organic" is not in the product data',
          "severity": "warning"}]),
    (3, []),
    (4, [{"rule": "template_made", "message": "headline 3 from a template", "severity": "info"}]),
)  # fmt: skip


@pytest.fixture(scope="session")
def shop_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic shop written once; UK customers carry GB, the French ones FR."""
    ctx = AppContext(app_paths(tmp_path_factory.mktemp("campaign-shop")))
    with session_scope(ctx.engine) as session:
        fill_store(session, block_shop(n_customers=240, days=300))
        for name, code in (("United Kingdom", "GB"), ("France", "FR")):
            session.execute(
                update(Customer).where(Customer.country == name).values(country_code=code)
            )
    ctx.close()
    return ctx.paths.database


@pytest.fixture
def shop(app_context: AppContext, shop_database: Path, pinpoint_home: Path) -> AppContext:
    """A fresh copy of the shop per test, with the shop's web address in Settings."""
    save_settings(app_paths(pinpoint_home), Settings(device="cpu", extra={"shop_url": SHOP_URL}))
    app_context.paths.ensure()
    copy_database(shop_database, app_context.paths.database)
    return app_context


StandIn = Callable[..., CopyResult]


@pytest.fixture
def stand_in_copy(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the copy service; returns the calls it received (request, audience, product)."""
    calls: list[dict[str, Any]] = []

    def write_copy(
        ctx: AppContext,
        request: Any,
        progress: ProgressFn,
        cancel: CancelToken | None,
        save: bool = False,
        product_id: int | None = None,
        audience_id: int | None = None,
    ) -> CopyResult:
        calls.append({"request": request, "product_id": product_id, "audience_id": audience_id})
        with session_scope(ctx.engine) as session:
            creative = AdCreative(
                shop_id=1, product_id=product_id, audience_id=audience_id,
                platform=request.platform, language=request.lang,
            )  # fmt: skip
            creative.variants = [
                AdVariant(name=f"variant {rank}", fields=GOOGLE_FIELDS, violations=found, rank=rank)
                for rank, found in STAND_IN_VARIANTS
            ]
            session.add(creative)
            session.flush()
            creative_id = creative.id
        return CopyResult("stand-in", "cpu", "fp32", "", [], creative_id=creative_id)

    monkeypatch.setattr(campaign_service, "write_copy", write_copy)
    monkeypatch.setattr(campaign_service, "_require_copy_model", lambda ctx, lang: None)
    return calls
