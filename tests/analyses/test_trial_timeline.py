"""The timeline of a design, shared by the trial simulator and the hypotheses' likelihood."""
import math

import numpy as np
import pytest

from ldnmodels.analyses.population import PopulationParameters
from ldnmodels.analyses.trial_timeline import (
    Period,
    drug_start_day,
    expectation_profile,
    expectation_spans,
    outcome_window,
    periods,
    total_days,
)
from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trials


def test_an_unequal_crossover_has_its_periods_in_either_order():
    design = TrialDesign(design="crossover", n_per_arm=10, weeks=12, placebo_weeks=4, washout_weeks=4)
    assert periods(design, True) == (Period("drug", 0, 84), Period("placebo", 112, 140))
    assert periods(design, False) == (Period("placebo", 0, 28), Period("drug", 56, 140))
    assert total_days(design) == 140 and drug_start_day(design, False) == 56
    assert design.total_weeks == 20


def test_washout_days_and_outcome_days_place_the_windows():
    design = TrialDesign(design="crossover", n_per_arm=10, weeks=3, washout_weeks=1, washout_days=3, outcome_days=3)
    first, second = periods(design, True)
    assert second.start_day - first.end_day == 10        # Bested 2023: days 22-31 washed out
    assert outcome_window(design, second) == (49, 52)


def test_expectation_builds_in_each_period_and_fades_after():
    profile = expectation_profile([(0, 10), (20, 30)], 40, 5.0)
    assert math.isclose(profile[0], 1 - math.exp(-1 / 5))
    assert math.isclose(profile[9], 1 - math.exp(-10 / 5))
    assert profile[19] < profile[10] < profile[9]           # fading in the washout
    assert math.isclose(profile[20], 1 - math.exp(-1 / 5))  # a new period builds again from its start
    single_blind = TrialDesign(design="placebo_first", n_per_arm=10, weeks=8, placebo_weeks=2)
    assert expectation_spans(single_blind) == [(0, 70)]     # expected treatment throughout


@pytest.mark.parametrize("changes, message", [
    (dict(design="parallel", placebo_weeks=2), "placebo_weeks must be 0"),
    (dict(design="parallel", washout_days=2), "crossover designs only"),
    (dict(design="crossover", washout_days=7), "washout_days"),
    (dict(design="crossover", weeks=4, placebo_weeks=1, outcome_days=8), "outcome_days"),
    (dict(baseline_days=0), "baseline_days"),
    (dict(unblinded_fraction=1.5), "unblinded_fraction"),
    (dict(expectation_nrs=-1.0), "expectation_nrs"),
])
def test_new_design_fields_are_checked_by_name(changes, message):
    with pytest.raises(ValueError, match=message):
        TrialDesign(**changes)


@pytest.mark.slow
def test_functional_unblinding_adds_its_expected_benefit_to_the_drug_arm():
    """With every patient on the drug unblinded and 1 point of extra expectation, the drug arm's mean change falls
    by about 1 point times the build-up over 12 weeks, the placebo arm's not at all."""
    base = TrialDesign(design="parallel", n_per_arm=400, dose_mg=0.001, weeks=12, dropout_fraction=0.0)
    blind = run_trials(base, 20, seed=1, pool=prepare_pool(base, pool_size=1000, seed=1))
    open_design = TrialDesign(design="parallel", n_per_arm=400, dose_mg=0.001, weeks=12, dropout_fraction=0.0,
                              unblinded_fraction=1.0, expectation_nrs=1.0)
    unblind = run_trials(open_design, 20, seed=1, pool=prepare_pool(open_design, pool_size=1000, seed=1))
    tau_days = PopulationParameters().placebo_time_constant_h / 24.0
    expected = -(1.0 - math.exp(-84 / tau_days))
    shift = np.mean([u.change_drug_nrs - b.change_drug_nrs for u, b in zip(unblind, blind)])
    assert abs(shift - expected) < 0.1
    assert abs(np.mean([u.change_placebo_nrs - b.change_placebo_nrs for u, b in zip(unblind, blind)])) < 0.05
