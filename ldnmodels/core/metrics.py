"""Summary numbers of time courses: peak, AUC, half-lives, hours above a level.

All functions take the time grid (h) and values sampled on it, time on the last axis.
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["peak", "auc", "terminal_half_life_h", "decline_half_time_h", "hours_above_per_day",
           "value_at", "daily_means", "weeks_to_reduction"]


def peak(t_h: np.ndarray, values: np.ndarray) -> tuple[float, float]:
    """Largest value and the time it is reached, h (the first such grid point)."""
    index = int(np.argmax(values))
    return float(values[index]), float(t_h[index])


def value_at(t_h: np.ndarray, values: np.ndarray, time_h: float) -> float:
    """Value at ``time_h``, linearly interpolated between grid points."""
    if not (t_h[0] <= time_h <= t_h[-1]):
        raise ValueError(f"time_h must be within the simulated {t_h[0]:g}–{t_h[-1]:g} h, got {time_h}")
    return float(np.interp(time_h, t_h, values))


def auc(t_h: np.ndarray, values: np.ndarray) -> float:
    """Area under the curve by the trapezoid rule (value unit × h)."""
    return float(np.trapezoid(values, t_h))


def terminal_half_life_h(t_h: np.ndarray, values: np.ndarray, start_h: float, end_h: float) -> float:
    """Half-life of the log-linear decline between ``start_h`` and ``end_h``, h (least squares)."""
    window = (t_h >= start_h) & (t_h <= end_h) & (values > 0)
    if window.sum() < 2:
        raise ValueError(f"need at least two positive values between {start_h} and {end_h} h")
    slope = np.polyfit(t_h[window], np.log(values[window]), 1)[0]
    return math.log(2) / -slope if slope < 0 else math.inf


def decline_half_time_h(t_h: np.ndarray, values: np.ndarray) -> float:
    """Hours from the peak until the value first falls to half the peak (interpolated).

    This is how Lee et al. (1988) summarise the duration of receptor blockade.
    Returns ``inf`` if the value never falls that far on the grid.
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

    Returns an array of shape (n_days,) or (n_patients, n_days).
    """
    per_day = _points_per_day(t_h)
    n_days = (t_h.size - 1) // per_day
    days = np.asarray(values)[..., : n_days * per_day]
    return days.reshape(days.shape[:-1] + (n_days, per_day)).mean(axis=-1)


def weeks_to_reduction(t_h: np.ndarray, values: np.ndarray, fraction: float = 0.3,
                       baseline: float | None = None) -> float:
    """Weeks until the daily mean first falls by ``fraction`` below ``baseline`` (default: the first day's mean).

    Counted at the end of the first day that meets it; ``inf`` if no day does.
    """
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    means = daily_means(t_h, values)
    reference = means[0] if baseline is None else baseline
    hits = np.nonzero(means <= (1.0 - fraction) * reference)[0]
    return (hits[0] + 1) / 7.0 if hits.size else math.inf
