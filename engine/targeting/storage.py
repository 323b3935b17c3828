"""What targeting reads from and writes to the store besides purchases.

* profiles: interests θ and embeddings (written by the profiles stage; read here), and the
  targeting columns ``segment``, ``churn_risk`` and ``clv`` (filled in here on existing rows);
* blend weights chosen by back-tests, kept as ``ModelVersion`` rows so later audiences and
  recommendations reuse them;
* audiences with their members, score and reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from engine.store.models import Audience, AudienceMember, Customer, CustomerProfile, ModelVersion
from engine.targeting.audience_builder import AudienceRequest, BuiltAudience

AUDIENCE_BLEND = "audience-blend"
RECOMMENDER_BLEND = "recommender-blend"


def load_profiles(
    session: Session,
) -> tuple[dict[int, dict[str, float]], dict[int, np.ndarray]]:
    """Interests θ and float32 embeddings by customer id (empty when no profiles exist yet)."""
    interests: dict[int, dict[str, float]] = {}
    embeddings: dict[int, np.ndarray] = {}
    for customer_id, theta, embedding in session.execute(
        select(CustomerProfile.customer_id, CustomerProfile.interests, CustomerProfile.embedding)
    ):
        if theta:
            interests[customer_id] = theta
        if embedding:
            embeddings[customer_id] = np.frombuffer(embedding, dtype=np.float32)
    return interests, embeddings


def latest_gru_checkpoint(session: Session) -> str | None:
    """Where the newest profile GRU is saved (relative to the data folder), if one was trained."""
    query = (
        select(ModelVersion.path)
        .where(ModelVersion.kind == "gru", ModelVersion.path.is_not(None))
        .order_by(ModelVersion.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def profiles_version(session: Session) -> tuple[int, int | None, str | None]:
    """Changes when the profiles stage rewrites profiles (not when targeting fills its columns)."""
    count, model, newest = session.execute(
        select(
            func.count(CustomerProfile.customer_id),
            func.max(CustomerProfile.model_version_id),
            func.max(CustomerProfile.last_event_at),
        )
    ).one()
    return int(count), model, newest.isoformat() if newest else None


def update_profile_columns(session: Session, values: dict[int, dict[str, Any]]) -> int:
    """Set segment / churn_risk / clv on profiles that exist; returns how many were updated.

    Profiles are created by the profiles stage; targeting only fills in its own columns.
    """
    existing = set(session.scalars(select(CustomerProfile.customer_id)))
    rows = [{"customer_id": c, **v} for c, v in values.items() if c in existing]
    if rows:
        session.execute(update(CustomerProfile), rows)
    return len(rows)


def latest_weights(session: Session, kind: str) -> dict[str, float] | None:
    latest = session.scalars(
        select(ModelVersion).where(ModelVersion.kind == kind).order_by(ModelVersion.id.desc())
    ).first()
    return dict(latest.config["weights"]) if latest and latest.config else None


def save_weights(
    session: Session,
    shop_id: int,
    kind: str,
    weights: dict[str, float],
    metrics: dict[str, Any],
    until: datetime,
) -> None:
    session.add(
        ModelVersion(
            shop_id=shop_id,
            kind=kind,
            version=until.date().isoformat(),
            config={"weights": weights},
            metrics=metrics,
            trained_on_until=until,
        )
    )


def save_audience(
    session: Session,
    shop_id: int,
    built: BuiltAudience,
    request: AudienceRequest,
    kind: str,
    seed_audience_id: int | None = None,
) -> int:
    """Store the audience with its definition (to rebuild it) and its members; returns its id.

    Building the same audience again (same shop, kind and definition) replaces the stored one's
    members in place and keeps its id, so campaigns that use it follow along and lists do not
    fill up with copies (the demo and "Segments" used to add a second "RFM segment: champions").
    """
    definition = request.definition()
    audience = _same_audience(session, shop_id, kind, definition)
    if audience is None:
        audience = Audience(shop_id=shop_id, kind=kind, definition=definition)
        session.add(audience)
    else:
        session.execute(delete(AudienceMember).where(AudienceMember.audience_id == audience.id))
        session.expire(audience, ["members"])
    audience.name = built.name
    audience.size = len(built.members)
    audience.seed_audience_id = seed_audience_id
    session.flush()
    session.add_all(
        AudienceMember(
            audience_id=audience.id, customer_id=m.customer_id, score=m.score, reason=m.reason
        )
        for m in built.members
    )
    session.flush()
    return audience.id


def _same_audience(
    session: Session, shop_id: int, kind: str, definition: dict[str, Any]
) -> Audience | None:
    """The stored audience built from exactly this request, if any (the oldest one)."""
    query = (
        select(Audience)
        .where(Audience.shop_id == shop_id, Audience.kind == kind)
        .order_by(Audience.id)
    )
    return next((a for a in session.scalars(query) if a.definition == definition), None)


def load_audience(session: Session, audience_id: int) -> tuple[Audience, list[dict[str, Any]]]:
    """The audience and its members (best first) with display names, for showing and export."""
    audience = session.get(Audience, audience_id)
    if audience is None:
        raise ValueError(f"no audience with id {audience_id}; `pinpoint audience list` shows them")
    names = dict(
        session.execute(
            select(Customer.id, Customer.display_name).where(Customer.shop_id == audience.shop_id)
        ).all()
    )
    rows = [
        {
            "customer_id": m.customer_id,
            "name": names.get(m.customer_id),
            "score": round(m.score, 4),
            "reason": m.reason,
        }
        for m in sorted(audience.members, key=lambda m: -m.score)
    ]
    return audience, rows


def member_ids(session: Session, audience_id: int) -> tuple[int, ...]:
    query = select(AudienceMember.customer_id).where(AudienceMember.audience_id == audience_id)
    return tuple(session.scalars(query))
