"""Product catalogs: the Shopify products export and a generic products CSV.

Categories and descriptions for ad copy come from here when the order exports have none.
Shopify writes one row per variant: the first row of a Handle carries Title, Body (HTML), Type
and Tags, the following rows only the variant's options, SKU and price. Rows that only add an
image carry no product and come back as problems with a reason saying so, so every row is
accounted for.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import ClassVar

from engine.importers.formats.base import (
    GroupedFormat,
    Output,
    ParseContext,
    RowFormat,
    bad_value,
)
from engine.importers.reading import Row
from engine.importers.records import ProductRecord, RowProblem, SourceRow
from engine.importers.values import ValueProblem, clean_id, clean_text

_BLOCK_TAG_RE = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")


def html_to_text(markup: str) -> str:
    """Plain text of a product description: tags dropped, entities decoded, blocks on new lines."""
    text = _BLOCK_TAG_RE.sub("\n", markup)
    text = html.unescape(_TAG_RE.sub(" ", text))
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def split_tags(text: str) -> list[str]:
    return [tag.strip() for tag in re.split(r"[,;，、]", text) if tag.strip()]


class ShopifyProducts(GroupedFormat):
    name = "shopify_products"
    label = "Shopify products export"
    kind = "products"
    platform = "shopify"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "handle": ("Handle",),
        "title": ("Title",),
        "body": ("Body (HTML)", "Body HTML"),
        "vendor": ("Vendor",),
        "type": ("Type", "Product Category"),
        "tags": ("Tags",),
        "sku": ("Variant SKU",),
        "price": ("Variant Price",),
        "cost": ("Cost per item",),
        "option1_name": ("Option1 Name",),
        "option1_value": ("Option1 Value",),
        "option2_name": ("Option2 Name",),
        "option2_value": ("Option2 Value",),
        "option3_name": ("Option3 Name",),
        "option3_value": ("Option3 Value",),
    }
    signature = (
        "handle",
        "title",
        "body",
        "vendor",
        "type",
        "tags",
        "sku",
        "price",
        "option1_name",
    )
    required = ("handle", "title")

    group_by = "handle"

    def group(self, handle: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        """One product per variant row; the first row of a Handle holds the shared fields."""
        get = context.get
        first = rows[0][0]
        title = clean_text(get(first, "title")) or handle
        option_names = [get(first, f"option{n}_name") for n in (1, 2, 3)]
        for cells, source in rows:
            if not (get(cells, "sku") or get(cells, "price") or get(cells, "option1_value")):
                yield RowProblem(
                    source, f"this row only adds an image or detail to product {handle}; "
                    "it holds no product to import", code="not_a_product",
                )  # fmt: skip
                continue
            try:
                price, cost = context.amount(cells, "price"), context.amount(cells, "cost")
            except ValueProblem as error:
                yield bad_value(source, "Variant Price", error)
                continue
            options = {
                name: get(cells, f"option{n}_value")
                for n, name in enumerate(option_names, start=1)
                if name and get(cells, f"option{n}_value") not in ("", "Default Title")
            }
            yield ProductRecord(
                sku=clean_id(get(cells, "sku")) or None,
                title=title,
                description=html_to_text(get(first, "body")) or None,
                price=price,
                cost=cost,
                category=get(first, "type") or None,
                vendor=get(first, "vendor") or None,
                tags=split_tags(get(first, "tags")),
                attributes=options or None,
                external_id=handle,
                source=source,
            )


class GenericProducts(RowFormat):
    name = "generic_products"
    label = "products CSV"
    kind = "products"
    platform = "generic"
    generic = True
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "sku": ("SKU", "StockCode", "Product Code", "Item Code", "商品编码", "商家编码", "货号"),
        "id": ("Product ID", "ID", "Item ID", "ASIN", "商品ID", "宝贝ID"),
        "title": ("Title", "Name", "Product Name", "Product", "Item Name", "商品名称", "标题",
                  "宝贝标题"),
        "description": ("Description", "Body", "Details", "商品描述", "描述", "详情"),
        "price": ("Price", "Unit Price", "Sale Price", "价格", "售价", "单价"),
        "cost": ("Cost", "Cost Price", "成本", "成本价"),
        "currency": ("Currency", "币种"),
        "category": ("Category", "Product Type", "Type", "Department", "类目", "分类", "品类"),
        "vendor": ("Brand", "Vendor", "Manufacturer", "品牌"),
        "tags": ("Tags", "Keywords", "标签", "关键词"),
        "url": ("URL", "Link", "Product URL", "链接"),
    }  # fmt: skip
    signature = ("sku", "title", "description", "price", "category", "vendor")
    required = ("title",)

    def row(self, cells: list[str], source: SourceRow, context: ParseContext) -> Output:
        get = context.get
        title = clean_text(get(cells, "title"))
        if not title:
            return RowProblem(
                source, "the product has no name", column="Title", code="missing_value"
            )
        try:
            price, currency = context.money(cells, "price")
            cost = context.amount(cells, "cost")
        except ValueProblem as error:
            return bad_value(source, "Price", error)
        return ProductRecord(
            sku=clean_id(get(cells, "sku")) or None,
            title=title,
            description=html_to_text(get(cells, "description")) or None,
            price=price,
            cost=cost,
            currency=get(cells, "currency") or currency,
            category=get(cells, "category") or None,
            vendor=get(cells, "vendor") or None,
            tags=split_tags(get(cells, "tags")),
            attributes=context.columns.extra(cells) or None,
            external_id=clean_id(get(cells, "id")) or None,
            url=get(cells, "url") or None,
            source=source,
        )
