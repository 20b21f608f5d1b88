import math
from dataclasses import replace

import numpy as np
import pytest

from ldnmodels import PKParameters, ReceptorParameters, Regimen, TwoPhaseReceptorParameters, simulate

REC = TwoPhaseReceptorParameters()


def test_without_a_slow_pool_it_is_the_direct_model():
    regimen = Regimen.daily(4.5, days=3)
    fast_only = simulate(regimen, hours=72.0, receptor=replace(REC, slow_ec50_nm=1e6))
    direct = simulate(regimen, hours=72.0, receptor=ReceptorParameters(ke0_per_h=math.inf,
                                                                        naltrexone_ec50_nm=REC.fast_ec50_nm))
    np.testing.assert_allclose(fast_only.mor_occupancy, direct.mor_occupancy, atol=1e-5)


def test_steady_state_ec50_combines_both_phases():
    # plasma held at the steady-state EC50 for weeks: the slow pool fills and half the receptors are blocked
    c = float(REC.steady_state_ec50_nm)
    states = np.zeros((1, 5, 2))
    states[0, 1] = c * float(PKParameters().naltrexone_v_l) * 341.4 / 1e6  # plasma amount, mg
    states[0, 3] = c
    occupancy = REC.blockade(states, PKParameters(), 0.1).mor_occupancy
    np.testing.assert_allclose(occupancy, 0.5, rtol=1e-9)


def test_fast_onset_and_slow_decline_after_50_mg():
    res = simulate(Regimen.single(50.0), hours=170.0, step_h=0.1, receptor=REC)
    assert res.mor_occupancy[: 41].max() >= 0.85
    ratio = res.mor_occupancy[1680] / res.mor_occupancy[480]
    assert 0.2 <= ratio <= 0.6


@pytest.mark.parametrize("step_h", [1.0, 0.3])
def test_blockade_is_exact_on_any_grid(step_h):
    regimen = Regimen.titration([1.5, 3.0, 4.5], days_per_step=2, total_days=7, clock_h=21.7)
    fine = simulate(regimen, hours=168.0, step_h=0.01, receptor=REC).mor_occupancy
    coarse = simulate(regimen, hours=168.0, step_h=step_h, receptor=REC).mor_occupancy
    np.testing.assert_allclose(coarse, fine[:: int(round(step_h / 0.01))], rtol=1e-8, atol=1e-12)


def test_potency_spread_scales_both_phases():
    weaker = REC.with_potency(np.array([1.0, 2.0]))
    np.testing.assert_allclose(weaker.fast_ec50_nm, [REC.fast_ec50_nm, 2 * REC.fast_ec50_nm])
    np.testing.assert_allclose(weaker.slow_ec50_nm, [REC.slow_ec50_nm, 2 * REC.slow_ec50_nm])


@pytest.mark.parametrize("field, value", [("fast_ec50_nm", 0.0), ("ke0_per_h", math.inf), ("slow_ec50_nm", -1.0)])
def test_bad_parameters_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        replace(REC, **{field: value})
