"""Audience use cases the GUI and CLI call: RFM segments; building, showing, explaining audiences.

Every call reads the shop's purchases from the store and scores customers as of "now" (see
:mod:`engine.services.targeting_data`). Back-tests live in
:mod:`engine.services.targeting_backtest`, per-customer recommendations and lifetime value in
:mod:`engine.services.targeting_customers`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, cast

import numpy as np
from sqlalchemy import select

from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.services.targeting_data import fitted_scorer, load_shop, store_now
from engine.store.db import session_scope
from engine.store.models import Audience, AudienceMember
from engine.targeting.audience_builder import (
    AudienceKind,
    AudienceRequest,
    BuiltAudience,
    build,
    build_segment,
)
from engine.targeting.audiences.churn import churn_table, describe_next_order
from engine.targeting.audiences.rfm import SEGMENT_ADVICE, rfm_table, segment_counts
from engine.targeting.platform_minimums import SizeCheck, check_size
from engine.targeting.storage import (
    load_audience,
    member_ids,
    save_audience,
    update_profile_columns,
)


def segments(ctx: AppContext, store: bool = True) -> dict[str, Any]:
    """RFM segment sizes with advice; with ``store`` each segment is saved as an audience."""
    purchases, info, shop_id = load_shop(ctx)
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

    Building one that is already stored (same request) updates it in place rather than adding a
    copy.

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
        0 if kind == "segment" else exclude_recent_days,  # a segment leaves no buyer out
        require_consent,
    )
    purchases, info, shop_id = load_shop(ctx)
    scorer, embeddings = fitted_scorer(ctx, purchases, scaled(progress, 0, 0.8), cancel)
    matrix = None
    if kind == "lookalike" and embeddings and all(int(c) in embeddings for c in scorer.customers_):
        matrix = np.stack([embeddings[int(c)] for c in scorer.customers_])
    built = build(request, scorer, purchases, info, matrix)
    seed_id = int(target) if kind == "lookalike" and target is not None else None
    with session_scope(ctx.engine) as session:
        stored_kind = "rfm" if kind == "segment" else kind  # the same audience `segments` saves
        audience_id = save_audience(session, shop_id, built, request, stored_kind, seed_id)
    progress(1.0, "Audience saved")
    return show_audience(ctx, audience_id, built)


def rebuild_audience(
    ctx: AppContext,
    audience_id: int,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> AudienceView:
    """Build a stored audience again from its ``definition`` on today's data; it keeps its id."""
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
    purchases, _, _ = load_shop(ctx)
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


def as_dict(view: AudienceView) -> dict[str, Any]:
    return asdict(view)
