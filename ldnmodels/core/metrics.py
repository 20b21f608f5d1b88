"""Summary numbers of time courses: peak, AUC, half-lives, hours above a level.

All functions take the time grid (h) and values sampled on it, time on the last axis.
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["peak", "auc", "terminal_half_life_h", "decline_half_time_h", "hours_above_per_day",
           "value_at", "daily_means", "weeks_to_reduction"]


def peak(t_h: np.ndarray, values: np.ndarray) -> tuple[float, float]:
    """Largest value and the time it is reached, h (the first such grid point).

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Time grid, h.
    values : ndarray, shape (N,)
        Values on the grid (one patient), any unit.

    Returns
    -------
    value : float
        The largest value, in the unit of ``values``.
    time_h : float
        Its time, h.
    """
    index = int(np.argmax(values))
    return float(values[index]), float(t_h[index])


def value_at(t_h: np.ndarray, values: np.ndarray, time_h: float) -> float:
    """Value at ``time_h``, linearly interpolated between grid points.

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Time grid, h.
    values : ndarray, shape (N,)
        Values on the grid (one patient), any unit.
    time_h : float
        The time, h, within ``[t_h[0], t_h[-1]]`` (else ``ValueError``).

    Returns
    -------
    float
        The value at ``time_h``, in the unit of ``values``.
    """
    if not (t_h[0] <= time_h <= t_h[-1]):
        raise ValueError(f"time_h must be within the simulated {t_h[0]:g}–{t_h[-1]:g} h, got {time_h}")
    return float(np.interp(time_h, t_h, values))


def auc(t_h: np.ndarray, values: np.ndarray) -> float:
    """Area under the curve by the trapezoid rule (value unit × h).

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Time grid, h.
    values : ndarray, shape (N,)
        Values on the grid (one patient), e.g. ng/mL.

    Returns
    -------
    float
        The area over the whole grid, in the unit of ``values`` × h (e.g. ng·h/mL).
    """
    return float(np.trapezoid(values, t_h))


def terminal_half_life_h(t_h: np.ndarray, values: np.ndarray, start_h: float, end_h: float) -> float:
    """Half-life of the log-linear decline between ``start_h`` and ``end_h``, h (least squares).

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Time grid, h.
    values : ndarray, shape (N,)
        Values on the grid (one patient), any unit; only positive values are used.
    start_h, end_h : float
        The window of the fit, h (both ends included); it must hold at least two positive values
        (else ``ValueError``).

    Returns
    -------
    float
        ``ln 2 / -slope`` of a straight line fitted to ``log(values)`` in the window, h; ``inf`` if
        the values do not decline there.
    """
    window = (t_h >= start_h) & (t_h <= end_h) & (values > 0)
    if window.sum() < 2:
        raise ValueError(f"need at least two positive values between {start_h} and {end_h} h")
    slope = np.polyfit(t_h[window], np.log(values[window]), 1)[0]
    return math.log(2) / -slope if slope < 0 else math.inf


def decline_half_time_h(t_h: np.ndarray, values: np.ndarray) -> float:
    """Hours from the peak until the value first falls to half the peak (interpolated).

    This is how Lee et al. (1988) summarise the duration of receptor blockade.

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Time grid, h.
    values : ndarray, shape (N,)
        Values on the grid (one patient), e.g. blockade as a fraction 0–1.

    Returns
    -------
    float
        Hours from the (first) peak to the first fall to half of it, interpolated between grid
        points; ``inf`` if the value never falls that far on the grid.
    """
    top, t_top = peak(t_h, values)
    after = np.nonzero((t_h > t_top) & (values <= top / 2))[0]
    if after.size == 0:
        return math.inf
    k = after[0]
    fraction = (values[k - 1] - top / 2) / (values[k - 1] - values[k])
    return float(t_h[k - 1] + fraction * (t_h[k] - t_h[k - 1]) - t_top)


def hours_above_per_day(t_h: np.ndarray, values: np.ndarray, level: float) -> np.ndarray:
    """Hours spent above ``level`` on each whole day of the grid (day k is [24k, 24k+24) h).

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Uniform time grid from 0 h.
    values : ndarray, shape (N,) or (n_patients, N)
    level : float
        Threshold in the unit of ``values``.

    Returns
    -------
    ndarray, shape (n_days,) or (n_patients, n_days)
    """
    step = float(t_h[1] - t_h[0])
    per_day = _points_per_day(t_h)
    n_days = (t_h.size - 1) // per_day
    above = (np.asarray(values)[..., : n_days * per_day] > level)
    return above.reshape(above.shape[:-1] + (n_days, per_day)).sum(axis=-1) * step


def _points_per_day(t_h: np.ndarray) -> int:
    step = float(t_h[1] - t_h[0])
    per_day = int(round(24.0 / step))
    if abs(per_day * step - 24.0) > 1e-9 * 24.0:
        raise ValueError(f"step_h must divide 24 h evenly to work per day, got {step}")
    return per_day


def daily_means(t_h: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Mean of ``values`` over each whole day [24k, 24k+24) h of the grid; time on the last axis.

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Uniform time grid from 0 h; its step must divide 24 h evenly (else ``ValueError``).
    values : ndarray, shape (N,) or (n_patients, N)
        Values on the grid, any unit.

    Returns
    -------
    ndarray, shape (n_days,) or (n_patients, n_days)
        Daily means, in the unit of ``values``; day k counts only if the grid reaches 24k + 24 h.
    """
    per_day = _points_per_day(t_h)
    n_days = (t_h.size - 1) // per_day
    days = np.asarray(values)[..., : n_days * per_day]
    return days.reshape(days.shape[:-1] + (n_days, per_day)).mean(axis=-1)


def weeks_to_reduction(t_h: np.ndarray, values: np.ndarray, fraction: float = 0.3,
                       baseline: float | None = None) -> float:
    """Weeks until the daily mean first falls by ``fraction`` below ``baseline`` (default: the first day's mean).

    Counted at the end of the first day that meets it; ``inf`` if no day does.

    Parameters
    ----------
    t_h : ndarray, shape (N,)
        Uniform time grid from 0 h; its step must divide 24 h evenly.
    values : ndarray, shape (N,)
        Values on the grid (one patient), e.g. the pain score (points on the 0–10 scale).
    fraction : float, default 0.3
        The reduction sought, relative to ``baseline``, strictly between 0 and 1 (0.3 means 30 %).
    baseline : float, optional
        Reference level, in the unit of ``values``; default the mean of the first day.

    Returns
    -------
    float
        Weeks (days / 7) to the end of the first day whose mean is at most ``(1 - fraction) * baseline``;
        ``inf`` if no day is.
    """
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    means = daily_means(t_h, values)
    reference = means[0] if baseline is None else baseline
    hits = np.nonzero(means <= (1.0 - fraction) * reference)[0]
    return (hits[0] + 1) / 7.0 if hits.size else math.inf
