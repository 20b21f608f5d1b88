import math

import numpy as np
import pytest

from ldnmodels import Regimen


def test_daily_doses_at_clock_time_each_day():
    regimen = Regimen.daily(4.5, days=3, clock_h=21.0)
    assert regimen.times_h == (21.0, 45.0, 69.0)
    assert regimen.doses_mg == (4.5, 4.5, 4.5)
    assert all(t % 24 == 21.0 for t in regimen.times_h)


def test_titration_steps_weekly_then_holds_last_step():
    regimen = Regimen.titration([1.5, 3.0, 4.5], days_per_step=7, total_days=28, clock_h=22.0)
    assert len(regimen) == 28
    assert regimen.doses_mg[:7] == (1.5,) * 7
    assert regimen.doses_mg[7:14] == (3.0,) * 7
    assert regimen.doses_mg[14:] == (4.5,) * 14
    assert regimen.times_h[0] == 22.0 and regimen.times_h[-1] == 27 * 24 + 22.0


def test_titration_shorter_than_steps_drops_later_steps():
    assert Regimen.titration([1.5, 3.0, 4.5], days_per_step=7, total_days=10).doses_mg == (1.5,) * 7 + (3.0,) * 3


def test_single_and_empty():
    assert Regimen.single(50.0, at_h=8.0).times_h == (8.0,)
    empty = Regimen(times_h=[], doses_mg=[])
    assert len(empty) == 0 and empty.describe() == "no doses"


def test_missed_doses_by_index_and_day():
    regimen = Regimen.daily(4.5, days=5, clock_h=9.0)
    assert regimen.without([1, 3]).times_h == (9.0, 57.0, 105.0)
    assert regimen.without_days([0, 4]).times_h == (33.0, 57.0, 81.0)
    assert regimen.without([-1]).times_h[-1] == 81.0


def test_regimen_is_immutable():
    regimen = Regimen.single(4.5)
    with pytest.raises(AttributeError):
        regimen.doses_mg = (5.0,)


@pytest.mark.parametrize("times, doses, match", [
    ([0.0], [-1.0], "doses_mg"),
    ([0.0], [math.nan], "doses_mg"),
    ([0.0], [math.inf], "doses_mg"),
    ([0.0], [0.0], "doses_mg"),
    ([0.0], [2000.0], "doses_mg"),
    ([-1.0], [4.5], "times_h"),
    ([math.nan], [4.5], "times_h"),
    ([math.inf], [4.5], "times_h"),
    ([5.0, 1.0], [4.5, 4.5], "strictly increasing"),
    ([5.0, 5.0], [4.5, 4.5], "duplicates"),
    ([0.0, 1.0], [4.5], "same length"),
    ("abc", "def", "times_h"),
])
def test_bad_regimens_are_refused_with_the_argument_named(times, doses, match):
    with pytest.raises(ValueError, match=match):
        Regimen(times_h=times, doses_mg=doses)


@pytest.mark.parametrize("kwargs, match", [
    (dict(days=0), "days_per_step|total_days"),
    (dict(days=10**6), "total_days|days_per_step"),
    (dict(days=3, clock_h=24.0), "clock_h"),
    (dict(days=3, clock_h=-1.0), "clock_h"),
    (dict(days=3, clock_h=math.nan), "clock_h"),
    (dict(days=2.5), "days_per_step|total_days"),
])
def test_bad_daily_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Regimen.daily(4.5, **kwargs)


def test_bad_missed_dose_indices():
    with pytest.raises(ValueError, match="indices"):
        Regimen.daily(4.5, days=3).without([3])
    with pytest.raises(ValueError, match="days"):
        Regimen.daily(4.5, days=3).without_days([-1])


def test_numpy_inputs_accepted():
    regimen = Regimen(times_h=np.array([0.0, 24.0]), doses_mg=np.array([1.5, 3.0]))
    assert regimen.doses_mg == (1.5, 3.0)
