"""The import wizard's column mapping for "any CSV": which column holds which field.

A shop owner maps their columns once (the wizard pre-fills it with :func:`suggest_mapping`), and
the mapping is saved as JSON next to their data so next month's export imports in one click.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Header names per field, English first, then Chinese, German, French and Spanish.
TARGET_FIELDS: dict[str, tuple[str, ...]] = {
    "order_id": (
        "order id",
        "order number",
        "order no",
        "order",
        "invoice",
        "invoiceno",
        "invoice no",
        "transaction id",
        "订单号",
        "订单编号",
        "单号",
        "bestellnummer",
        "bestellung",
        "numéro de commande",
        "commande",
        "n° de commande",
        "pedido",
        "número de pedido",
    ),
    "date": (
        "date",
        "order date",
        "invoicedate",
        "invoice date",
        "created at",
        "purchase date",
        "time",
        "timestamp",
        "下单时间",
        "订单创建时间",
        "日期",
        "时间",
        "datum",
        "bestelldatum",
        "date de commande",
        "fecha",
        "fecha del pedido",
    ),
    "title": (
        "title",
        "product",
        "product name",
        "item",
        "item name",
        "description",
        "name",
        "商品名称",
        "商品",
        "标题",
        "宝贝标题",
        "artikel",
        "artikelname",
        "produktname",
        "produit",
        "nom du produit",
        "producto",
    ),
    "sku": (
        "sku",
        "stockcode",
        "stock code",
        "product id",
        "item id",
        "product code",
        "商品编码",
        "商家编码",
        "货号",
        "artikelnummer",
        "référence",
        "referencia",
    ),
    "quantity": (
        "quantity",
        "qty",
        "units",
        "count",
        "数量",
        "购买数量",
        "件数",
        "menge",
        "anzahl",
        "quantité",
        "cantidad",
    ),
    "price": (
        "price",
        "unit price",
        "unitprice",
        "item price",
        "单价",
        "价格",
        "售价",
        "preis",
        "einzelpreis",
        "prix",
        "prix unitaire",
        "precio",
        "precio unitario",
    ),
    "customer_id": (
        "customer id",
        "customerid",
        "customer",
        "user id",
        "buyer id",
        "客户id",
        "用户id",
        "买家id",
        "买家会员名",
        "kundennummer",
        "kunde",
        "client",
        "cliente",
    ),
    "email": (
        "email",
        "e-mail",
        "customer email",
        "buyer email",
        "邮箱",
        "电子邮件",
        "e-mail-adresse",
        "courriel",
        "correo",
    ),
    "customer_name": (
        "customer name",
        "buyer name",
        "full name",
        "name of customer",
        "姓名",
        "收货人姓名",
        "客户名称",
    ),
    "country": ("country", "ship country", "国家", "land", "pays", "país"),
    "currency": ("currency", "币种", "货币", "währung", "devise", "moneda"),
    "status": ("status", "order status", "订单状态", "状态", "bestellstatus", "statut", "estado"),
    "total": (
        "total",
        "order total",
        "amount",
        "总金额",
        "订单金额",
        "实付金额",
        "gesamt",
        "summe",
        "montant total",
        "importe total",
    ),
}
REQUIRED_FIELDS = ("order_id", "date", "quantity", "price")
FIELD_LABELS = {
    "order_id": "order number", "date": "order date", "title": "product name", "sku": "SKU",
    "quantity": "quantity", "price": "unit price", "customer_id": "customer id",
    "email": "email", "customer_name": "customer name", "country": "country",
    "currency": "currency", "status": "status", "total": "order total",
}  # fmt: skip
DATE_ORDERS = ("auto", "DMY", "MDY", "YMD")


class MappingError(ValueError):
    """A mapping that cannot be used; the message lists every problem."""


@dataclass
class ColumnMapping:
    """Target field -> the source column that holds it, plus how to read dates and numbers."""

    columns: dict[str, str] = field(default_factory=dict)
    date_order: str = "auto"  # auto | DMY | MDY | YMD, or a strptime pattern like `%d.%m.%Y`
    decimal_comma: bool = False  # `12,50` means twelve and a half
    currency: str | None = None  # used when no column holds the currency

    def problems(self, header: Sequence[str] | None = None) -> list[str]:
        """Everything wrong with this mapping (empty when it can be used), in plain words."""
        found = []
        for key in REQUIRED_FIELDS:
            if not self.columns.get(key):
                found.append(f"choose the column that holds the {FIELD_LABELS[key]}")
        if not (self.columns.get("title") or self.columns.get("sku")):
            found.append("choose the column that holds the product name or the SKU")
        unknown = sorted(set(self.columns) - set(TARGET_FIELDS))
        if unknown:
            found.append(f"unknown fields: {', '.join(unknown)}")
        if self.date_order not in DATE_ORDERS and "%" not in self.date_order:
            found.append(
                f"date order must be one of {', '.join(DATE_ORDERS)} or a pattern like %d.%m.%Y"
            )
        if header is not None:
            names = {name.strip() for name in header}
            absent = [col for col in self.columns.values() if col and col.strip() not in names]
            if absent:
                found.append(f"columns not in this file: {', '.join(absent)}")
        return found

    def validate(self, header: Sequence[str] | None = None) -> None:
        """Raise :class:`MappingError` listing every problem, if there is any."""
        found = self.problems(header)
        if found:
            raise MappingError("; ".join(found))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> ColumnMapping:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                columns={str(k): str(v) for k, v in data.get("columns", {}).items()},
                date_order=str(data.get("date_order", "auto")),
                decimal_comma=bool(data.get("decimal_comma", False)),
                currency=data.get("currency") or None,
            )
        except (OSError, ValueError, AttributeError) as error:
            raise MappingError(f"{path.name} is not a saved column mapping ({error})") from None


def _normalise(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").strip().lower().split())


def suggest_mapping(header: Sequence[str]) -> ColumnMapping:
    """A first guess from the header names (English and Chinese synonyms), best synonym first.

    Each source column is used for one field at most; the wizard shows the guess for the shop
    owner to confirm or change.
    """
    normalised = {_normalise(name): name for name in reversed(header)}
    used: set[str] = set()
    columns: dict[str, str] = {}
    for target, synonyms in TARGET_FIELDS.items():
        for synonym in synonyms:
            source = normalised.get(_normalise(synonym))
            if source is not None and source not in used:
                columns[target] = source
                used.add(source)
                break
    return ColumnMapping(columns=columns)
