"""Etsy Sold Order Items (one row per item), optionally joined with Sold Orders (one per order).

Neither file has an email: the buyer is `Name (username)` in the items file and a user id in
the orders file. Order shipping and sales tax sit on one item row only (0 on the others), so they
are summed per order. Headers are localized (en-CA: Delivery City, Sales tax, Order total) and
are matched by every known spelling. Excel re-saves drop leading zeros from zip codes (US zips
are padded back to 5 digits) and turn `12/04/20` into `2012-04-20` (repaired).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from engine.importers.formats.base import (
    Format,
    GroupedFormat,
    Output,
    ParseContext,
    bad_value,
    group_date,
    keep_row_extra,
)
from engine.importers.reading import Row
from engine.importers.records import (
    CustomerRecord,
    LineRecord,
    OrderRecord,
    RowProblem,
    SourceRow,
)
from engine.importers.values import (
    ValueProblem,
    clean_id,
    clean_text,
    repair_excel_swapped_date,
)

_BUYER_RE = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")
_VARIATION_SPLIT_RE = re.compile(r"[,;]\s*(?=[^,;:]+:)")
_EXCEL_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_buyer(text: str) -> tuple[str | None, str | None]:
    """`Jane Doe (janedoe12)` -> ("Jane Doe", "janedoe12"); a bare name has no username."""
    match = _BUYER_RE.match(text.strip())
    if match:
        return match.group(1) or None, match.group(2).strip()
    return (text.strip() or None), None


def parse_variations(text: str) -> dict[str, str] | None:
    """`Size:Small, Colour:Sage green` -> {"Size": "Small", "Colour": "Sage green"}."""
    pairs = {}
    for part in _VARIATION_SPLIT_RE.split(text.strip()):
        name, colon, value = part.partition(":")
        if colon and name.strip():
            pairs[name.strip()] = value.strip()
    return pairs or None


class EtsySoldOrders(Format):
    """The order-level companion file; only read joined to the items file."""

    name = "etsy_orders"
    label = "Etsy Sold Orders"
    platform = "etsy"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "order": ("Order ID",),
        "sale_date": ("Sale Date",),
        "buyer_id": ("Buyer User ID",),
        "full_name": ("Full Name",),
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "items": ("Number of Items",),
        "city": ("Ship City", "Delivery City"),
        "state": ("Ship State", "Delivery State"),
        "zip": ("Ship Zipcode", "Delivery Zipcode"),
        "country": ("Ship Country", "Delivery Country"),
        "currency": ("Currency",),
        "order_value": ("Order Value",),
        "discount": ("Discount Amount",),
        "shipping": ("Shipping", "Delivery"),
        "tax": ("Sales Tax", "Sales tax"),
        "total": ("Order Total", "Order total"),
        "status": ("Status",),
        "buyer": ("Buyer",),
    }
    signature = (
        "order", "sale_date", "buyer_id", "full_name", "items", "city", "order_value",
        "shipping", "tax", "total",
    )  # fmt: skip
    required = ("order",)
    kept = (
        "sale_date",
        "items",
        "city",
        "state",
        "zip",
        "country",
        "currency",
        "discount",
        "buyer",
    )


class EtsySoldOrderItems(GroupedFormat):
    name = "etsy_items"
    label = "Etsy Sold Order Items"
    platform = "etsy"
    partner = "etsy_orders"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "sale_date": ("Sale Date",),
        "title": ("Item Name",),
        "buyer": ("Buyer",),
        "quantity": ("Quantity",),
        "price": ("Price",),
        "coupon": ("Coupon Code",),
        "discount": ("Discount Amount",),
        "shipping": ("Order Shipping", "Order Delivery"),
        "tax": ("Order Sales Tax",),
        "currency": ("Currency",),
        "transaction": ("Transaction ID",),
        "listing": ("Listing ID",),
        "date_paid": ("Date Paid",),
        "ship_name": ("Ship Name", "Delivery Name"),
        "city": ("Ship City", "Delivery City"),
        "state": ("Ship State", "Delivery State"),
        "zip": ("Ship Zipcode", "Delivery Zipcode"),
        "country": ("Ship Country", "Delivery Country"),
        "order": ("Order ID",),
        "variations": ("Variations",),
        "sku": ("SKU",),
    }
    signature = (
        "sale_date", "title", "buyer", "quantity", "price", "transaction", "listing",
        "order", "variations", "shipping", "tax",
    )  # fmt: skip
    required = ("order", "sale_date", "title", "quantity", "price")
    kept = ("date_paid", "ship_name")
    date_keys = ("sale_date",)

    clean_key = staticmethod(clean_id)
    unmatched_partner = "item rows in the Sold Order Items file"

    def group(self, order_id: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        first = rows[0][0]
        placed_at = group_date(rows, context, ("sale_date",), "Sale Date")
        if isinstance(placed_at, list):
            yield from placed_at
            return
        if _EXCEL_ISO_RE.match(context.get(first, "sale_date")):
            placed_at = repair_excel_swapped_date(placed_at) or placed_at
        order = OrderRecord(
            platform=self.platform,
            external_id=order_id,
            placed_at=placed_at,
            customer=self._customer(first, context),
            currency=context.get(first, "currency") or None,
            discount_codes=[
                c.strip() for c in context.get(first, "coupon").split(";") if c.strip()
            ],
            country=context.get(first, "country") or None,
            extra=context.columns.extra(first),
        )
        shipping = tax = discount = 0.0
        for cells, source in rows:
            try:
                order.lines.append(self._line(cells, context, source))
            except ValueProblem as error:
                yield bad_value(source, "Quantity / Price", error)
                continue
            order.sources.append(source)
            keep_row_extra(order, source, context.columns.extra(cells))
            shipping += context.amount(cells, "shipping") or 0.0
            tax += context.amount(cells, "tax") or 0.0
            discount = discount or context.amount(cells, "discount") or 0.0
        order.shipping, order.tax, order.discount = shipping, tax, discount
        orders = context.partner
        taken = orders.take(order_id) if orders is not None else None
        if taken is not None and orders is not None and orders.columns is not None:
            self._enrich(order, taken[0], ParseContext(orders.columns), first_use=taken[1])
        if order.lines:
            yield order
        elif taken is not None and taken[1]:
            yield RowProblem(
                taken[0][1], f"order {order_id} has no readable item rows", code="unmatched"
            )

    @staticmethod
    def _customer(cells: list[str], context: ParseContext) -> CustomerRecord | None:
        name, username = parse_buyer(context.get(cells, "buyer"))
        if not name and not username:
            return None
        country = context.get(cells, "country")
        first, _, last = (name or "").partition(" ")
        return CustomerRecord(
            platform_id=username,
            first_name=first or None,
            last_name=last or None,
            display_name=name,
            country=country or None,
            region=context.get(cells, "state") or None,
            city=context.get(cells, "city") or None,
            zip=_zip(context.get(cells, "zip"), country),
        )

    @staticmethod
    def _line(cells: list[str], context: ParseContext, source: SourceRow) -> LineRecord:
        quantity = context.quantity(cells)
        return LineRecord(
            title=clean_text(context.get(cells, "title")),
            quantity=abs(quantity),
            unit_price=context.amount(cells, "price"),
            sku=clean_id(context.get(cells, "sku")) or None,
            product_external_id=clean_id(context.get(cells, "listing")) or None,
            line_key=clean_id(context.get(cells, "transaction")) or None,
            attributes=parse_variations(context.get(cells, "variations")),
            source=source,
        )

    @staticmethod
    def _enrich(
        order: OrderRecord, partner: Row, context: ParseContext, *, first_use: bool
    ) -> None:
        """Buyer id, full name and order totals from the Sold Orders row (referenced once)."""
        cells, source = partner
        if first_use:
            order.sources.insert(0, source)
        customer = order.customer or CustomerRecord()
        customer.platform_id = clean_id(context.get(cells, "buyer_id")) or customer.platform_id
        customer.first_name = context.get(cells, "first_name") or customer.first_name
        customer.last_name = context.get(cells, "last_name") or customer.last_name
        customer.display_name = context.get(cells, "full_name") or customer.display_name
        order.customer = customer
        order.subtotal = context.amount(cells, "order_value")
        order.total = context.amount(cells, "total")
        order.shipping = context.amount(cells, "shipping") or order.shipping
        order.tax = context.amount(cells, "tax") or order.tax
        status = context.get(cells, "status").lower()
        if status in {"canceled", "cancelled"}:
            order.status, order.is_cancelled = "cancelled", True
            for line in order.lines:
                line.state = "cancelled"
        order.extra.update(
            {f"Sold Orders: {k}": v for k, v in context.columns.extra(cells).items()}
        )


def _zip(text: str, country: str) -> str | None:
    """Zip as text; a US zip that Excel shortened (`7724`) gets its leading zeros back."""
    value = clean_id(text)
    if value.isdigit() and len(value) < 5 and country.strip().lower() in {"united states", "us"}:
        return value.zfill(5)
    return value or None
