"""A behaviour-events CSV: who looked at, carted, favourited or bought which item, and when.

Event names vary by source (Taobao's UserBehavior uses pv/cart/fav/buy, web analytics use
view/add_to_cart/purchase), so they are mapped through a synonym table; timestamps are either
Unix seconds/milliseconds or any date form :mod:`engine.importers.values` reads.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from engine.importers.formats.base import (
    Output,
    ParseContext,
    RowFormat,
    bad_value,
    missing_value,
)
from engine.importers.records import EventRecord, EventType, RowProblem, SourceRow
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


class BehaviourEvents(RowFormat):
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
    date_keys = ("timestamp",)

    def row(self, cells: list[str], source: SourceRow, context: ParseContext) -> Output:
        get = context.get
        kind = event_type(get(cells, "event"))
        if kind is None:
            known = "view, cart, fav, click or purchase (or pv, buy, add_to_cart, …)"
            return RowProblem(
                source, f"unknown event type {get(cells, 'event')!r}; expected {known}",
                column="event", code="bad_value",
            )  # fmt: skip
        try:
            occurred_at = parse_timestamp(get(cells, "timestamp"), context)
        except (ValueProblem, OverflowError, ValueError) as error:
            return bad_value(source, "timestamp", ValueProblem(f"expected a date: {error}"))
        customer, item = clean_id(get(cells, "customer")), clean_id(get(cells, "item"))
        if occurred_at is None or not customer or not item:
            return missing_value(source, "customer / item / timestamp", "all three filled in")
        return EventRecord(
            customer_platform_id=customer,
            item=item,
            event_type=kind,
            occurred_at=occurred_at,
            session_id=get(cells, "session") or None,
            source=source,
        )
