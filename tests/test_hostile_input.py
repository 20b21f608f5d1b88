"""Hostile inputs across the package (issue 11): every numeric field of every parameter class, and every numeric
argument of the public functions, either works or is refused with a message that names it.

The single-module refusals live with their modules' tests (the number checks themselves in
tests/core/test_validation.py).
"""
import dataclasses
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ldnmodels as ldn


def _parameter_classes():
    from ldnmodels.analyses.population import PopulationParameters
    from ldnmodels.analyses.side_effects import SideEffectParameters
    classes = [ldn.PKParameters, ldn.ReboundParameters, ldn.InflammationParameters, ldn.SymptomParameters,
               PopulationParameters, SideEffectParameters, *ldn.structures.STRUCTURES]
    return [(cls, f.name) for cls in classes for f in dataclasses.fields(cls)
            if isinstance(f.default, (int, float)) and not isinstance(f.default, bool)]


HOSTILE = st.one_of(st.text(max_size=3), st.booleans(), st.none(), st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(min_value=-10**9, max_value=10**9),
                    st.lists(st.floats(allow_nan=True), min_size=1, max_size=3))


@pytest.mark.parametrize("cls, name", _parameter_classes(), ids=lambda v: getattr(v, "__name__", v))
@settings(max_examples=12, deadline=None)
@given(value=HOSTILE)
def test_every_parameter_field_refuses_hostile_values_naming_itself(cls, name, value):
    """Sweep over every numeric field of every parameter class: construction either works (and then a short
    simulation gives finite outputs) or raises ValueError/TypeError whose message names the field."""
    try:
        params = cls(**{name: value})
    except (ValueError, TypeError) as error:
        assert name in str(error), str(error)
        return
    assert not isinstance(value, (str, bool)) and value is not None
    if cls in (ldn.PKParameters, ldn.ReboundParameters, ldn.InflammationParameters, ldn.SymptomParameters,
               *ldn.structures.STRUCTURES) and np.ndim(getattr(params, name)) == 0:
        key = {ldn.PKParameters: "pk", ldn.ReboundParameters: "rebound", ldn.InflammationParameters: "inflammation",
               ldn.SymptomParameters: "symptoms"}.get(cls, "receptor")
        result = ldn.simulate(ldn.Regimen.daily(4.5, days=2), hours=48.0, step_h=0.5, **{key: params})
        for output in ("naltrexone_ng_ml", "mor_occupancy", "opioid_signaling", "sensitization", "pain_nrs"):
            values = getattr(result, output)
            assert np.all(np.isfinite(values)), (output, value)
        assert np.all((result.mor_occupancy >= 0) & (result.mor_occupancy <= 1))
        assert np.all((result.pain_nrs >= 0) & (result.pain_nrs <= 10))


def _calls():
    """Public functions with a numeric argument, called with everything else small: name -> f(value)."""
    from ldnmodels import evidence, exercises, population, titration, trial_power, trials
    reg = ldn.Regimen.daily(4.5, days=2)
    small_pop = population.make_population(3, seed=0)
    design = trials.TrialDesign(weeks=1, n_per_arm=4)
    pool = trials.prepare_pool(design, pool_size=20, seed=0)
    return {
        "hours": lambda v: ldn.simulate(reg, hours=v, step_h=1.0),
        "step_h": lambda v: ldn.simulate(reg, hours=48.0, step_h=v),
        "n_patients": lambda v: population.make_population(v, seed=0),
        "seed": lambda v: population.make_population(3, seed=v),
        "days": lambda v: population.simulate_population(small_pop, reg, v),
        "clock_h": lambda v: ldn.Regimen.daily(4.5, days=2, clock_h=v),
        "n_trials": lambda v: trials.run_trials(design, v, pool=pool),
        "alpha": lambda v: trial_power.power_curve(design, [4], n_trials=2, pool=pool, alpha=v),
        "n_per_arm": lambda v: trials.TrialDesign(n_per_arm=v),
        "weeks": lambda v: trials.TrialDesign(weeks=v),
        "dropout_fraction": lambda v: trials.TrialDesign(dropout_fraction=v),
        "target_mg": lambda v: titration.TitrationPlan(target_mg=v),
        "gain": lambda v: evidence.signalling_optimum_blockade(v),
        "answer": lambda v: exercises.check("01-peak-ratio", v),
    }


CALLS = _calls()
#: Arguments that take text by design: a check box's answer is the student's typed text ("84 000", "1/64"), so a
#: string that reads as a number ("0") is an answer, and one that does not must be refused naming the argument.
TAKES_TEXT = {"answer"}

NOT_INTEGERS = st.one_of(st.text(max_size=3), st.booleans(), st.none(), st.floats(allow_nan=True, allow_infinity=True))
HOSTILE_NUMBERS = st.one_of(NOT_INTEGERS, st.integers(min_value=-10**12, max_value=10**12))
#: Per argument, where the sweep above would cost minutes. run_trials runs about a millisecond per replicate, and
#: every count it accepts costs that: one drawn count of 140 000 once took two minutes of this test. So accepted
#: counts are drawn small (at most 50, the same code path as any larger one); zero, negative and absurd counts (10^7
#: and more, far beyond any use: hours of work) are still drawn, and must be refused before any work is done.
STRATEGIES = {"n_trials": st.one_of(NOT_INTEGERS, st.integers(min_value=-10**12, max_value=50),
                                    st.integers(min_value=10**7, max_value=10**12))}


@pytest.mark.parametrize("name", list(CALLS))
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_public_functions_refuse_hostile_numbers_naming_the_argument(name, data):
    """Sweep over the public API's numeric arguments: a hostile value either works (giving finite numbers) or raises
    ValueError/TypeError whose message names the argument — never a deep numpy error, a NaN or a huge allocation
    (every size is capped far below 2 GB)."""
    value = data.draw(STRATEGIES.get(name, HOSTILE_NUMBERS), label=name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)      # degenerate replicates are reported by a warning
        try:
            result = CALLS[name](value)
        except (ValueError, TypeError) as error:
            assert name in str(error), f"{name}={value!r}: {error}"
            return
    refused = (bool,) if name in TAKES_TEXT else (str, bool)
    assert not isinstance(value, refused) and value is not None, f"{name} accepted {value!r}"
    for array in (getattr(result, "pain_nrs", None), result if isinstance(result, float) else None):
        if array is not None:
            assert np.all(np.isfinite(array))
