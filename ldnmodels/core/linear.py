"""Exact solvers for the linear parts of the models on a uniform time grid.

Three building blocks, the first two exact up to floating-point rounding (no step-size error):

* :func:`solve_impulses` — the one solver of every linear state in the package: a linear
  system ``dx/dt = A x`` with instantaneous inputs (doses) at arbitrary times, for many
  patients at once (leading axis). One matrix exponential per patient and step size, one per
  distinct dose offset; between doses the grid values are powers of the one-step propagator
  applied to the state after the dose (blocks of at most :data:`MAX_BLOCK` steps), so the
  Python loop runs once per dose, not once per step. :func:`impulse_response_on_grid` is the
  same for one patient.
* :func:`first_order_lag` — ``dy/dt = rate (u - y)`` for an input known on the grid
  and linear between grid points (exact for that input; the only approximation is
  the linear interpolation of ``u``, an O(step²) effect that the tests bound).
* :func:`affine_recurrence` — ``y[k+1] = a[k] y[k] + c[k]`` with coefficients that change
  every step (the receptor-binding model), by a parallel prefix scan in ``log2(N)`` array
  passes instead of a Python loop over steps.

No step goes through BLAS: the propagators are tiny (at most a few states), and a
multi-threaded BLAS call per step would be slower than the arithmetic on a busy server.
"""
from __future__ import annotations

import bisect
import math

import numpy as np
from scipy.linalg import expm

from .threads import single_threaded_blas

__all__ = ["solve_impulses", "impulse_response_on_grid", "affine_recurrence", "first_order_lag",
           "check_time_course", "MAX_BLOCK"]

#: Longest run of grid steps filled from one state by powers of the propagator.
MAX_BLOCK = 256
#: Largest growth ``exp(rate * step * i)`` inside one block of :func:`first_order_lag`'s blocked sum, as its natural
#: logarithm: e**600 ~ 1e260 leaves a factor 1e48 below float64's largest number for the input itself.
_LOG_GROWTH = 600.0


def solve_impulses(a_per_h: np.ndarray, input_per_unit: np.ndarray, n_points: int, step_h: float,
                   event_times_h, event_amounts) -> np.ndarray:
    r"""Exact states of linear systems driven by impulses, on a grid, for many patients at once.

    Parameters
    ----------
    a_per_h : ndarray, shape (P, S, S)
        System matrix of each of ``P`` patients, 1/h.
    input_per_unit : ndarray, shape (P, S)
        State jump per unit of event amount.
    n_points : int
        Grid size; grid times are ``k * step_h`` for ``k = 0 .. n_points - 1``.
    step_h : float
        Grid spacing, h.
    event_times_h, event_amounts : sequence of float
        Impulse times (h, >= 0, any order) and amounts, the same for every patient. Events
        after the grid are ignored.

    Returns
    -------
    ndarray, shape (P, S, n_points)
        The state just after any event at a grid time (right-continuous); time on the last axis.

    Notes
    -----
    Between events :math:`x(t_k) = \Phi^{k-j} x(t_j)` with :math:`\Phi = e^{Ah}`; an event at
    :math:`t_e \in (t_{k-1}, t_k]` adds :math:`e^{A(t_k - t_e)} b\,m` to :math:`x_k`.
    """
    with single_threaded_blas():  # the matrix exponentials are 3x3 to 6x6: never wake a BLAS thread pool for them
        return _solve_impulses(np.asarray(a_per_h, dtype=float), np.asarray(input_per_unit, dtype=float), n_points,
                               step_h, event_times_h, event_amounts)


