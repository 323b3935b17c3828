"""A CSV read through the user's column mapping (the wizard's "any other file" path).

Rows sharing an order number next to each other form one order; every row is one line.
Columns the mapping does not use are kept in the order's ``extra``.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.importers.formats.base import (
    Columns,
    GroupedFormat,
    Output,
    ParseContext,
    WrongFormat,
    bad_value,
    group_date,
    keep_row_extra,
    line_state,
)
from engine.importers.mapping import FIELD_LABELS, REQUIRED_FIELDS, ColumnMapping
from engine.importers.reading import Row, Table
from engine.importers.records import CustomerRecord, LineRecord, OrderRecord
from engine.importers.values import DateParser, ValueProblem, clean_id, clean_text


def _status(text: str) -> str:
    lowered = text.strip().lower()
    if any(word in lowered for word in ("cancel", "void", "关闭", "取消")):
        return "cancelled"
    if "refund" in lowered or "退款" in lowered:
        return "refunded"
    return "paid"


class MappedCsv(GroupedFormat):
    """Not detected automatically: chosen with a mapping the user confirmed."""

    name = "mapped"
    label = "CSV with your column mapping"
    platform = "mapped"
    detectable = False
    required = REQUIRED_FIELDS
    group_by = "order_id"
    clean_key = staticmethod(clean_id)

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        self.fields = {key: (column,) for key, column in mapping.columns.items() if column}  # type: ignore[misc]
        self.signature = tuple(self.fields) or REQUIRED_FIELDS  # type: ignore[misc]

    def check_columns(self, table: Table) -> Columns:
        problems = self.mapping.problems(table.header)
        if problems:
            raise WrongFormat(
                f"{table.name}: the column mapping cannot be used: {'; '.join(problems)}"
            )
        return super().check_columns(table)

    def context(self, table: Table) -> ParseContext:
        context = ParseContext(
            self.check_columns(table),
            dates=DateParser(
                day_first=self.mapping.date_order == "DMY",
                pattern=self.mapping.date_order if "%" in self.mapping.date_order else None,
            ),
            decimal_comma=self.mapping.decimal_comma,
        )
        if self.mapping.date_order == "auto":
            context.dates.learn(context.get(row, "date") for row in table.layout.samples)
        return context

    def group(self, order_id: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        first = rows[0][0]
        date_label = self.mapping.columns.get("date", FIELD_LABELS["date"])
        placed_at = group_date(rows, context, ("date",), date_label)
        if isinstance(placed_at, list):
            yield from placed_at
            return
        status = _status(context.get(first, "status"))
        order = OrderRecord(
            platform=self.platform,
            external_id=order_id,
            placed_at=placed_at,
            customer=self._customer(first, context),
            currency=context.get(first, "currency") or self.mapping.currency,
            total=context.amount(first, "total"),
            status=status,
            is_cancelled=status == "cancelled",
            country=context.get(first, "country") or None,
            extra=context.columns.extra(first),
        )
        for cells, source in rows:
            try:
                quantity = context.quantity(cells)
                price = context.amount(cells, "price")
            except ValueProblem as error:
                yield bad_value(source, self.mapping.columns.get("quantity", "quantity"), error)
                continue
            sku = clean_id(context.get(cells, "sku")) or None
            order.lines.append(
                LineRecord(
                    title=clean_text(context.get(cells, "title")) or sku or "",
                    quantity=abs(quantity),
                    unit_price=price,
                    sku=sku,
                    state="cancelled" if quantity < 0 else line_state(status),
                    source=source,
                )
            )
            order.sources.append(source)
            keep_row_extra(order, source, context.columns.extra(cells))
        if order.lines:
            yield order

    @staticmethod
    def _customer(cells: list[str], context: ParseContext) -> CustomerRecord | None:
        customer_id = clean_id(context.get(cells, "customer_id"))
        email = context.get(cells, "email").lower()
        name = clean_text(context.get(cells, "customer_name"))
        if not (customer_id or email or name):
            return None
        return CustomerRecord(
            platform_id=customer_id or None,
            email=email or None,
            display_name=name or None,
            country=context.get(cells, "country") or None,
        )
