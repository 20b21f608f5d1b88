"""Exact solvers for the linear parts of the models on a uniform time grid.

Two building blocks, both exact up to floating-point rounding (no step-size error):

* :func:`impulse_response_on_grid` — a lower-triangular linear system
  ``dx/dt = A x`` with instantaneous inputs (doses) at arbitrary times. One matrix
  exponential per step size, one per distinct dose offset, then the recurrence
  ``x[k] = Phi x[k-1] + u[k]`` solved state by state with :func:`scipy.signal.lfilter`
  (a compiled loop).
* :func:`first_order_lag` — ``dy/dt = rate (u - y)`` for an input known on the grid
  and linear between grid points (exact for that input; the only approximation is
  the linear interpolation of ``u``, an O(step²) effect that the tests bound).
"""
from __future__ import annotations

import math

import numpy as np
from scipy.linalg import expm
from scipy.signal import lfilter

__all__ = ["impulse_response_on_grid", "first_order_lag", "check_time_course"]


def impulse_response_on_grid(a_per_h: np.ndarray, input_per_unit: np.ndarray, n_points: int,
                             step_h: float, event_times_h, event_amounts) -> np.ndarray:
    r"""Exact state of a lower-triangular linear system driven by impulses, on a grid.

    Parameters
    ----------
    a_per_h : ndarray, shape (S, S)
        Lower-triangular system matrix, 1/h.
    input_per_unit : ndarray, shape (S,)
        State jump per unit of event amount.
    n_points : int
        Grid size; grid times are ``k * step_h`` for ``k = 0 .. n_points - 1``.
    step_h : float
        Grid spacing, h.
    event_times_h, event_amounts : sequence of float
        Impulse times (h, >= 0, any order) and amounts. Events after the grid are ignored.

    Returns
    -------
    ndarray, shape (n_points, S)
        The state just after any event at a grid time (right-continuous).

    Notes
    -----
    Between events :math:`x(t+h) = e^{Ah} x(t)`; an event at :math:`t_e` in
    :math:`(t_{k-1}, t_k]` adds :math:`e^{A(t_k - t_e)} b\,m` to :math:`x_k`.
    """
    n_states = a_per_h.shape[0]
    impulses = np.zeros((n_points, n_states))
    jump_cache: dict[float, np.ndarray] = {}
    for time_h, amount in zip(event_times_h, event_amounts):
        index = math.ceil(time_h / step_h - 1e-9)
        if index >= n_points:
            continue
        offset_h = round(max(index * step_h - time_h, 0.0), 9)
        if offset_h not in jump_cache:
            jump_cache[offset_h] = expm(a_per_h * offset_h) @ input_per_unit
        impulses[index] += jump_cache[offset_h] * amount

    phi = expm(a_per_h * step_h)
    states = np.empty_like(impulses)
    for j in range(n_states):
        drive = impulses[:, j].copy()
        for i in range(j):
            if phi[j, i] != 0.0:
                drive[1:] += phi[j, i] * states[:-1, i]
        states[:, j] = lfilter([1.0], [1.0, -phi[j, j]], drive)
    return states


def first_order_lag(inputs: np.ndarray, rate_per_h, step_h: float) -> np.ndarray:
    r"""Response of :math:`dy/dt = k\,(u - y)`, :math:`y(0) = 0`, to a piecewise-linear input.

    Parameters
    ----------
    inputs : ndarray, shape (N,) or (n_patients, N)
        The input ``u`` at grid times ``k * step_h`` (time on the last axis); ``u[..., 0]``
        should be 0 (a system at rest).
    rate_per_h : float or ndarray of shape (n_patients,)
        The rate constant ``k``, 1/h, > 0; ``inf`` returns ``inputs`` (no lag).
    step_h : float
        Grid spacing, h.

    Returns
    -------
    ndarray, shape of ``inputs``

    Notes
    -----
    With :math:`a = e^{-kh}` and :math:`c_1 = 1 - (1-a)/(kh)`, exactly for ``u``
    linear on each step: :math:`y_{k+1} = a\,y_k + c_1 u_{k+1} + (1 - a - c_1)\,u_k`.
    """
    inputs = np.asarray(inputs, dtype=float)
    rates = np.asarray(rate_per_h, dtype=float)
    if rates.ndim == 0:
        return _lag(inputs, float(rates), step_h)
    rows = np.broadcast_to(inputs, rates.shape + inputs.shape[-1:])
    return np.stack([_lag(row, float(rate), step_h) for row, rate in zip(rows, rates)])


def _lag(inputs: np.ndarray, rate_per_h: float, step_h: float) -> np.ndarray:
    if math.isinf(rate_per_h):
        return np.array(inputs, dtype=float)
    x = rate_per_h * step_h
    one_minus_a = -math.expm1(-x)
    c1 = 1.0 - one_minus_a / x
    c0 = one_minus_a - c1
    return lfilter([c1, c0], [1.0, -(1.0 - one_minus_a)], inputs, axis=-1)


def check_time_course(t_h, values, name: str, low: float, high: float):
    """Validate a uniform time grid and values on it; returns (t_h, values, step_h)."""
    t_h = np.asarray(t_h, dtype=float)
    values = np.asarray(values, dtype=float)
    if t_h.ndim != 1 or t_h.size < 2:
        raise ValueError(f"t_h must be a 1-D grid of at least 2 times, got shape {t_h.shape}")
    steps = np.diff(t_h)
    step_h = float(steps[0])
    if not (np.all(np.isfinite(t_h)) and step_h > 0 and np.allclose(steps, step_h, rtol=1e-6, atol=1e-9)):
        raise ValueError("t_h must be finite, increasing and evenly spaced (a uniform grid)")
    if values.shape[-1:] != t_h.shape or values.ndim > 2:
        raise ValueError(f"{name} must have shape (N,) or (n_patients, N) with N = len(t_h) = {t_h.size}, "
                         f"got {values.shape}")
    if not np.all(np.isfinite(values) & (values >= low) & (values <= high)):
        raise ValueError(f"{name} must be finite and within [{low:g}, {high:g}]")
    return t_h, values, step_h
