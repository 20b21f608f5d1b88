r"""Endorphin rebound: the body's answer to opioid-receptor blockade (a hypothesis).

Mechanism
---------
Endogenous opioids (β-endorphin) are released with a daily rhythm that peaks in the
morning. They signal through mu receptors that the drug leaves free. Blockade takes
signal away; cells answer slowly by making more endorphin and more receptors
("up-regulation", seen in mice under both intermittent and continuous blockade).
In the hours when the drug no longer blocks, the up-regulated system signals *more*
than before treatment: the rebound.

.. math::

    \bar o(t) &= \text{blockade averaged over } \tau:\ \dot{\bar o} = (o - \bar o)/\tau \\
    \text{endorphin\_tone} &= r(t)\,(1 + g_e\,\bar o),\qquad
    r(t) = 1 + a\cos\!\big(2\pi (t - t_{peak}) / 24\big) \\
    \text{receptor\_density} &= 1 + g_r\,\bar o \\
    \text{opioid\_signaling} &= \text{endorphin\_tone}\times\text{receptor\_density}\times(1 - o)

The up-regulation responds to the signal the drug removes (the blockade ``o``).
All quantities are relative to the untreated daily mean (1.0).

Consequences: with full blockade for a fraction ``f`` of each day, the mean signal is
about :math:`(1 + g_e f)(1 + g_r f)(1 - f)` — above 1 for a few hours a day with the
default gains; with blockade near 100 % around the clock it stays far below 1 although
up-regulation is largest. With *partial* blockade around the clock the answer depends on
how much is blocked: the notebook shows it.

Evidence level
--------------
The daily rhythm is measured (serum β-endorphin in 7 men, Iranmanesh 1989). The gains and the time
constant are **illustrative**: no human measurement of an endorphin or receptor rise after
LDN is in reach; the mouse studies show direction, not size.

Not modelled
------------
A homeostat that also down-regulates when signalling is above normal (such a controller
would remove any rebound from the daily mean), tolerance, pulsatile release, kappa/delta
receptors, and any difference between plasma and brain endorphin.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..core.linear import check_time_course, first_order_lag
from ..core.patients import as_column
from ..core.sources import check_fields, sourced

__all__ = ["ReboundParameters", "Rebound", "rebound_from_blockade", "endorphin_rhythm", "square_wave"]


@dataclass(frozen=True, kw_only=True)
class ReboundParameters:
    """Endogenous opioid system and its up-regulation (gains and time constant illustrative)."""

    rhythm_amplitude_fraction: float = sourced(
        0.23, "iranmanesh_1989", "circadian amplitude / 24-h mean of serum β-endorphin = 6 / 26 pg/mL")
    rhythm_peak_clock_h: float = sourced(10.72, "iranmanesh_1989", "acrophase ≈ 10:43")
    release_gain: float = sourced(
        1.0, "illustrative", "extra endorphin release per unit of averaged blockade (direction from mice)")
    receptor_gain: float = sourced(
        1.0, "illustrative", "extra receptor density per unit of averaged blockade (mice: receptors up)")
    upregulation_time_constant_h: float = sourced(
        72.0, "illustrative", "time constant of up-regulation and its decay (days in mice)")

    def __post_init__(self) -> None:
        check_fields(self, {
            "rhythm_amplitude_fraction": (0.0, 0.99, "closed"),
            "rhythm_peak_clock_h": (0.0, 24.0, "closed"),
            "release_gain": (0.0, 100.0, "closed"),
            "receptor_gain": (0.0, 100.0, "closed"),
            "upregulation_time_constant_h": (0.01, 1e5, "closed"),
        })


class Rebound(NamedTuple):
    """Outputs of :func:`rebound_from_blockade`, relative to the untreated daily mean (1.0)."""

    endorphin_tone: np.ndarray
    receptor_density: np.ndarray
    opioid_signaling: np.ndarray


def endorphin_rhythm(t_h: np.ndarray, params: ReboundParameters) -> np.ndarray:
    """Untreated endorphin release relative to its daily mean: a cosine peaking at ``rhythm_peak_clock_h``.

    Parameters
    ----------
    t_h : array_like, shape (N,)
        Hours since midnight before day 1 (clock time ``t_h % 24``).
    params : ReboundParameters
        ``rhythm_amplitude_fraction`` (0–0.99, relative to the mean) and ``rhythm_peak_clock_h`` (clock
        hour of the peak, 0–24); scalars or arrays of shape ``(n_patients,)``.

    Returns
    -------
    ndarray, shape (N,) or (n_patients, N)
        Release relative to the untreated daily mean (dimensionless); its mean over whole days is exactly 1.
    """
    amplitude = as_column(params.rhythm_amplitude_fraction)
    peak = as_column(params.rhythm_peak_clock_h)
    return 1.0 + amplitude * np.cos(2.0 * math.pi * (np.asarray(t_h) - peak) / 24.0)


def rebound_from_blockade(t_h, mor_occupancy, params: ReboundParameters | None = None) -> Rebound:
    """Endorphin tone and net endogenous opioid signalling for any blockade time course.

    Parameters
    ----------
    t_h : array_like, shape (N,)
        Uniform time grid, hours; clock time is ``t_h % 24``. The system starts untreated.
    mor_occupancy : array_like, shape (N,) or (n_patients, N)
        Fraction (0–1) of mu receptors blocked by the drug on that grid: from
        :func:`ldnmodels.simulate` or made up (e.g. a square wave of a few hours a day).
    params : ReboundParameters, optional
        Default: the sourced rhythm and illustrative gains.

    Returns
    -------
    Rebound
        ``endorphin_tone``, ``receptor_density`` and ``opioid_signaling``, relative to untreated (1.0).

    Examples
    --------
    >>> t = np.arange(0, 24 * 28, 0.1)
    >>> few_hours = ((t % 24) < 5).astype(float)          # fully blocked 00:00-05:00 every day
    >>> late = t >= 24 * 21
    >>> float(rebound_from_blockade(t, few_hours).opioid_signaling[late].mean()) > 1.0
    True
    >>> float(rebound_from_blockade(t, np.full_like(t, 0.97)).opioid_signaling[late].mean()) < 0.5
    True
    """
    params = ReboundParameters() if params is None else params
    t_h, occupancy, step_h = check_time_course(t_h, mor_occupancy, "mor_occupancy", low=0.0, high=1.0)
    averaged = first_order_lag(occupancy, 1.0 / np.asarray(params.upregulation_time_constant_h, dtype=float), step_h)
    tone = endorphin_rhythm(t_h, params) * (1.0 + as_column(params.release_gain) * averaged)
    density = 1.0 + as_column(params.receptor_gain) * averaged
    return Rebound(tone, np.broadcast_to(density, tone.shape).copy(), tone * density * (1.0 - occupancy))


def square_wave(t_h, hours_per_day: float, start_clock_h: float = 21.0, level: float = 1.0,
                first_h: float = 0.0) -> np.ndarray:
    """A blockade of ``level`` for ``hours_per_day`` hours from ``start_clock_h`` each day, from ``first_h`` on.

    The picture the rebound theory assumes (mouse LDN: 4–6 h a day).

    Parameters
    ----------
    t_h : array_like, shape (N,)
        Time grid, h since midnight before day 1 (clock time ``t_h % 24``).
    hours_per_day : float
        Hours of blockade each day, in [0, 24].
    start_clock_h : float, default 21.0
        Clock time at which each day's blockade begins, h in [0, 24); it may run past midnight.
    level : float, default 1.0
        Blocked fraction while on, 0–1.
    first_h : float, default 0.0
        No blockade before this time, h.

    Returns
    -------
    ndarray, shape (N,)
        Mu-receptor blockade, fraction 0–1 (``level`` or 0), e.g. for
        :func:`ldnmodels.model.simulation.with_mechanisms` or :func:`rebound_from_blockade`.

    Examples
    --------
    >>> square_wave(np.arange(0, 48, 6.0), hours_per_day=6, start_clock_h=0.0).tolist()
    [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    """
    if not (0.0 <= hours_per_day <= 24.0):
        raise ValueError(f"hours_per_day must be in [0, 24], got {hours_per_day}")
    if not (0.0 <= start_clock_h < 24.0):
        raise ValueError(f"start_clock_h must be in [0, 24), got {start_clock_h}")
    if not (0.0 <= level <= 1.0):
        raise ValueError(f"level must be in [0, 1], got {level}")
    t_h = np.asarray(t_h, dtype=float)
    on = (((t_h - start_clock_h) % 24.0) < hours_per_day) & (t_h >= first_h)
    return np.where(on, level, 0.0)
