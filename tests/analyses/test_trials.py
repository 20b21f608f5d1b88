from dataclasses import replace

import numpy as np
import pytest

from ldnmodels.analyses.population import PopulationParameters
from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trial, run_trials

DESIGN = TrialDesign(design="parallel", n_per_arm=40, dose_mg=4.5, weeks=8, dropout_fraction=0.1)


@pytest.fixture(scope="module")
def pool():
    return prepare_pool(DESIGN, pool_size=3000, seed=0)


def test_seeded_trial_is_reproducible(pool):
    assert run_trial(DESIGN, seed=3, pool=pool) == run_trial(DESIGN, seed=3, pool=pool)
    assert run_trial(DESIGN, seed=3, pool=pool) != run_trial(DESIGN, seed=4, pool=pool)


def test_false_positive_rate_near_5_percent_without_a_drug_effect():
    # A dose so small that it blocks almost nothing: the drug arm is a second placebo arm.
    tiny = TrialDesign(design="parallel", n_per_arm=40, dose_mg=0.001, weeks=4, dropout_fraction=0.0)
    results = run_trials(tiny, 400, seed=0, pool=prepare_pool(tiny, pool_size=2000, seed=0))
    rate = np.mean([r.estimate.p_value < 0.05 for r in results])
    assert 0.025 <= rate <= 0.08  # 400 trials: 5 % ± about 2 standard errors


@pytest.mark.slow
def test_enrichment_helps_only_when_the_marker_is_linked():
    def median_effect(link, quantile):
        params = PopulationParameters(biomarker_link=link)
        pool = prepare_pool(DESIGN, pool_size=3000, seed=0, population_params=params)
        trials = run_trials(replace(DESIGN, enrichment_quantile=quantile), 150, seed=0, pool=pool)
        return np.median([t.estimate.difference for t in trials]), np.mean([t.responder_share for t in trials])

    linked_all, linked_share_all = median_effect(0.8, 0.0)
    linked_enriched, linked_share = median_effect(0.8, 0.5)
    unlinked_all, _ = median_effect(0.0, 0.0)
    unlinked_enriched, unlinked_share = median_effect(0.0, 0.5)
    assert linked_enriched < linked_all - 0.2 and linked_share > linked_share_all + 0.15
    assert abs(unlinked_enriched - unlinked_all) < 0.15
    assert abs(unlinked_share - PopulationParameters().responder_fraction) < 0.05


def test_crossover_runs_and_counts_completers():
    crossover = TrialDesign(design="crossover", n_per_arm=30, dose_mg=4.5, weeks=6, washout_weeks=2,
                            dropout_fraction=0.2)
    result = run_trial(crossover, seed=1)
    assert result.n_analysed < 30 and -10 < result.estimate.difference < 10


@pytest.mark.parametrize("kwargs, match", [
    (dict(n_per_arm=1), "n_per_arm"),
    (dict(design="crossover", weeks=4, washout_weeks=6), "washout_weeks"),
    (dict(washout_weeks=2), "crossover designs only"),
    (dict(dropout_fraction=1.0), "dropout_fraction"),
    (dict(dropout_fraction=-0.1), "dropout_fraction"),
    (dict(enrichment_quantile=1.0), "enrichment_quantile"),
    (dict(design="factorial"), "design"),
    (dict(design="placebo_first"), "placebo_weeks"),
    (dict(placebo_weeks=2), "placebo_weeks"),
    (dict(design="placebo_first", placebo_weeks=2, washout_weeks=1), "crossover designs only"),
    (dict(dose_mg=-1.0), "^dose_mg must"),
    (dict(titration_steps_mg=(1.5, -3.0)), r"^titration_steps_mg\[1\] must"),
])
def test_impossible_designs_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        TrialDesign(**kwargs)


def test_string_dose_is_refused_naming_dose_mg():
    with pytest.raises(TypeError, match="^dose_mg must be a number"):
        TrialDesign(dose_mg="4.5")


