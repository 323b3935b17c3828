"""BG/NBD and Gamma-Gamma: the published CDNOW numbers, and honest uncertainty for small shops."""

from __future__ import annotations

import numpy as np
import pytest

from engine.targeting.audiences.clv import BetaGeoModel, GammaGammaModel, summarise
from tests.conftest import shared_data

# Fader, Hardie & Lee (2005), fitted on the 1/10 CDNOW sample (2,357 customers, 39-week calibration
# ending 1997-09-30); Gamma-Gamma on its 946 repeat buyers (Fader & Hardie 2013 note).
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}
SAMPLE_CUSTOMERS, SAMPLE_REPEAT_BUYERS = 2357, 946


def test_conditional_expectation_matches_hardies_spreadsheet() -> None:
    """FHL (2005) eq. 10 at the published parameters; 1.226 is from Hardie's Excel workbook."""
    params = np.array(list(PUBLISHED_BGNBD.values()))
    value = BetaGeoModel().expected_purchases(
        39, np.array([2.0]), np.array([30.43]), np.array([38.86]), params
    )
    assert value[0] == pytest.approx(1.226, abs=1e-3)


def _cdnow_summary():  # type: ignore[no-untyped-def]
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(
        shared_data("cdnow", "CDNOW_master.txt"), sep=r"\s+", dtype={"customer_id": str}
    )
    epoch = pandas.Timestamp("1970-01-01")
    day = (pandas.to_datetime(frame.date.astype(str), format="%Y%m%d") - epoch).dt.days
    end = (pandas.Timestamp("1997-09-30") - epoch).days
    return summarise(
        frame.customer_id.astype(int).to_numpy(), day.to_numpy(), frame.dollar_value.to_numpy(), end
    )


def test_cdnow_fit_reproduces_the_published_parameters() -> None:
    """The master file holds all 23,570 customers, the paper used a 1/10 sample of them: our fit
    on the full cohort must agree with the published one within the sample's sampling error
    (our standard errors scaled by √(23,570 / 2,357)). Measured: r .252, α 4.79, a .724, b 2.16;
    p 6.27, q 3.62, γ 14.99."""
    ids, summary = _cdnow_summary()
    assert len(ids) == 23_570
    assert summary.age.max() == pytest.approx(38.86, abs=0.01)  # 1997-01-01 .. 1997-09-30

    purchases = BetaGeoModel().fit(summary)
    spend = GammaGammaModel().fit(summary)

    for model, published, sample_size in (
        (purchases, PUBLISHED_BGNBD, SAMPLE_CUSTOMERS),
        (spend, PUBLISHED_GAMMA_GAMMA, SAMPLE_REPEAT_BUYERS),
    ):
        scale = np.sqrt(model.n_customers_ / sample_size)
        for name, estimate in model.params_.as_dict().items():
            sample_se = estimate["se"] * scale
            assert abs(estimate["value"] - published[name]) < 2 * sample_se, (name, estimate)
            assert estimate["value"] == pytest.approx(published[name], rel=0.12), name


def test_small_shop_gets_wide_intervals_instead_of_an_error() -> None:
    rng = np.random.default_rng(3)
    n = 150
    x = rng.poisson(1.5, n).astype(float)
    age = rng.uniform(10, 52, n)
    recency = np.where(x > 0, age * rng.uniform(0.2, 1.0, n), 0.0)
    from engine.targeting.audiences.clv import RepeatSummary

    summary = RepeatSummary(x, recency, age, np.where(x > 0, rng.gamma(5, 8, n), 0.0))
    model = BetaGeoModel().fit(summary)
    point, low, high = model.purchase_interval(26, summary, model.bootstrap_params(summary, n=20))
    assert np.all(np.isfinite(model.params_.standard_errors))
    assert np.all(low <= point + 1e-9) and np.all(point <= high + 1e-9)
    assert np.mean(high - low) > 0.05  # a few hundred customers: the interval is visibly wide


def test_a_shop_without_repeat_buyers_is_told_why_there_is_no_clv() -> None:
    from datetime import datetime

    from engine.targeting.clv_report import lifetime_values
    from tests.targeting.synthetic import purchases_from_rows

    purchases = purchases_from_rows([(c, c, datetime(2024, 1, c), c) for c in range(1, 9)])
    with pytest.raises(
        ValueError, match="none of your 8 customers has ordered on two different days"
    ):
        lifetime_values(purchases, datetime(2024, 3, 1), 26, 0.4)
