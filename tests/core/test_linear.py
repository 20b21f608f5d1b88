import math

import numpy as np
import pytest

from ldnmodels.core.linear import (
    MAX_BLOCK,
    affine_recurrence,
    first_order_lag,
    impulse_response_on_grid,
    solve_impulses,
)
from tests.reference_ode import integrate


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


@pytest.mark.parametrize("rate", [0.01, 0.3, 5.0, 40.0, 400.0])
def test_first_order_lag_exact_for_a_ramp(rate):
    # 40 and 400 per hour (10 and 100 per step) take the blocked sum over several blocks
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
    ref = integrate(lambda s, y: rate * (np.sin(s / 5.0) ** 2 - y), [0.0], t)[0]
    assert np.max(np.abs(y - ref)) < 1e-4 * np.max(np.abs(ref))


def test_first_order_lag_takes_one_rate_per_patient_each_exact_for_a_ramp():
    """A fast, a slow and an infinite rate side by side over 4 000 steps: each row is its own exact ramp response
    (the fast row runs through 80 blocks and its neighbour's slow rate must not leak into it)."""
    step, rates = 0.25, np.array([0.003, 2.0, 300.0, math.inf])
    t = np.arange(4001) * step
    y = first_order_lag(t, rates, step)
    assert y.shape == (4, t.size)
    for row, rate in zip(y[:3], rates[:3]):
        np.testing.assert_allclose(row, t - (1 - np.exp(-rate * t)) / rate, rtol=1e-9, atol=1e-11)
    np.testing.assert_array_equal(y[3], t)


def test_infinite_rate_means_no_lag():
    u = np.linspace(0, 1, 7)
    np.testing.assert_array_equal(first_order_lag(u, math.inf, 0.1), u)


def test_batched_solve_equals_one_patient_at_a_time():
    rng = np.random.default_rng(3)
    rates = rng.uniform(0.05, 3.0, size=(4, 3))
    a = np.zeros((4, 3, 3))
    a[:, 0, 0], a[:, 1, 0], a[:, 1, 1], a[:, 2, 1], a[:, 2, 2] = -rates[:, 0], rates[:, 0], -rates[:, 1], \
        rates[:, 1], -rates[:, 2]
    jump = np.tile([1.0, 0.0, 0.0], (4, 1))
    times, amounts = [0.0, 7.3, 30.05, 31.0], [1.0, 0.5, 2.0, 1.0]
    batched = solve_impulses(a, jump, 500, 0.1, times, amounts)
    assert batched.shape == (4, 3, 500)
    for p in range(4):
        np.testing.assert_allclose(batched[p], impulse_response_on_grid(a[p], jump[p], 500, 0.1, times, amounts).T,
                                   rtol=1e-13, atol=1e-15)


def test_long_gaps_are_filled_block_by_block_exactly():
    # one dose, a grid far longer than MAX_BLOCK: every point must still be the exact exponential
    k = 0.01
    n = 3 * MAX_BLOCK + 17
    states = impulse_response_on_grid(np.array([[-k]]), np.array([1.0]), n, 0.5, [0.0], [2.0])
    np.testing.assert_allclose(states[:, 0], 2.0 * np.exp(-k * 0.5 * np.arange(n)), rtol=1e-12)


def test_no_events_give_zero_states():
    assert np.all(solve_impulses(-np.eye(2)[None], np.ones((1, 2)), 10, 1.0, [], []) == 0.0)


@pytest.mark.parametrize("lowest_a", [0.0, 0.99])  # with a near 1 the start value is felt to the end
def test_affine_recurrence_matches_the_loop(lowest_a):
    rng = np.random.default_rng(0)
    a, c = rng.uniform(lowest_a, 1, (3, 1000)), rng.uniform(0, 1, (3, 1000))
    y = affine_recurrence(a, c, np.array([0.1, 0.2, 0.3]))
    loop = np.empty((3, 1001))
    loop[:, 0] = [0.1, 0.2, 0.3]
    for k in range(1000):
        loop[:, k + 1] = a[:, k] * loop[:, k] + c[:, k]
    np.testing.assert_allclose(y, loop, rtol=1e-12, atol=1e-15)


def test_affine_recurrence_survives_strong_decay():
    # a -> 0 underflows harmlessly: the state is then just the latest input
    y = affine_recurrence(np.full(100, 1e-300), np.full(100, 0.5), 1.0)
    np.testing.assert_allclose(y[2:], 0.5)
