import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnmodels import ReceptorParameters, Regimen, simulate
from ldnmodels.model.receptor_biophase import occupancy_from_biophase, receptor_blockade
from tests.reference_ode import solve_pk

REC = ReceptorParameters()


@given(naltrexone=st.floats(0, 1e6), naltrexol=st.floats(0, 1e6))
def test_occupancy_is_a_fraction(naltrexone, naltrexol):
    occupancy = occupancy_from_biophase(naltrexone, naltrexol, REC)
    assert 0.0 <= occupancy <= 1.0


def test_half_occupancy_at_ec50_for_each_compound_alone():
    assert occupancy_from_biophase(REC.naltrexone_ec50_nm, 0.0, REC) == pytest.approx(0.5)
    assert occupancy_from_biophase(0.0, REC.naltrexol_ec50_nm, REC) == pytest.approx(0.5)
    # 6β-naltrexol binds about half as tightly, so it needs about twice the concentration
    assert REC.naltrexol_ec50_nm / REC.naltrexone_ec50_nm == pytest.approx(2.12 / 1.15, rel=0.02)


def test_two_ligands_compete_for_one_receptor_pool():
    both = occupancy_from_biophase(REC.naltrexone_ec50_nm, REC.naltrexol_ec50_nm, REC)
    assert both == pytest.approx(2.0 / 3.0)  # x = 1 + 1; less than 1 - 0.5·0.5 = 0.75 of independent sites


@given(low=st.floats(0.5, 50.0), factor=st.floats(1.05, 4.0))
def test_blockade_rises_with_dose(low, factor):
    a = simulate(Regimen.single(low), hours=48.0, step_h=0.25).mor_occupancy
    b = simulate(Regimen.single(low * factor), hours=48.0, step_h=0.25).mor_occupancy
    assert np.all(b >= a) and b.max() > a.max()


