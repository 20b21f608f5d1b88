"""Kappa-receptor blockade (ldnmodels.model.kappa) against the one human measurement in reach.

de Laat et al. 2021 (Mol Psychiatry 26:5053): [11C]LY2795050 PET in 44 heavy drinkers after a week of 100 mg
naltrexone a day: kappa occupancy 92 ± 1 % (mean ± SE). The scan's time after the last dose is not in the abstract,
so the model's whole last day is compared. Tolerance: 5 percentage points (the tracer also binds mu receptors a
little, and the SE is of a group, not of one scan time).
"""
import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels.model.structures import acceptable_structures, structure_named

MEASURED, TOLERANCE = 0.92, 0.05


@pytest.mark.parametrize("name", acceptable_structures())
def test_a_week_of_100_mg_blocks_kappa_receptors_as_pet_measured(name):
    res = ldn.simulate(ldn.Regimen.daily(100.0, days=7, clock_h=9.0), hours=7 * 24.0, step_h=0.1,
                       receptor=structure_named(name))
    last_day = res.kor_occupancy[-240:]
    assert np.min(np.abs(last_day - MEASURED)) <= TOLERANCE, (name, last_day.min(), last_day.max())

