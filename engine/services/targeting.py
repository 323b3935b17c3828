"""Targeting use cases the GUI and CLI call: segments, audiences, recommendations, back-tests, CLV.

Every call reads the shop's purchases from the store (see :mod:`engine.targeting.interactions`);
"now" is the day after the last order in the store, so a shop that exported last month gets
audiences as of last month. Blend weights chosen by the latest back-test are remembered in a
``ModelVersion(kind="audience-blend")`` and reused by later audiences.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import numpy as np
from sqlalchemy import select

from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import Audience, AudienceMember
from engine.store.queries import get_or_create_shop
from engine.targeting.audience_builder import (
    AudienceKind,
    AudienceRequest,
    BuiltAudience,
    build,
    build_segment,
)
from engine.targeting.audiences.churn import churn_table, describe_next_order
from engine.targeting.audiences.rfm import SEGMENT_ADVICE, rfm_table, segment_counts
from engine.targeting.backtest import DEFAULT_SIZES, DEFAULT_WINDOW_DAYS, run_backtest
from engine.targeting.clv_report import lifetime_values
from engine.targeting.interactions import (
    CustomerInfo,
    Purchases,
    load_customer_info,
    load_purchases,
)
from engine.targeting.model_cache import cached, purchases_key
from engine.targeting.platform_minimums import SizeCheck, check_size
from engine.targeting.recommend import (
    DEFAULT_RECOMMENDER_WEIGHTS,
    choose_recommender_weights,
    fit_on_histories,
    recommend_products,
    recommender_members,
)
from engine.targeting.recommenders.blend import BlendRecommender
from engine.targeting.scoring import DEFAULT_WEIGHTS, AudienceScorer, TargetKind
from engine.targeting.storage import (
    AUDIENCE_BLEND,
    RECOMMENDER_BLEND,
    latest_weights,
    load_audience,
    load_profiles,
    member_ids,
    profiles_version,
    save_audience,
    save_weights,
    update_profile_columns,
)


def _load(ctx: AppContext) -> tuple[Purchases, dict[int, CustomerInfo], int]:
    with session_scope(ctx.engine) as session:
        shop_id = get_or_create_shop(session).id
        return load_purchases(session, shop_id), load_customer_info(session, shop_id), shop_id


def store_now(purchases: Purchases) -> datetime:
    """The day after the last order: the point in time audiences are built for."""
    return purchases.last_time.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(
        days=1
    )


def _fitted_scorer(
    ctx: AppContext, purchases: Purchases, progress: ProgressFn, cancel: CancelToken | None
) -> tuple[AudienceScorer, dict[int, np.ndarray]]:
    with session_scope(ctx.engine) as session:
        interests, embeddings = load_profiles(session)
        weights = latest_weights(session, AUDIENCE_BLEND) or dict(DEFAULT_WEIGHTS)
        profiles = profiles_version(session)
    key = (*purchases_key(ctx.paths.database, purchases), tuple(sorted(weights.items())), profiles)
    scorer = cached(
        "audience-scorer",
        key,
        lambda: AudienceScorer(weights=weights).fit(
            purchases, store_now(purchases), interests, progress=progress, cancel=cancel
        ),
    )
    return scorer, embeddings


def segments(ctx: AppContext, store: bool = True) -> dict[str, Any]:
    """RFM segment sizes with advice; with ``store`` each segment is saved as an audience."""
    purchases, info, shop_id = _load(ctx)
    now = store_now(purchases)
    table = rfm_table(purchases, now)
    counts = segment_counts(table)
    stored: dict[str, int] = {}
    with session_scope(ctx.engine) as session:
        update_profile_columns(
            session,
            {
                int(c): {"segment": str(s)}
                for c, s in zip(table.customers, table.segment, strict=True)
            },
        )
        for name, count in counts.items():
            if store and count:
                request = AudienceRequest("segment", name, exclude_recent_days=0)
                built = build_segment(request, table, info)
                stored[name] = save_audience(session, shop_id, built, request, "rfm")
    return {
        "as_of": now.date().isoformat(),
        "customers": len(table.customers),
        "segments": [
            {
                "segment": name,
                "customers": count,
                "advice": SEGMENT_ADVICE[name],
                "audience_id": stored.get(name),
            }
            for name, count in counts.items()
        ],
    }


@dataclass
class AudienceView:
    id: int
    name: str
    kind: str
    size: int
    candidates: int
    excluded: dict[str, int]
    definition: dict[str, Any]
    size_checks: list[SizeCheck]
    members: list[dict[str, Any]]


def build_audience(
    ctx: AppContext,
    product: str | None = None,
    category: str | None = None,
    segment: str | None = None,
    lookalike_seed: int | None = None,
    interest: str | None = None,
    churn: bool = False,
    size: int | None = None,
    exclude_recent_days: int = 30,
    require_consent: bool = False,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> AudienceView:
    """Build, store and return an audience; exactly one of the targeting arguments is given.

    ``product`` (SKU) or ``category``: likely buyers; ``segment``: an RFM segment;
    ``lookalike_seed``: customers like that audience's members; ``interest``: customers whose
    interest θ leans to the category; ``churn``: valuable repeat customers who have probably
    stopped buying.
    """
    chosen = [
        (k, v)
        for k, v in (
            ("product", product),
            ("category", category),
            ("segment", segment),
            ("lookalike", lookalike_seed),
            ("interest", interest),
            ("churn", "at risk" if churn else None),
        )
        if v is not None
    ]
    if len(chosen) != 1:
        raise ValueError(
            "choose exactly one of: a product, a category, a segment, a seed audience, "
            "an interest or churn"
        )
    kind, target = chosen[0]
    seed: tuple[int, ...] = ()
    if kind == "lookalike":
        with session_scope(ctx.engine) as session:
            seed = member_ids(session, int(target))
        if not seed:
            raise ValueError(f"audience {target} has no members to use as a lookalike seed")
    request = AudienceRequest(
        cast(AudienceKind, kind),
        None if kind in ("lookalike", "churn") else str(target),
        size,
        seed,
        exclude_recent_days,
        require_consent,
    )
    purchases, info, shop_id = _load(ctx)
    scorer, embeddings = _fitted_scorer(ctx, purchases, scaled(progress, 0, 0.8), cancel)
    matrix = None
    if kind == "lookalike" and embeddings and all(int(c) in embeddings for c in scorer.customers_):
        matrix = np.stack([embeddings[int(c)] for c in scorer.customers_])
    built = build(request, scorer, purchases, info, matrix)
    seed_id = int(target) if kind == "lookalike" and target is not None else None
    with session_scope(ctx.engine) as session:
        audience_id = save_audience(session, shop_id, built, request, kind, seed_id)
    progress(1.0, "Audience saved")
    return show_audience(ctx, audience_id, built)


def rebuild_audience(
    ctx: AppContext,
    audience_id: int,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> AudienceView:
    """Build a stored audience again from its ``definition`` on today's data (a new audience)."""
    with session_scope(ctx.engine) as session:
        audience = session.get(Audience, audience_id)
        if audience is None or not audience.definition:
            raise ValueError(f"no audience with id {audience_id} that can be rebuilt")
        definition = dict(audience.definition)
        seed_audience = audience.seed_audience_id
    kind, target = definition["kind"], definition.get("target")
    options: dict[str, Any] = {
        "size": definition.get("size"),
        "exclude_recent_days": definition.get("exclude_recent_days", 30),
        "require_consent": definition.get("require_consent", False),
    }
    if kind == "lookalike":
        if seed_audience is None:
            raise ValueError(f"audience {audience_id} was built from a seed that no longer exists")
        options["lookalike_seed"] = seed_audience
    elif kind == "churn":
        options["churn"] = True
    else:
        options[kind] = target
    return build_audience(ctx, progress=progress, cancel=cancel, **options)


