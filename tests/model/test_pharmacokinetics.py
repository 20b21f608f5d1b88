import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnmodels import PKParameters, Regimen, simulate
from ldnmodels.core.constants import SALT_TO_BASE_FRACTION
from ldnmodels.core.metrics import auc
from ldnmodels.model.pharmacokinetics import plasma_concentrations, system_matrix

PK = PKParameters()


def long_single(dose_mg, step_h=0.05, hours=400.0, params=PK):
    n = int(hours / step_h) + 1
    return np.arange(n) * step_h, plasma_concentrations(Regimen.single(dose_mg), n, step_h, params)


@given(dose=st.floats(min_value=0.5, max_value=200.0))
def test_auc_equals_bioavailable_dose_over_clearance(dose):
    t, (naltrexone, _) = long_single(dose)
    expected_ng_h_ml = PK.bioavailability_fraction * dose * SALT_TO_BASE_FRACTION / PK.naltrexone_cl_l_per_h * 1000
    assert auc(t, naltrexone) == pytest.approx(expected_ng_h_ml, rel=2e-3)


def test_naltrexol_auc_follows_mass_balance():
    # Everything absorbed ends as 6β-naltrexol (formation fraction 1): AUC_m = fa·dose·ρ / CL_m.
    t, (_, naltrexol) = long_single(50.0, hours=900.0)
    cl_m = PK.naltrexol_v_l * math.log(2) / PK.naltrexol_half_life_h
    expected = PK.absorbed_fraction * 50.0 * SALT_TO_BASE_FRACTION * 343.4 / 341.4 / cl_m * 1000
    assert auc(t, naltrexol) == pytest.approx(expected, rel=2e-3)


@given(first=st.floats(0.5, 50.0), second=st.floats(0.5, 50.0), gap=st.floats(0.05, 30.0))
def test_two_doses_superpose(first, second, gap):
    step, n = 0.1, 1201
    both = plasma_concentrations(Regimen(times_h=[1.0, 1.0 + gap], doses_mg=[first, second]), n, step, PK)
    one = plasma_concentrations(Regimen.single(first, at_h=1.0), n, step, PK)
    two = plasma_concentrations(Regimen.single(second, at_h=1.0 + gap), n, step, PK)
    for together, a, b in zip(both, one, two):
        np.testing.assert_allclose(together, a + b, rtol=1e-9, atol=1e-12)


@given(dose=st.floats(0.5, 100.0), scale=st.floats(0.1, 10.0))
def test_concentrations_are_linear_in_dose(dose, scale):
    _, low = long_single(dose, hours=48)
    _, high = long_single(min(dose * scale, 1000.0), hours=48)
    factor = min(dose * scale, 1000.0) / dose
    np.testing.assert_allclose(high[0], factor * low[0], rtol=1e-9, atol=1e-12)


def test_daily_dosing_accumulates_to_the_textbook_steady_state():
    # Naltrexone 24 h after each dose decays mono-exponentially, so the trough after n daily doses is
    # C_single(24 h) · (1 - r^n) / (1 - r) with r = e^{-k·24 h} (the accumulation factor 1/(1 - r) as n grows).
    days = 20
    res = simulate(Regimen.daily(4.5, days=days, clock_h=0.0), hours=24.0 * days, step_h=0.1)
    _, single = long_single(4.5, step_h=0.1, hours=24.0)
    r = math.exp(-math.log(2) / PK.naltrexone_half_life_h * 24.0)
    assert res.naltrexone_ng_ml[-1] == pytest.approx(single[0][-1] * (1 - r**days) / (1 - r), rel=1e-9)
    # 6β-naltrexol accumulates about 1/(1 - e^{-k_m·24 h}) = 1.39-fold (its 13 h half-life dominates)
    r_m = math.exp(-math.log(2) / PK.naltrexol_half_life_h * 24.0)
    assert res.naltrexol_ng_ml[-1] / single[1][-1] == pytest.approx((1 - r_m**days) / (1 - r_m), rel=0.02)
    # and the last two troughs are equal: steady state is reached
    assert res.naltrexol_ng_ml[-1] == pytest.approx(res.naltrexol_ng_ml[-241], rel=1e-3)


