"""Rules that decide, per order and per line, what is stored, what is flagged and what is rejected.

Nothing here drops data silently: a rule either keeps the row (possibly flagged: a non-product
line, a cancellation) or returns a :class:`Rejection` with a reason a shop owner can act on, which
the pipeline writes to the rejected-rows table together with the row's raw text.

Non-product lines (postage, fees, bank charges, manual adjustments, ...) are recognised by a short
list of well-known codes (the UCI Online Retail codes, Amazon fee lines) and by titles that are
nothing but such a charge. They are stored, with ``is_non_product`` set, so revenue and
recommendations can leave them out while the order totals still add up.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from engine.importers.records import LineRecord, OrderRecord

MAX_QUANTITY = 1_000_000
MAX_UNIT_PRICE = 10_000_000.0

NON_PRODUCT_CODES = frozenset(
    {
        "POST",
        "DOT",
        "M",
        "C2",
        "BANK CHARGES",
        "PADS",
        "AMAZONFEE",
        "CRUK",
        "S",
        "B",
        "D",
        "SHIPPING",
        "POSTAGE",
        "FEE",
        "ADJUST",
        "GIFTWRAP",
    }
)
_NON_PRODUCT_TITLE = re.compile(
    r"^\s*(?:dotcom\s+)?(?:postage|shipping|delivery|carriage|handling|gift\s*wrap(?:ping)?)"
    r"(?:\s+(?:and|&)\s+handling)?(?:\s+(?:fee|fees|charge|charges|cost|costs))?\s*$"
    r"|^\s*bank\s+charges?\s*$"
    r"|^\s*amazon\s*fee\s*$"
    r"|^\s*(?:manual(?:\s+adjustment)?|adjust(?:ment)?\s+bad\s+debt|discount|samples?)\s*$"
    r"|^\s*(?:transaction|service|processing|payment)\s+fees?\s*$"
    r"|^\s*cruk\s+commission\s*$",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@lru_cache(maxsize=65_536)
def is_non_product(sku: str | None, title: str) -> bool:
    """True for postage, fees, charges and adjustments: lines that are not goods sold."""
    if sku and sku.strip().upper() in NON_PRODUCT_CODES:
        return True
    return bool(_NON_PRODUCT_TITLE.match(title or ""))


@dataclass(frozen=True)
class Rejection:
    """Why a row was not stored; ``code`` is stable for machines, ``reason`` is for people."""

    code: str
    reason: str
    column: str | None = None


def normalise_currency(currency: str | None, shop_currency: str) -> str | Rejection:
    """The order's ISO currency code; the shop's when the file has none."""
    if currency is None or not currency.strip():
        return shop_currency
    code = currency.strip().upper()
    if not _CURRENCY.match(code):
        return Rejection(
            "unknown_currency",
            f"The currency '{currency}' is not a three-letter currency code such as GBP or EUR.",
            "currency",
        )
    return code


def check_order(order: OrderRecord) -> Rejection | None:
    """Order-level problems reject every row of the order."""
    if order.placed_at is None:
        return Rejection(
            "bad_date",
            f"Order {order.external_id} has no date we could read, so it cannot be placed in time.",
            "date",
        )
    if not order.external_id or not order.external_id.strip():
        return Rejection("missing_value", "The row has no order number.", "order")
    return None


def check_line(line: LineRecord, non_product: bool) -> Rejection | None:
    """Line-level problems reject that line's row only; the rest of the order is kept."""
    if not line.title or not line.title.strip():
        return Rejection("missing_value", "The line has no product name.", "title")
    quantity = line.quantity
    if quantity is None or not math.isfinite(quantity):
        return Rejection("bad_number", "The quantity is not a number.", "quantity")
    if quantity == 0:
        return Rejection("zero_quantity", "The quantity is 0, so nothing was sold.", "quantity")
    if quantity < 0:
        return Rejection(
            "negative_quantity",
            f"The quantity is {quantity:g}; a sale needs a positive quantity "
            "(returns and cancellations are marked as such, not with a minus sign).",
            "quantity",
        )
    if quantity > MAX_QUANTITY:
        return Rejection(
            "absurd_quantity",
            f"The quantity {quantity:g} is more than {MAX_QUANTITY:,}; this looks like a typo.",
            "quantity",
        )
    price = line.unit_price
    if price is not None:
        if not math.isfinite(price) or abs(price) > MAX_UNIT_PRICE:
            return Rejection(
                "absurd_price", f"The unit price {price:g} is not a believable price.", "price"
            )
        if price < 0 and not non_product:
            return Rejection(
                "negative_price",
                f"The unit price is {price:g}; only fees and adjustments can be negative.",
                "price",
            )
    return None


@dataclass
class CleaningReport:
    """What the cleaning did to one batch, for the wizard's summary page."""

    cancelled_orders: int = 0
    refunded_orders: int = 0
    cancelled_lines: int = 0
    refunded_lines: int = 0
    non_product_lines: int = 0
    outliers_flagged: int = 0
    guest_orders: int = 0
    orders_updated: int = 0
    lines_updated: int = 0
    repeated_lines: int = 0  # identical to another line of the same order; kept, only counted
    rejected_by_reason: Counter[str] = field(default_factory=Counter)
    reason_examples: dict[str, str] = field(default_factory=dict)

    def count_order(self, order: OrderRecord, guest: bool) -> None:
        """A newly stored order: guest, cancelled, refunded?"""
        self.guest_orders += guest
        self.cancelled_orders += bool(order.is_cancelled)
        refunded = order.status in ("refunded", "partially_refunded")
        self.refunded_orders += refunded or (order.refunded_amount or 0) > 0

    def count_line(self, state: str, non_product: bool) -> None:
        """A newly stored line: a fee, a cancellation, a refund or return?"""
        self.non_product_lines += non_product
        self.cancelled_lines += state == "cancelled"
        self.refunded_lines += state in ("refunded", "returned")

    def note_rejection(self, rejection: Rejection) -> None:
        self.rejected_by_reason[rejection.code] += 1
        self.reason_examples.setdefault(rejection.code, rejection.reason)

    def as_dict(self) -> dict[str, object]:
        return {
            "cancelled_orders": self.cancelled_orders,
            "refunded_orders": self.refunded_orders,
            "cancelled_lines": self.cancelled_lines,
            "refunded_lines": self.refunded_lines,
            "non_product_lines": self.non_product_lines,
            "outliers_flagged": self.outliers_flagged,
            "guest_orders": self.guest_orders,
            "orders_updated": self.orders_updated,
            "lines_updated": self.lines_updated,
            "repeated_lines": self.repeated_lines,
            "rejected_by_reason": dict(self.rejected_by_reason),
            "reason_examples": dict(self.reason_examples),
        }
