"""eBay Seller Hub Orders report (US, UK "Post to …" and French variants).

The reader already skips the leading blank line, the empty row after the header and the
`N record(s) downloaded` / `Seller ID : x` footer. Multi-item orders are a summary row (blank
Item Number, the order totals and buyer) followed by item rows sharing the Sales Record Number;
single-item orders are one row that is both. Money carries its currency (`$12.34`,
`AU $3,000.00`, `EUR 90,00`); dates are `Oct-05-26` (US) or `26-May-26` (AU).
French header names are taken from third-party descriptions, not from a verified file.
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
    missing_value,
)
from engine.importers.reading import Row, Table
from engine.importers.records import (
    CustomerRecord,
    LineRecord,
    OrderRecord,
    SourceRow,
)
from engine.importers.values import ValueProblem, clean_id, clean_text


class EbayOrders(GroupedFormat):
    name = "ebay"
    label = "eBay Seller Hub orders report"
    platform = "ebay"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "record": ("Sales Record Number", "Numéro de vente", "N° de vente"),
        "order": ("Order Number", "Numéro de commande", "N° de commande"),
        "username": ("Buyer Username", "User Id", "Pseudo de l'acheteur"),
        "name": ("Buyer Name", "Nom de l'acheteur"),
        "email": ("Buyer Email", "Adresse e-mail de l'acheteur", "E-mail de l'acheteur"),
        "city": ("Buyer City", "Ville de l'acheteur"),
        "state": ("Buyer State", "Buyer County", "Région de l'acheteur"),
        "zip": ("Buyer Zip", "Buyer Postcode", "Code postal de l'acheteur"),
        "country": ("Buyer Country", "Pays de l'acheteur"),
        "ship_country": ("Ship To Country", "Post To Country", "Pays de livraison"),
        "phone": ("Ship To Phone", "Post To Phone", "Téléphone de livraison"),
        "item": ("Item Number", "Numéro de l'objet", "N° de l'objet"),
        "title": ("Item Title", "Titre de l'objet"),
        "sku": ("Custom Label", "Libellé personnalisé"),
        "quantity": ("Quantity", "Quantité"),
        "price": ("Sold For", "Sale Price", "Vendu pour", "Prix de vente"),
        "shipping": ("Shipping And Handling", "Postage And Packaging", "Frais de livraison"),
        "total": ("Total Price", "Prix total"),
        "date": ("Sale Date", "Date de vente"),
        "paid": ("Paid On Date", "Payé le"),
        "transaction": ("Transaction ID", "ID de transaction"),
        "variation": ("Variation Details", "Détails de la variante"),
    }
    signature = (
        "record", "order", "username", "name", "item", "title", "quantity", "price",
        "shipping", "total", "date", "transaction",
    )  # fmt: skip
    required = ("record", "title", "quantity", "price", "date")

    group_by = "record"

    def context(self, table: Table) -> ParseContext:
        context = super().context(table)
        context.decimal_comma = table.layout.delimiter == ";"  # French exports: `90,00`
        return context

    def group(self, record: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        first = rows[0][0]
        placed_at = group_date(rows, context, ("date", "paid"), "Sale Date")
        if isinstance(placed_at, list):
            yield from placed_at
            return
        total, currency = context.money(first, "total")
        order = OrderRecord(
            platform=self.platform,
            external_id=clean_id(context.get(first, "order")) or record,
            placed_at=placed_at,
            customer=self._customer(first, context),
            currency=currency,
            shipping=context.amount(first, "shipping"),
            total=total,
            country=context.get(first, "ship_country") or context.get(first, "country") or None,
            extra=context.columns.extra(first),
        )
        order.extra.setdefault("Sales Record Number", record)
        summary_only = len(rows) > 1
        for cells, source in rows:
            order.sources.append(source)
            keep_row_extra(order, source, context.columns.extra(cells))
            if summary_only and not context.get(cells, "item"):
                continue  # the summary row of a multi-item order: totals, no item
            try:
                order.lines.append(self._line(cells, context, source))
            except ValueProblem as error:
                order.sources.pop()
                yield bad_value(source, "Quantity / Sold For", error)
        if order.lines:
            yield order
        else:
            for source in order.sources:
                yield missing_value(source, "Item Title", "item rows after the order's summary row")

    @staticmethod
    def _customer(cells: list[str], context: ParseContext) -> CustomerRecord | None:
        username = context.get(cells, "username")
        email = context.get(cells, "email").lower()
        name = context.get(cells, "name")
        if not (username or email or name):
            return None
        first, _, last = name.partition(" ")
        country = context.get(cells, "country") or context.get(cells, "ship_country")
        return CustomerRecord(
            platform_id=username or None,
            email=email if "@" in email else None,  # eBay masks some emails as "Invalid Request"
            phone=clean_id(context.get(cells, "phone")) or None,
            first_name=first or None,
            last_name=last or None,
            display_name=name or None,
            country=country or None,
            region=context.get(cells, "state") or None,
            city=context.get(cells, "city") or None,
            zip=clean_id(context.get(cells, "zip")) or None,
        )

    @staticmethod
    def _line(cells: list[str], context: ParseContext, source: SourceRow) -> LineRecord:
        quantity = context.quantity(cells)
        variation = context.get(cells, "variation")
        attributes = dict(
            (k.strip(), v.strip())
            for k, _, v in (p.partition(":") for p in variation.split(","))
            if v
        )
        return LineRecord(
            title=clean_text(context.get(cells, "title")),
            quantity=abs(quantity),
            unit_price=context.amount(cells, "price"),
            sku=clean_id(context.get(cells, "sku")) or None,
            product_external_id=clean_id(context.get(cells, "item")) or None,
            line_key=clean_id(context.get(cells, "transaction")) or None,
            attributes=attributes or None,
            source=source,
        )
