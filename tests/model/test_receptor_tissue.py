import math
from dataclasses import replace

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from ldnmodels import ReceptorParameters, Regimen, TissueReceptorParameters, simulate

REC = TissueReceptorParameters()


def test_without_uptake_it_is_the_direct_model():
    regimen = Regimen.daily(4.5, days=3)
    tissue = simulate(regimen, hours=72.0, receptor=replace(REC, tissue_uptake_per_h=0.0))
    direct = simulate(regimen, hours=72.0, receptor=ReceptorParameters(ke0_per_h=math.inf,
                                                                        naltrexone_ec50_nm=REC.naltrexone_ec50_nm))
    np.testing.assert_allclose(tissue.mor_occupancy, direct.mor_occupancy, rtol=1e-10)
    np.testing.assert_allclose(tissue.naltrexone_ng_ml, direct.naltrexone_ng_ml, rtol=1e-10)


def test_plasma_matches_solve_ivp_with_the_tissue_compartment():
    res = simulate(Regimen.single(50.0), hours=96.0, step_h=0.1, receptor=REC)
    pk = res.pk
    ka, kn, km = pk.ka_per_h, math.log(2) / pk.naltrexone_half_life_h, math.log(2) / pk.naltrexol_half_life_h
    fh = pk.bioavailability_fraction / pk.absorbed_fraction
    up, back = REC.tissue_uptake_per_h, math.log(2) / REC.tissue_half_life_h
    rho = 343.4 / 341.4

    def rhs(_, y):
        g, n, m, tn, tm = y
        return [-ka * g, fh * ka * g - (kn + up) * n + back * tn,
                rho * ((1 - fh) * ka * g + kn * n) - (km + up) * m + back * tm, up * n - back * tn, up * m - back * tm]

    dose = 50.0 * 341.4 / 377.9 * pk.absorbed_fraction
    ref = solve_ivp(rhs, (0, 96.0), [dose, 0, 0, 0, 0], t_eval=res.t_h, method="LSODA", rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(res.naltrexone_ng_ml, ref.y[1] / float(pk.naltrexone_v_l) * 1000, rtol=1e-6, atol=1e-10)


def test_tissue_gives_plasma_a_long_tail():
    regimen = Regimen.single(50.0)
    with_tissue = simulate(regimen, hours=96.0, receptor=REC).naltrexone_ng_ml
    without = simulate(regimen, hours=96.0, receptor=replace(REC, tissue_uptake_per_h=0.0)).naltrexone_ng_ml
    assert with_tissue[-1] > 100 * without[-1]


@pytest.mark.parametrize("field, value", [("tissue_half_life_h", 0.0), ("tissue_uptake_per_h", -0.1),
                                          ("naltrexone_ec50_nm", math.inf)])
def test_bad_parameters_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        replace(REC, **{field: value})
