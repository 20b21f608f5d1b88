import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnmodels import InflammationParameters, Regimen, inflammation_from_plasma, simulate
from ldnmodels.model.inflammation import MEASURED_TLR4_IC50_UM, tlr4_inhibition

INF = InflammationParameters()


def test_default_potency_is_calibrated_not_measured():
    from ldnmodels.core.sources import SOURCES
    field = InflammationParameters.__dataclass_fields__["tlr4_ic50_um"]
    assert SOURCES[field.metadata["source"]].confidence == "C"
    assert MEASURED_TLR4_IC50_UM / INF.tlr4_ic50_um > 1e4     # the gap notebook 04 shows
T = np.arange(0, 24 * 84 + 1e-9, 0.1)


def test_potency_gap_at_ldn_and_standard_dose():
    # REFERENCE §4: LDN peaks near 3.5 nM, ~300-50 000 times below TLR4-active concentrations.
    measured = replace(INF, tlr4_ic50_um=MEASURED_TLR4_IC50_UM)
    ldn_res = simulate(Regimen.daily(4.5, days=7), hours=168.0, inflammation=measured)
    std_res = simulate(Regimen.daily(50.0, days=7), hours=168.0, inflammation=measured)
    assert ldn_res.tlr4_inhibition.max() < 1e-4
    assert std_res.tlr4_inhibition.max() < 1e-3
    peak_um = ldn_res.naltrexone_ng_ml.max() / 341.4
    assert 250 <= 1.0 / peak_um and 100.0 / peak_um <= 60_000  # 1-100 µM is ~300-50 000 × the peak


def test_half_inhibition_at_ic50():
    ic50_ng_ml = INF.tlr4_ic50_um * 341.4
    assert tlr4_inhibition(ic50_ng_ml, INF) == pytest.approx(0.5)


def test_no_drug_keeps_the_untreated_baseline():
    out = inflammation_from_plasma(T, np.zeros_like(T))
    for values in out[1:]:
        np.testing.assert_array_equal(values, 1.0)
    assert not out.tlr4_inhibition.any()


def test_full_tlr4_block_brings_activation_to_healthy_and_sensitisation_follows_slowly():
    full = np.where(T > 0, 1e5, 0.0)  # ng/mL, far above the what-if IC50 below
    out = inflammation_from_plasma(T, full, replace(INF, tlr4_ic50_um=1e-3))
    healthy = 1 / INF.fibromyalgia_drive_ratio
    assert out.microglial_activation[-1] == pytest.approx(healthy, rel=1e-3)
    # activation settles within days, sensitisation over weeks
    day3, week3 = int(72 / 0.1), int(504 / 0.1)
    assert out.microglial_activation[day3] < 1 - 0.7 * (1 - healthy)
    assert out.sensitization[day3] > 1 - 0.2 * (1 - healthy)
    assert out.sensitization[week3] < 1 - 0.5 * (1 - healthy)


@given(ic50=st.floats(1e-4, 1e3), dose=st.floats(0.5, 100.0))
def test_outputs_bounded(ic50, dose):
    res = simulate(Regimen.daily(dose, days=14), hours=24 * 14.0, step_h=0.5,
                   inflammation=replace(INF, tlr4_ic50_um=ic50))
    healthy = 1 / INF.fibromyalgia_drive_ratio
    assert np.all((res.tlr4_inhibition >= 0) & (res.tlr4_inhibition <= 1))
    for values in (res.microglial_activation, res.sensitization):
        assert np.all((values >= healthy - 1e-12) & (values <= 1 + 1e-12))


@given(ic50=st.floats(1e-3, 1e2))
def test_more_potent_drug_lower_sensitisation(ic50):
    plasma = simulate(Regimen.daily(4.5, days=14), hours=24 * 14.0, step_h=0.5)
    t = plasma.t_h
    weak = inflammation_from_plasma(t, plasma.naltrexone_ng_ml, replace(INF, tlr4_ic50_um=ic50 * 2))
    strong = inflammation_from_plasma(t, plasma.naltrexone_ng_ml, replace(INF, tlr4_ic50_um=ic50))
    assert strong.sensitization[-1] < weak.sensitization[-1]


@pytest.mark.parametrize("step_h, tolerance", [(0.25, 2e-3), (0.1, 5e-4)])
def test_nearly_independent_of_step(step_h, tolerance):
    # TLR4 inhibition is a nonlinear function of plasma, taken as linear between grid points:
    # the error shrinks with the step (what-if potency, where the effect is large enough to see).
    regimen = Regimen.daily(4.5, days=21)
    what_if = replace(INF, tlr4_ic50_um=0.001)
    fine = simulate(regimen, hours=24 * 21.0, step_h=0.01, inflammation=what_if)
    coarse = simulate(regimen, hours=24 * 21.0, step_h=step_h, inflammation=what_if)
    stride = int(round(step_h / 0.01))
    assert np.max(np.abs(coarse.sensitization - fine.sensitization[::stride])) < tolerance
    assert np.max(np.abs(coarse.microglial_activation - fine.microglial_activation[::stride])) < tolerance


@pytest.mark.parametrize("field, value", [("tlr4_ic50_um", 0.0), ("tlr4_ic50_um", -1.0), ("tlr4_hill", math.inf),
                                          ("fibromyalgia_drive_ratio", 0.5),
                                          ("sensitization_coupling_fraction", 1.2),
                                          ("microglia_time_constant_h", -1.0),
                                          ("sensitization_time_constant_h", 0.0)])
def test_bad_parameters_name_the_field_and_range(field, value):
    with pytest.raises(ValueError, match=rf"{field} must be >=? "):
        replace(INF, **{field: value})


def test_negative_plasma_refused():
    with pytest.raises(ValueError, match="naltrexone_ng_ml"):
        inflammation_from_plasma(np.arange(5.0), -np.ones(5))