def show_audience(
    ctx: AppContext, audience_id: int, built: BuiltAudience | None = None
) -> AudienceView:
    with session_scope(ctx.engine) as session:
        audience, rows = load_audience(session, audience_id)
        return AudienceView(
            id=audience.id,
            name=audience.name,
            kind=audience.kind,
            size=audience.size,
            candidates=built.candidates if built else audience.size,
            excluded=built.excluded if built else {},
            definition=audience.definition or {},
            size_checks=[check_size(audience.size, p) for p in ("google", "meta")],
            members=rows,
        )


def _display_name(info: dict[int, CustomerInfo], customer_id: int) -> str | None:
    known = info.get(customer_id)
    return known.display_name if known else None


def list_audiences(ctx: AppContext) -> list[dict[str, Any]]:
    with session_scope(ctx.engine) as session:
        return [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "size": a.size,
                "created_at": a.created_at.isoformat(),
            }
            for a in session.scalars(select(Audience).order_by(Audience.id))
        ]


def explain_member(ctx: AppContext, audience_id: int, customer_id: int) -> dict[str, Any]:
    """Why this customer is in the audience, their RFM segment and when they may order next."""
    with session_scope(ctx.engine) as session:
        member = session.get(AudienceMember, (audience_id, customer_id))
        if member is None:
            raise ValueError(f"customer {customer_id} is not in audience {audience_id}")
        reason, score = member.reason or "", member.score
    purchases, _, _ = _load(ctx)
    now = store_now(purchases)
    rfm = rfm_table(purchases, now)
    table = churn_table(purchases, now)
    row = int(np.searchsorted(table.customers, customer_id))
    known = row < len(table.customers) and table.customers[row] == customer_id
    return {
        "audience_id": audience_id,
        "customer_id": customer_id,
        "score": score,
        "reason": reason,
        "segment": str(rfm.segment[row]) if known else None,
        "next_order": describe_next_order(
            table.outlook.next_order_weeks[row], float(table.outlook.churn_risk[row])
        )
        if known
        else None,
    }


