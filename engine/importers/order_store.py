"""The ``orders`` and ``order_lines`` rows of a batch: their shape, comparison and bulk writes.

A line row is a plain tuple in :data:`LINE_COLUMNS` order, written straight to the driver; an
order row is a dict written with a Core ``insert``. Orders already in the store are loaded back
(only their keys and the compared fields) so a later export can update them instead of
duplicating them.
"""

from __future__ import annotations

import json
import math
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, update

from engine.importers.bulk import execute_many, insert_sql
from engine.importers.records import LineRecord, OrderRecord
from engine.store.models import Order, OrderLine

ORDERS: Table = Order.__table__  # type: ignore[assignment]
LINES: Table = OrderLine.__table__  # type: ignore[assignment]
ID_CHUNK = 500
ORDER_FIELDS = (
    "status",
    "is_cancelled",
    "refunded_amount",
    "subtotal",
    "shipping",
    "tax",
    "discount",
    "total",
    "country",
)
LINE_FIELDS = ("state", "quantity", "unit_price", "discount")
LINE_COLUMNS = (
    "id",
    "order_id",
    "product_id",
    "line_key",
    "position",
    "sku",
    "title",
    "quantity",
    "unit_price",
    "discount",
    "state",
    "is_non_product",
    "is_outlier",
    "attributes",
)
AT = {name: index for index, name in enumerate(LINE_COLUMNS)}
COMPARED = tuple(AT[name] for name in LINE_FIELDS)
INSERT_LINES = insert_sql(LINES.name, LINE_COLUMNS)
_CONSTANT = {"discount": "0.0", "is_outlier": "0", "attributes": "NULL"}
PLAIN_LINE_COLUMNS = tuple(name for name in LINE_COLUMNS if name not in _CONSTANT)
INSERT_PLAIN_LINES = (  # lines without discount or attributes: constants bind nothing per row
    f"INSERT INTO {LINES.name} ({', '.join((*PLAIN_LINE_COLUMNS, *_CONSTANT))}) "
    f"VALUES ({', '.join(['?'] * len(PLAIN_LINE_COLUMNS) + list(_CONSTANT.values()))})"
)


def write(
    connection: Connection,
    new_orders: list[dict[str, Any]],
    new_lines: list[tuple[Any, ...]],
    order_updates: list[dict[str, Any]],
    line_updates: list[dict[str, Any]],
) -> None:
    if new_orders:
        connection.execute(ORDERS.insert(), new_orders)
    if new_lines:  # the bulk of every import: straight to the driver, no per-row overhead
        execute_many(connection, INSERT_LINES, new_lines)
    for changes in group_by_keys(order_updates):
        fields = [name for name in changes[0] if name != "order_id"]
        connection.execute(
            update(ORDERS)
            .where(ORDERS.c.id == bindparam("order_id"))
            .values({name: bindparam(name) for name in fields}),
            changes,
        )
    if line_updates:
        connection.execute(
            update(LINES)
            .where(LINES.c.id == bindparam("line_id"))
            .values({name: bindparam(f"new_{name}") for name in LINE_FIELDS}),
            line_updates,
        )


def load_existing(
    connection: Connection, order_ids: list[int]
) -> tuple[dict[int, dict[str, tuple[Any, ...]]], dict[int, dict[str, Any]]]:
    """Stored lines (by line key) and order-level fields of orders seen before."""
    lines: dict[int, dict[str, tuple[Any, ...]]] = {}
    orders: dict[int, dict[str, Any]] = {}
    for start in range(0, len(order_ids), ID_CHUNK):
        chunk = order_ids[start : start + ID_CHUNK]
        for row in connection.execute(
            select(
                LINES.c.order_id,
                LINES.c.line_key,
                LINES.c.id,
                LINES.c.position,
                *(LINES.c[name] for name in LINE_FIELDS),
            ).where(LINES.c.order_id.in_(chunk))
        ):
            lines.setdefault(row[0], {})[row[1]] = tuple(row[2:])
        for row in connection.execute(
            select(
                ORDERS.c.id,
                ORDERS.c.customer_id,
                ORDERS.c.discount_codes,
                *(ORDERS.c[name] for name in ORDER_FIELDS),
            ).where(ORDERS.c.id.in_(chunk))
        ):
            orders[row[0]] = dict(row._mapping)
    return lines, orders


def merge_into(earlier: OrderRecord, later: OrderRecord, fill_blanks: bool = True) -> None:
    """Join an order's non-contiguous rows: more lines and rows; blanks filled, never replaced.

    Without ``fill_blanks`` the earlier part's order-level fields stand as they are, blanks
    included: what happens when the earlier part was stored in an earlier chunk, so the result
    does not depend on how many rows the writer buffers.
    """
    earlier.lines.extend(later.lines)
    earlier.sources.extend(later.sources)
    if not fill_blanks:
        return
    for name in (
        "placed_at",
        "customer",
        "currency",
        "subtotal",
        "shipping",
        "tax",
        "discount",
        "total",
        "country",
    ):
        if getattr(earlier, name) is None:
            setattr(earlier, name, getattr(later, name))


def line_row(
    line_id: int,
    order_id: int,
    position: int,
    key: str,
    line: LineRecord,
    product_id: int,
    non_product: bool,
) -> tuple[Any, ...]:
    """One ``order_lines`` row in :data:`LINE_COLUMNS` order."""
    sku = line.sku.strip()[:200] if line.sku else None
    attributes = json.dumps(line.attributes, ensure_ascii=False) if line.attributes else None
    return (
        line_id, order_id, product_id, key, position, sku or None,
        line.title.strip()[:500], float(line.quantity), line.unit_price, line.discount or 0.0,
        line.state, non_product, False, attributes,
    )  # fmt: skip


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def line_changed(row: tuple[Any, ...], stored: tuple[Any, ...]) -> bool:
    """``stored`` is (id, position, *LINE_FIELDS) as loaded by ``load_existing``."""
    return any(not same(row[at], stored[2 + i]) for i, at in enumerate(COMPARED))


def order_changes(
    order: OrderRecord, customer_id: int | None, stored: dict[str, Any]
) -> dict[str, Any]:
    """Order-level values the later file states differently; blanks never erase stored values."""
    changes = {
        name: getattr(order, name)
        for name in ORDER_FIELDS
        if getattr(order, name) is not None and not same(getattr(order, name), stored[name])
    }
    if customer_id is not None and stored["customer_id"] is None:
        changes["customer_id"] = customer_id
    if order.discount_codes and order.discount_codes != stored["discount_codes"]:
        changes["discount_codes"] = order.discount_codes
    return changes


def group_by_keys(updates: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """executemany needs the same parameters in every set: group updates by changed fields."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for changes in updates:
        groups.setdefault(tuple(sorted(changes)), []).append(changes)
    return list(groups.values())
