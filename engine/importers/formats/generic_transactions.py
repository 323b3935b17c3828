"""A generic transactions CSV: one row per invoice line (UCI Online Retail and look-alikes).

InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country, or
the same fields under common English/Chinese names. `C`-prefixed invoices and negative
quantities are cancellations: the line keeps a positive quantity and the state "cancelled".
CustomerID comes as a float (`17850.0` -> "17850") or blank (a guest order, kept).

This is the benchmark path (541,909 lines), so the per-row work is kept to plain ``float()``
calls with a slow path only for cells that need it, and the date is parsed once per invoice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from engine.importers.formats.base import (
    Format,
    Output,
    ParseContext,
    bad_value,
    cell,
    keep_row_extra,
    missing_value,
)
from engine.importers.formats.generic_blocks import parse_block, shared_customer
from engine.importers.frames import Frame
from engine.importers.line_blocks import LineBlock
from engine.importers.reading import Row, Table
from engine.importers.records import (
    CustomerRecord,
    LineRecord,
    OrderRecord,
    RowProblem,
    SourceRow,
)
from engine.importers.values import ValueProblem, parse_number


class GenericTransactions(Format):
    name = "generic_transactions"
    label = "transactions file (one row per invoice line)"
    platform = "generic"
    generic = True
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "order": (
            "InvoiceNo",
            "Invoice",
            "Invoice No",
            "Order ID",
            "Order Number",
            "Order",
            "订单号",
            "订单编号",
        ),
        "sku": ("StockCode", "Stock Code", "SKU", "Product ID", "Item ID", "商品编码", "商家编码"),
        "title": (
            "Description",
            "Product",
            "Product Name",
            "Item",
            "Item Name",
            "商品名称",
            "商品",
        ),
        "quantity": ("Quantity", "Qty", "数量", "购买数量"),
        "date": ("InvoiceDate", "Invoice Date", "Order Date", "Date", "下单时间", "日期"),
        "price": ("UnitPrice", "Unit Price", "Price", "单价", "价格"),
        "customer": ("CustomerID", "Customer ID", "Customer", "客户ID", "用户ID"),
        "country": ("Country", "国家"),
        "currency": ("Currency", "币种"),
    }
    signature = ("order", "sku", "title", "quantity", "date", "price", "customer", "country")
    required = ("order", "title", "quantity", "date", "price")
    date_keys = ("date",)

    def parse(self, table: Table, partners: Sequence[Table]) -> Iterator[Output]:
        yield from self.parse_rows(table, self.context(table))

    def parse_rows(
        self, rows: Iterable[Row | RowProblem], context: ParseContext
    ) -> Iterator[Output]:
        """One tight loop over the rows: an order ends where the invoice number changes.

        If an invoice's rows are not contiguous the invoice is yielded again with its later
        rows; the storing layer merges orders by external id.
        """
        columns = context.columns
        i_order, i_title, i_quantity, i_price = (
            columns[key] for key in ("order", "title", "quantity", "price")
        )
        i_sku = columns["sku"]
        assert None not in (i_order, i_title, i_quantity, i_price)
        customers: dict[tuple[str, str], CustomerRecord] = {}
        current: str | None = None
        order: OrderRecord | RowProblem | None = None
        problem, line_record = RowProblem, LineRecord  # locals: this loop runs per line
        unknown_columns = bool(columns.unknown)
        for item in rows:
            if item.__class__ is problem:
                yield item
                continue
            cells, source = item  # type: ignore[misc]
            invoice = cells[i_order]  # type: ignore[index]
            if invoice != current:
                if order.__class__ is OrderRecord and order.lines:
                    yield order
                current = invoice
                order = self._start_order(invoice.strip(), cells, source, context, customers)
            if order.__class__ is problem:
                yield problem(source, order.reason, order.column, order.code)
                continue
            try:
                quantity = float(cells[i_quantity])  # type: ignore[index]
                price: float | None = float(cells[i_price])  # type: ignore[index]
            except ValueError:
                numbers = self._numbers_slowly(cells, source, context)
                if isinstance(numbers, RowProblem):
                    yield numbers
                    continue
                quantity, price = numbers
            order.lines.append(  # type: ignore[union-attr]
                line_record(
                    cells[i_title].strip(),  # type: ignore[index]
                    -quantity if quantity < 0 else quantity,
                    price,
                    (cells[i_sku].strip() or None) if i_sku is not None else None,
                    state="cancelled" if quantity < 0 or order.is_cancelled else "ok",  # type: ignore[union-attr]
                    source=source,
                )
            )
            order.sources.append(source)  # type: ignore[union-attr]
            if unknown_columns:
                keep_row_extra(order, source, columns.extra(cells))  # type: ignore[arg-type]
        if order.__class__ is OrderRecord and order.lines:
            yield order

    def _start_order(
        self,
        invoice: str,
        cells: list[str],
        source: SourceRow,
        context: ParseContext,
        customers: dict[tuple[str, str], CustomerRecord],
    ) -> OrderRecord | RowProblem:
        """The order an invoice's first row opens, or the problem every row of it shares."""
        columns = context.columns
        try:
            placed_at = context.dates(cell(cells, columns["date"]))
        except ValueProblem as error:
            return bad_value(source, "InvoiceDate", error)
        if placed_at is None:
            return missing_value(source, "InvoiceDate", "the date of the invoice")
        cancelled = invoice[:1] in ("C", "c")
        return OrderRecord(
            platform=self.platform,
            external_id=invoice,
            placed_at=placed_at,
            customer=self._customer(cells, context, customers),
            currency=cell(cells, columns["currency"]) or None,
            status="cancelled" if cancelled else "paid",
            is_cancelled=cancelled,
            country=cell(cells, columns["country"]) or None,
            extra=columns.extra(cells),
        )

    @staticmethod
    def _customer(
        cells: list[str], context: ParseContext, customers: dict[tuple[str, str], CustomerRecord]
    ) -> CustomerRecord | None:
        columns = context.columns
        return shared_customer(cell(cells, columns["customer"]), cell(cells, columns["country"]),
                               customers)  # fmt: skip

    @staticmethod
    def _numbers_slowly(
        cells: list[str], source: SourceRow, context: ParseContext
    ) -> tuple[float, float | None] | RowProblem:
        """Quantity and price when a plain ``float()`` failed: `1.234,56`, `£3`, blanks."""
        try:
            quantity = parse_number(context.get(cells, "quantity"))
        except ValueProblem as error:
            return bad_value(source, "Quantity", error)
        if quantity is None:
            return missing_value(source, "Quantity", "how many items were bought")
        try:
            price = parse_number(context.get(cells, "price"), decimal_comma=context.decimal_comma)
        except ValueProblem as error:
            return bad_value(source, "UnitPrice", error)
        return quantity, price

    # ------------------------------------------------------------------ in columns (bulk path)

    def reads_blocks(self, context: ParseContext) -> bool:
        """Unknown columns are kept per row, which only the row parser does."""
        return not context.columns.unknown

    def group_column(self, context: ParseContext) -> int:
        index = context.columns["order"]
        assert index is not None  # a required column
        return index

    def parse_block(self, frame: Frame, context: ParseContext) -> LineBlock:
        return parse_block(frame, context, self.platform)
