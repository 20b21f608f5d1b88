import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnmodels import OpioidCoMedication, Regimen, simulate


def last_day(res, name):
    return getattr(res, name)[-240:].mean()


@given(low=st.floats(1.0, 200.0), factor=st.floats(1.5, 10.0))
def test_more_agonist_lowers_naltrexones_share(low, factor):
    regimen = Regimen.daily(4.5, days=3)
    a = simulate(regimen, hours=72.0, step_h=0.5, opioid=OpioidCoMedication.morphine(low))
    b = simulate(regimen, hours=72.0, step_h=0.5, opioid=OpioidCoMedication.morphine(low * factor))
    assert np.all(b.mor_occupancy <= a.mor_occupancy + 1e-12)
    assert last_day(b, "mor_occupancy") < last_day(a, "mor_occupancy")
    assert np.all(a.mor_occupancy + a.agonist_occupancy <= 1.0 + 1e-12)


def test_no_opioid_is_the_default_and_zero_agonist():
    res = simulate(Regimen.daily(4.5, days=3), hours=72.0)
    assert res.opioid is None and not res.agonist_occupancy.any()
    zero = simulate(Regimen.daily(4.5, days=3), hours=72.0, opioid=OpioidCoMedication.morphine(0.0))
    np.testing.assert_allclose(zero.mor_occupancy, res.mor_occupancy)


def test_naltrexone_takes_analgesia_away_more_at_50_mg():
    morphine = OpioidCoMedication.morphine()
    alone = simulate(Regimen(), hours=14 * 24.0, opioid=morphine)
    ldn_res = simulate(Regimen.daily(4.5, days=14), hours=14 * 24.0, opioid=morphine)
    std_res = simulate(Regimen.daily(50.0, days=14), hours=14 * 24.0, opioid=morphine)
    base = last_day(alone, "agonist_occupancy")
    assert base > last_day(ldn_res, "agonist_occupancy") > last_day(std_res, "agonist_occupancy")
    # the first dose pulls agonist occupancy down within hours: the precipitated-withdrawal picture
    first = std_res.agonist_occupancy
    assert first[int(27 / 0.1)] < 0.8 * base


def test_lower_affinity_agonist_is_displaced_more():
    regimen = Regimen.daily(4.5, days=7)
    oxy = simulate(regimen, hours=168.0, opioid=OpioidCoMedication.oxycodone())
    morph = simulate(regimen, hours=168.0, opioid=OpioidCoMedication.morphine())
    oxy_base = simulate(Regimen(), hours=24.0, opioid=OpioidCoMedication.oxycodone()).agonist_occupancy[0]
    morph_base = simulate(Regimen(), hours=24.0, opioid=OpioidCoMedication.morphine()).agonist_occupancy[0]
    assert last_day(oxy, "agonist_occupancy") / oxy_base < last_day(morph, "agonist_occupancy") / morph_base


@pytest.mark.parametrize("kwargs, match", [(dict(plasma_ng_ml=-1.0), "plasma_ng_ml"), (dict(ki_nm=0.0), "ki_nm")])
def test_bad_opioid_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        OpioidCoMedication(**kwargs)


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).

def test_opioid_level_is_one_number_not_a_list():
    with pytest.raises(TypeError, match="^plasma_ng_ml must be a number"):
        OpioidCoMedication.morphine(plasma_ng_ml=[10, 20])
