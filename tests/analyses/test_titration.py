import numpy as np
import pytest

from ldnmodels import Regimen, simulate
from ldnmodels.analyses.side_effects import side_effects
from ldnmodels.analyses.titration import TitrationPlan, titrate_with_hold


def test_default_plan_is_the_usual_weekly_titration():
    regimen = TitrationPlan.default().regimen(28)
    assert regimen.doses_mg == (1.5,) * 7 + (3.0,) * 7 + (4.5,) * 14
    assert regimen.times_h[0] == 21.0


def test_plans_end_exactly_at_the_target():
    assert TitrationPlan(start_mg=1.0, step_mg=2.0, target_mg=4.5).steps_mg == (1.0, 3.0, 4.5)
    assert TitrationPlan.slow().steps_mg[-1] == 4.5 and TitrationPlan.fast().days_per_step == 3


def test_titration_that_never_reaches_its_target_is_refused():
    with pytest.raises(ValueError, match="total_days must be > 14"):
        TitrationPlan.default().regimen(14)


@pytest.mark.parametrize("kwargs, match", [(dict(start_mg=-1.0), "start_mg"), (dict(step_mg=0.0), "step_mg"),
                                           (dict(start_mg=6.0, target_mg=4.5), "start_mg"),
                                           (dict(days_per_step=0), "days_per_step"),
                                           (dict(clock_h=24.0), "clock_h"), (dict(clock_h=-3.0), "clock_h")])
def test_bad_plans(kwargs, match):
    with pytest.raises(ValueError, match=match):
        TitrationPlan(**kwargs)


def test_titration_lowers_the_headache_index_and_slow_lowers_it_more():
    direct = side_effects(simulate(Regimen.daily(4.5, days=42), hours=42 * 24.0)).headache
    default = side_effects(simulate(TitrationPlan.default().regimen(42), hours=42 * 24.0)).headache
    slow = side_effects(simulate(TitrationPlan.slow().regimen(42), hours=42 * 24.0)).headache
    assert direct > default > slow


@pytest.mark.parametrize("index, threshold", [("vivid_dreams", 0.33), ("headache", 0.08), ("vivid_dreams", 0.0)])
def test_hold_rule_never_steps_up_while_the_index_is_above_threshold(index, threshold):
    held = titrate_with_hold(TitrationPlan.default(), 49, index, threshold)
    doses = held.daily_dose_mg
    for day, value, was_held in zip(held.decision_days, held.index_at_decision, held.held):
        assert was_held == (value > threshold)
        if was_held:
            assert doses[day] == doses[day - 1]
        else:
            assert doses[day] > doses[day - 1]
    assert np.all(np.diff(doses) >= 0)


def test_hold_rule_with_a_high_threshold_is_the_plan():
    held = titrate_with_hold(TitrationPlan.default(), 28, "vivid_dreams", 1.0)
    assert held.regimen == TitrationPlan.default().regimen(28)


def test_bad_hold_rules():
    with pytest.raises(ValueError, match="index"):
        titrate_with_hold(TitrationPlan.default(), 28, "insomnia", 0.3)
    with pytest.raises(ValueError, match="threshold"):
        titrate_with_hold(TitrationPlan.default(), 28, "headache", 1.5)


def test_hold_rule_simulates_once_per_dose_and_agrees_with_rebuilding_from_day_0(monkeypatch):
    """Linear in days: one simulation per dose reached (not per decision), and the same decisions as re-simulating
    the whole history at every decision."""
    from ldnmodels import side_effects as side_effects_module
    from ldnmodels import titration
    from ldnmodels.model.regimen import Regimen
    from ldnmodels.model.simulation import simulate

    calls = []
    real = titration.simulate

    def counting(*args, **kwargs):
        calls.append(kwargs.get("hours"))
        return real(*args, **kwargs)
    monkeypatch.setattr(titration, "simulate", counting)
    plan = titration.TitrationPlan.default()
    held = titration.titrate_with_hold(plan, 200, "headache", 0.01)      # below the placebo rate: holds for ever
    assert held.held.all() and len(calls) == 1 and len(held.decision_days) > 20

    # Reference: at each decision, simulate the doses so far from day 0 (the old, quadratic way).
    monkeypatch.setattr(titration, "simulate", real)
    fast = titration.titrate_with_hold(plan, 60, "vivid_dreams", 0.33)
    for day, value in zip(fast.decision_days, fast.index_at_decision):
        doses = fast.daily_dose_mg[:day]
        regimen = Regimen(times_h=tuple(24.0 * d + plan.clock_h for d in range(day)), doses_mg=tuple(doses))
        found = side_effects_module.side_effects(simulate(regimen, hours=24.0 * day + 24.0, step_h=0.1))
        assert value == pytest.approx(float(found.vivid_dreams_nightly[day - plan.days_per_step: day].max()), abs=1e-9)


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).

def test_titration_plan_with_a_tiny_step_is_refused_before_building_steps():
    with pytest.raises(ValueError, match="^step_mg must be at least"):
        TitrationPlan(step_mg=1e-9, target_mg=1000)
