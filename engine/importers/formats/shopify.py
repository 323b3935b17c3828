"""Shopify orders_export.csv (75 columns in 2021, 79 in 2026): one row per line item.

The first row of an order carries the order-level columns; follow-up rows repeat Name, Email,
Created at, the Lineitem fields and Vendor and leave the rest blank, so order-level values are
read from the first row only. Financial Status, Cancelled at and Refunded Amount decide the order
status and each line's state. Notes may span several physical lines (the csv module keeps them
as one cell); they and every column not mapped here travel in ``extra``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from engine.importers.formats.base import (
    GroupedFormat,
    Output,
    ParseContext,
    bad_value,
    group_date,
    keep_row_extra,
    line_state,
)
from engine.importers.reading import Row
from engine.importers.records import (
    CustomerRecord,
    LineRecord,
    LineState,
    OrderRecord,
)
from engine.importers.values import ValueProblem, clean_id, clean_text, parse_bool

FINANCIAL_STATUS = {
    "paid": "paid",
    "pending": "pending",
    "authorized": "pending",
    "partially_paid": "pending",
    "partially paid": "pending",
    "refunded": "refunded",
    "partially_refunded": "partially_refunded",
    "partially refunded": "partially_refunded",
    "voided": "cancelled",
    "expired": "cancelled",
}


class ShopifyOrders(GroupedFormat):
    name = "shopify"
    label = "Shopify orders export"
    platform = "shopify"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "order": ("Name",),
        "email": ("Email",),
        "financial_status": ("Financial Status",),
        "paid_at": ("Paid at",),
        "accepts_marketing": ("Accepts Marketing", "Accepts Email Marketing"),
        "currency": ("Currency",),
        "subtotal": ("Subtotal",),
        "shipping": ("Shipping",),
        "taxes": ("Taxes",),
        "total": ("Total",),
        "discount_code": ("Discount Code",),
        "discount_amount": ("Discount Amount",),
        "created_at": ("Created at",),
        "quantity": ("Lineitem quantity",),
        "title": ("Lineitem name",),
        "price": ("Lineitem price",),
        "sku": ("Lineitem sku",),
        "line_discount": ("Lineitem discount",),
        "vendor": ("Vendor",),
        "billing_name": ("Billing Name",),
        "billing_city": ("Billing City",),
        "billing_zip": ("Billing Zip",),
        "billing_province": ("Billing Province Name", "Billing Province"),
        "billing_country": ("Billing Country",),
        "billing_phone": ("Billing Phone",),
        "shipping_country": ("Shipping Country",),
        "phone": ("Phone",),
        "cancelled_at": ("Cancelled at",),
        "refunded_amount": ("Refunded Amount",),
    }
    signature = (
        "order", "email", "financial_status", "paid_at", "accepts_marketing", "created_at",
        "quantity", "title", "price", "sku", "billing_name", "billing_country",
        "shipping_country", "cancelled_at", "refunded_amount",
    )  # fmt: skip
    required = ("order", "created_at", "quantity", "title", "price")
    date_keys = ("created_at",)

    def group(self, external_id: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        first = rows[0][0]
        placed_at = group_date(rows, context, ("created_at", "paid_at"), "Created at")
        if isinstance(placed_at, list):
            yield from placed_at
            return
        order = self._order_fields(external_id, placed_at, first, context)
        state = line_state(order.status)
        for cells, source in rows:
            try:
                line = self._line(cells, context, state)
            except ValueProblem as error:
                yield bad_value(source, "Lineitem quantity / price", error)
                continue
            line.source = source
            order.lines.append(line)
            order.sources.append(source)
            keep_row_extra(order, source, context.columns.extra(cells))
        if order.sources:
            yield order

    def _order_fields(
        self, external_id: str, placed_at: datetime, cells: list[str], context: ParseContext
    ) -> OrderRecord:
        get = context.get
        financial = get(cells, "financial_status").lower()
        cancelled = (
            bool(get(cells, "cancelled_at")) or FINANCIAL_STATUS.get(financial) == "cancelled"
        )
        status = "cancelled" if cancelled else FINANCIAL_STATUS.get(financial, financial or "paid")
        codes = [code.strip() for code in get(cells, "discount_code").split(",") if code.strip()]
        return OrderRecord(
            platform=self.platform,
            external_id=external_id,
            placed_at=placed_at,
            customer=self._customer(cells, context),
            currency=get(cells, "currency") or None,
            subtotal=context.amount(cells, "subtotal"),
            shipping=context.amount(cells, "shipping"),
            tax=context.amount(cells, "taxes"),
            discount=context.amount(cells, "discount_amount"),
            total=context.amount(cells, "total"),
            refunded_amount=context.amount(cells, "refunded_amount") or 0.0,
            status=status,
            is_cancelled=cancelled,
            discount_codes=codes,
            country=get(cells, "shipping_country") or get(cells, "billing_country") or None,
            extra=context.columns.extra(cells),
        )

    @staticmethod
    def _customer(cells: list[str], context: ParseContext) -> CustomerRecord | None:
        get = context.get
        email = get(cells, "email").lower() or None
        name = clean_text(get(cells, "billing_name"))
        if not email and not name:
            return None  # a guest order: kept, with no customer
        first, _, last = name.partition(" ")
        country = get(cells, "billing_country") or get(cells, "shipping_country")
        return CustomerRecord(
            email=email,
            phone=clean_id(get(cells, "phone") or get(cells, "billing_phone")) or None,
            first_name=first or None,
            last_name=last or None,
            display_name=name or None,
            country=country or None,
            country_code=country.upper() if len(country) == 2 else None,
            region=get(cells, "billing_province") or None,
            city=get(cells, "billing_city") or None,
            zip=clean_id(get(cells, "billing_zip")) or None,
            accepts_marketing=parse_bool(get(cells, "accepts_marketing")),
        )

    @staticmethod
    def _line(cells: list[str], context: ParseContext, state: LineState) -> LineRecord:
        quantity = context.quantity(cells)
        return LineRecord(
            title=clean_text(context.get(cells, "title")),
            quantity=abs(quantity),
            unit_price=context.amount(cells, "price"),
            sku=clean_id(context.get(cells, "sku")) or None,
            discount=context.amount(cells, "line_discount") or 0.0,
            state=state,
            vendor=context.get(cells, "vendor") or None,
        )
