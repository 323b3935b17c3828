"""The read-only lists behind the desktop's choosers and the performance chart over time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engine.services.catalog import best_sellers, category_names, shop_name
from engine.services.context import AppContext
from engine.services.performance import daily_totals
from engine.store.db import session_scope
from engine.store.models import PerformanceReport, PerformanceRow
from engine.store.queries import get_or_create_shop
from tests.desktop.fixtures import write_shopify_export


def test_best_sellers_come_first_and_categories_are_listed(
    app_context: AppContext, tmp_path: Path
) -> None:
    from engine.services.importing import import_files

    assert best_sellers(app_context) == [] and category_names(app_context) == []
    export = write_shopify_export(tmp_path / "orders.csv", orders=12, bad_quantity_rows=0)
    import_files(app_context, [export])
    products = best_sellers(app_context)
    assert [(p.sku, p.units) for p in products] == [("MUG-01", 12.0), ("TEA-02", 6.0)]
    assert [p.title for p in best_sellers(app_context, limit=1)] == ["Blue enamel mug"]
    assert category_names(app_context) == sorted(set(category_names(app_context)))
    assert len(category_names(app_context)) >= 1  # inferred from the titles after the import
    assert isinstance(shop_name(app_context), str)


def test_daily_totals_add_up_every_report_per_day(app_context: AppContext) -> None:
    assert daily_totals(app_context) == []
    with session_scope(app_context.engine) as session:
        shop = get_or_create_shop(session)
        for number, rows in enumerate(
            [
                [(date(2024, 5, 2), 100, 5, 2.5, 1.0), (date(2024, 5, 1), 50, 1, 0.5, 0.0)],
                [(date(2024, 5, 2), 10, 1, 1.0, None), (None, 999, 99, 9.9, 9.0)],
            ]
        ):
            report = PerformanceReport(
                shop_id=shop.id, platform="google", file_name=f"r{number}.csv", file_hash="x"
            )
            for row_number, (day, impressions, clicks, cost, conversions) in enumerate(rows):
                report.rows.append(
                    PerformanceRow(
                        row_number=row_number, day=day, impressions=impressions, clicks=clicks,
                        cost=cost, conversions=conversions,
                    )
                )  # fmt: skip
            session.add(report)
    days = daily_totals(app_context)
    assert [d.day for d in days] == [date(2024, 5, 1), date(2024, 5, 2)]  # undated rows left out
    assert (days[1].impressions, days[1].clicks, days[1].cost, days[1].conversions) == (
        110, 6, 3.5, 1.0,
    )  # fmt: skip
