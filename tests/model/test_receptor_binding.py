import math
from dataclasses import replace

import numpy as np
import pytest

from ldnmodels import BindingReceptorParameters, OpioidCoMedication, PKParameters, Regimen, simulate
from ldnmodels.model.opioids import agonist_ratio
from ldnmodels.model.receptor import competitive_occupancy
from tests.reference_ode import solve_pk

REC = BindingReceptorParameters()


def constant_exposure_states(concentration_nm, hours, step_h):
    """Solved states as if plasma held naltrexone at a constant level (the integral state rises linearly)."""
    t = np.arange(int(round(hours / step_h)) + 1) * step_h
    states = np.zeros((1, 5, t.size))
    states[0, 3] = concentration_nm * t
    return t, states


def test_relaxes_exactly_to_the_equilibrium_of_competitive_binding():
    c = 3.0 * float(REC.naltrexone_ec50_nm)
    t, states = constant_exposure_states(c, 1000.0, 0.5)
    occupancy = REC.blockade(states, PKParameters(), 0.5).mor_occupancy[0]
    rate = REC.kon_per_nm_h * c
    exact = rate / (rate + REC.koff_per_h) * (1 - np.exp(-(rate + REC.koff_per_h) * t))
    np.testing.assert_allclose(occupancy, exact, rtol=1e-10, atol=1e-13)
    assert occupancy[-1] == pytest.approx(competitive_occupancy(3.0).mor_occupancy, rel=1e-6)


def test_an_agonist_takes_its_equilibrium_share():
    morphine = OpioidCoMedication.morphine()
    ratio = agonist_ratio(morphine, REC)
    c = 2.0 * float(REC.naltrexone_ec50_nm)
    _, states = constant_exposure_states(c, 2000.0, 1.0)
    end = REC.blockade(states, PKParameters(), 1.0, ratio)
    expected = competitive_occupancy(2.0, ratio)
    assert end.mor_occupancy[0, -1] == pytest.approx(float(expected.mor_occupancy), rel=1e-6)
    assert end.agonist_occupancy[0, -1] == pytest.approx(float(expected.agonist_occupancy), rel=1e-6)


def test_matches_the_reference_ode_of_the_full_system():
    res = simulate(Regimen.single(50.0), hours=120.0, step_h=0.1, receptor=REC)
    kon, koff, alpha, entry = REC.kon_per_nm_h, REC.koff_per_h, REC.naltrexol_relative_affinity, \
        REC.naltrexol_brain_entry_fraction
    ref = solve_pk(res.pk, 50.0, res.t_h, effect_y0=[0.0],
                   effect=lambda c, b: [kon * (c[0] + alpha * entry * c[1]) * (1 - b[0]) - koff * b[0]])
    np.testing.assert_allclose(res.naltrexone_ng_ml, ref.naltrexone_ng_ml, rtol=1e-6, atol=1e-9)
    # the one approximation: each step relaxes towards the equilibrium of that step's exact mean concentration
    assert np.max(np.abs(res.mor_occupancy - ref.effect[0])) < 1e-4


@pytest.mark.parametrize("step_h", [1.0, 0.5, 0.1])
def test_blockade_is_independent_of_step(step_h):
    # The only approximation: each step relaxes towards the equilibrium of that step's exact mean concentration.
    regimen = Regimen.titration([1.5, 3.0, 4.5], days_per_step=2, total_days=7, clock_h=21.7)
    fine = simulate(regimen, hours=168.0, step_h=0.01, receptor=REC).mor_occupancy
    coarse = simulate(regimen, hours=168.0, step_h=step_h, receptor=REC).mor_occupancy
    assert np.max(np.abs(coarse - fine[:: int(round(step_h / 0.01))])) < 2e-4


def test_slow_dissociation_holds_blockade_after_plasma_is_gone():
    res = simulate(Regimen.single(50.0), hours=170.0, receptor=REC)
    at = {h: res.mor_occupancy[int(h * 10)] for h in (48, 168)}
    # close to first order at koff; a little slower because the plasma tail still rebinds (tolerance 25 %)
    assert at[168] == pytest.approx(at[48] * math.exp(-REC.koff_per_h * 120), rel=0.25)


def test_potency_spread_changes_the_equilibrium_constant_only():
    weaker = REC.with_potency(2.0)
    assert float(weaker.naltrexone_ec50_nm) == pytest.approx(2 * float(REC.naltrexone_ec50_nm))
    assert weaker.koff_per_h == REC.koff_per_h


@pytest.mark.parametrize("field, value", [("kon_per_nm_h", 0.0), ("koff_per_h", -1.0), ("koff_per_h", math.nan),
                                          ("naltrexol_brain_entry_fraction", 1.5)])
def test_bad_parameters_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        replace(REC, **{field: value})
