"""What the customers table asks for and shows, as plain values.

Kept apart from :mod:`engine.services.customers` because the desktop builds its table model when
the first window opens: these need nothing but the standard library, while the queries pull in
the store's models (imported by the worker that runs them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SORT_KEYS = ("name", "country", "orders", "spent", "last_order")


@dataclass(frozen=True)
class CustomerQuery:
    """What the table shows: a free-text search, one audience's members (or all), the sort."""

    search: str = ""
    audience_id: int | None = None
    sort: str = "spent"
    descending: bool = True


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    country: str
    orders: int
    spent: float
    last_order: datetime | None
    top_interest: str
