"""The HTML campaign report: self-contained, readable, written under the reports folder."""

from __future__ import annotations

import re

import pytest

from engine.evaluation.experiments import Arm
from engine.evaluation.reports.model import ReportError
from engine.evaluation.svg import horizontal_bars
from engine.services.evaluation import ab_test, import_report, write_report


def test_report_is_self_contained_and_complete(app_context, report_file, no_network) -> None:
    import_report(app_context, report_file("google_campaigns.csv"))
    ab_test(
        app_context,
        Arm("A", 341, 12034),
        Arm("B", 298, 4512),
        planned_per_arm=20000,
        name="Brand vs spring",
    )
    path = write_report(app_context, title="Spring report")
    assert path.parent == app_context.paths.reports and path.suffix == ".html"
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r"(src|href)=", html)  # nothing to fetch
    assert html.count("<svg") == 2  # CTR chart and cost/revenue chart (no orders: no timing charts)
    assert "Spring Tea Sale" in html and "2.83%" in html and "Total: Account" in html
    assert "Stopped early: the difference may not be real." in html
    assert "SIMULATED" not in html and "<h2>Ads</h2>" not in html  # a campaign report names no ads
    assert no_network == []


def test_simulated_reports_say_so(app_context, report_file) -> None:
    import_report(app_context, report_file("meta_export.csv"))
    html = write_report(app_context, simulated=True).read_text(encoding="utf-8")
    assert "SIMULATED DATA" in html
    assert "<h2>Ads</h2>" in html and "Awareness push / Everyone UK / Video 1" in html


def test_no_report_yet_is_a_clear_error(app_context) -> None:
    with pytest.raises(ReportError, match="No ad report imported yet"):
        write_report(app_context)


def test_bars_escape_labels_and_show_missing_values() -> None:
    svg = horizontal_bars(["<b>A&B</b>", "none"], [0.02, None], lambda v: f"{v:.0%}")
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in svg and "n/a" in svg and "<b>" not in svg
