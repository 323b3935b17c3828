"""The demo's evaluate stage: a clearly labelled simulated report through the real pipeline."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from engine.evaluation.reports.read import read_report
from engine.progress import CancelToken, null_progress
from engine.services.evaluation import demo_evaluate
from engine.store.db import session_scope
from engine.store.models import Audience, AudienceMember, Customer, Order, OrderLine, Product
from engine.store.queries import get_or_create_shop


def test_simulated_report_is_labelled_and_read_by_the_real_reader(app_context, no_network) -> None:
    result = demo_evaluate(app_context, null_progress, CancelToken())
    assert result["simulated"] is True and "SIMULATED" in result["note"]
    assert (result["rows"], result["matched"]) == (3, 3)
    report = read_report(Path(result["simulated_csv_file"]))
    assert "SIMULATED" in (report.title or "")
    assert all(row.campaign_name.startswith("[SIMULATED]") for row in report.rows)
    assert "SIMULATED DATA" in Path(result["report_file"]).read_text(encoding="utf-8")
    again = demo_evaluate(app_context, null_progress, CancelToken())
    assert again["matched"] == 3  # re-running reuses the simulated campaigns
    assert no_network == []


def test_store_revenue_is_attributed_when_audiences_exist(app_context) -> None:
    with session_scope(app_context.engine) as session:
        shop_product = Product(shop_id=1, sku="TEA", title="Green tea", price=10.0, cost=6.0)
        buyer = Customer(shop_id=1, key="buyer")
        audience = Audience(shop_id=1, name="Tea lovers", kind="interest", size=1)
        get_or_create_shop(session)
        session.add_all([shop_product, buyer, audience])
        session.flush()
        session.add(AudienceMember(audience_id=audience.id, customer_id=buyer.id))
        for day in (1, 15):
            order = Order(shop_id=1, platform="t", external_id=str(day), customer_id=buyer.id,
                          placed_at=datetime(2026, 3, day, 12))  # fmt: skip
            order.lines = [OrderLine(line_key="1", title="Green tea", product_id=shop_product.id,
                                     quantity=3, unit_price=10.0)]  # fmt: skip
            session.add(order)
    result = demo_evaluate(app_context, null_progress, CancelToken())
    assert result["campaigns_with_store_revenue"] == 1
    html = Path(result["report_file"]).read_text(encoding="utf-8")
    assert "store orders" in html and "60.00" in html  # 2 orders x 3 teas x 10.00
