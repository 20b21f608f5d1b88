r"""Conceptual side-effect indices, calibrated where reported rates allow (a teaching construct).

* **Vivid dreams / sleep disturbance** are driven by blockade during the night
  (22:00–06:00 by default): per night, :math:`p = 1 - (1 - p_0)\,e^{-k_v\,\bar o_{night}}`.
* **Headache / nausea** are driven by how fast blockade rises when the dose changes: the
  largest rise of the 24-hour mean blockade over 24 hours (any 24 h, not calendar days),
  :math:`p = 1 - (1 - p_0)\,e^{-k_h\,\Delta_{max}}`.
  Titrating in steps lowers the rise, and so the index.
* **Initial flare**: how far net endogenous opioid signalling dips below untreated in the
  first days (the rebound model's early phase), 0–1.

Calibration: with 4.5 mg at 21:00 for 12 weeks, started without titration (an assumption:
the trial protocol's start is not in reach), :math:`k_v` and :math:`k_h` are set so that the
model gives the rates reported by Younger et al. (2013): vivid dreams 37 % (placebo 13 %),
headache 16 % (placebo 3 %). Nausea shares the headache driver but is not calibrated. The
flare index has no reported rate and is **illustrative**. Which drive causes which symptom is
an assumption; the timing effects these indices show are model consequences, not trial results.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..core.metrics import daily_means
from ..core.sources import check_fields, fitted, sourced
from ..model.simulation import SimulationResult

__all__ = ["SideEffectParameters", "SideEffects", "side_effects", "night_mask"]


@dataclass(frozen=True, kw_only=True)
class SideEffectParameters:
    """Night window, placebo rates (sourced) and calibrated drives of the side-effect indices."""

    night_start_clock_h: float = sourced(22.0, "illustrative", "start of the night window")
    night_end_clock_h: float = sourced(6.0, "illustrative", "end of the night window")
    vivid_dreams_placebo_fraction: float = sourced(0.13, "younger_2012_meeting", "vivid dreams on placebo")
    vivid_dreams_per_night_blockade: float = fitted(
        "SideEffectParameters", "vivid_dreams_per_night_blockade", "gives 37 % vivid dreams for 4.5 mg at 21:00")
    headache_placebo_fraction: float = sourced(0.03, "younger_2012_meeting", "headache on placebo")
    headache_per_daily_rise: float = fitted(
        "SideEffectParameters", "headache_per_daily_rise",
        "gives 16 % headache for 4.5 mg at 21:00 started without titration")
    flare_window_days: float = sourced(14.0, "illustrative", "days counted as the start of treatment")

    def __post_init__(self) -> None:
        check_fields(self, {
            "night_start_clock_h": (0.0, 24.0, "closed"),
            "night_end_clock_h": (0.0, 24.0, "closed"),
            "vivid_dreams_placebo_fraction": (0.0, 1.0, "closed"),
            "vivid_dreams_per_night_blockade": (0.0, 100.0, "closed"),
            "headache_placebo_fraction": (0.0, 1.0, "closed"),
            "headache_per_daily_rise": (0.0, 100.0, "closed"),
            "flare_window_days": (0.0, 365.0),
        })
        if np.any(np.asarray(self.night_start_clock_h) >= 24.0) or np.any(np.asarray(self.night_end_clock_h) >= 24.0):
            raise ValueError("night_start_clock_h and night_end_clock_h must be clock times in [0, 24)")


class SideEffects(NamedTuple):
    """Per-night and per-day arrays and whole-run summaries of the side-effect indices."""

    night_blockade_hours: np.ndarray   #: per night: hours with more than half the receptors blocked
    night_mean_blockade: np.ndarray    #: per night: mean fraction blocked during the night window
    vivid_dreams_nightly: np.ndarray   #: per night: probability-like index of vivid dreams
    daily_rise: np.ndarray             #: per day: largest rise of the 24-h mean blockade over 24 h, within that day
    vivid_dreams: float                #: whole run: chance of reporting vivid dreams (mean over nights)
    headache: float                    #: whole run: chance of reporting headache/nausea (largest rise)
    flare: float                       #: 0–1: deepest dip of net opioid signalling in the first days


def night_mask(t_h: np.ndarray, start_clock_h: float, end_clock_h: float) -> np.ndarray:
    """True where the clock time is within the night window (which may cross midnight).

    Parameters
    ----------
    t_h : ndarray
        Times, h from midnight of day 0 (clock time is ``t_h % 24``); any shape.
    start_clock_h, end_clock_h : float
        Clock times (h, 0 to 24) where the window opens (included) and closes (excluded); a start after the end
        crosses midnight, equal values give an empty window.

    Returns
    -------
    ndarray of bool
        Same shape as ``t_h``.
    """
    clock = np.asarray(t_h) % 24.0
    if start_clock_h <= end_clock_h:
        return (clock >= start_clock_h) & (clock < end_clock_h)
    return (clock >= start_clock_h) | (clock < end_clock_h)


def _rise_of_24h_mean(values: np.ndarray, step_h: float) -> np.ndarray:
    """Mean over the last 24 h minus mean over the 24 h before (untreated before time zero)."""
    per_day = int(round(24.0 / step_h))
    padded = np.concatenate([np.zeros(2 * per_day), values])
    cumulative = np.concatenate([[0.0], np.cumsum(padded)])
    end = np.arange(2 * per_day, padded.size) + 1
    last = (cumulative[end] - cumulative[end - per_day]) / per_day
    before = (cumulative[end - per_day] - cumulative[end - 2 * per_day]) / per_day
    return last - before


def _daily_max(t_h: np.ndarray, values: np.ndarray) -> np.ndarray:
    per_day = int(round(24.0 / float(t_h[1] - t_h[0])))
    n_days = (t_h.size - 1) // per_day
    return values[: n_days * per_day].reshape(n_days, per_day).max(axis=1)


def side_effects(result: SimulationResult, params: SideEffectParameters | None = None) -> SideEffects:
    """Side-effect indices of a (single-patient) simulation.

    Night ``k`` starts at ``night_start_clock_h`` on day ``k``; only nights that fit in the run count.

    Parameters
    ----------
    result : SimulationResult
        With a step that divides 24 h.
    params : SideEffectParameters, optional

    Returns
    -------
    SideEffects
    """
    params = SideEffectParameters() if params is None else params
    t_h, occupancy = result.t_h, np.asarray(result.mor_occupancy)
    daily_means(t_h, occupancy)  # checks that the step divides 24 h
    if occupancy.ndim != 1:
        raise ValueError("side_effects works on one patient at a time (mor_occupancy must be 1-D)")
    start, end = float(params.night_start_clock_h), float(params.night_end_clock_h)
    length_h = (end - start) % 24.0 or 24.0
    step = result.step_h
    hours, means = [], []
    day = 0
    while 24.0 * day + start + length_h <= t_h[-1] + 1e-9:
        window = (t_h >= 24.0 * day + start - 1e-9) & (t_h < 24.0 * day + start + length_h - 1e-9)
        hours.append(float(np.count_nonzero(occupancy[window] > 0.5) * step))
        means.append(float(occupancy[window].mean()))
        day += 1
    night_mean = np.array(means)
    vivid = 1.0 - (1.0 - params.vivid_dreams_placebo_fraction) * np.exp(-params.vivid_dreams_per_night_blockade
                                                                        * night_mean)
    rise = _daily_max(t_h, _rise_of_24h_mean(occupancy, step))
    headache = 1.0 - (1.0 - params.headache_placebo_fraction) * math.exp(
        -params.headache_per_daily_rise * float(np.clip(rise, 0.0, None).max(initial=0.0)))
    signalling = daily_means(t_h, result.opioid_signaling)
    window_days = max(1, int(round(params.flare_window_days)))
    flare = float(np.clip(1.0 - signalling[:window_days].min(initial=1.0), 0.0, 1.0))
    return SideEffects(np.array(hours), night_mean, vivid, rise,
                       float(vivid.mean()) if vivid.size else float(params.vivid_dreams_placebo_fraction),
                       headache, flare)