@pytest.mark.parametrize("step_h", [0.5, 0.25, 0.02])
def test_plasma_is_independent_of_step(step_h):
    regimen = Regimen.titration([1.5, 3.0, 4.5], days_per_step=2, total_days=6, clock_h=21.3)
    fine = simulate(regimen, hours=144.0, step_h=0.01)
    coarse = simulate(regimen, hours=144.0, step_h=step_h)
    stride = int(round(step_h / 0.01))
    np.testing.assert_allclose(coarse.naltrexone_ng_ml, fine.naltrexone_ng_ml[::stride], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(coarse.naltrexol_ng_ml, fine.naltrexol_ng_ml[::stride], rtol=1e-8, atol=1e-12)


def test_no_drug_means_zero_everywhere():
    res = simulate(Regimen(), hours=48.0)
    assert not res.naltrexone_ng_ml.any() and not res.naltrexol_ng_ml.any() and not res.mor_occupancy.any()


def test_patient_arrays_give_one_row_per_patient_equal_to_scalar_runs():
    clearances = np.array([60.0, 94.0, 150.0])
    params = replace(PK, naltrexone_cl_l_per_h=clearances)
    naltrexone, naltrexol = plasma_concentrations(Regimen.daily(4.5, days=3), 721, 0.1, params)
    assert naltrexone.shape == (3, 721)
    for i, cl in enumerate(clearances):
        alone = plasma_concentrations(Regimen.daily(4.5, days=3), 721, 0.1, replace(PK, naltrexone_cl_l_per_h=cl))
        np.testing.assert_allclose(naltrexone[i], alone[0], rtol=1e-12)
        np.testing.assert_allclose(naltrexol[i], alone[1], rtol=1e-12)


def test_lower_clearance_raises_exposure():
    _, base = long_single(4.5, hours=72)
    _, slow = long_single(4.5, hours=72, params=replace(PK, naltrexone_cl_l_per_h=47.0))
    assert slow[0].max() > base[0].max()


@pytest.mark.parametrize("field, value", [
    ("ka_per_h", -1.0), ("ka_per_h", math.nan), ("ka_per_h", math.inf), ("naltrexone_cl_l_per_h", 0.0),
    ("bioavailability_fraction", 1.5), ("naltrexol_half_life_h", -13.0), ("naltrexol_v_l", math.nan),
])
def test_bad_parameters_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        replace(PK, **{field: value})


def test_bioavailability_cannot_exceed_absorption():
    with pytest.raises(ValueError, match="bioavailability_fraction"):
        PKParameters(absorbed_fraction=0.5, bioavailability_fraction=0.6)


def test_mismatched_patient_arrays_are_refused():
    params = replace(PK, ka_per_h=np.array([1.0, 2.0]), naltrexone_cl_l_per_h=np.array([90.0, 94.0, 100.0]))
    with pytest.raises(ValueError, match="same length"):
        plasma_concentrations(Regimen.single(4.5), 10, 0.1, params)


def test_liver_factor_one_is_the_default():
    default = plasma_concentrations(Regimen.daily(4.5, days=3), 721, 0.1, PK)
    one = plasma_concentrations(Regimen.daily(4.5, days=3), 721, 0.1, replace(PK, hepatic_exposure_factor=1.0))
    np.testing.assert_array_equal(default[0], one[0])


@pytest.mark.parametrize("factor", [2.0, 5.0, 10.0])
def test_liver_factor_multiplies_naltrexone_exposure(factor):
    t, (base, _) = long_single(4.5, hours=600.0)
    _, (impaired, _) = long_single(4.5, hours=600.0, params=replace(PK, hepatic_exposure_factor=factor))
    assert auc(t, impaired) == pytest.approx(factor * auc(t, base), rel=3e-3)


def test_bad_liver_factor():
    with pytest.raises(ValueError, match="hepatic_exposure_factor"):
        replace(PK, hepatic_exposure_factor=0.5)


def test_plasma_is_the_one_upstream_path():
    """plasma_concentrations and simulate's plasma are one solve: equal wherever the structure leaves plasma alone."""
    from ldnmodels.model.receptor import solve_upstream
    from ldnmodels.model.structures import receptor_structures
    regimen = Regimen.daily(4.5, days=5, clock_h=21.3)
    params = replace(PK, naltrexone_cl_l_per_h=np.array([60.0, 94.0, 150.0]))
    naltrexone, naltrexol = plasma_concentrations(regimen, 1201, 0.1, params)
    for name, receptor in receptor_structures().items():
        if name == "tissue":  # its deep tissue compartment changes plasma by design
            continue
        upstream = solve_upstream(regimen, 1201, 0.1, params, receptor)
        np.testing.assert_allclose(upstream.naltrexone_ng_ml, naltrexone, rtol=1e-9, atol=0, err_msg=name)
        np.testing.assert_allclose(upstream.naltrexol_ng_ml, naltrexol, rtol=1e-9, atol=0, err_msg=name)


def test_patient_arrays_agree_with_a_reference_ode():
    from scipy.integrate import solve_ivp
    clearances = np.array([60.0, 150.0])
    params = replace(PK, naltrexone_cl_l_per_h=clearances)
    step_h, n_points = 0.25, 193
    naltrexone, naltrexol = plasma_concentrations(Regimen.single(50.0), n_points, step_h, params)
    t_h = np.arange(n_points) * step_h
    for i, cl in enumerate(clearances):
        one = replace(PK, naltrexone_cl_l_per_h=cl)
        a, jump = system_matrix(one)
        states = solve_ivp(lambda _, x, a=a: a @ x, (0.0, t_h[-1]), jump * 50.0, t_eval=t_h, method="DOP853",
                           rtol=1e-12, atol=1e-15).y
        np.testing.assert_allclose(naltrexone[i], states[1] / one.naltrexone_v_l * 1000.0, rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(naltrexol[i], states[2] / one.naltrexol_v_l * 1000.0, rtol=1e-8, atol=1e-12)


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).

@given(st.sampled_from(["ka_per_h", "naltrexone_cl_l_per_h", "bioavailability_fraction"]),
       st.one_of(st.text(max_size=3), st.booleans(), st.floats(allow_nan=True, allow_infinity=True)))
def test_parameter_classes_refuse_bad_fields_naming_them(name, value):
    try:
        params = PKParameters(**{name: value})
    except (ValueError, TypeError) as error:
        assert name in str(error)
    else:
        assert math.isfinite(getattr(params, name)) and not isinstance(value, (bool, str))


def test_plasma_concentrations_refuses_a_zero_step():
    with pytest.raises(ValueError, match="^step_h must be > 0"):
        plasma_concentrations(Regimen.single(4.5), 10, 0.0, PKParameters())