def audience_size_check(ctx: AppContext, audience_id: int, platform: str) -> SizeCheck:
    with session_scope(ctx.engine) as session:
        audience = session.get(Audience, audience_id)
        if audience is None:
            raise ValueError(f"no audience with id {audience_id}")
        return check_size(audience.size, platform)


def recommend_for_customer(ctx: AppContext, customer_id: int, n: int = 10) -> dict[str, Any]:
    """Ranked products with reasons; customers without purchases get their region's best sellers."""
    purchases, info, _ = _load(ctx)
    if customer_id not in info:
        raise ValueError(f"no customer with id {customer_id} in the store")
    with session_scope(ctx.engine) as session:
        weights = latest_weights(session, RECOMMENDER_BLEND) or dict(DEFAULT_RECOMMENDER_WEIGHTS)
    key = (*purchases_key(ctx.paths.database, purchases), tuple(sorted(weights.items())))
    fitted = cached(
        "recommender",
        key,
        lambda: fit_on_histories(purchases, BlendRecommender(recommender_members(), weights)),
    )
    return recommend_products(purchases, info, customer_id, fitted, n)


def backtest(
    ctx: AppContext,
    cutoff: datetime | None = None,
    sizes: tuple[float, ...] = DEFAULT_SIZES,
    window_days: int = DEFAULT_WINDOW_DAYS,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """Back-test on the store's history; remembers the chosen blend weights for later audiences.

    Targets are categories, or products when the shop has fewer than three categories with sales
    (a shop without categories is still measured rather than refused).
    """
    purchases, _, shop_id = _load(ctx)
    kind: TargetKind = "category" if len(np.unique(purchases.category)) >= 3 else "product"
    # Stored profiles (θ) were computed from the whole history, after the cut too: using them
    # here would leak the answer, so the back-test measures the purchase-based signals only.
    result = run_backtest(
        purchases, cutoff, sizes, window_days, kind=kind,
        progress=scaled(progress, 0, 0.8), cancel=cancel,
    )  # fmt: skip
    contract = result.as_contract()
    now = store_now(purchases)
    weights, recall = choose_recommender_weights(
        purchases, now, window_days, progress=scaled(progress, 0.8, 1.0), cancel=cancel
    )
    recommender = {"weights": weights, "recall@20": None if np.isnan(recall) else round(recall, 4)}
    with session_scope(ctx.engine) as session:
        save_weights(session, shop_id, AUDIENCE_BLEND, result.weights, contract, result.cutoff)
        until = now - timedelta(days=window_days)
        save_weights(session, shop_id, RECOMMENDER_BLEND, weights, recommender, until)
    return {**contract, "recommender": recommender, "explanation": result.plain_words()}


def clv(ctx: AppContext, horizon_weeks: float = 52.0, top: int = 20) -> dict[str, Any]:
    """Lifetime value per customer with intervals, and the model parameters with standard errors.

    Also writes ``clv`` and ``churn_risk`` onto the customers' profiles where profiles exist.
    """
    purchases, info, _ = _load(ctx)
    result = lifetime_values(
        purchases, store_now(purchases), horizon_weeks, ctx.settings.default_margin
    )
    with session_scope(ctx.engine) as session:
        update_profile_columns(session, {
            int(c): {"clv": float(v), "churn_risk": float(r)}
            for c, v, r in zip(result.customers, result.clv, result.outlook.churn_risk, strict=True)
        })  # fmt: skip
    report = result.report(top)
    for row in report["customers"]:
        row["name"] = _display_name(info, row["customer_id"])
    return report


def as_dict(view: AudienceView) -> dict[str, Any]:
    return asdict(view)


def demo_audiences(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
    """Demo stage: RFM segments, an audience for the best-selling category, and a back-test."""
    segment_result = segments(ctx)
    progress(0.2, "Segments saved")
    purchases, _, _ = _load(ctx)
    buyers = np.bincount(purchases.category, minlength=len(purchases.catalog.category_names))
    category = purchases.catalog.category_names[int(np.argmax(buyers))]
    view = build_audience(
        ctx, category=category, size=100, progress=scaled(progress, 0.2, 0.5), cancel=cancel
    )
    lift = backtest(ctx, progress=scaled(progress, 0.5, 1.0), cancel=cancel)
    at5 = lift["sizes"]["0.05"]
    return {
        "segments": sum(1 for s in segment_result["segments"] if s["customers"]),
        "category_audience": f"{view.name} ({view.size} customers)",
        "audience_id": view.id,
        "lift_at_5pct": at5["model"],
        "rfm_lift_at_5pct": at5["rfm"],
        "lift_ci95": at5["ci95"],
    }
