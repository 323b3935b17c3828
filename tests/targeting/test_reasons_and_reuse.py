"""Reasons read like the rest of the app: right plurals, the customers table's totals; building the
same audience twice keeps one."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from engine.services.customers import customer_rows
from engine.services.targeting import build_audience, list_audiences, segments
from engine.store.db import session_scope
from engine.store.models import Audience, AudienceMember, Order, OrderLine, Product
from engine.targeting.audiences.churn import describe_next_order
from engine.targeting.explain import MemberFacts, member_reason, product_reason
from engine.targeting.platform_minimums import check_size
from engine.targeting.wording import days_ago, plural

CHAMPIONS = "RFM segment: champions"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (plural(1, "order"), "1 order"),
        (plural(2, "order"), "2 orders"),
        (plural(1.4, "day"), "1 day"),
        (plural(1, "category"), "1 category"),
        (plural(3, "category"), "3 categories"),
        (days_ago(1.2), "1 day ago"),
        (days_ago(0.3), "less than a day ago"),
        (days_ago(12), "12 days ago"),
    ],
)
def test_counts_read_as_english(text: str, expected: str) -> None:
    assert text == expected


def test_reasons_never_say_one_days_or_one_items() -> None:
    facts = MemberFacts("Candles", 0, 1, 1.2, None, None, None)
    assert member_reason(facts) == "Bought 1 item in Candles before, last 1 day ago"
    product = MemberFacts("Red candle", 0, 1, 0.9, None, None, None, is_product=True)
    assert member_reason(product) == "Bought it once before, last 1 day ago"
    assert product_reason("Candles", 0, 1, 0.0, None) == "They bought 1 item in Candles"
    assert describe_next_order([1.2, 1.0, 0.8], 0.1).startswith("next order likely in 1 week ")
    assert ": 1 customer, about 0 expected" in check_size(1, "meta").message


def _champion(ctx) -> int:  # type: ignore[no-untyped-def]
    with session_scope(ctx.engine) as session:
        audience = session.scalars(select(Audience).where(Audience.name == CHAMPIONS)).first()
        assert audience is not None
        return min(m.customer_id for m in audience.members)


def _reason(ctx, customer_id: int) -> str:  # type: ignore[no-untyped-def]
    with session_scope(ctx.engine) as session:
        newest = select(Audience.id).where(Audience.name == CHAMPIONS).order_by(Audience.id.desc())
        audience_id = session.scalars(newest).first()
        member = session.get(AudienceMember, (audience_id, customer_id))
        assert member is not None and member.reason
        return member.reason


def test_segment_reason_quotes_the_customers_table_totals(shop) -> None:  # type: ignore[no-untyped-def]
    """A manual charge alone, a refund and a cancelled order: the table counts the first, takes
    the refund off and ignores the third; the reason must say the same numbers."""
    segments(shop)
    customer = _champion(shop)
    with session_scope(shop.engine) as session:
        shop_id = session.scalars(select(Product.shop_id)).first()
        manual = Product(shop_id=shop_id, sku="M", title="Manual", is_non_product=True)
        session.add(manual)
        session.flush()
        for number, line, cancelled in (("manual", True, False), ("cancelled", False, True)):
            order = Order(
                shop_id=shop_id, platform="test", external_id=number, customer_id=customer,
                placed_at=datetime(2024, 1, 2), total=40.0, is_cancelled=cancelled,
            )  # fmt: skip
            order.lines.append(
                OrderLine(
                    line_key=number,
                    position=0,
                    sku="M",
                    title="Manual",
                    quantity=1,
                    unit_price=40.0,
                    product_id=manual.id,
                    is_non_product=line,
                )
            )
            session.add(order)
        first = session.scalars(select(Order).where(Order.customer_id == customer)).first()
        assert first is not None
        first.total, first.refunded_amount = 25.0, 5.0
    segments(shop)
    row = customer_rows(shop, [customer])[customer]
    assert f"{plural(row.orders, 'order')}, {row.spent:,.2f} spent" in _reason(shop, customer)


def test_building_the_same_audience_again_updates_it(shop) -> None:  # type: ignore[no-untyped-def]
    first = segments(shop)
    again = segments(shop)
    champions = build_audience(shop, segment="champions")
    names = [a["name"] for a in list_audiences(shop)]
    assert names.count(CHAMPIONS) == 1
    assert {s["audience_id"] for s in first["segments"]} == {
        s["audience_id"] for s in again["segments"]
    }
    assert (
        champions.id
        == next(s for s in first["segments"] if s["segment"] == "champions")["audience_id"]
    )
    with session_scope(shop.engine) as session:
        stored = session.get(Audience, champions.id)
        assert stored is not None and len(stored.members) == stored.size == champions.size
    category = build_audience(shop, category="Candles", size=20)
    assert build_audience(shop, category="Candles", size=20).id == category.id
    assert build_audience(shop, category="Candles", size=10).id != category.id
