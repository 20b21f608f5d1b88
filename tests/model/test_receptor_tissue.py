import math
from dataclasses import replace

import numpy as np
import pytest

from ldnmodels import ReceptorParameters, Regimen, TissueReceptorParameters, simulate
from tests.reference_ode import solve_pk

REC = TissueReceptorParameters()


def test_without_uptake_it_is_the_direct_model():
    regimen = Regimen.daily(4.5, days=3)
    tissue = simulate(regimen, hours=72.0, receptor=replace(REC, tissue_uptake_per_h=0.0))
    direct = simulate(regimen, hours=72.0, receptor=ReceptorParameters(ke0_per_h=math.inf,
                                                                        naltrexone_ec50_nm=REC.naltrexone_ec50_nm))
    np.testing.assert_allclose(tissue.mor_occupancy, direct.mor_occupancy, rtol=1e-10)
    np.testing.assert_allclose(tissue.naltrexone_ng_ml, direct.naltrexone_ng_ml, rtol=1e-10)


def test_plasma_matches_the_reference_ode_with_the_tissue_compartment():
    res = simulate(Regimen.single(50.0), hours=96.0, step_h=0.1, receptor=REC)
    ref = solve_pk(res.pk, 50.0, res.t_h, tissue=(REC.tissue_uptake_per_h, math.log(2) / REC.tissue_half_life_h))
    np.testing.assert_allclose(res.naltrexone_ng_ml, ref.naltrexone_ng_ml, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(res.naltrexol_ng_ml, ref.naltrexol_ng_ml, rtol=1e-6, atol=1e-10)


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