def _solve_impulses(a, jump, n_points, step_h, event_times_h, event_amounts):
    n_patients, n_states = jump.shape
    impulses: dict[int, np.ndarray] = {}
    jump_cache: dict[float, np.ndarray] = {}
    for time_h, amount in zip(event_times_h, event_amounts):
        index = math.ceil(time_h / step_h - 1e-9)
        if index >= n_points or amount == 0.0:
            continue
        offset_h = round(max(index * step_h - time_h, 0.0), 9)
        if offset_h not in jump_cache:
            jump_cache[offset_h] = jump if offset_h == 0.0 else _apply(expm(a * offset_h), jump)
        impulses[index] = impulses.get(index, 0.0) + jump_cache[offset_h] * amount
    states = np.zeros((n_patients, n_states, n_points))
    if not impulses:
        return states
    starts = sorted(impulses)
    longest = max(np.diff(starts + [n_points]))
    powers = _powers(expm(a * step_h), min(int(longest), MAX_BLOCK, n_points))
    state = np.zeros((n_patients, n_states))
    begin = starts[0]
    while begin < n_points:
        if begin in impulses:
            state = state + impulses[begin]
        following = bisect.bisect_right(starts, begin)
        end = min(starts[following] if following < len(starts) else n_points, begin + powers.shape[-1])
        np.einsum("pijm,pj->pim", powers[..., : end - begin], state, out=states[:, :, begin:end])
        if end < n_points:
            state = _apply(powers[..., 1], states[:, :, end - 1])
        begin = end
    return states


