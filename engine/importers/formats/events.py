"""A behaviour-events CSV: who looked at, carted, favourited or bought which item, and when.

Event names vary by source (Taobao's UserBehavior uses pv/cart/fav/buy, web analytics use
view/add_to_cart/purchase), so they are mapped through a synonym table; timestamps are either
Unix seconds/milliseconds or any date form :mod:`engine.importers.values` reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import ClassVar

from engine.importers.formats.base import Format, Output, ParseContext, bad_value, missing_value
from engine.importers.reading import Table
from engine.importers.records import EventRecord, EventType, RowProblem
from engine.importers.values import ValueProblem, clean_id

EVENT_SYNONYMS: dict[str, EventType] = {
    **dict.fromkeys(("pv", "view", "page_view", "pageview", "detail", "view_item", "浏览"), "view"),
    **dict.fromkeys(
        ("cart", "addtocart", "add_to_cart", "add-to-cart", "加购", "加购物车"), "cart"
    ),
    **dict.fromkeys(("fav", "favorite", "favourite", "wishlist", "like", "收藏"), "fav"),
    **dict.fromkeys(("click", "clk", "点击"), "click"),
    **dict.fromkeys(("buy", "purchase", "transaction", "order", "购买", "下单"), "purchase"),
}
_EPOCH = datetime(1970, 1, 1)


def event_type(text: str) -> EventType | None:
    return EVENT_SYNONYMS.get(text.strip().lower())


def parse_timestamp(text: str, context: ParseContext) -> datetime | None:
    """Unix seconds (or milliseconds) as naive UTC, else a written date."""
    value = text.strip()
    if value.isdigit():
        number = int(value)
        return _EPOCH + timedelta(seconds=number / 1000 if number > 100_000_000_000 else number)
    return context.dates(value)


class BehaviourEvents(Format):
    name = "events"
    label = "behaviour events CSV"
    kind = "events"
    platform = "generic"
    generic = True
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "customer": ("user_id", "customer_id", "visitor_id", "visitorid", "user", "customer",
                     "用户ID"),
        "item": ("item_id", "itemid", "product_id", "sku", "item", "商品ID"),
        "event": ("event_type", "event", "behavior_type", "behaviour_type", "behavior", "action",
                  "行为类型"),
        "timestamp": ("timestamp", "event_time", "time", "occurred_at", "date", "时间"),
        "session": ("session_id", "session"),
    }  # fmt: skip
    signature = ("customer", "item", "event", "timestamp")
    required = ("customer", "item", "event", "timestamp")

    def parse(self, table: Table, partners: Sequence[Table]) -> Iterator[Output]:
        context = ParseContext(self.check_columns(table))
        get = context.get
        for row in table:
            if isinstance(row, RowProblem):
                yield row
                continue
            cells, source = row
            kind = event_type(get(cells, "event"))
            if kind is None:
                known = "view, cart, fav, click or purchase (or pv, buy, add_to_cart, …)"
                yield RowProblem(
                    source, f"unknown event type {get(cells, 'event')!r}; expected {known}",
                    column="event", code="bad_value",
                )  # fmt: skip
                continue
            try:
                occurred_at = parse_timestamp(get(cells, "timestamp"), context)
            except (ValueProblem, OverflowError, ValueError) as error:
                yield bad_value(source, "timestamp", ValueProblem(f"expected a date: {error}"))
                continue
            customer, item = clean_id(get(cells, "customer")), clean_id(get(cells, "item"))
            if occurred_at is None or not customer or not item:
                yield missing_value(source, "customer / item / timestamp", "all three filled in")
                continue
            yield EventRecord(
                customer_platform_id=customer,
                item=item,
                event_type=kind,
                occurred_at=occurred_at,
                session_id=get(cells, "session") or None,
                source=source,
            )
