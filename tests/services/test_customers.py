"""Browsing customers through the service: search, filter, sort, rows, and one customer's detail
(a small made-up shop imported through the real importer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from engine.services.context import AppContext
from engine.services.customers import (
    CustomerQuery,
    customer_detail,
    customer_ids,
    customer_rows,
)
from engine.store.db import session_scope
from engine.store.models import Audience, AudienceMember, Customer
from tests.desktop.fixtures import write_shopify_export


@pytest.fixture
def shop(app_context: AppContext, tmp_path: Path) -> AppContext:
    """Five made-up buyers with twelve orders; buyer n placed orders n, n+5, n+10 and lives in
    Leeds when n is 3. The importer keeps initials only, so the test names them itself."""
    from engine.services.importing import import_files

    export = write_shopify_export(tmp_path / "orders.csv", orders=12, bad_quantity_rows=0)
    import_files(app_context, [export], infer=False)
    with session_scope(app_context.engine) as session:
        for customer in session.scalars(select(Customer).order_by(Customer.id)):
            customer.display_name = f"Buyer {customer.id - 1}"
            customer.city = "Leeds" if customer.id == 4 else None
    return app_context


def _names(ctx: AppContext, ids: list[int]) -> list[str]:
    rows = customer_rows(ctx, ids)
    return [rows[i].name for i in ids]


def test_ids_follow_the_sort_and_rows_add_up_the_orders(shop: AppContext) -> None:
    by_name = customer_ids(shop, CustomerQuery(sort="name", descending=False))
    assert _names(shop, by_name) == [f"Buyer {n}" for n in range(5)]
    by_orders = customer_ids(shop, CustomerQuery(sort="orders", descending=True))
    rows = customer_rows(shop, by_orders)
    assert [rows[i].orders for i in by_orders] == [3, 3, 2, 2, 2]
    assert sum(rows[i].orders for i in by_orders) == 12
    assert rows[by_orders[0]].last_order is not None
    assert customer_rows(shop, []) == {}


def test_search_and_audience_filter_narrow_the_ids(shop: AppContext) -> None:
    assert _names(shop, customer_ids(shop, CustomerQuery(search="buyer 3"))) == ["Buyer 3"]
    assert _names(shop, customer_ids(shop, CustomerQuery(search="leeds"))) == ["Buyer 3"]
    assert customer_ids(shop, CustomerQuery(search="nobody by that name")) == []
    with session_scope(shop.engine) as session:
        chosen = session.scalars(select(Customer.id).order_by(Customer.id).limit(2)).all()
        audience = Audience(shop_id=1, name="Tea lovers", kind="manual", size=2)
        session.add(audience)
        session.flush()
        session.add_all(
            AudienceMember(audience_id=audience.id, customer_id=c, score=1.0, reason="likes tea")
            for c in chosen
        )
        audience_id = audience.id
    found = customer_ids(shop, CustomerQuery(audience_id=audience_id, sort="name"))
    assert sorted(found) == sorted(chosen)


def test_unknown_sort_key_is_a_clear_error(shop: AppContext) -> None:
    with pytest.raises(ValueError, match="cannot sort customers by 'shoe size'"):
        customer_ids(shop, CustomerQuery(sort="shoe size"))


def test_detail_has_the_timeline_and_plain_word_reasons(shop: AppContext) -> None:
    from engine.services.targeting import segments

    segments(shop)  # RFM segments stored as audiences, each member with a reason
    [first] = customer_ids(shop, CustomerQuery(search="Buyer 0"))
    detail = customer_detail(shop, first)
    assert detail.name == "Buyer 0" and detail.orders == 3
    assert [entry.order for entry in detail.timeline] == ["#1010", "#1005", "#1000"]
    assert detail.timeline[0].items == "1 × Blue enamel mug"
    assert detail.reasons, "an RFM segment puts every buyer in an audience"
    assert all(isinstance(why, str) for _, why in detail.reasons)
    assert detail.segment and detail.next_order and "weeks" in detail.next_order


def test_a_customer_that_is_gone_is_a_clear_error(shop: AppContext) -> None:
    with pytest.raises(ValueError, match="customer 9999 is no longer in the shop"):
        customer_detail(shop, 9999)