def test_pool_must_match_the_drug_course(pool):
    with pytest.raises(ValueError, match="another drug course"):
        run_trial(replace(DESIGN, dose_mg=6.0), pool=pool)


def test_patients_needed_counts_both_arms_of_a_parallel_trial():
    from ldnmodels.analyses.trials import patients_needed
    assert patients_needed(TrialDesign(design="parallel", n_per_arm=30)) == 60
    assert patients_needed(TrialDesign(design="crossover", n_per_arm=30)) == 30


def test_placebo_response_follows_the_population_time_constant():
    from dataclasses import replace

    from ldnmodels.analyses.population import PopulationParameters
    design = TrialDesign(design="parallel", n_per_arm=40, dose_mg=4.5, weeks=2, dropout_fraction=0.0)
    slow = PopulationParameters(placebo_time_constant_h=24.0 * 60, placebo_sd_nrs=0.0, daily_noise_sd_nrs=0.0)
    fast = replace(slow, placebo_time_constant_h=24.0 * 1)
    change = {}
    for name, params in (("slow", slow), ("fast", fast)):
        pool = prepare_pool(design, pool_size=200, seed=1, population_params=params)
        change[name] = run_trials(design, 1, seed=1, pool=pool)[0].percent_placebo
    assert change["fast"] < change["slow"] < 0  # the placebo arm improves more when the response builds faster


def test_placebo_first_order_credits_the_late_placebo_response_to_the_drug():
    # No drug effect at all (a dose that blocks nothing, microglia at the measured potency), no noise: whatever the
    # fixed order shows is the placebo response arriving later in the drug period.
    params = PopulationParameters(placebo_sd_nrs=0.0, daily_noise_sd_nrs=0.0, placebo_mean_nrs=-1.0,
                                  placebo_time_constant_h=24.0 * 28, tlr4_ic50_um=100.0)
    fixed = TrialDesign(design="placebo_first", n_per_arm=20, dose_mg=0.001, weeks=8, placebo_weeks=2,
                        dropout_fraction=0.0)
    randomised = TrialDesign(design="crossover", n_per_arm=20, dose_mg=0.001, weeks=8, washout_weeks=2,
                             dropout_fraction=0.0)
    assert fixed.total_weeks == 10 and fixed.drug_start_day == 14
    effect = {}
    for name, design in (("fixed", fixed), ("randomised", randomised)):
        pool = prepare_pool(design, pool_size=60, seed=2, population_params=params)
        effect[name] = run_trials(design, 1, seed=2, pool=pool)[0]
    # Last-week means of a response building up with a 28-day time constant from the first placebo day.
    expected_placebo = -np.mean(1.0 - np.exp(-np.arange(8, 15) / 28.0))   # last week of the 2-week placebo phase
    expected_drug = -np.mean(1.0 - np.exp(-np.arange(64, 71) / 28.0))     # last week of the drug phase
    assert effect["fixed"].change_placebo_nrs == pytest.approx(expected_placebo, abs=0.05)
    assert effect["fixed"].change_drug_nrs == pytest.approx(expected_drug, abs=0.05)
    assert effect["fixed"].estimate.difference < -0.4            # the order alone looks like a drug effect
    assert abs(effect["randomised"].estimate.difference) < 0.1   # randomised order: none


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).


@pytest.mark.parametrize("seed", [-1, 1.5])
def test_bad_seeds_are_refused(seed):
    from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trials
    design = TrialDesign(weeks=2, n_per_arm=5)
    with pytest.raises((ValueError, TypeError), match="^seed must"):
        run_trials(design, 2, seed=seed, pool=prepare_pool(design, pool_size=50))


def test_progress_bars_are_optional_and_change_nothing(capsys):
    from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trials
    design = TrialDesign(weeks=2, n_per_arm=10)
    pool = prepare_pool(design, pool_size=100)
    assert run_trials(design, 5, pool=pool, progress=True) == run_trials(design, 5, pool=pool)
