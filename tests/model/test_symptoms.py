import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnmodels import SymptomParameters, pain_from_mechanisms
from ldnmodels.core.metrics import daily_means, weeks_to_reduction
from ldnmodels.model.endorphin import ReboundParameters, endorphin_rhythm

SYM = SymptomParameters()
T = np.arange(0, 24 * 84 + 1e-9, 0.1)
RHYTHM = endorphin_rhythm(T, ReboundParameters())


def test_untreated_pain_is_the_baseline_every_day():
    pain = pain_from_mechanisms(T, RHYTHM, np.ones_like(T))
    np.testing.assert_allclose(pain, SYM.baseline_pain_nrs)


@given(signal=st.floats(0.0, 5.0), gain=st.floats(0.1, 3.0))
def test_score_stays_within_0_and_10(signal, gain):
    pain = pain_from_mechanisms(T, RHYTHM * signal, np.full_like(T, gain))
    assert np.all((pain >= 0) & (pain <= 10))


@given(a=st.floats(0.2, 3.0), b=st.floats(0.2, 3.0))
def test_more_signalling_less_pain_more_sensitisation_more_pain(a, b):
    low, high = sorted((a, b))
    if high - low < 1e-3:
        return
    ones = np.ones_like(T)
    assert pain_from_mechanisms(T, RHYTHM * high, ones)[-1] < pain_from_mechanisms(T, RHYTHM * low, ones)[-1]
    assert pain_from_mechanisms(T, RHYTHM, ones * high)[-1] > pain_from_mechanisms(T, RHYTHM, ones * low)[-1]


def test_switched_off_mechanisms_do_nothing():
    off = replace(SYM, opioid_weight=0.0, sensitization_exponent=0.0)
    pain = pain_from_mechanisms(T, RHYTHM * 2.0, np.full_like(T, 0.5), off)
    np.testing.assert_allclose(pain, SYM.baseline_pain_nrs)


def test_time_to_effect_follows_the_sensitisation_time_constant():
    # A sensitisation falling to 0.5 with a 3-week time constant reaches a 30 % lower score in weeks, not days.
    tau = 504.0
    gain = 1 - 0.5 * (1 - np.exp(-T / tau))
    pain = pain_from_mechanisms(T, RHYTHM, gain)
    weeks = weeks_to_reduction(T, pain, 0.3, baseline=SYM.baseline_pain_nrs)
    assert 1.0 < weeks < 8.0
    slower = pain_from_mechanisms(T, RHYTHM, 1 - 0.5 * (1 - np.exp(-T / (2 * tau))))
    assert weeks_to_reduction(T, slower, 0.3, baseline=SYM.baseline_pain_nrs) > weeks


def test_daily_mean_pain_is_what_the_reduction_counts():
    pain = np.where(T < 24 * 7, 6.5, 4.0)
    assert weeks_to_reduction(T, pain, 0.3) == pytest.approx(8 / 7)
    assert math.isinf(weeks_to_reduction(T, np.full_like(T, 6.5), 0.3))
    assert daily_means(T, pain).shape == (84,)


@pytest.mark.parametrize("field, value", [("baseline_pain_nrs", 10.0), ("baseline_pain_nrs", 0.0),
                                          ("opioid_weight", -1.0), ("signaling_averaging_h", 0.0)])
def test_bad_parameters_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        replace(SYM, **{field: value})
