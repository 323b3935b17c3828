"""Keep the last fitted model of each kind while its inputs are unchanged.

The GUI asks for audience after audience and recommendation after recommendation on the same
data; refitting matrix factorisation each time would cost tens of seconds per click on a larger
shop. One entry per kind, keyed by everything the fit depends on, so stale models are never
served: a new import, new weights or rewritten profiles change the key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from engine.targeting.interactions import Purchases

T = TypeVar("T")
_FITTED: dict[str, tuple[tuple[Any, ...], Any]] = {}


def cached(name: str, key: tuple[Any, ...], build: Callable[[], T]) -> T:
    hit = _FITTED.get(name)
    if hit is not None and hit[0] == key:
        return cast(T, hit[1])
    value = build()
    _FITTED[name] = (key, value)
    return value


def purchases_key(database: Path, purchases: Purchases) -> tuple[Any, ...]:
    """Changes whenever the store's purchases change (new import, deleted orders, new products)."""
    return (
        str(database),
        len(purchases),
        float(purchases.time.sum()),
        float(purchases.revenue.sum()),
        len(purchases.catalog.product_ids),
        purchases.catalog.category_names,
    )
