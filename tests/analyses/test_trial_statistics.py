import numpy as np
import pytest
from scipy import stats

from ldnmodels.analyses.trial_statistics import cohens_d, paired_difference, welch_difference


def test_welch_matches_scipy():
    rng = np.random.default_rng(0)
    a, b = rng.normal(-1.3, 2.0, 50), rng.normal(-0.9, 1.5, 49)
    estimate = welch_difference(a, b)
    reference = stats.ttest_ind(a, b, equal_var=False)
    assert estimate.p_value == pytest.approx(reference.pvalue, rel=1e-10)
    ci = reference.confidence_interval(0.95)
    assert (estimate.ci_low, estimate.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-10)


def test_paired_matches_scipy_and_a_hand_worked_example():
    on, off = np.array([5.0, 4.0, 6.0, 3.0]), np.array([6.0, 6.0, 7.0, 5.0])
    estimate = paired_difference(on - off)
    assert estimate.p_value == pytest.approx(stats.ttest_rel(on, off).pvalue, rel=1e-10)
    # by hand: d = [-1, -2, -1, -2], mean -1.5, sd 0.5774, se 0.2887, t = -5.196 on 3 df
    assert estimate.difference == -1.5
    assert (estimate.ci_high - estimate.difference) == pytest.approx(3.182446 * 0.288675, rel=1e-5)


def test_cohens_d_by_hand():
    assert cohens_d([1.0, 2.0, 3.0], [2.0, 3.0, 4.0]) == pytest.approx(-1.0)


def test_too_few_patients():
    with pytest.raises(ValueError, match="at least 2"):
        welch_difference([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="at least 2"):
        paired_difference([1.0])
