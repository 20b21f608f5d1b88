"""The trial calibration of the virtual population: method, shipped grid, and the defaults that come from it."""
import math

import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels import calibration, data, evidence, population
from ldnmodels.analyses.pipeline import calibrated_default_rows
from ldnmodels.analyses.population import PopulationParameters


def test_shipped_calibration_rows_are_the_most_likely_grid_point():
    """The 'calibration' rows of fitted_defaults.csv are what the calibration step writes from the shipped grid."""
    shipped = {(row["owner"], row["field"]): row for row in data.fitted_defaults() if row["step"] == "calibration"}
    rows = calibrated_default_rows()
    assert {(row["owner"], row["field"]) for row in rows} == set(shipped)
    for row in rows:
        old = shipped[row["owner"], row["field"]]
        assert (old["value"], old["source"]) == (row["value"], "calibrated_trials")


def test_defaults_are_the_most_likely_grid_point():
    best = calibration.best_values()
    params = PopulationParameters()
    for name in ("responder_fraction", "responder_drive_ratio", "placebo_mean_nrs", "placebo_time_constant_h"):
        assert math.isclose(getattr(params, name), best[name]), name
    assert math.isclose(ldn.InflammationParameters().tlr4_ic50_um, best["tlr4_ic50_um"])
    assert math.isclose(ldn.SymptomParameters().opioid_weight, best["opioid_weight"])
    assert params.tlr4_ic50_um == ldn.InflammationParameters().tlr4_ic50_um
    assert params.opioid_weight == ldn.SymptomParameters().opioid_weight


def test_shipped_grid_covers_the_whole_grid_once():
    table = calibration.calibration_rows()
    assert len(table) == math.prod(len(values) for values in calibration.GRID.values())
    points = {tuple(row[name] for name in calibration.GRID) for row in table}
    assert len(points) == len(table)


def test_only_the_single_dose_constrains_and_the_dose_direction_and_coverage_are_reported():
    """The dose-finding study's design assumes a monotone dose-response: it cannot demand one, so a grid point whose
    benefit falls with dose keeps its weight; coverage is reported, not required."""
    table = calibration.calibration_rows()
    weights = calibration.posterior(table)
    assert math.isclose(weights.sum(), 1.0)
    published = {row["key"]: row["effect"] for row in evidence.published_trials() if row["primary"]}
    trials = {target.trial for target in calibration.TARGETS}
    falling_with_weight = 0.0
    for row, weight in zip(table, weights):
        benefits = [row[f"benefit_{dose:g}mg_nrs"] for dose in calibration.DOSES_MG]
        monotone = all(b >= a for a, b in zip(benefits, benefits[1:]))
        holds = row["single_50mg_change_nrs"] < calibration.SINGLE_50MG_LIMIT_NRS
        assert bool(row["allowed"]) == holds == calibration.allowed(row)
        assert bool(row["dose_monotone"]) == monotone
        assert bool(row["covered"]) == all(row[f"low:{key}"] <= published[key] <= row[f"high:{key}"] for key in trials)
        if not holds:
            assert weight == 0.0
        if not monotone:
            falling_with_weight += weight
    assert falling_with_weight > 0.0    # no longer ruled out by construction


def test_posterior_follows_the_likelihood_on_a_made_up_table():
    rows = [{**{name: values[0] for name, values in calibration.GRID.items()}, "log_likelihood": 0.0,
             "single_50mg_change_nrs": 0.1},
            {**{name: values[-1] for name, values in calibration.GRID.items()}, "log_likelihood": math.log(3.0),
             "single_50mg_change_nrs": 0.2},
            {**{name: values[1] for name, values in calibration.GRID.items()}, "log_likelihood": 50.0,
             "single_50mg_change_nrs": 0.9}]
    weights = calibration.posterior(rows)
    np.testing.assert_allclose(weights, [0.25, 0.75, 0.0])
    ranges = calibration.fitted_ranges(rows)
    first = next(iter(calibration.GRID))
    assert ranges[first].best == calibration.GRID[first][-1]
    assert not ranges[first].determined           # 90 % needs both ends of the grid
    assert calibration.fitted_ranges(rows, mass=0.7)[first].determined
    with pytest.raises(ValueError, match="constraint"):
        calibration.posterior([{**rows[2]}])


def test_fitted_ranges_contain_their_best_value_and_the_table_says_so():
    for name, fitted in calibration.fitted_ranges().items():
        assert fitted.low <= fitted.best <= fitted.high, name
        assert math.isclose(sum(fitted.weights.values()), 1.0)
    text = calibration.ranges_markdown()
    assert text.count("\n") == len(calibration.GRID) + 1
    assert "microglial potency" in text


def test_one_50mg_dose_moves_the_score_more_with_a_heavier_opioid_weight():
    light, heavy = calibration.single_dose_change(0.1), calibration.single_dose_change(1.0)
    assert 0.0 < light < heavy
    assert heavy > calibration.SINGLE_50MG_LIMIT_NRS   # why the old weight (1.0) is excluded by Younger 2009


def test_evaluate_mechanism_scores_every_placebo_combination():
    values = {name: calibration.GRID[name][1] for name in calibration.MECHANISM_PARAMETERS}
    rows = calibration.evaluate_mechanism(values, n_trials=8, pool_size=120, dose_patients=60)
    assert len(rows) == len(calibration.GRID["placebo_mean_nrs"]) * len(calibration.GRID["placebo_time_constant_h"])
    for row in rows:
        assert np.isfinite(row["log_likelihood"])
        for target in calibration.TARGETS:
            assert f"sim:{target.trial}:{target.statistic}" in row
    # A larger placebo response makes the simulated placebo arms improve more.
    by_mean = {row["placebo_mean_nrs"]: row["sim:bruun_2024:change_placebo_nrs"] for row in rows
               if row["placebo_time_constant_h"] == calibration.GRID["placebo_time_constant_h"][0]}
    assert by_mean[-1.5] < by_mean[-0.6]


def test_default_population_benefits_at_3_and_6_mg_and_the_rebound_alternative_falls():
    """Neither population is required to rise with dose; both are reported (notebook 09)."""
    regimen = {dose: ldn.Regimen.daily(dose, days=84, clock_h=21.0) for dose in (3.0, 6.0)}

    def benefit(params):
        pop = population.make_population(300, seed=5, params=params)
        return {dose: float(np.mean(pop.symptoms.baseline_pain_nrs
                                    - population.simulate_population(pop, reg, 84).daily_pain_nrs[:, -7:].mean(axis=1)))
                for dose, reg in regimen.items()}
    default, rebound = benefit(None), benefit(population.rebound_responders())
    assert default[3.0] > 0.0 and default[6.0] > 0.0
    assert rebound[6.0] < rebound[3.0]
