import math

import numpy as np
import pytest

from ldnmodels.core.metrics import auc, decline_half_time_h, hours_above_per_day, peak, terminal_half_life_h, value_at


def test_terminal_half_life_of_an_exponential():
    t = np.arange(0, 50, 0.1)
    assert terminal_half_life_h(t, np.exp(-math.log(2) / 7.0 * t), 10, 40) == pytest.approx(7.0)


def test_decline_half_time_is_measured_from_the_peak():
    t = np.arange(0, 100, 0.01)
    y = np.where(t < 10, t / 10, np.exp(-(t - 10) * math.log(2) / 20))
    assert decline_half_time_h(t, y) == pytest.approx(20.0, abs=0.01)
    assert decline_half_time_h(t, np.ones_like(t)) == math.inf


def test_hours_above_per_day_counts_each_day():
    t = np.arange(0, 48.0 + 1e-9, 0.5)
    y = ((t % 24) < 6).astype(float)  # above for the first 6 h of each day
    np.testing.assert_allclose(hours_above_per_day(t, y, 0.5), [6.0, 6.0])
    with pytest.raises(ValueError, match="step_h"):
        hours_above_per_day(np.arange(0, 48, 0.7), np.zeros(69), 0.5)


def test_peak_auc_value_at():
    t = np.linspace(0, 2, 201)
    y = t * (2 - t)
    assert peak(t, y) == pytest.approx((1.0, 1.0))
    assert auc(t, y) == pytest.approx(4 / 3, rel=1e-4)
    assert value_at(t, y, 0.5) == pytest.approx(0.75, rel=1e-3)
    with pytest.raises(ValueError, match="time_h"):
        value_at(t, y, 3.0)
