"""Hours after the last dose until blockade falls below a level (ldnmodels.analyses.stopping)."""
import math

import numpy as np
import pytest

from ldnmodels.analyses.stopping import _hours_below, hours_until_below


def test_the_crossing_is_found_on_a_made_up_decline():
    t_h = np.arange(0.0, 100.0, 0.5)
    values = np.exp(-(t_h - 10.0).clip(0) / 20.0)        # flat until 10 h, then falls
    expected = 10.0 + 20.0 * math.log(2.0)              # below 0.5 from this time on
    assert _hours_below(t_h, values, 10.0, 0.5) == pytest.approx(expected - 10.0, abs=0.5)
    assert _hours_below(t_h, values, 10.0, 1e-6) == math.inf     # not within the horizon
    assert _hours_below(t_h, values, 10.0, 1.5) == 0.0            # already below


@pytest.fixture(scope="module")
def rows():
    return hours_until_below(doses_mg=(4.5, 50.0), levels=(0.5, 0.1), days=14)


def test_lower_levels_take_longer_and_50_mg_longer_than_ldn(rows):
    by = {(r.structure, r.dose_mg, r.level): r for r in rows}
    for structure in {r.structure for r in rows}:
        for dose in (4.5, 50.0):
            assert by[(structure, dose, 0.1)].mor_hours > by[(structure, dose, 0.5)].mor_hours
        assert by[(structure, 50.0, 0.5)].mor_hours > by[(structure, 4.5, 0.5)].mor_hours


def test_kappa_falls_below_a_level_sooner_than_mu(rows):
    assert all(r.kor_hours <= r.mor_hours for r in rows)


def test_blockade_after_daily_ldn_outlasts_plasma_by_days(rows):
    """Plasma naltrexone halves every 4 h; mu blockade after daily 4.5 mg stays above 10 % for days in every
    structure that fits (the slow brain pool, or slow unbinding)."""
    assert all(r.mor_hours > 72.0 for r in rows if r.dose_mg == 4.5 and r.level == 0.1)


def test_bad_arguments_are_refused_by_name():
    with pytest.raises(ValueError, match="level"):
        hours_until_below(levels=(1.0,))
    with pytest.raises(ValueError, match="days"):
        hours_until_below(days=0)
