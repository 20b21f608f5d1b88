import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    with pytest.raises((ValueError, TypeError), match=match):
        Regimen(times_h=times, doses_mg=doses)


@pytest.mark.parametrize("kwargs, match", [
    (dict(days=0), "^days must"),
    (dict(days=10**6), "^days must"),
    (dict(days=3, clock_h=24.0), "clock_h"),
    (dict(days=3, clock_h=-1.0), "clock_h"),
    (dict(days=3, clock_h=math.nan), "clock_h"),
    (dict(days=2.5), "^days must"),
    (dict(days=True), "^days must"),
    (dict(days=3, clock_h="21"), "^clock_h must"),
])
def test_bad_daily_arguments(kwargs, match):
    """Errors name the argument the caller typed (not an internal one), TypeError for non-numbers."""
    with pytest.raises((ValueError, TypeError), match=match):
        Regimen.daily(4.5, **kwargs)


def test_bad_missed_dose_indices():
    with pytest.raises(ValueError, match="indices"):
        Regimen.daily(4.5, days=3).without([3])
    with pytest.raises(ValueError, match="days"):
        Regimen.daily(4.5, days=3).without_days([-1])


def test_numpy_inputs_accepted():
    regimen = Regimen(times_h=np.array([0.0, 24.0]), doses_mg=np.array([1.5, 3.0]))
    assert regimen.doses_mg == (1.5, 3.0)


def test_missed_doses_are_seeded_and_bounded():
    regimen = Regimen.daily(4.5, days=200)
    a = regimen.with_missed_doses(0.25, seed=1)
    assert a == regimen.with_missed_doses(0.25, seed=1)
    assert 30 < len(regimen) - len(a) < 70
    assert len(regimen.with_missed_doses(1.0)) == 0 and regimen.with_missed_doses(0.0) == regimen
    with pytest.raises(ValueError, match="fraction"):
        regimen.with_missed_doses(-0.1)


def test_missing_every_dose_equals_no_drug():
    from ldnmodels import simulate

    none = simulate(Regimen.daily(4.5, days=7).with_missed_doses(1.0), hours=168.0)
    empty = simulate(Regimen(), hours=168.0)
    np.testing.assert_array_equal(none.mor_occupancy, empty.mor_occupancy)
    np.testing.assert_array_equal(none.pain_nrs, empty.pain_nrs)


def test_content_variation_stays_within_its_range():
    regimen = Regimen.daily(4.5, days=500).with_content_variation(0.1, seed=2)
    doses = np.array(regimen.doses_mg)
    assert doses.min() >= 4.05 - 1e-12 and doses.max() <= 4.95 + 1e-12
    assert doses.std() == pytest.approx(0.45 / np.sqrt(3), rel=0.1)  # uniform ±10 %
    with pytest.raises(ValueError, match="fraction"):
        Regimen.daily(4.5, days=3).with_content_variation(1.0)


def test_liquid_measuring_error_is_the_same_in_mg_at_every_dose():
    regimen = Regimen.titration([1.5, 4.5], days_per_step=100, total_days=200).as_liquid(1.0, 0.1, seed=3)
    error = np.array(regimen.doses_mg) - np.array([1.5] * 100 + [4.5] * 100)
    assert np.abs(error).max() <= 0.1 + 1e-12
    with pytest.raises(ValueError, match="volume_error_ml"):
        Regimen.daily(1.5, days=3).as_liquid(1.0, 2.0)
    with pytest.raises(ValueError, match="concentration_mg_per_ml"):
        Regimen.daily(1.5, days=3).as_liquid(0.0)


@pytest.mark.parametrize("call, match, error", [
    (lambda: Regimen.single("4.5"), "^dose_mg must be a number", TypeError),
    (lambda: Regimen.single(True), "^dose_mg must be a number", TypeError),
    (lambda: Regimen.single(dose_mg=1.0, at_h=-3.0), "^at_h must", ValueError),
    (lambda: Regimen.single(dose_mg=-1.0), "^dose_mg must", ValueError),
    (lambda: Regimen.daily("4.5", days=3), "^dose_mg must", TypeError),
    (lambda: Regimen.titration([1.5, "3"], days_per_step=7, total_days=14), r"^steps_mg\[1\] must", TypeError),
    (lambda: Regimen(times_h=[0.0], doses_mg=[True]), r"^doses_mg\[0\] must", TypeError),
])
def test_strings_and_bools_are_refused_naming_the_argument(call, match, error):
    with pytest.raises(error, match=match):
        call()


def test_numpy_scalars_are_welcome():
    regimen = Regimen.daily(np.float32(1.5), days=np.int64(3), clock_h=np.int64(21))
    assert regimen.times_h == (21.0, 45.0, 69.0) and regimen.doses_mg == (1.5, 1.5, 1.5)


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).

@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=5), st.booleans(), st.none(), st.floats(allow_nan=True, allow_infinity=True),
                 st.integers(min_value=-10**6, max_value=10**6)))
def test_regimen_single_either_works_or_names_its_argument(value):
    """Property: any value for dose_mg gives a valid regimen or a ValueError/TypeError naming dose_mg."""
    try:
        regimen = Regimen.single(value)
    except (ValueError, TypeError) as error:
        assert str(error).startswith("dose_mg must")
    else:
        assert 0 < regimen.doses_mg[0] <= 1000 and not isinstance(value, (bool, str))
