"""Taobao/Tmall ExportOrderDetailList (one row per item) joined to ExportOrderList (one per order).

Both files are GBK and write ids as `="1234…"` so Excel keeps every digit; they are joined on
订单编号. The buyer (买家会员名), dates and postage come from the order list, the items from the
detail list. 商品属性 `颜色分类：红色;长度：1.5米` becomes the line's attributes; 订单状态 maps to
an order status (交易关闭 -> cancelled, 交易成功 -> paid). Layouts come from Taobao-compatible
exporters, not from a verified Taobao file.
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
    missing_value,
)
from engine.importers.reading import Row
from engine.importers.records import (
    CustomerRecord,
    LineRecord,
    OrderRecord,
    RowProblem,
    SourceRow,
)
from engine.importers.values import ValueProblem, clean_id, clean_text

TAOBAO_STATUS = {
    "交易成功": "paid",
    "卖家已发货，等待买家确认": "paid",
    "买家已付款，等待卖家发货": "paid",
    "等待买家付款": "pending",
    "交易关闭": "cancelled",
    "交易已关闭": "cancelled",
    "退款中": "partially_refunded",
}
_ATTRIBUTE_SPLIT_RE = re.compile(r"[;；]")


def parse_taobao_attributes(text: str) -> dict[str, str] | None:
    """`颜色分类：红色;长度：1.5米` -> {"颜色分类": "红色", "长度": "1.5米"}."""
    pairs = {}
    for part in _ATTRIBUTE_SPLIT_RE.split(text.strip()):
        name, _, value = part.replace("：", ":").partition(":")
        if name.strip() and value.strip():
            pairs[name.strip()] = value.strip()
    return pairs or None


def taobao_status(text: str) -> str:
    return TAOBAO_STATUS.get(text.strip(), "paid" if not text.strip() else text.strip())


class TaobaoOrderList(Format):
    """The order-level companion file (ExportOrderList); only read joined to the detail list."""

    name = "taobao_orders"
    label = "Taobao order list (ExportOrderList)"
    platform = "taobao"
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "order": ("订单编号",),
        "buyer": ("买家会员名",),
        "alipay": ("买家支付宝账号",),
        "goods": ("买家应付货款",),
        "postage": ("买家应付邮费",),
        "total": ("总金额",),
        "paid": ("买家实际支付金额",),
        "status": ("订单状态",),
        "receiver": ("收货人姓名",),
        "address": ("收货地址", "收货地址 "),
        "mobile": ("联系手机",),
        "created": ("订单创建时间",),
        "paid_at": ("订单付款时间", "订单付款时间 "),
        "titles": ("宝贝标题", "宝贝标题 "),
    }
    signature = (
        "order",
        "buyer",
        "alipay",
        "goods",
        "postage",
        "total",
        "status",
        "created",
        "titles",
    )
    required = ("order", "created")
    kept = ("alipay", "goods", "paid", "paid_at", "titles")


class TaobaoOrderDetails(GroupedFormat):
    name = "taobao_details"
    label = "Taobao order details (ExportOrderDetailList)"
    platform = "taobao"
    partner = "taobao_orders"
    partner_required = True
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        "order": ("订单编号",),
        "title": ("标题",),
        "price": ("价格",),
        "quantity": ("购买数量",),
        "external": ("外部系统编号",),
        "attributes": ("商品属性", "规格名称"),
        "package": ("套餐信息",),
        "note": ("备注",),
        "status": ("订单状态",),
        "sku": ("商家编码",),
    }
    signature = ("order", "title", "price", "quantity", "external", "attributes", "status", "sku")
    required = ("order", "title", "price", "quantity")
    kept = ("package", "note")

    clean_key = staticmethod(clean_id)
    unmatched_partner = "item rows in the order details file"

    def group(self, order_id: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        orders = context.partner
        taken = orders.take(order_id) if orders is not None else None
        if taken is None or orders is None or orders.columns is None:
            for _, source in rows:
                yield RowProblem(
                    source, f"order {order_id} is not in the order list file (ExportOrderList); "
                    "export both files for the same period", column="订单编号", code="unmatched",
                )  # fmt: skip
            return
        head = ParseContext(orders.columns, dates=context.dates)
        (order_cells, order_source), first_use = taken
        placed_at = group_date([taken[0], *rows], head, ("created",), "订单创建时间")
        if isinstance(placed_at, list):  # the order list row's problem is reported once
            yield from placed_at if first_use else placed_at[1:]
            return
        status = taobao_status(head.get(order_cells, "status") or context.get(rows[0][0], "status"))
        order = OrderRecord(
            platform=self.platform, external_id=order_id, placed_at=placed_at,
            customer=self._customer(order_cells, head), currency="CNY",
            shipping=head.amount(order_cells, "postage"), total=head.amount(order_cells, "total"),
            status=status, is_cancelled=status == "cancelled", country="CN",
            extra=head.columns.extra(order_cells), sources=[order_source] if first_use else [],
        )  # fmt: skip
        for cells, source in rows:
            try:
                order.lines.append(self._line(cells, context, source))
            except ValueProblem as error:
                yield bad_value(source, "购买数量 / 价格", error)
                continue
            order.sources.append(source)
            keep_row_extra(order, source, context.columns.extra(cells))
        if order.lines:
            yield order
        elif first_use:
            yield missing_value(order_source, "标题", "item rows in the order details file")

    @staticmethod
    def _customer(cells: list[str], context: ParseContext) -> CustomerRecord | None:
        buyer = clean_id(context.get(cells, "buyer"))
        if not buyer:
            return None
        address = context.get(cells, "address")
        return CustomerRecord(
            platform_id=buyer,
            phone=clean_id(context.get(cells, "mobile")) or None,
            display_name=context.get(cells, "receiver") or buyer,
            country="中国",
            country_code="CN",
            region=address.split()[0] if address.strip() else None,
        )

    @staticmethod
    def _line(cells: list[str], context: ParseContext, source: SourceRow) -> LineRecord:
        quantity = context.quantity(cells)
        status = taobao_status(context.get(cells, "status"))
        return LineRecord(
            title=clean_text(context.get(cells, "title")),
            quantity=abs(quantity),
            unit_price=context.amount(cells, "price"),
            sku=clean_id(context.get(cells, "sku")) or None,
            product_external_id=clean_id(context.get(cells, "external")) or None,
            attributes=parse_taobao_attributes(context.get(cells, "attributes")),
            state="cancelled" if status == "cancelled" else "ok",
            source=source,
        )
