"""Typed SQLAlchemy 2.0 models for Pinpoint's whole domain.

Designed up front so later stages extend rows rather than fight the schema:

* imports:     ImportBatch, RejectedRow (every input row is stored or rejected with a reason)
* shop data:   Shop, Customer (+ CustomerExternalId, CustomerContact), Category, Product,
               Order, OrderLine, BehaviourEvent
* profiles:    ModelVersion, CustomerProfile
* targeting:   Audience, AudienceMember
* copy & ads:  Campaign, AdSet, AdCreative, AdVariant
* evaluation:  PerformanceReport, PerformanceRow, Experiment

Money is stored as float in the shop's currency (reconciliation tolerates cents); timestamps are
naive UTC. Raw contact details live in ``customer_contacts`` only, so they can be purged without
touching anything else; customers carry SHA-256 hashes for matching.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


def _now() -> datetime:
    return datetime.utcnow()


# --------------------------------------------------------------------------- imports


class Shop(Base):
    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class ImportBatch(Base):
    """One imported file (or joined file pair): where it came from and what became of its rows."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="orders")  # orders|products|events|report
    source_path: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(500))
    file_hash: Mapped[str] = mapped_column(String(64), index=True)  # sha256 of the bytes
    format: Mapped[str] = mapped_column(String(50))
    encoding: Mapped[str | None] = mapped_column(String(30))
    delimiter: Mapped[str | None] = mapped_column(String(5))
    rows_in: Mapped[int] = mapped_column(Integer, default=0)
    rows_stored: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    rows_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    orders_stored: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|committed|failed
    message: Mapped[str | None] = mapped_column(Text)
    mapping: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the column mapping used
    started_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    rejected_rows: Mapped[list[RejectedRow]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", passive_deletes=True
    )


class RejectedRow(Base):
    """An input row that was not stored, with the reason a shop owner can act on."""

    __tablename__ = "rejected_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    row_number: Mapped[int] = mapped_column(Integer)  # 1-based line/record number in the file
    raw_text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    column: Mapped[str | None] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(50))  # machine-readable reason, e.g. "bad_date"

    batch: Mapped[ImportBatch] = relationship(back_populates="rejected_rows")


# --------------------------------------------------------------------------- shop data


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (UniqueConstraint("shop_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))  # stable identity: hashed email or platform id
    display_name: Mapped[str | None] = mapped_column(String(200))  # initials/username, for the GUI
    email_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    phone_sha256: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(
        String(100)
    )  # as in the file, e.g. "United Kingdom"
    country_code: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2 when known
    region: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    zip: Mapped[str | None] = mapped_column(String(20))
    accepts_marketing: Mapped[bool | None] = mapped_column(Boolean)
    first_seen: Mapped[datetime | None] = mapped_column(DateTime)
    last_seen: Mapped[datetime | None] = mapped_column(DateTime)

    external_ids: Mapped[list[CustomerExternalId]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True
    )
    contact: Mapped[CustomerContact | None] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True
    )
    orders: Mapped[list[Order]] = relationship(back_populates="customer")


class CustomerExternalId(Base):
    """The customer's id on one platform (Shopify customer, Etsy username, eBay buyer, ...)."""

    __tablename__ = "customer_external_ids"
    __table_args__ = (UniqueConstraint("platform", "external_id", "customer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(30))
    external_id: Mapped[str] = mapped_column(String(200))

    customer: Mapped[Customer] = relationship(back_populates="external_ids")


class CustomerContact(Base):
    """Raw contact details, kept on this computer only for building hashed audience files."""

    __tablename__ = "customer_contacts"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(50))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))

    customer: Mapped[Customer] = relationship(back_populates="contact")


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("shop_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="imported")  # imported|inferred|user
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id", ondelete="SET NULL"))
    top_terms: Mapped[list[Any] | None] = mapped_column(JSON)  # for inferred categories

    products: Mapped[list[Product]] = relationship(back_populates="category")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("shop_id", "sku"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    sku: Mapped[str] = mapped_column(String(200))  # SKU, or a stable key derived from the title
    external_id: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    price: Mapped[float | None] = mapped_column(Float)
    cost: Mapped[float | None] = mapped_column(Float)  # unit cost for margins, when known
    currency: Mapped[str | None] = mapped_column(String(3))
    vendor: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[Any] | None] = mapped_column(JSON)
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    url: Mapped[str | None] = mapped_column(Text)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )
    is_non_product: Mapped[bool] = mapped_column(Boolean, default=False)  # postage, fees, ...
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    category: Mapped[Category | None] = relationship(back_populates="products")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("shop_id", "platform", "external_id"),
        Index("ix_orders_customer_placed", "customer_id", "placed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True
    )
    platform: Mapped[str] = mapped_column(String(30))
    external_id: Mapped[str] = mapped_column(String(200))  # order number as the shop shows it
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL")
    )  # None = guest order
    placed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    currency: Mapped[str | None] = mapped_column(String(3))
    subtotal: Mapped[float | None] = mapped_column(Float)
    shipping: Mapped[float | None] = mapped_column(Float)
    tax: Mapped[float | None] = mapped_column(Float)
    discount: Mapped[float | None] = mapped_column(Float)
    total: Mapped[float | None] = mapped_column(Float)
    refunded_amount: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(30), default="paid")
    is_cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_codes: Mapped[list[Any] | None] = mapped_column(JSON)
    country: Mapped[str | None] = mapped_column(String(100))
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # unknown columns kept verbatim

    customer: Mapped[Customer | None] = relationship(back_populates="orders")
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "line_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # no index of its own: the unique (order_id, line_key) index already starts with order_id
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True
    )
    line_key: Mapped[str] = mapped_column(String(200))  # dedupe key within the order
    position: Mapped[int] = mapped_column(Integer, default=0)  # order within the order
    sku: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[float] = mapped_column(Float)
    unit_price: Mapped[float | None] = mapped_column(Float)
    discount: Mapped[float] = mapped_column(Float, default=0.0)
    state: Mapped[str] = mapped_column(String(20), default="ok")  # ok|cancelled|refunded|returned
    is_non_product: Mapped[bool] = mapped_column(Boolean, default=False)
    is_outlier: Mapped[bool] = mapped_column(Boolean, default=False)
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # variations, 商品属性

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product | None] = relationship()


class BehaviourEvent(Base):
    __tablename__ = "behaviour_events"
    __table_args__ = (
        UniqueConstraint("customer_id", "product_id", "event_type", "occurred_at"),
        Index("ix_events_customer_time", "customer_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL")
    )
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    event_type: Mapped[str] = mapped_column(String(20))  # view|cart|fav|click|purchase
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    session_id: Mapped[str | None] = mapped_column(String(100))


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


ALL_TABLES = [table.name for table in Base.metadata.sorted_tables]
