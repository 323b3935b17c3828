"""Campaigns, ad sets, copy (creatives and variants) and how they performed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.store.models.base import Base, _now

# --------------------------------------------------------------------------- copy and ads


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    platform: Mapped[str] = mapped_column(String(30))  # google|meta|amazon|microsoft|...
    external_id: Mapped[str | None] = mapped_column(String(100))
    objective: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    daily_budget: Mapped[float | None] = mapped_column(Float)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    final_url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    ad_sets: Mapped[list[AdSet]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", passive_deletes=True
    )


class AdSet(Base):
    """An ad group (Google, Microsoft, Amazon) or ad set (Meta): one audience, several ads."""

    __tablename__ = "ad_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    external_id: Mapped[str | None] = mapped_column(String(100))
    audience_id: Mapped[int | None] = mapped_column(ForeignKey("audiences.id", ondelete="SET NULL"))
    default_bid: Mapped[float | None] = mapped_column(Float)
    keywords: Mapped[list[Any] | None] = mapped_column(JSON)
    targeting: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    campaign: Mapped[Campaign] = relationship(back_populates="ad_sets")
    variants: Mapped[list[AdVariant]] = relationship(back_populates="ad_set")


class AdCreative(Base):
    """One copy-writing request: which product, for whom, where, in which language and tone."""

    __tablename__ = "ad_creatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    audience_id: Mapped[int | None] = mapped_column(ForeignKey("audiences.id", ondelete="SET NULL"))
    platform: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(10), default="en")
    tone: Mapped[str | None] = mapped_column(String(30))
    model_name: Mapped[str | None] = mapped_column(String(200))
    quantization: Mapped[str | None] = mapped_column(String(30))
    prompt: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    variants: Mapped[list[AdVariant]] = relationship(
        back_populates="creative", cascade="all, delete-orphan", passive_deletes=True
    )


class AdVariant(Base):
    __tablename__ = "ad_variants"

    id: Mapped[int] = mapped_column(primary_key=True)
    creative_id: Mapped[int] = mapped_column(
        ForeignKey("ad_creatives.id", ondelete="CASCADE"), index=True
    )
    ad_set_id: Mapped[int | None] = mapped_column(ForeignKey("ad_sets.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(300))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)  # headlines, descriptions, primary text...
    scores: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    violations: Mapped[list[Any] | None] = mapped_column(JSON)
    rank: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft|approved|rejected
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    creative: Mapped[AdCreative] = relationship(back_populates="variants")
    ad_set: Mapped[AdSet | None] = relationship(back_populates="variants")


# --------------------------------------------------------------------------- evaluation


class PerformanceReport(Base):
    __tablename__ = "performance_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(30))
    file_name: Mapped[str] = mapped_column(String(500))
    file_hash: Mapped[str] = mapped_column(String(64), index=True)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str | None] = mapped_column(String(3))
    file_totals: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the file's own Total rows
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    rows: Mapped[list[PerformanceRow]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True
    )


class PerformanceRow(Base):
    __tablename__ = "performance_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("performance_reports.id", ondelete="CASCADE"), index=True
    )
    row_number: Mapped[int] = mapped_column(Integer)
    day: Mapped[date | None] = mapped_column(Date)
    hour: Mapped[int | None] = mapped_column(Integer)
    campaign_name: Mapped[str | None] = mapped_column(String(300))
    ad_set_name: Mapped[str | None] = mapped_column(String(300))
    ad_name: Mapped[str | None] = mapped_column(String(300))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"))
    ad_set_id: Mapped[int | None] = mapped_column(ForeignKey("ad_sets.id", ondelete="SET NULL"))
    variant_id: Mapped[int | None] = mapped_column(
        ForeignKey("ad_variants.id", ondelete="SET NULL")
    )
    impressions: Mapped[int | None] = mapped_column(Integer)
    reach: Mapped[int | None] = mapped_column(Integer)
    clicks: Mapped[int | None] = mapped_column(Integer)
    cost: Mapped[float | None] = mapped_column(Float)
    conversions: Mapped[float | None] = mapped_column(Float)
    conversion_value: Mapped[float | None] = mapped_column(Float)
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # every original cell, by header

    report: Mapped[PerformanceReport] = relationship(back_populates="rows")


class Experiment(Base):
    """An A/B test between two variants (or audiences) and its recorded decision."""

    __tablename__ = "experiments"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    hypothesis: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(String(20), default="ctr")  # ctr|cvr
    variant_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("ad_variants.id", ondelete="SET NULL")
    )
    variant_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("ad_variants.id", ondelete="SET NULL")
    )
    planned_sample_size: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|stopped|done
    started_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
