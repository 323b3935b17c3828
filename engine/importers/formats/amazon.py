"""Amazon All Orders report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL), TSV.

One row per item.

No buyer name or email (every order is a guest order), ISO 8601 dates, `item-price` is the price
of the whole line (all units) and is blank for pending MFN orders. The field set varies by era
(`url`, `cpf`, tax-collection-*), which only changes what lands in ``extra``. Legacy files come
in Cp1252 or cp932; the reader detects that before this parser sees a row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from engine.importers.formats.base import (
    GroupedFormat,
    Output,
    ParseContext,
    bad_value,
    group_date,
    keep_row_extra,
)
from engine.importers.reading import Row
from engine.importers.records import LineRecord, OrderRecord
from engine.importers.values import ValueProblem, clean_id, clean_text, parse_number

ORDER_STATUS = {
    "shipped": "paid",
    "shipping": "paid",
    "unshipped": "paid",
    "partiallyshipped": "paid",
    "pending": "pending",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}


class AmazonAllOrders(GroupedFormat):
    name = "amazon"
    label = "Amazon All Orders report"
    platform = "amazon"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "order": ("amazon-order-id",),
        "merchant_order": ("merchant-order-id",),
        "date": ("purchase-date",),
        "status": ("order-status",),
        "channel": ("sales-channel",),
        "title": ("product-name",),
        "sku": ("sku",),
        "asin": ("asin",),
        "item_status": ("item-status",),
        "quantity": ("quantity",),
        "currency": ("currency",),
        "price": ("item-price",),
        "tax": ("item-tax",),
        "shipping": ("shipping-price",),
        "discount": ("item-promotion-discount",),
        "country": ("ship-country",),
        "promotions": ("promotion-ids",),
    }
    signature = (
        "order", "merchant_order", "date", "status", "title", "sku", "asin", "item_status",
        "quantity", "price", "country",
    )  # fmt: skip
    required = ("order", "date", "title", "quantity")
    kept = ("merchant_order", "channel")

    def group(self, order_id: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        first = rows[0][0]
        placed_at = group_date(rows, context, ("date",), "purchase-date")
        if isinstance(placed_at, list):
            yield from placed_at
            return
        raw_status = context.get(first, "status")
        status = ORDER_STATUS.get(raw_status.lower(), raw_status.lower() or "paid")
        order = OrderRecord(
            platform=self.platform,
            external_id=order_id,
            placed_at=placed_at,
            customer=None,  # Amazon reports leave out every customer-identifying field
            currency=context.get(first, "currency") or None,
            status=status,
            is_cancelled=status == "cancelled",
            country=context.get(first, "country") or None,
            extra=context.columns.extra(first),
        )
        shipping = tax = 0.0
        for cells, source in rows:
            try:
                line = self._line(cells, context, status)
            except ValueProblem as error:
                yield bad_value(source, "quantity / item-price", error)
                continue
            line.source = source
            order.lines.append(line)
            order.sources.append(source)
            keep_row_extra(order, source, context.columns.extra(cells))
            shipping += context.amount(cells, "shipping") or 0.0
            tax += context.amount(cells, "tax") or 0.0
            promotions = context.get(cells, "promotions")
            order.discount_codes.extend(
                p for p in promotions.split(",") if p and p not in order.discount_codes
            )
        order.shipping, order.tax = shipping, tax
        if order.lines:
            yield order

    @staticmethod
    def _line(cells: list[str], context: ParseContext, status: str) -> LineRecord:
        quantity = parse_number(context.get(cells, "quantity")) or 0.0
        line_price = context.amount(cells, "price")
        item_status = context.get(cells, "item_status").lower()
        cancelled = status == "cancelled" or item_status in {"cancelled", "canceled"}
        return LineRecord(
            title=clean_text(context.get(cells, "title")),
            quantity=abs(quantity),
            unit_price=None
            if line_price is None or not quantity
            else round(line_price / abs(quantity), 4),
            sku=clean_id(context.get(cells, "sku")) or None,
            product_external_id=clean_id(context.get(cells, "asin")) or None,
            discount=abs(context.amount(cells, "discount") or 0.0),
            state="cancelled" if cancelled else "ok",
        )
