"""Metrics: Wilson intervals against statsmodels, zero divisions, store-attributed revenue."""

from __future__ import annotations

from datetime import datetime

import pytest
from statsmodels.stats.proportion import proportion_confint

from engine.evaluation.intervals import ratio, wilson
from engine.evaluation.metrics import Counts, measure
from engine.services.evaluation import campaign_metrics, import_report
from engine.store.db import session_scope
from engine.store.models import AdCreative, AudienceMember, Customer, Order, OrderLine, Product


@pytest.mark.parametrize(
    ("k", "n"), [(0, 10), (1, 10), (341, 12034), (1204, 795836), (10, 10), (9.5, 1204)]
)
def test_wilson_matches_statsmodels(k: float, n: int) -> None:
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    rate = wilson(k, n)
    assert rate.value == pytest.approx(k / n)
    assert (rate.low, rate.high) == (pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12))


def test_zero_divisions_give_reasons_not_crashes() -> None:
    metrics = measure("campaign", "unmatched:x", "x", False, Counts(), revenue=None)
    assert metrics.ctr.value is None and metrics.ctr.reason == "no impressions"
    assert metrics.cvr.reason == "no clicks"
    assert metrics.cpc.value is None and metrics.cpc.reason == "no clicks"
    assert metrics.cpa.reason == "no conversions"
    assert metrics.roas.value is None and "no revenue" in (metrics.roas.reason or "")
    assert ratio(5.0, 0, "no cost").reason == "no cost"


def test_view_through_conversions_have_no_interval() -> None:
    rate = wilson(12, 10)
    assert (
        rate.value == pytest.approx(1.2)
        and rate.low is None
        and "view-through" in (rate.reason or "")
    )


def test_platform_conversion_value_is_used_without_store_orders(app_context, report_file) -> None:
    import_report(app_context, report_file("google_campaigns.csv"))
    metrics = {m.name: m for m in campaign_metrics(app_context)}
    spring = metrics["Spring Tea Sale"]
    assert not spring.matched and spring.key == "unmatched:Spring Tea Sale"
    assert spring.ctr.value == pytest.approx(341 / 12034)
    assert spring.cpc.value == pytest.approx(1204.50 / 341)
    assert spring.revenue == 2040.0 and spring.revenue_source == "platform conversion value"
    assert spring.roas.value == pytest.approx(2040 / 1204.5)
    assert spring.roi.value == pytest.approx((2040 * 0.4 - 1204.5) / 1204.5)  # default margin 0.4
    assert metrics["Winter clearance"].cpa.reason == "no conversions"


def _orders(app_context, ids) -> None:
    """Loyal members buy tea in and just after March 2026; noise that must not count."""
    with session_scope(app_context.engine) as session:
        tea = Product(shop_id=1, sku="TEA", title="Green tea", price=10.0, cost=4.0)
        mug = Product(shop_id=1, sku="MUG", title="Mug", price=5.0)
        session.add_all([tea, mug])
        session.flush()
        session.get(AdCreative, 1).product_id = tea.id
        people = [Customer(shop_id=1, key=f"c{i}") for i in range(3)]
        session.add_all(people)
        session.flush()
        session.add_all(
            [AudienceMember(audience_id=ids["loyal"], customer_id=c.id) for c in people[:2]]
        )

        def order(n, who, when, product, qty, cancelled=False):
            o = Order(shop_id=1, platform="test", external_id=str(n), customer_id=who.id,
                      placed_at=when, is_cancelled=cancelled)  # fmt: skip
            o.lines = [OrderLine(line_key="1", title=product.title, product_id=product.id,
                                 quantity=qty, unit_price=product.price)]  # fmt: skip
            session.add(o)

        order(1, people[0], datetime(2026, 3, 10, 9), tea, 2)  # counts: 20
        order(2, people[1], datetime(2026, 4, 5, 20), tea, 1)  # counts: inside the 7-day window
        order(3, people[1], datetime(2026, 4, 20), tea, 1)  # after the window
        order(4, people[0], datetime(2026, 3, 11), mug, 1)  # not the promoted product
        order(5, people[2], datetime(2026, 3, 12), tea, 5)  # not in the audience
        order(6, people[0], datetime(2026, 3, 13), tea, 3, cancelled=True)


def test_store_attributed_revenue_and_roi(app_context, shop_with_campaigns, report_file) -> None:
    _orders(app_context, shop_with_campaigns)
    import_report(app_context, report_file("meta_export.csv"))
    by_set = {m.name: m for m in campaign_metrics(app_context, level="ad_set")}
    loyal = by_set["Loyal Buyers"]
    assert loyal.matched and loyal.cost == pytest.approx(221.55)
    assert loyal.revenue == 30.0 and loyal.revenue_source == "store orders"
    assert loyal.gross_profit == 18.0  # catalog cost 4.00 a unit
    assert loyal.roas.value == pytest.approx(30 / 221.55)
    assert loyal.roi.value == pytest.approx((18 - 221.55) / 221.55)
    assert "+ 7 days" in (loyal.attribution_rule or "")
    campaign = {m.name: m for m in campaign_metrics(app_context)}["spring  tea SALE"]
    assert campaign.revenue == 30.0
    unmatched = {m.key for m in campaign_metrics(app_context, level="variant") if not m.matched}
    assert unmatched == {"unmatched:Awareness push / Everyone UK / Video 1"}
    audiences = {m.name: m for m in campaign_metrics(app_context, level="audience")}
    assert audiences["Loyal buyers"].clicks == 210 + 265


def test_unknown_level_is_refused(app_context) -> None:
    with pytest.raises(ValueError, match="unknown level"):
        campaign_metrics(app_context, level="keyword")
