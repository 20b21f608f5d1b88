import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldnmodels import ReboundParameters, Regimen, rebound_from_blockade, simulate
from ldnmodels.core.metrics import daily_means
from ldnmodels.model.endorphin import endorphin_rhythm, square_wave

REB = ReboundParameters()
T = np.arange(0, 24 * 35 + 1e-9, 0.1)
LAST_WEEK = T >= 24 * 28


def mean_signal_last_week(occupancy, params=REB):
    return float(rebound_from_blockade(T, occupancy, params).opioid_signaling[LAST_WEEK].mean())


def test_rhythm_peaks_mid_morning_and_averages_one():
    rhythm = endorphin_rhythm(T, REB)
    assert daily_means(T, rhythm) == pytest.approx(np.ones(35))
    first_day = T < 24
    assert T[first_day][np.argmax(rhythm[first_day])] == pytest.approx(10.7, abs=0.1)
    assert T[first_day][np.argmin(rhythm[first_day])] == pytest.approx(22.7, abs=0.1)  # lowest late evening


def test_no_blockade_leaves_the_untreated_course():
    out = rebound_from_blockade(T, np.zeros_like(T))
    np.testing.assert_allclose(out.endorphin_tone, endorphin_rhythm(T, REB))
    np.testing.assert_allclose(out.receptor_density, 1.0)
    np.testing.assert_allclose(daily_means(T, out.opioid_signaling), 1.0)


def test_theory_claim_intermittent_blockade_raises_net_signalling():
    # Mice: a low dose blocked receptors 4-6 h a day; here full blockade 5 h a day.
    few_hours = square_wave(T, hours_per_day=5, start_clock_h=21.0)
    assert mean_signal_last_week(few_hours) > 1.05
    # closed form with slow up-regulation: (1 + g f)^2 · mean(rhythm · (1 - blockade)), f = 5/24, g = 1;
    # within 1 % (the up-regulation ripples a little over the day)
    f = 5 / 24
    free_rhythm = (endorphin_rhythm(T, REB) * (1 - few_hours))[LAST_WEEK].mean()
    assert mean_signal_last_week(few_hours) == pytest.approx((1 + f) ** 2 * free_rhythm, rel=0.01)
    # blocking during the evening trough of the rhythm costs less signal than blocking at its morning peak
    morning = square_wave(T, hours_per_day=5, start_clock_h=8.0)
    assert mean_signal_last_week(morning) < mean_signal_last_week(few_hours)


def test_theory_limit_blockade_around_the_clock_up_regulates_but_suppresses():
    out = rebound_from_blockade(T, np.full_like(T, 0.97))
    assert out.receptor_density[LAST_WEEK].min() > 1.9 and out.endorphin_tone[LAST_WEEK].mean() > 1.9
    assert out.opioid_signaling[LAST_WEEK].mean() < 0.2


@pytest.mark.parametrize("structure", ["two_phase", "binding"])
def test_fitted_ldn_blockade_does_not_rebound_with_default_gains(structure):
    # Every structure that fits the data gives partial blockade around the clock at 4.5 mg (60-86 %): with the
    # default gains net signalling ends below untreated, and 50 mg suppresses it far more.
    res = simulate(Regimen.daily(4.5, days=35), hours=24 * 35.0, receptor=structure)
    assert res.opioid_signaling[LAST_WEEK].mean() < 1.0
    standard = simulate(Regimen.daily(50.0, days=35), hours=24 * 35.0, receptor=structure)
    assert standard.opioid_signaling[LAST_WEEK].mean() < 0.25


@given(hours=st.floats(0.5, 23.5), gain=st.floats(0.0, 3.0))
def test_outputs_are_bounded_and_non_negative(hours, gain):
    params = replace(REB, release_gain=gain, receptor_gain=gain)
    out = rebound_from_blockade(T, square_wave(T, hours), params)
    top = (1 + REB.rhythm_amplitude_fraction) * (1 + gain) ** 2
    assert np.all(out.opioid_signaling >= 0) and np.all(out.opioid_signaling <= top + 1e-9)
    assert np.all(out.receptor_density >= 1.0) and np.all(out.receptor_density <= 1 + gain + 1e-9)


@given(low=st.floats(0.0, 0.9), extra=st.floats(0.01, 0.1))
def test_more_constant_blockade_more_up_regulation(low, extra):
    a = rebound_from_blockade(T, np.full_like(T, low)).receptor_density[-1]
    b = rebound_from_blockade(T, np.full_like(T, low + extra)).receptor_density[-1]
    assert b > a


def test_higher_gain_more_rebound():
    wave = square_wave(T, 5.0)
    assert mean_signal_last_week(wave, replace(REB, release_gain=2.0)) > mean_signal_last_week(wave)


@pytest.mark.parametrize("step", [0.5, 0.25])
def test_independent_of_step(step):
    coarse_t = np.arange(0, 24 * 14 + 1e-9, step)
    fine_t = np.arange(0, 24 * 14 + 1e-9, 0.05)
    # a smooth blockade so both grids sample the same curve
    occupancy = lambda t: 0.5 * (1 - np.cos(2 * np.pi * t / 24)) * (t > 0)  # noqa: E731
    coarse = rebound_from_blockade(coarse_t, occupancy(coarse_t)).opioid_signaling
    fine = rebound_from_blockade(fine_t, occupancy(fine_t)).opioid_signaling
    stride = int(round(step / 0.05))
    assert np.max(np.abs(coarse - fine[::stride])) < 1e-3


@pytest.mark.parametrize("field, value", [("release_gain", -1.0), ("receptor_gain", math.nan),
                                          ("upregulation_time_constant_h", 0.0),
                                          ("upregulation_time_constant_h", -5.0),
                                          ("rhythm_amplitude_fraction", 1.5)])
def test_bad_parameters_name_the_field_and_range(field, value):
    with pytest.raises(ValueError, match=rf"{field} must be >=? "):
        replace(REB, **{field: value})


@pytest.mark.parametrize("t, occupancy, match", [
    (np.arange(10.0), np.full(10, 1.5), "mor_occupancy"),
    (np.arange(10.0), np.full(10, math.nan), "mor_occupancy"),
    (np.arange(10.0), np.zeros(9), "mor_occupancy"),
    (np.array([0.0, 1.0, 3.0]), np.zeros(3), "t_h"),
    (np.array([0.0]), np.zeros(1), "t_h"),
])
def test_bad_time_courses_are_refused(t, occupancy, match):
    with pytest.raises(ValueError, match=match):
        rebound_from_blockade(t, occupancy)


def test_square_wave_arguments():
    with pytest.raises(ValueError, match="hours_per_day"):
        square_wave(T, 25)
    assert square_wave(T, 24).min() == 1.0 and square_wave(T, 0).max() == 0.0
