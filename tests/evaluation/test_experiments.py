"""A/B statistics checked against statsmodels and independent scipy computations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize, proportions_ztest

from engine.evaluation.experiments import (
    STOPPED_EARLY,
    Arm,
    beta_binomial,
    compare,
    sample_size_per_arm,
    two_proportion_ztest,
)

CASES = [(341, 12034, 298, 4512), (12, 1000, 25, 1000), (210, 10234, 265, 9876), (0, 50, 3, 60)]


@pytest.mark.parametrize(("sa", "na", "sb", "nb"), CASES)
def test_ztest_matches_statsmodels(sa: int, na: int, sb: int, nb: int) -> None:
    z_ref, p_ref = proportions_ztest([sb, sa], [nb, na])
    result = two_proportion_ztest(Arm("A", sa, na), Arm("B", sb, nb))
    assert result.z == pytest.approx(z_ref, rel=1e-10)
    assert result.p_value == pytest.approx(p_ref, rel=1e-9)


@pytest.mark.parametrize(("sa", "na", "sb", "nb"), CASES)
def test_bayes_matches_a_two_dimensional_scipy_integral(sa: int, na: int, sb: int, nb: int) -> None:
    pa, pb = stats.beta(1 + sa, 1 + na - sa), stats.beta(1 + sb, 1 + nb - sb)
    lo = min(pa.ppf(1e-10), pb.ppf(1e-10))
    hi = max(pa.ppf(1 - 1e-10), pb.ppf(1 - 1e-10))
    # P(B > A) = ∫∫_{y > x} f_A(x) f_B(y), computed independently as a double integral
    reference, _ = integrate.dblquad(
        lambda y, x: pa.pdf(x) * pb.pdf(y), lo, hi, lambda x: x, lambda x: hi
    )
    result = beta_binomial(Arm("A", sa, na), Arm("B", sb, nb))
    assert result.prob_b_beats_a == pytest.approx(reference, abs=2e-5)


def test_expected_loss_matches_seeded_monte_carlo() -> None:
    """1e6 draws: the Monte Carlo standard error is ~4e-6, the tolerance about 4 of them."""
    rng = np.random.default_rng(7)
    a, b = Arm("A", 210, 10234), Arm("B", 265, 9876)
    draws_a = rng.beta(1 + a.successes, 1 + a.trials - a.successes, 1_000_000)
    draws_b = rng.beta(1 + b.successes, 1 + b.trials - b.successes, 1_000_000)
    result = beta_binomial(a, b)
    assert result.expected_loss_choosing_b == pytest.approx(
        np.maximum(draws_a - draws_b, 0).mean(), abs=1.5e-5
    )
    assert result.expected_loss_choosing_a == pytest.approx(
        np.maximum(draws_b - draws_a, 0).mean(), abs=1.5e-5
    )
    assert result.prob_b_beats_a == pytest.approx((draws_b > draws_a).mean(), abs=1e-3)


@pytest.mark.parametrize(
    ("baseline", "lift", "alpha", "power"),
    [(0.02, 0.2, 0.05, 0.8), (0.1, 0.1, 0.05, 0.9), (0.05, -0.3, 0.01, 0.8)],
)
def test_sample_size_matches_statsmodels(
    baseline: float, lift: float, alpha: float, power: float
) -> None:
    effect = proportion_effectsize(baseline * (1 + lift), baseline)
    reference = NormalIndPower().solve_power(
        effect_size=effect, alpha=alpha, power=power, ratio=1.0
    )
    assert sample_size_per_arm(baseline, lift, alpha, power) == int(np.ceil(reference))


def test_sample_size_refuses_impossible_rates() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        sample_size_per_arm(0.6, 1.0)


def test_peeking_guard_says_so_in_plain_words() -> None:
    result = compare(Arm("A", 12, 1000), Arm("B", 25, 1000), planned_per_arm=5000)
    assert result.stopped_early
    assert result.verdict.startswith(STOPPED_EARLY)
    assert "5,000 impressions" in result.verdict


def test_verdicts_after_the_planned_size() -> None:
    clear = compare(Arm("A", 100, 10000), Arm("B", 160, 10000), planned_per_arm=10000)
    assert not clear.stopped_early and clear.verdict.startswith("B is better")
    same = compare(Arm("A", 100, 10000), Arm("B", 104, 10000), planned_per_arm=10000)
    assert same.verdict.startswith("No real difference")
    assert compare(Arm("A", 0, 0), Arm("B", 1, 10)).verdict.startswith("Not enough data")


def test_a_tiny_p_value_is_not_shown_as_zero() -> None:
    overwhelming = compare(Arm("A", 100, 100000), Arm("B", 2000, 100000), planned_per_arm=100000)
    assert "p < 0.001" in overwhelming.verdict and "p = 0" not in overwhelming.verdict
    borderline = compare(Arm("A", 100, 10000), Arm("B", 135, 10000), planned_per_arm=10000)
    assert "p = 0.0" in borderline.verdict


def test_ab_test_service_records_the_experiment(
    app_context, shop_with_campaigns, report_file
) -> None:
    from engine.services.evaluation import ab_test, import_report, list_experiments

    import_report(app_context, report_file("meta_export.csv"))
    early = ab_test(
        app_context, variant_a_id=1, variant_b_id=2, planned_per_arm=50_000, name="Headline test"
    )
    assert early["stopped_early"] and early["verdict"].startswith(STOPPED_EARLY)
    assert (early["a"]["successes"], early["a"]["trials"]) == (210, 10234)
    later = ab_test(
        app_context, variant_a_id=1, variant_b_id=2, planned_per_arm=5_000, name="Headline test"
    )
    assert later["experiment_id"] == early["experiment_id"]
    [stored] = list_experiments(app_context)
    assert stored["status"] == "done" and stored["verdict"] == later["verdict"]
