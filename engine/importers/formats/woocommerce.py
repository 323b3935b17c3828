"""WooCommerce: the built-in Analytics › Orders export, and the WebToffee plugin's order export.

Both have one row per order. The Analytics export (UTF-8 with BOM) has no email or address:
products come as `2× Mug, 1× Tea towel` (U+00D7) without prices, and the buyer is only the
Customer name, used as the customer's platform id. Cells starting with `= + - @` carry a `'`
protection prefix, removed here. The WebToffee layout has line_item_1..N cells written as
`name:…|product_id:…|quantity:…|total:…`; N varies per export, so columns are found by prefix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from engine.importers.formats.base import (
    Columns,
    Output,
    ParseContext,
    RowFormat,
    bad_value,
    line_state,
    missing_value,
    normalise_name,
)
from engine.importers.reading import Table, TableLayout
from engine.importers.records import (
    CustomerRecord,
    LineRecord,
    OrderRecord,
    SourceRow,
)
from engine.importers.values import ValueProblem, clean_id, clean_text, parse_bool, parse_number

WOO_STATUS = {
    "completed": "paid",
    "processing": "paid",
    "on-hold": "pending",
    "on hold": "pending",
    "pending": "pending",
    "pending payment": "pending",
    "refunded": "refunded",
    "cancelled": "cancelled",
    "failed": "cancelled",
}
_PRODUCTS_RE = re.compile(r"(?:^|,\s*)(\d+)\s*×\s*")
_ITEM_KEY_RE = re.compile(r"\|(?=[a-z_]+:)")


def parse_woo_products(text: str) -> list[tuple[int, str]]:
    """`2× Mug, large, 1× Tea towel` -> [(2, "Mug, large"), (1, "Tea towel")]."""
    parts = _PRODUCTS_RE.split(text.strip())
    return [(int(parts[i]), parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def parse_line_item(text: str) -> dict[str, str]:
    """`name:Mug|product_id:12|quantity:2|total:18.00` -> a dict; `|` in a name stays in it."""
    pairs: dict[str, str] = {}
    for part in _ITEM_KEY_RE.split(text.strip()):
        key, _, value = part.partition(":")
        pairs[key.strip()] = value
    return pairs


def _status(text: str) -> str:
    lowered = text.strip().lower().removeprefix("wc-")
    return WOO_STATUS.get(lowered, lowered or "paid")


class WooCommerceAnalytics(RowFormat):
    name = "woocommerce"
    label = "WooCommerce Analytics orders export"
    platform = "woocommerce"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "date": ("Date",),
        "order": ("Order #",),
        "revenue": ("N. Revenue (formatted)", "N. Revenue"),
        "status": ("Status",),
        "customer": ("Customer",),
        "customer_type": ("Customer type",),
        "products": ("Product(s)",),
        "items": ("Items sold",),
        "coupons": ("Coupon(s)",),
        "net_sales": ("Net Sales",),
        "attribution": ("Attribution",),
    }
    signature = ("date", "order", "revenue", "status", "customer", "products", "items", "net_sales")
    required = ("order", "date", "products")
    kept = ("revenue", "customer_type", "items", "attribution")
    date_keys = ("date",)

    def row(self, cells: list[str], source: SourceRow, context: ParseContext) -> Output:
        try:
            placed_at = context.dates(context.get(cells, "date"))
        except ValueProblem as error:
            return bad_value(source, "Date", error)
        products = parse_woo_products(clean_text(context.get(cells, "products")))
        if placed_at is None or not products:
            column = "Date" if placed_at is None else "Product(s)"
            return missing_value(source, column, "a date and products such as `2× Mug`")
        status = _status(context.get(cells, "status"))
        state = line_state(status)
        name = clean_text(context.get(cells, "customer"))
        order = OrderRecord(
            platform=self.platform,
            external_id=clean_id(context.get(cells, "order")),
            placed_at=placed_at,
            customer=CustomerRecord(platform_id=name, display_name=name) if name else None,
            total=context.amount(cells, "net_sales"),
            status=status,
            is_cancelled=status == "cancelled",
            discount_codes=[c.strip() for c in context.get(cells, "coupons").split(",") if c],
            extra=context.columns.extra(cells),
            sources=[source],
        )
        for quantity, title in products:
            order.lines.append(LineRecord(title, quantity, None, state=state, source=source))
        return order


class WooCommerceWebToffee(RowFormat):
    name = "woocommerce_plugin"
    label = "WooCommerce order export (WebToffee plugin)"
    platform = "woocommerce"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "order": ("order_number", "order_id"),
        "date": ("order_date",),
        "paid_date": ("paid_date",),
        "status": ("status",),
        "shipping": ("shipping_total",),
        "tax": ("tax_total",),
        "discount": ("discount_total", "cart_discount"),
        "total": ("order_total",),
        "subtotal": ("order_subtotal",),
        "currency": ("order_currency",),
        "customer_id": ("customer_id", "customer_user"),
        "email": ("customer_email", "billing_email"),
        "first_name": ("billing_first_name",),
        "last_name": ("billing_last_name",),
        "phone": ("billing_phone",),
        "zip": ("billing_postcode",),
        "city": ("billing_city",),
        "state": ("billing_state",),
        "country": ("billing_country",),
        "shipping_country": ("shipping_country",),
        "coupons": ("coupon_items",),
        "marketing": ("accepts_marketing",),
    }
    signature = (
        "order", "date", "status", "total", "currency", "email", "first_name", "country",
        "shipping_country", "coupons",
    )  # fmt: skip
    required = ("order", "date")
    kept = ("paid_date",)
    date_keys = ("date",)

    def columns(self, header: Sequence[str]) -> Columns:
        columns = Columns(header, self.fields)
        columns.unknown = [(i, n) for i, n in columns.unknown if not _is_line_item(n)]
        return columns

    def score(self, layout: TableLayout) -> tuple[float, list[str]]:
        confidence, evidence = super().score(layout)
        items = sum(1 for name in layout.header if _is_line_item(name))
        if not items:
            return confidence * 0.5, [*evidence, "no line_item_N columns"]
        return confidence, [*evidence, f"{items} line_item_N columns"]

    def context(self, table: Table) -> ParseContext:
        context = super().context(table)
        context.groups["line_items"] = [
            i for i, name in enumerate(table.header) if _is_line_item(name)
        ]
        return context

    def row(self, cells: list[str], source: SourceRow, context: ParseContext) -> Output:
        try:
            placed_at = context.dates(context.get(cells, "date"))
            lines = [
                _item_line(cells[i], source)
                for i in context.groups["line_items"]
                if cells[i].strip()
            ]
        except ValueProblem as error:
            return bad_value(source, "order_date / line_item", error)
        if placed_at is None or not lines:
            column = "order_date" if placed_at is None else "line_item_1"
            return missing_value(source, column, "an order date and at least one line item")
        return self._order(cells, source, context, placed_at, lines)

    def _order(
        self,
        cells: list[str],
        source: SourceRow,
        context: ParseContext,
        placed_at: datetime,
        lines: list[LineRecord],
    ) -> OrderRecord:
        get = context.get
        status = _status(get(cells, "status"))
        for line in lines:
            line.state = line_state(status)
        email = get(cells, "email").lower()
        first, last = get(cells, "first_name"), get(cells, "last_name")
        customer = None
        if email or first or last:
            customer = CustomerRecord(
                platform_id=clean_id(get(cells, "customer_id")) or None, email=email or None,
                phone=clean_id(get(cells, "phone")) or None, first_name=first or None,
                last_name=last or None, display_name=f"{first} {last}".strip() or None,
                country_code=get(cells, "country").upper() or None,
                region=get(cells, "state") or None,
                city=get(cells, "city") or None, zip=clean_id(get(cells, "zip")) or None,
                accepts_marketing=parse_bool(get(cells, "marketing")),
            )  # fmt: skip
        coupons = [parse_line_item(c).get("code", c) for c in get(cells, "coupons").split(";") if c]
        return OrderRecord(
            platform=self.platform, external_id=clean_id(get(cells, "order")), placed_at=placed_at,
            customer=customer, currency=get(cells, "currency") or None,
            subtotal=context.amount(cells, "subtotal"), shipping=context.amount(cells, "shipping"),
            tax=context.amount(cells, "tax"), discount=context.amount(cells, "discount"),
            total=context.amount(cells, "total"), status=status,
            is_cancelled=status == "cancelled", discount_codes=[c.strip() for c in coupons],
            country=get(cells, "shipping_country") or get(cells, "country") or None,
            extra=context.columns.extra(cells), lines=lines, sources=[source],
        )  # fmt: skip


def _is_line_item(name: str) -> bool:
    return normalise_name(name).startswith("line item ")


def _item_line(text: str, source: SourceRow) -> LineRecord:
    pairs = parse_line_item(text)
    quantity = parse_number(pairs.get("quantity", "1")) or 1.0
    total = parse_number(pairs.get("total", ""))
    known = {"name", "product_id", "quantity", "total", "sku", "variation_id", "sub_total", "tax"}
    attributes = {k: v for k, v in pairs.items() if k not in known and v}
    return LineRecord(
        title=clean_text(pairs.get("name", "")),
        quantity=abs(quantity),
        unit_price=None if total is None else round(total / abs(quantity), 4),
        sku=clean_id(pairs.get("sku", "")) or None,
        product_external_id=clean_id(pairs.get("product_id", "")) or None,
        attributes=attributes or None,
        source=source,
    )
