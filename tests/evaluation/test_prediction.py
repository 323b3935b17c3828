"""Prediction: honest cross-validation against a baseline and the "not enough data" state."""

from __future__ import annotations

import numpy as np
import pytest

from engine.evaluation.prediction import MIN_EXAMPLES, enough_data, predict_rate
from engine.evaluation.prediction_data import FEATURE_NAMES, Example, copy_text, features


def make_examples(count: int, seed: int = 0, signal: bool = True) -> list[Example]:
    """Variants whose CTR doubles when the copy has a percentage (when ``signal``)."""
    rng = np.random.default_rng(seed)
    examples = []
    for k in range(count):
        percent = k % 2 == 0
        text = f"Green tea {'20% off' if percent else 'from the hills'} batch {k}"
        vector = features(
            text, 2, None, "en", 100 + 10 * k, "rfm" if k % 3 else "churn", None, None
        )
        rate = 0.04 if (percent and signal) else 0.02
        impressions = 5000
        examples.append(Example(k, vector, impressions, int(rng.binomial(impressions, rate)), 0.0))
    return examples


def test_feature_vector_has_a_name_per_column() -> None:
    vector = features("新品 限时优惠 20%！", 1, {"sentiment": 0.5}, None, 300, "interest", 4, 20)
    named = dict(zip(FEATURE_NAMES, vector, strict=True))
    assert named["lang_zh"] == 1.0 and named["has_percent"] == 1.0 and named["exclamation"] == 1.0
    assert named["kw_new"] == 1.0 and named["kw_offer"] == 1.0 and named["kw_urgency"] == 1.0
    assert (
        named["sentiment"] == 0.5 and named["aud_interest"] == 1.0 and named["timing_known"] == 1.0
    )


def test_copy_text_reads_every_field_but_bookkeeping() -> None:
    text, lines = copy_text(
        {"headlines": ["A", "B"], "descriptions": ["C"], "template_made": {"x": [1]}}
    )
    assert (text, lines) == ("A | B | C", 3)


def test_not_enough_data_below_the_threshold() -> None:
    few = make_examples(MIN_EXAMPLES - 1)
    ok, message = enough_data(few, "ctr")
    assert not ok and "Not enough data yet" in message and f"{MIN_EXAMPLES} results" in message
    prediction = predict_rate(few, "ctr", few[0].features)
    assert prediction.state == "not_enough_data" and prediction.value is None


def test_models_beat_the_baseline_when_there_is_a_signal() -> None:
    examples = make_examples(40)
    prediction = predict_rate(examples, "ctr", make_examples(2)[0].features)  # a "20% off" copy
    scores = {s.model: s for s in prediction.cv}
    assert set(scores) == {"baseline", "logistic", "forest"}
    assert scores["logistic"].log_loss < scores["baseline"].log_loss
    assert prediction.state == "ready" and prediction.beats_baseline
    assert prediction.value == pytest.approx(0.04, abs=0.006)


def test_without_a_signal_the_answer_admits_it() -> None:
    examples = make_examples(24, seed=1, signal=False)
    prediction = predict_rate(examples, "ctr", examples[0].features)
    assert prediction.state == "ready" and prediction.model == "baseline"
    assert not prediction.beats_baseline and "do not beat" in prediction.message
    assert prediction.value == pytest.approx(sum(e.clicks for e in examples) / (24 * 5000))


def test_service_says_not_enough_data_on_a_fresh_store(
    app_context, shop_with_campaigns, report_file
) -> None:
    from engine.services.evaluation import import_report, predict_variant

    import_report(app_context, report_file("meta_export.csv"))
    prediction = predict_variant(
        app_context, "Spring tea | 20% off", audience_id=shop_with_campaigns["loyal"]
    )
    assert prediction.ctr.state == "not_enough_data" and prediction.ctr.examples == 3
    assert "Not enough data yet" in prediction.summary()