def _apply(matrices: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """``matrices @ vectors`` per patient, shapes (P, S, S) and (P, S), without BLAS."""
    return np.einsum("pij,pj->pi", matrices, vectors)


def _powers(phi: np.ndarray, count: int) -> np.ndarray:
    """``phi ** m`` for ``m = 0 .. count - 1`` (and at least up to 1), shape (P, S, S, count): the power last,
    which makes the fill in :func:`solve_impulses` two to three times faster than power-first.

    By doubling: the powers ``[2**j, 2**(j+1))`` are the powers below ``2**j`` times ``phi ** 2**j``, one
    batched product per doubling instead of one per power.
    """
    count = max(count, 2)
    n_patients, n_states, _ = phi.shape
    powers = np.empty((n_patients, n_states, n_states, count))
    powers[..., 0] = np.eye(n_states)
    powers[..., 1] = phi
    filled = 2
    while filled < count:
        step = np.einsum("pij,pjk->pik", powers[..., filled - 1], phi)  # phi ** filled
        upto = min(2 * filled, count)
        powers[..., filled:upto] = np.einsum("pijm,pjk->pikm", powers[..., : upto - filled], step)
        filled = upto
    return powers


def affine_recurrence(a: np.ndarray, c: np.ndarray, y0=0.0) -> np.ndarray:
    r"""Solve :math:`y_{k+1} = a_k y_k + c_k` for all ``k`` at once (time on the last axis).

    Parameters
    ----------
    a, c : ndarray, shape (..., N - 1)
        Step coefficients; ``a`` in [0, 1] keeps the scan free of overflow.
    y0 : float or ndarray broadcasting to ``a.shape[:-1]``
        The start value.

    Returns
    -------
    ndarray, shape (..., N)
        ``y_0 .. y_{N-1}``.

    Notes
    -----
    A Hillis–Steele prefix scan over the affine maps :math:`y \mapsto a y + c`: after pass
    ``j`` each element holds the composition of the ``2**j`` maps ending there.
    """
    scale, shift = np.array(a, dtype=float), np.array(c, dtype=float)
    span = 1
    while span < scale.shape[-1]:
        # in place; numpy buffers the overlapping operands, so each pass reads the previous pass's values
        shift[..., span:] += scale[..., span:] * shift[..., :-span]
        scale[..., span:] *= scale[..., :-span]  # on the last pass too: the start value needs every factor
        span *= 2
    start = np.broadcast_to(np.asarray(y0, dtype=float), scale.shape[:-1])
    return np.concatenate([start[..., None], scale * start[..., None] + shift], axis=-1)


def impulse_response_on_grid(a_per_h: np.ndarray, input_per_unit: np.ndarray, n_points: int,
                             step_h: float, event_times_h, event_amounts) -> np.ndarray:
    """Exact state of one linear system driven by impulses: :func:`solve_impulses` for one patient.

    Parameters
    ----------
    a_per_h : ndarray, shape (S, S)
        System matrix, 1/h.
    input_per_unit : ndarray, shape (S,)
        State jump per unit of event amount.
    n_points : int
        Grid size; grid times are ``k * step_h`` for ``k = 0 .. n_points - 1``.
    step_h : float
        Grid spacing, h.
    event_times_h, event_amounts : sequence of float
        Impulse times (h, >= 0, any order) and amounts; events after the grid are ignored.

    Returns
    -------
    ndarray, shape (n_points, S)
        The state just after any event at a grid time; time **first** (unlike :func:`solve_impulses`).
    """
    return solve_impulses(np.asarray(a_per_h, dtype=float)[None], np.asarray(input_per_unit, dtype=float)[None],
                          n_points, step_h, event_times_h, event_amounts)[0].T


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
    steps = np.asarray(rate_per_h, dtype=float) * step_h  # rate times step, per patient or one for all
    lagged = np.isfinite(steps)
    if not lagged.any():
        return np.array(np.broadcast_to(inputs, np.broadcast_shapes(inputs.shape, steps.shape + (1,))))
    steps = np.where(lagged, steps, 1.0)[..., None]
    one_minus_a = -np.expm1(-steps)
    c1 = 1.0 - one_minus_a / steps
    drive = c1 * inputs
    drive[..., 1:] += (one_minus_a - c1) * inputs[..., :-1]
    lag = _decaying_sum(drive, steps)
    if not lagged.all():
        lag[~lagged] = np.broadcast_to(inputs, lag.shape)[~lagged]
    return lag


def _decaying_sum(drive: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """``y[k] = drive[k] + exp(-steps) * y[k - 1]`` from ``y[-1] = 0``, time last; ``steps`` of shape (..., 1).

    In blocks short enough that ``exp(steps * i)`` cannot overflow: inside a block, ``y`` is ``exp(-steps * i)``
    times the running sum of ``drive * exp(steps * i)`` (one ``cumsum``, each term exact to rounding); the blocks'
    end values are then chained by :func:`affine_recurrence`. NumPy alone, so that importing the package does not
    load ``scipy.signal`` (most of a kernel's start-up time and ~50 MB of its memory).
    """
    n_points = drive.shape[-1]
    block = int(min(n_points, _LOG_GROWTH // float(np.max(steps)) + 1))
    if block == n_points:  # one block (most lags): no padded copy, no reshape; 3.5x faster at 20 000 points
        decay = np.exp(-steps * np.arange(n_points))
        return np.cumsum(drive / decay, axis=-1) * decay
    blocks = np.pad(drive, [(0, 0)] * (drive.ndim - 1) + [(0, -n_points % block)])
    blocks = blocks.reshape(*drive.shape[:-1], -1, block)
    decay = np.exp(-steps[..., None] * np.arange(block))  # exp(-steps * i), shape (..., 1, block)
    sums = np.cumsum(blocks / decay, axis=-1) * decay  # each block from rest
    if sums.shape[-2] > 1:
        chained = np.broadcast_to(decay[..., -1] * np.exp(-steps), sums.shape[:-2] + (sums.shape[-2] - 1,))
        ends = affine_recurrence(chained, sums[..., 1:, -1], sums[..., 0, -1])
        sums[..., 1:, :] += ends[..., :-1, None] * decay * np.exp(-steps[..., None])
    return sums.reshape(*drive.shape[:-1], -1)[..., :n_points]


def check_time_course(t_h, values, name: str, low: float, high: float):
    """Validate a uniform time grid and values on it (the check every mechanism stage runs on its input).

    Parameters
    ----------
    t_h : array_like, shape (N,)
        Time grid, h: finite, increasing and evenly spaced (relative tolerance 1e-6), N >= 2.
    values : array_like, shape (N,) or (n_patients, N)
        Values on the grid, time on the last axis.
    name : str
        Name of ``values`` for the error messages.
    low, high : float
        Allowed range of ``values``, in their unit (closed: ``low <= value <= high``); NaN is refused.

    Returns
    -------
    t_h : ndarray, shape (N,)
        The grid as floats, h.
    values : ndarray, shape (N,) or (n_patients, N)
        The values as floats.
    step_h : float
        Grid spacing, h (the first step).

    Raises
    ------
    ValueError
        If the grid is not uniform, the shapes do not match or a value is out of range.
    """
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
    # min and max propagate NaN, so two passes check finiteness and range (this runs on every simulation)
    if values.size and not (values.min() >= low and values.max() <= high):
        raise ValueError(f"{name} must be finite and within [{low:g}, {high:g}]")
    return t_h, values, step_h
