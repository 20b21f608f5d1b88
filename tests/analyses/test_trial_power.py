"""Power of simulated trials: one rule for significance, power curves, replicates that cannot be analysed."""

import numpy as np
import pytest

from ldnmodels.analyses.trial_power import power_curve
from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trials

DESIGN = TrialDesign(design="parallel", n_per_arm=40, dose_mg=4.5, weeks=8, dropout_fraction=0.1)


def test_power_rises_with_n():
    design = TrialDesign(design="parallel", n_per_arm=20, dose_mg=4.5, weeks=8, dropout_fraction=0.0,
                         enrichment_quantile=0.5)
    powers = power_curve(design, [10, 40, 160], n_trials=150, seed=0,
                         pool=prepare_pool(design, pool_size=3000, seed=0))
    assert powers[0] < powers[1] < powers[2]


def test_one_rule_for_significant_for_the_drug():
    from ldnmodels.analyses.trial_power import ALPHA, significant_for_drug
    assert ALPHA == 0.05
    np.testing.assert_array_equal(significant_for_drug([0.01, 0.01, 0.2, 0.049], [-1.0, 1.0, -1.0, -0.1]),
                                  [True, False, False, True])


def test_degenerate_replicates_are_counted_not_fatal():
    import warnings

    from ldnmodels.analyses.trial_power import power_curve
    from ldnmodels.analyses.trials import DegenerateTrial, TrialDesign, prepare_pool
    design = TrialDesign(weeks=2, dropout_fraction=0.5, n_per_arm=3)
    pool = prepare_pool(design, pool_size=200, seed=0)
    with pytest.warns(RuntimeWarning, match="could not be analysed"):
        powers = power_curve(design, [3], n_trials=40, pool=pool)
    assert 0.0 <= powers[0] <= 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        results = run_trials(design, 40, pool=pool)
    assert 0 < len(results) < 40
    with pytest.raises(DegenerateTrial):
        run_trials(TrialDesign(weeks=2, dropout_fraction=0.99, n_per_arm=2), 3,
                   pool=prepare_pool(TrialDesign(weeks=2, dropout_fraction=0.99, n_per_arm=2), pool_size=50))


@pytest.mark.parametrize("kwargs, match", [(dict(alpha=2.0), "^alpha must"), (dict(n_trials=0), "^n_trials must")])
def test_power_curve_arguments_are_checked(kwargs, match):
    from ldnmodels.analyses.trial_power import power_curve
    from ldnmodels.analyses.trials import TrialDesign
    with pytest.raises(ValueError, match=match):
        power_curve(TrialDesign(weeks=2), [10], **kwargs)
