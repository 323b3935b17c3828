"""The normalised records every format parser produces and the import pipeline stores.

This is the contract between the reading layer (one parser per platform) and the storing layer.
Parsers never touch the database; the pipeline never looks at a platform's columns.
Every record carries the physical row numbers and raw text it came from, so whatever the pipeline
rejects can be shown to the merchant exactly as it was in their file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

LineState = Literal["ok", "cancelled", "refunded", "returned"]
EventType = Literal["view", "cart", "fav", "click", "purchase"]


@dataclass(slots=True)
class SourceRow:
    """Where a record came from: 1-based record number in its file and the raw text."""

    row_number: int
    raw: str
    file_name: str = ""


@dataclass(slots=True)
class RowProblem:
    """A row the parser could not turn into a record: it goes to the rejected-rows table."""

    source: SourceRow
    reason: str  # a sentence a shop owner understands: what was wrong and what was expected
    column: str | None = None
    code: str = "unreadable"  # bad_date | bad_number | missing_value | wrong_format | ...


@dataclass(slots=True)
class CustomerRecord:
    """A buyer as the file describes them; any field may be missing (Amazon has no buyer)."""

    # Shopify customer id, Etsy username, eBay buyer, UCI id, 买家会员名
    platform_id: str | None = None
    email: str | None = None
    phone: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    display_name: str | None = None
    country: str | None = None  # as written in the file
    country_code: str | None = None  # ISO alpha-2 when the file or a lookup gives it
    region: str | None = None
    city: str | None = None
    zip: str | None = None
    accepts_marketing: bool | None = None


@dataclass(slots=True)
class LineRecord:
    title: str
    quantity: float  # positive; cancellations and returns are expressed by ``state``
    unit_price: float | None  # None when the file leaves it blank (Amazon pending orders)
    sku: str | None = None
    product_external_id: str | None = None  # listing id, ASIN, item number, product_id
    line_key: str | None = None  # the file's own line id (Etsy Transaction ID, ...) when it has one
    discount: float = 0.0
    state: LineState = "ok"
    category: str | None = None  # only when the export carries one
    vendor: str | None = None
    attributes: dict[str, str] | None = None  # variations, 商品属性: {"Size": "Small"}
    source: SourceRow | None = None


@dataclass(slots=True)
class OrderRecord:
    platform: str  # shopify | woocommerce | etsy | amazon | ebay | taobao | generic | mapped
    external_id: str  # the order number as the shop shows it, kept as text (long ids, zeros)
    placed_at: datetime | None  # naive UTC; None makes the pipeline reject the order
    customer: CustomerRecord | None = None  # None = guest order
    currency: str | None = None
    subtotal: float | None = None
    shipping: float | None = None
    tax: float | None = None
    discount: float | None = None
    total: float | None = None
    refunded_amount: float = 0.0
    status: str = "paid"  # paid | pending | cancelled | refunded | partially_refunded | ...
    is_cancelled: bool = False
    discount_codes: list[str] = field(default_factory=list)
    country: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown columns, kept verbatim
    lines: list[LineRecord] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)  # every row this order was built from


@dataclass(slots=True)
class ProductRecord:
    sku: str | None
    title: str
    description: str | None = None  # plain text (HTML stripped)
    price: float | None = None
    cost: float | None = None
    currency: str | None = None
    category: str | None = None
    vendor: str | None = None
    tags: list[str] = field(default_factory=list)
    attributes: dict[str, str] | None = None
    external_id: str | None = None
    url: str | None = None
    source: SourceRow | None = None


@dataclass(slots=True)
class EventRecord:
    customer_platform_id: str  # the customer id as the events file writes it
    item: str  # SKU or product id
    event_type: EventType
    occurred_at: datetime
    session_id: str | None = None
    source: SourceRow | None = None


Record = OrderRecord | ProductRecord | EventRecord
