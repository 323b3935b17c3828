"""Timing, frequency cap and Thompson-sampling budget split."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from engine.evaluation.strategy import (
    DEFAULT_FREQUENCY_CAP,
    MIN_ORDERS_FOR_TIMING,
    best_times,
    frequency_advice,
    thompson_split,
)
from engine.services.evaluation import (
    budget_split,
    import_report,
    recommend_frequency,
    recommend_timing,
    write_report,
)
from engine.store.db import session_scope
from engine.store.models import AudienceMember, Customer, Order


def test_best_times_counts_weekdays_and_hours() -> None:
    friday_evening = [datetime(2026, 3, 6, 20, m) for m in range(20)]  # a Friday
    monday_morning = [datetime(2026, 3, 2, 9) + timedelta(weeks=w) for w in range(12)]
    timing = best_times(friday_evening + monday_morning)
    assert timing.best_weekdays[0] == ("Friday", 20)
    assert timing.best_hours[:2] == [(20, 20), (9, 12)]
    assert timing.by_weekday["Sunday"] == 0 and sum(timing.by_hour.values()) == 32
    assert timing.enough_data
    assert not best_times(friday_evening).enough_data  # 20 < MIN_ORDERS_FOR_TIMING
    assert MIN_ORDERS_FOR_TIMING == 30


def test_recommend_timing_uses_only_the_audience_members(app_context, shop_with_campaigns) -> None:
    with session_scope(app_context.engine) as session:
        member, other = Customer(shop_id=1, key="m"), Customer(shop_id=1, key="o")
        session.add_all([member, other])
        session.flush()
        session.add(AudienceMember(audience_id=shop_with_campaigns["loyal"], customer_id=member.id))
        for n, (who, hour) in enumerate(
            [(member, 8), (member, 8), (other, 22), (other, 22), (other, 22)]
        ):
            session.add(Order(shop_id=1, platform="t", external_id=str(n), customer_id=who.id,
                              placed_at=datetime(2026, 3, 3, hour)))  # fmt: skip
    timing = recommend_timing(app_context, shop_with_campaigns["loyal"])
    assert timing.orders == 2 and timing.best_hours == [(8, 2)]
    assert recommend_timing(app_context).orders == 5
    with pytest.raises(ValueError, match="no audience"):
        recommend_timing(app_context, 999)


def test_frequency_from_ctr_decay() -> None:
    rows = [
        (1000, 1000, 30),
        (2000, 1000, 50),
        (3000, 1000, 60),
        (4000, 1000, 40),
        (5000, 1000, 25),
    ]
    advice = frequency_advice(rows)
    # CTR by band: 3.0%, 2.5%, 2.0%, 1.0%, 0.5%; 70% of 3.0% = 2.1% -> keep bands 1-2
    assert advice.basis == "ctr_decay" and advice.cap_per_week == 2
    assert advice.ctr_by_frequency["1"] == pytest.approx(0.03)


def test_frequency_defaults_are_explained() -> None:
    assert frequency_advice([(1000, None, 10)]).cap_per_week == DEFAULT_FREQUENCY_CAP
    assert "no reach" in frequency_advice([(1000, None, 10)]).explanation
    single = frequency_advice([(1300, 1000, 10), (1250, 1000, 12)])
    assert single.basis == "average_frequency" and single.cap_per_week == 2


def test_recommend_frequency_reads_meta_reach(app_context, report_file) -> None:
    import_report(app_context, report_file("meta_export.csv"))
    advice = recommend_frequency(app_context)
    assert advice.average_frequency == pytest.approx(
        222450 / (8120 + 7010 + 90211 + 40100), abs=0.01
    )


def test_thompson_split_is_seeded_and_follows_the_posterior() -> None:
    arms = [("A", 20, 1000), ("B", 40, 1000), ("C", 2, 100)]
    first = thompson_split(arms, budget=100.0, seed=3)
    assert first == thompson_split(arms, budget=100.0, seed=3)
    shares = {a.name: a.prob_best for a in first}
    assert max(shares, key=shares.__getitem__) == "B" and shares["A"] < 0.01
    assert sum(shares.values()) == pytest.approx(1.0)
    assert sum(a.budget for a in first) == pytest.approx(100.0, abs=0.05)
    # the reported probability agrees with an independent numpy estimate
    rng = np.random.default_rng(11)
    draws = np.column_stack([rng.beta(1 + s, 1 + n - s, 200_000) for _name, s, n in arms])
    assert shares["B"] == pytest.approx((draws.argmax(axis=1) == 1).mean(), abs=0.01)


def test_budget_split_service_over_meta_variants(app_context, report_file) -> None:
    import_report(app_context, report_file("meta_export.csv"))
    split = budget_split(app_context, 500.0, level="variant", metric="ctr")
    assert len(split) == 4 and sum(a.budget for a in split) == pytest.approx(500.0, abs=0.05)
    with pytest.raises(ValueError, match="metric"):
        budget_split(app_context, 500.0, metric="roas")


def test_ctr_by_weekday_and_hour_from_a_segmented_report(app_context, tmp_path) -> None:
    lines = [
        "Campaign report", '"March 2, 2026 - March 3, 2026"',
        "Campaign,Day,Hour of day,Impr.,Clicks,Currency code,Cost",
        "Tea,2026-03-02,9,1000,10,USD,5.00",  # a Monday
        "Tea,2026-03-02,20,1000,40,USD,9.00",
        "Tea,2026-03-03,20,2000,60,USD,20.00",  # a Tuesday
    ]  # fmt: skip
    report = tmp_path / "hourly.csv"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_report(app_context, report)
    timing = recommend_timing(app_context)
    assert timing.ctr_by_weekday["Monday"].value == pytest.approx(50 / 2000)
    assert timing.ctr_by_weekday["Tuesday"].value == pytest.approx(60 / 2000)
    assert (
        timing.ctr_by_hour[20].value == pytest.approx(100 / 3000)
        and timing.ctr_by_hour[9].trials == 1000
    )
    assert "When people click" in write_report(app_context).read_text(encoding="utf-8")
