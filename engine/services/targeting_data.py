"""What every targeting use case starts from: the shop's purchases, "now", and the fitted scorer.

"Now" is the day after the last order in the store, so a shop that exported last month gets
audiences as of last month. The audience scorer uses the blend weights the latest back-test chose
(``ModelVersion(kind="audience-blend")``) and the profiles stage's GRU: interest θ from the stored
profiles and next-product chances from its checkpoint. That GRU has seen all history, which is
right for current audiences; back-tests train their own on the past only.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from engine.profiles.checkpoint import Checkpoint, load_checkpoint
from engine.profiles.gru import resolve_device
from engine.progress import CancelToken, ProgressFn
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.queries import get_or_create_shop
from engine.targeting.interactions import (
    CustomerInfo,
    Purchases,
    load_customer_info,
    load_purchases,
)
from engine.targeting.model_cache import cached, purchases_key
from engine.targeting.scoring import DEFAULT_WEIGHTS, AudienceScorer
from engine.targeting.sequence_signals import SequenceSignals
from engine.targeting.storage import (
    AUDIENCE_BLEND,
    latest_gru_checkpoint,
    latest_weights,
    load_profiles,
    profiles_version,
)
from engine.targeting.stored_gru import stored_next_products


def load_shop(ctx: AppContext) -> tuple[Purchases, dict[int, CustomerInfo], int]:
    """The shop's kept purchases, what we know about its customers, and its id."""
    with session_scope(ctx.engine) as session:
        shop_id = get_or_create_shop(session).id
        return load_purchases(session, shop_id), load_customer_info(session, shop_id), shop_id


def store_now(purchases: Purchases) -> datetime:
    """The day after the last order: the point in time audiences are built for."""
    return purchases.last_time.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(
        days=1
    )


def fitted_scorer(
    ctx: AppContext, purchases: Purchases, progress: ProgressFn, cancel: CancelToken | None
) -> tuple[AudienceScorer, dict[int, np.ndarray]]:
    """The audience scorer as of now (cached while nothing it depends on changes), and the stored
    GRU embeddings by customer id for lookalikes."""
    with session_scope(ctx.engine) as session:
        interests, embeddings = load_profiles(session)
        weights = latest_weights(session, AUDIENCE_BLEND) or dict(DEFAULT_WEIGHTS)
        profiles = profiles_version(session)
        checkpoint_path = latest_gru_checkpoint(session)
    key = (*purchases_key(ctx.paths.database, purchases), tuple(sorted(weights.items())), profiles)

    def fit() -> AudienceScorer:
        now = store_now(purchases)
        customers = purchases.before(now).customers()
        signals = None
        if interests or checkpoint_path:
            checkpoint = (
                stored_gru(ctx, checkpoint_path) if weights.get("sequence", 0.0) > 0 else None
            )
            device = resolve_device(ctx.settings.device)
            next_products = (
                None
                if checkpoint is None
                else stored_next_products(checkpoint, purchases, customers, device)
            )
            names = purchases.catalog.category_names
            signals = SequenceSignals.from_profiles(customers, interests, names, next_products)
        return AudienceScorer(weights=weights).fit(
            purchases, now, signals, progress=progress, cancel=cancel
        )

    return cached("audience-scorer", key, fit), embeddings


def stored_gru(ctx: AppContext, checkpoint_path: str | None) -> Checkpoint | None:
    """The profiles stage's newest GRU; None when none was trained or its files are gone."""
    folder = ctx.paths.home / checkpoint_path if checkpoint_path else None
    if folder is None or not folder.exists():
        return None
    return load_checkpoint(folder, resolve_device(ctx.settings.device))
