"""The shipped defaults are what scripts/fit_parameters.py produces from the shipped data."""
import math

import pytest

from ldnmodels import PKParameters, ReceptorParameters
from ldnmodels.fitting import (blockade_half_time_after_50mg_h, fit_direct_receptor, fit_pk, fit_receptor,
                               pet_predictions)
from ldnmodels import data


@pytest.fixture(scope="module")
def refit():
    pk = fit_pk()
    return pk, fit_receptor(pk)


def test_pk_defaults_are_the_fit(refit):
    pk, _ = refit
    default = PKParameters()
    for name in ("ka_per_h", "bioavailability_fraction", "naltrexol_v_l"):
        assert getattr(default, name) == pytest.approx(getattr(pk, name), rel=2e-3), name


def test_receptor_defaults_are_the_fit(refit):
    _, receptor = refit
    default = ReceptorParameters()
    assert default.ke0_per_h == pytest.approx(receptor.ke0_per_h, rel=5e-3)
    assert default.naltrexone_ec50_nm == pytest.approx(receptor.naltrexone_ec50_nm, rel=5e-3)


def test_fitted_bioavailability_lies_in_the_label_range(refit):
    pk, _ = refit
    label = data.label_pk_50mg()
    assert label["bioavailability_low"] <= pk.bioavailability_fraction <= label["bioavailability_high"]


def test_direct_model_fits_pet_but_not_the_duration_of_blockade():
    """Why the model needs a slow biophase: the direct model's blockade decays far too fast."""
    pk = PKParameters()
    direct = fit_direct_receptor(pk)
    assert math.isinf(direct.ke0_per_h)
    doses, observed = data.pet_occupancy()
    rms_direct = math.sqrt(((pet_predictions(pk, direct, doses) - observed) ** 2).mean())
    assert rms_direct < 0.1  # it fits the dose–occupancy table about as well ...
    low, _ = data.blockade_half_time_range_h()
    assert blockade_half_time_after_50mg_h(pk, direct) < 0.75 * low  # ... but blockade halves in about 2 days
    assert low <= blockade_half_time_after_50mg_h(pk, ReceptorParameters())
