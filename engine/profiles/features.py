"""Behaviour features of one customer, computed from plain records (pure functions, no store).

What counts as a purchase: a line of an order that is not cancelled, whose state is ``ok`` and
which is a real product (postage, fees and other non-product lines are ignored). Cancelled orders
and cancelled lines are not purchases; returned/refunded lines (or negative quantities) are
counted as returns. Money is in the shop's currency; times are naive UTC.
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any

RETURN_STATES = frozenset({"returned", "refunded"})
UNCATEGORISED = "Uncategorised"
PRICE_BANDS = ((1 / 3, "budget"), (2 / 3, "mid"), (1.01, "premium"))


@dataclass(frozen=True)
class LineFacts:
    product_id: int | None
    category: str | None
    quantity: float
    unit_price: float | None
    discount: float = 0.0
    state: str = "ok"
    is_non_product: bool = False

    @property
    def is_purchase(self) -> bool:
        return self.state == "ok" and not self.is_non_product and self.quantity > 0

    @property
    def is_return(self) -> bool:
        return not self.is_non_product and (self.state in RETURN_STATES or self.quantity < 0)

    @property
    def amount(self) -> float:
        return max(self.quantity * (self.unit_price or 0.0) - self.discount, 0.0)


@dataclass(frozen=True)
class OrderFacts:
    placed_at: datetime
    lines: tuple[LineFacts, ...]
    is_cancelled: bool = False
    discount: float | None = None
    discount_codes: tuple[str, ...] = ()
    country: str | None = None

    @property
    def purchase_lines(self) -> list[LineFacts]:
        return [] if self.is_cancelled else [line for line in self.lines if line.is_purchase]

    @property
    def used_discount(self) -> bool:
        return (
            bool(self.discount_codes)
            or (self.discount or 0.0) > 0
            or any(line.discount > 0 for line in self.purchase_lines)
        )


@dataclass(frozen=True)
class CustomerFacts:
    orders: tuple[OrderFacts, ...]
    country: str | None = None
    region: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def purchase_orders(orders: Sequence[OrderFacts]) -> list[OrderFacts]:
    """Orders with at least one purchased product line, oldest first."""
    return sorted((o for o in orders if o.purchase_lines), key=lambda o: o.placed_at)


def recency_days(orders: Sequence[OrderFacts], now: datetime) -> float | None:
    bought = purchase_orders(orders)
    return None if not bought else round((now - bought[-1].placed_at).total_seconds() / 86400, 2)


def monetary(orders: Sequence[OrderFacts]) -> tuple[float, float]:
    """(total spent, mean order value) over purchases."""
    values = [sum(line.amount for line in o.purchase_lines) for o in purchase_orders(orders)]
    return (round(sum(values), 2), round(statistics.fmean(values), 2)) if values else (0.0, 0.0)


def inter_purchase_days(orders: Sequence[OrderFacts]) -> list[float]:
    """Days between consecutive purchase orders."""
    times = [o.placed_at for o in purchase_orders(orders)]
    return [round((b - a).total_seconds() / 86400, 4) for a, b in pairwise(times)]


def preferred_hour_and_weekday(orders: Sequence[OrderFacts]) -> tuple[int | None, int | None]:
    """Most common hour (0-23) and weekday (0 = Monday); ties go to the earliest."""
    bought = purchase_orders(orders)
    if not bought:
        return None, None
    hours = Counter(o.placed_at.hour for o in bought)
    days = Counter(o.placed_at.weekday() for o in bought)
    return _mode(hours), _mode(days)


def category_affinity(orders: Sequence[OrderFacts]) -> dict[str, float]:
    """Share of purchased quantity per category (missing category → ``Uncategorised``)."""
    totals: dict[str, float] = defaultdict(float)
    for order in purchase_orders(orders):
        for line in order.purchase_lines:
            totals[line.category or UNCATEGORISED] += line.quantity
    whole = sum(totals.values())
    ranked = sorted(totals.items(), key=lambda pair: -pair[1])
    return {name: round(q / whole, 4) for name, q in ranked} if whole else {}


def discount_share(orders: Sequence[OrderFacts]) -> float:
    bought = purchase_orders(orders)
    return round(sum(o.used_discount for o in bought) / len(bought), 4) if bought else 0.0


def price_position(orders: Sequence[OrderFacts], shop_prices: Sequence[float]) -> float | None:
    """Mean percentile (0..1) of the customer's unit prices among ``shop_prices`` (sorted)."""
    positions = [
        bisect.bisect_right(shop_prices, line.unit_price) / len(shop_prices)
        for order in purchase_orders(orders)
        for line in order.purchase_lines
        if line.unit_price is not None and shop_prices
    ]
    return round(statistics.fmean(positions), 4) if positions else None


def price_band(position: float | None) -> str | None:
    if position is None:
        return None
    return next(name for upper, name in PRICE_BANDS if position < upper)


def basket_size(orders: Sequence[OrderFacts]) -> tuple[float, float]:
    """(mean product lines per order, mean units per order) over purchases."""
    bought = purchase_orders(orders)
    if not bought:
        return 0.0, 0.0
    lines = statistics.fmean(len(o.purchase_lines) for o in bought)
    units = statistics.fmean(sum(line.quantity for line in o.purchase_lines) for o in bought)
    return round(lines, 2), round(units, 2)


def returns_rate(orders: Sequence[OrderFacts]) -> float:
    """Returned or refunded product lines per purchased product line (0 when nothing bought)."""
    returned = sum(line.is_return for o in orders for line in o.lines)
    bought = sum(len(o.purchase_lines) for o in orders)
    return round(returned / bought, 4) if bought else 0.0


def customer_features(
    customer: CustomerFacts, now: datetime, shop_prices: Sequence[float]
) -> dict[str, Any]:
    """Every feature of one customer, JSON-ready (stored in ``CustomerProfile.features``)."""
    orders = customer.orders
    gaps = inter_purchase_days(orders)
    total, mean_order = monetary(orders)
    hour, weekday = preferred_hour_and_weekday(orders)
    lines_per_order, units_per_order = basket_size(orders)
    position = price_position(orders, shop_prices)
    countries = Counter(o.country for o in orders if o.country)
    return {
        "recency_days": recency_days(orders, now),
        "frequency": len(purchase_orders(orders)),
        "monetary_total": total,
        "monetary_mean_order": mean_order,
        "inter_purchase_days_mean": round(statistics.fmean(gaps), 2) if gaps else None,
        "inter_purchase_days_median": round(statistics.median(gaps), 2) if gaps else None,
        "preferred_hour": hour,
        "preferred_weekday": weekday,
        "category_affinity": category_affinity(orders),
        "discount_share": discount_share(orders),
        "price_position": position,
        "price_band": price_band(position),
        "basket_lines_mean": lines_per_order,
        "basket_units_mean": units_per_order,
        "country": customer.country or (_mode(countries) if countries else None),
        "region": customer.region,
        "returns_rate": returns_rate(orders),
    }


def _mode(counts: Counter[Any]) -> Any:
    best = max(counts.values())
    return min(key for key, count in counts.items() if count == best)
