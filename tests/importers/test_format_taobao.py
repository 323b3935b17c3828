"""Taobao order list + detail list, joined on 订单编号."""

from __future__ import annotations

import pytest

from engine.importers.api import ImportFormatError
from engine.importers.formats.taobao import parse_taobao_attributes
from tests.fixtures.importers import read

LIST, DETAILS = "taobao_ExportOrderList.csv", "taobao_ExportOrderDetailList.csv"


def test_attributes_with_full_width_colons() -> None:
    assert parse_taobao_attributes("颜色分类：天蓝色;长度：1.5米") == {
        "颜色分类": "天蓝色",
        "长度": "1.5米",
    }


def test_two_files_join_into_orders_with_long_ids_intact() -> None:
    result = read(LIST, DETAILS)
    order = result.order("1234567890123456789")
    assert [(x.title, x.quantity, x.unit_price) for x in order.lines] == [
        ("纯棉毛巾 加厚", 2.0, 66.0),
        ("纯棉毛巾 小方巾", 1.0, 66.0),
    ]
    assert order.customer is not None and order.customer.platform_id == "淘气的小明"
    assert order.customer.phone == "13800000000"
    assert order.currency == "CNY" and order.status == "paid"
    result.assert_every_row_accounted_once()


def test_closed_trade_is_a_cancelled_order() -> None:
    order = read(LIST, DETAILS).order("1234567890123456790")
    assert order.is_cancelled and order.lines[0].state == "cancelled"


def test_detail_list_without_the_order_list_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="ExportOrderList"):
        read(DETAILS)