def test_biophase_matches_the_reference_ode_of_the_full_system():
    res = simulate(Regimen.single(50.0), hours=72.0, step_h=0.1, receptor=REC)
    ke0, entry = REC.ke0_per_h, REC.naltrexol_brain_entry_fraction
    ref = solve_pk(res.pk, 50.0, res.t_h, effect_y0=[0.0, 0.0],
                   effect=lambda c, e: [ke0 * (c[0] - e[0]), ke0 * (entry * c[1] - e[1])])
    # simulate() solves the biophase as part of the linear system: exact up to the reference's tolerance
    np.testing.assert_allclose(res.naltrexone_biophase_nm, ref.effect[0], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(res.naltrexol_biophase_nm, ref.effect[1], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(res.naltrexone_ng_ml, ref.naltrexone_ng_ml, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(res.naltrexol_ng_ml, ref.naltrexol_ng_ml, rtol=1e-6, atol=1e-9)
    # receptor_blockade() on plasma arrays treats plasma as linear between grid points: below 0.5 % of the peak
    from_arrays = receptor_blockade(res.naltrexone_ng_ml, res.naltrexol_ng_ml, res.step_h, REC)
    assert np.max(np.abs(from_arrays.naltrexone_biophase_nm - ref.effect[0])) < 5e-3 * ref.effect[0].max()
    assert np.max(np.abs(from_arrays.mor_occupancy - res.mor_occupancy)) < 0.01  # within 1 percentage point


def test_repeated_off_grid_doses_match_the_reference_ode():
    """Doses between grid points (21:22 each day) enter exactly: plasma and biophase as the reference integrates
    them."""
    regimen = Regimen.daily(4.5, days=3, clock_h=21.37)
    res = simulate(regimen, hours=96.0, step_h=0.25, receptor=REC)
    ke0, entry = REC.ke0_per_h, REC.naltrexol_brain_entry_fraction
    ref = solve_pk(res.pk, list(zip(regimen.times_h, regimen.doses_mg, strict=True)), res.t_h, effect_y0=[0.0, 0.0],
                   effect=lambda c, e: [ke0 * (c[0] - e[0]), ke0 * (entry * c[1] - e[1])])
    assert not ref.naltrexone_ng_ml[res.t_h < 21.37].any() and ref.naltrexone_ng_ml.max() > 1.0
    np.testing.assert_allclose(res.naltrexone_ng_ml, ref.naltrexone_ng_ml, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(res.naltrexol_ng_ml, ref.naltrexol_ng_ml, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(res.naltrexone_biophase_nm, ref.effect[0], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("step_h", [1.0, 0.5, 0.2])
def test_blockade_is_independent_of_step(step_h):
    regimen = Regimen.titration([1.5, 3.0, 4.5], days_per_step=2, total_days=7, clock_h=21.7)
    fine = simulate(regimen, hours=168.0, step_h=0.01, receptor=REC).mor_occupancy
    coarse = simulate(regimen, hours=168.0, step_h=step_h, receptor=REC).mor_occupancy
    stride = int(round(step_h / 0.01))
    np.testing.assert_allclose(coarse, fine[::stride], rtol=1e-8, atol=1e-12)


def test_patient_arrays_in_simulate_match_scalar_runs():
    params = replace(REC, ke0_per_h=np.array([0.03, 0.3]))
    both = simulate(Regimen.daily(4.5, days=2), hours=48.0, receptor=params).mor_occupancy
    for i, ke0 in enumerate([0.03, 0.3]):
        alone = simulate(Regimen.daily(4.5, days=2), hours=48.0, receptor=replace(REC, ke0_per_h=ke0))
        np.testing.assert_allclose(both[i], alone.mor_occupancy, rtol=1e-12)


def test_infinite_ke0_is_the_direct_model():
    res = simulate(Regimen.single(4.5), hours=24.0, receptor=replace(REC, ke0_per_h=math.inf))
    entry = REC.naltrexol_brain_entry_fraction
    direct = occupancy_from_biophase(res.naltrexone_ng_ml * 1000 / 341.4, entry * res.naltrexol_ng_ml * 1000 / 343.4,
                                     REC)
    np.testing.assert_allclose(res.mor_occupancy, direct, rtol=1e-12)


@pytest.mark.parametrize("structure", ["biophase", "binding", "two_phase"])
def test_blockade_outlasts_plasma(structure):
    res = simulate(Regimen.single(50.0), hours=96.0, receptor=structure)
    at_48h = res.t_h.searchsorted(48.0)
    assert res.naltrexone_ng_ml[at_48h] < 0.01 * res.naltrexone_ng_ml.max()
    assert res.mor_occupancy[at_48h] > 0.7


def test_patient_arrays_broadcast():
    plasma = np.tile(simulate(Regimen.single(4.5), hours=24.0).naltrexone_ng_ml, (2, 1))
    params = replace(REC, ke0_per_h=np.array([0.05, 0.5]), naltrexone_ec50_nm=np.array([4.0, 4.0]))
    blockade = receptor_blockade(plasma, np.zeros_like(plasma), 0.1, params)
    assert blockade.mor_occupancy.shape == plasma.shape
    # faster equilibration reaches a higher early blockade
    assert blockade.mor_occupancy[1, 20] > blockade.mor_occupancy[0, 20]


@pytest.mark.parametrize("field, value", [("ke0_per_h", 0.0), ("ke0_per_h", math.nan), ("naltrexone_ec50_nm", -1.0),
                                          ("naltrexol_relative_affinity", math.inf)])
def test_bad_receptor_parameters_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        replace(REC, **{field: value})


def test_mixed_direct_and_biophase_patients_are_refused():
    with pytest.raises(ValueError, match="ke0_per_h"):
        replace(REC, ke0_per_h=np.array([0.05, math.inf]))


def test_naltrexol_brain_entry_scales_its_share():
    ldn = Regimen.daily(4.5, days=7)
    free = simulate(ldn, hours=168.0, receptor=replace(REC, naltrexol_brain_entry_fraction=1.0))
    shut = simulate(ldn, hours=168.0, receptor=replace(REC, naltrexol_brain_entry_fraction=0.0))
    assert np.all(shut.naltrexol_biophase_nm == 0.0)
    assert free.mor_occupancy[-1] > simulate(ldn, hours=168.0, receptor=REC).mor_occupancy[-1] > shut.mor_occupancy[-1]


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).

@pytest.mark.parametrize("plasma", [np.array([-1.0, 2.0]), np.array([np.nan, 2.0])])
def test_receptor_blockade_refuses_impossible_plasma(plasma):
    with pytest.raises(ValueError, match="^naltrexone_ng_ml must be finite and >= 0"):
        receptor_blockade(plasma, np.zeros(2), 0.1, ReceptorParameters())
