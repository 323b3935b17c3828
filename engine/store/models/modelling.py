"""What Pinpoint learns: model versions, customer profiles, audiences and their members."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.store.models.base import Base, _now

# --------------------------------------------------------------------------- profiles


class ModelVersion(Base):
    """A trained model (GRU profiler, recommender blend, copy model) and how it was made."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))  # gru|mf|blend|copy
    version: Mapped[str] = mapped_column(String(50))
    path: Mapped[str | None] = mapped_column(Text)  # weights on disk, relative to the data dir
    config: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    trained_on_until: Mapped[datetime | None] = mapped_column(DateTime)  # last event seen
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class CustomerProfile(Base):
    __tablename__ = "customer_profiles"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    model_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("model_versions.id", ondelete="SET NULL"), index=True
    )
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    interests: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # category name -> probability
    next_items: Mapped[list[Any] | None] = mapped_column(JSON)  # [[product_id, score], ...]
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 hidden state h_t
    segment: Mapped[str | None] = mapped_column(String(50))  # RFM segment name
    churn_risk: Mapped[float | None] = mapped_column(Float)
    clv: Mapped[float | None] = mapped_column(Float)
    last_event_at: Mapped[datetime | None] = mapped_column(DateTime)  # for incremental updates
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


# --------------------------------------------------------------------------- targeting


class Audience(Base):
    __tablename__ = "audiences"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))  # rfm|interest|lookalike|churn|product|category
    definition: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # how to rebuild it
    seed_audience_id: Mapped[int | None] = mapped_column(
        ForeignKey("audiences.id", ondelete="SET NULL")
    )
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    members: Mapped[list[AudienceMember]] = relationship(
        back_populates="audience", cascade="all, delete-orphan", passive_deletes=True
    )


class AudienceMember(Base):
    __tablename__ = "audience_members"

    audience_id: Mapped[int] = mapped_column(
        ForeignKey("audiences.id", ondelete="CASCADE"), primary_key=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str | None] = mapped_column(Text)  # "why is this customer in the audience"

    audience: Mapped[Audience] = relationship(back_populates="members")
