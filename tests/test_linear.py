import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from ldnmodels.linear import first_order_lag, impulse_response_on_grid


def bateman(t, dose, ka, k):
    """Exact central amount after an oral bolus of a one-compartment model."""
    return dose * ka / (ka - k) * (np.exp(-k * t) - np.exp(-ka * t))


@pytest.mark.parametrize("step_h", [0.5, 0.1, 0.013])
def test_two_compartment_chain_matches_bateman_for_repeated_off_grid_doses(step_h):
    ka, k = 2.0, 0.3
    a = np.array([[-ka, 0.0], [ka, -k]])
    times, amounts = [0.37, 10.05, 23.91], [1.0, 2.0, 0.5]
    n = int(48 / step_h) + 1
    t = np.arange(n) * step_h
    states = impulse_response_on_grid(a, np.array([1.0, 0.0]), n, step_h, times, amounts)
    exact = sum(np.where(t >= td, bateman(np.clip(t - td, 0, None), m, ka, k), 0.0) for td, m in zip(times, amounts))
    np.testing.assert_allclose(states[:, 1], exact, rtol=1e-10, atol=1e-13)


def test_equal_rates_do_not_break_the_solver():
    # ka == k makes the Bateman formula 0/0; the matrix exponential handles it: x = D k t e^{-kt}.
    k = 0.5
    a = np.array([[-k, 0.0], [k, -k]])
    t = np.arange(201) * 0.1
    states = impulse_response_on_grid(a, np.array([1.0, 0.0]), t.size, 0.1, [0.0], [1.0])
    np.testing.assert_allclose(states[:, 1], k * t * np.exp(-k * t), rtol=1e-10, atol=1e-14)


def test_events_beyond_the_grid_are_ignored():
    a = np.array([[-1.0]])
    states = impulse_response_on_grid(a, np.array([1.0]), 11, 0.1, [5.0], [1.0])
    assert np.all(states == 0.0)


@pytest.mark.parametrize("rate", [0.01, 0.3, 5.0])
def test_first_order_lag_exact_for_a_ramp(rate):
    # u = t: y(t) = t - (1 - e^{-kt}) / k exactly.
    step = 0.25
    t = np.arange(200) * step
    y = first_order_lag(t, rate, step)
    np.testing.assert_allclose(y, t - (1 - np.exp(-rate * t)) / rate, rtol=1e-9, atol=1e-12)


def test_first_order_lag_matches_solve_ivp_for_a_smooth_input():
    step, rate = 0.1, 0.2
    t = np.arange(1001) * step
    u = np.sin(t / 5.0) ** 2
    y = first_order_lag(u, rate, step)
    ref = solve_ivp(lambda s, y: rate * (np.sin(s / 5.0) ** 2 - y), (0, t[-1]), [0.0], t_eval=t,
                    rtol=1e-10, atol=1e-12).y[0]
    assert np.max(np.abs(y - ref)) < 1e-4 * np.max(np.abs(ref))


def test_infinite_rate_means_no_lag():
    u = np.linspace(0, 1, 7)
    np.testing.assert_array_equal(first_order_lag(u, math.inf, 0.1), u)
