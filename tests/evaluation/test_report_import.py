"""Importing reports into the store: matching, idempotence, transactions, the CLI contract."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from engine.cli import main
from engine.evaluation.reports.model import ReportError
from engine.services.evaluation import import_report, list_reports
from engine.store.db import session_scope
from engine.store.models import Campaign, PerformanceReport, PerformanceRow
from engine.store.queries import get_or_create_shop


def counts(ctx) -> tuple[int, int]:
    with session_scope(ctx.engine) as session:
        reports = session.scalar(select(func.count(PerformanceReport.id)))
        rows = session.scalar(select(func.count(PerformanceRow.id)))
    return int(reports or 0), int(rows or 0)


def test_meta_rows_match_by_name_case_and_space_insensitive(
    app_context, shop_with_campaigns, report_file
) -> None:
    summary = import_report(app_context, report_file("meta_export.csv"))
    assert (summary.rows, summary.matched, summary.unmatched) == (4, 3, 1)
    assert summary.unmatched_rows == [
        {"row": 5, "campaign": "Awareness push", "ad_set": "Everyone UK", "ad": "Video 1"}
    ]
    with session_scope(app_context.engine) as session:
        rows = session.scalars(select(PerformanceRow).order_by(PerformanceRow.row_number)).all()
        assert rows[0].campaign_id == shop_with_campaigns["spring"]
        assert rows[0].ad_set_id == shop_with_campaigns["loyal_set"]
        assert rows[2].ad_set_id == shop_with_campaigns["lapsed_set"]
        assert rows[0].variant_id != rows[2].variant_id  # same ad name, different ad sets
        assert (
            rows[3].campaign_id is None and rows[3].raw["Ad name"] == "Video 1"
        )  # kept, not dropped


def test_google_rows_match_by_external_id(app_context, shop_with_campaigns, report_file) -> None:
    summary = import_report(app_context, report_file("google_campaigns.csv"))
    assert summary.matched == 1  # "Brand search" is linked by its Campaign ID, not its name
    with session_scope(app_context.engine) as session:
        brand_rows = session.scalars(
            select(PerformanceRow).where(PerformanceRow.campaign_id.is_not(None))
        ).all()
        assert [row.campaign_name for row in brand_rows] == ["Brand search"]
    assert any("Total: Account" in warning for warning in summary.warnings)
    report = list_reports(app_context)[0]
    assert report.file_totals["Total: Campaigns"]["cost"] == 1866.34


def test_reimport_is_idempotent_and_rematches(app_context, report_file) -> None:
    first = import_report(app_context, report_file("meta_export.csv"))
    assert first.matched == 0 and not first.already_imported
    with session_scope(app_context.engine) as session:
        shop = get_or_create_shop(session)
        session.add(Campaign(shop_id=shop.id, name="Awareness Push", platform="meta"))
    again = import_report(app_context, report_file("meta_export.csv"))
    assert again.already_imported and again.report_id == first.report_id
    assert again.matched == 1 and again.totals == first.totals
    assert counts(app_context) == (1, 4)


@pytest.mark.parametrize(
    "name", ["google_total_mismatch.csv", "shopify_orders.csv", "google_all_nulls.csv",
             "google_truncated.csv", "binary_junk.csv", "google_empty.csv"],
)  # fmt: skip
def test_hostile_input_writes_nothing(app_context, report_file, name: str) -> None:
    with pytest.raises(ReportError):
        import_report(app_context, report_file(name))
    assert counts(app_context) == (0, 0)


def test_mismatch_can_be_accepted_and_is_recorded(app_context, report_file) -> None:
    summary = import_report(
        app_context, report_file("google_total_mismatch.csv"), accept_mismatch=True
    )
    assert any("totals disagree" in warning for warning in summary.warnings)
    assert any(check["status"] == "mismatch" for check in summary.checks)


def test_failure_while_storing_rolls_back(app_context, report_file, monkeypatch) -> None:
    from engine.services import evaluation

    def explode(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(evaluation, "summarise", explode)
    with pytest.raises(RuntimeError):
        import_report(app_context, report_file("meta_export.csv"))
    assert counts(app_context) == (0, 0)


def test_cli_json_contract(report_file, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "import", str(report_file("google_campaigns.csv")), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"platform", "rows", "matched", "unmatched", "totals"}
    assert payload == {
        "platform": "google", "rows": 4, "matched": 0, "unmatched": 4,
        "totals": {"impressions": 813402, "clicks": 1855, "cost": 1866.34, "conversions": 47.5},
    }  # fmt: skip
    assert main(["report", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["file_name"] for r in listed["reports"]] == ["google_campaigns.csv"]


def test_rematch_links_rows_to_campaigns_created_later(app_context, report_file, capsys) -> None:
    import_report(app_context, report_file("google_campaigns.csv"))
    with session_scope(app_context.engine) as session:
        session.add(Campaign(shop_id=1, name="WINTER clearance", platform="google"))
    assert main(["report", "rematch", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "reports": [{"id": 1, "matched": 1, "unmatched": 3}]
    }
    assert main(["report", "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [u["campaign"] for u in shown["unmatched_rows"]] == [
        "Spring Tea Sale", "Gift Sets - Loyal buyers", "Brand search",
    ]  # fmt: skip


def test_cli_refuses_wrong_file_with_one_clear_line(
    report_file, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    assert main(["report", "import", str(report_file("shopify_orders.csv")), "--json"]) == 1
    assert capsys.readouterr().out == ""
    assert "Shopify orders export" in caplog.text and "Traceback" not in caplog.text
