"""The retrain decision: each threshold crossed gives one plain reason; nothing crossed, none."""

from __future__ import annotations

from engine.profiles.drift import assess_drift

CALM = {
    "unseen_item_share": 0.02,
    "new_customer_share": 0.05,
    "days_since_training": 10.0,
    "new_event_share": 0.02,
    "recent_recall": 0.30,
    "recent_popularity_recall": 0.05,
}


def test_calm_data_needs_no_retrain() -> None:
    report = assess_drift(CALM)
    assert not report.retrain_recommended and report.reasons == []


def test_each_signal_names_its_reason() -> None:
    cases = {
        "unseen_item_share": (0.35, "never seen"),
        "new_customer_share": (0.5, "arrived after"),
        "recent_recall": (0.055, "best sellers"),
    }
    for key, (value, words) in cases.items():
        report = assess_drift({**CALM, key: value})
        assert report.retrain_recommended, key
        assert len(report.reasons) == 1 and words in report.reasons[0]


def test_age_alone_is_not_enough_without_new_activity() -> None:
    assert not assess_drift({**CALM, "days_since_training": 200.0}).retrain_recommended
    old_and_busy = assess_drift({**CALM, "days_since_training": 200.0, "new_event_share": 0.3})
    assert old_and_busy.retrain_recommended and "days behind" in old_and_busy.reasons[0]


def test_missing_signals_are_ignored() -> None:
    assert not assess_drift({"recent_recall": None, "unseen_item_share": None}).retrain_recommended
