"""The small-study effect made live (ldnmodels.analyses.small_studies)."""
import math

import numpy as np
import pytest

from ldnmodels.analyses.small_studies import pooled_difference, small_study_effect


def test_pooling_weights_by_inverse_variance():
    # two trials, the second with half the standard error: weights 1 and 4
    se = np.array([1.0, 0.5])
    low, high = np.array([-2.0, 0.0]) - 1.959963984540054 * se, np.array([-2.0, 0.0]) + 1.959963984540054 * se
    assert pooled_difference([-2.0, 0.0], low, high) == pytest.approx((-2.0 * 1 + 0.0 * 4) / 5)
    assert math.isnan(pooled_difference([], [], []))


@pytest.mark.slow
def test_publishing_only_significant_small_trials_overstates_the_pooled_effect():
    result = small_study_effect(n_per_arm=15, n_trials=100, seed=3)
    assert 0.0 < result.published_share < 0.6
    assert result.published_pooled < result.all_pooled < 0.0      # more negative: a bigger apparent benefit
    assert np.all(result.differences[result.published] < 0)


def test_bad_sizes_are_refused_by_name():
    with pytest.raises(ValueError, match="n_per_arm"):
        small_study_effect(n_per_arm=1)
