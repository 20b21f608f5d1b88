"""Ready-made comparisons that the notebooks show (so notebooks stay thin and tests can check them).

Each function runs :func:`ldnmodels.simulate` (or the mechanism stages on a made-up blockade)
and returns plain arrays or dicts of numbers.
"""
from __future__ import annotations

import numpy as np

from ..core.metrics import daily_means, hours_above_per_day, weeks_to_reduction
from ..model.endorphin import ReboundParameters, rebound_from_blockade, square_wave
from ..model.inflammation import InflammationParameters
from ..model.receptor import ReceptorStructure
from ..model.regimen import Regimen
from ..model.simulation import SimulationResult, simulate, with_mechanisms

__all__ = ["signaling_by_dose", "signaling_by_hours_blocked", "theory_blockade", "dose_summary"]


def signaling_by_dose(doses_mg, days: int = 28, level: float = 0.5,
                      rebound: ReboundParameters | None = None,
                      receptor: ReceptorStructure | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For daily doses at 21:00: hours per day above ``level`` blockade on the last day, and the
    mean net opioid signalling over the last week (untreated = 1), with a receptor structure (default: the
    default structure).

    Parameters
    ----------
    doses_mg : sequence of float
        Daily doses, mg naltrexone HCl, each in (0, 1000].
    days : int, default 28
        Days of daily dosing (1 to 3650), simulated every 0.1 h.
    level : float, default 0.5
        Blockade threshold, fraction 0–1 of the mu receptors blocked.
    rebound : ReboundParameters, optional
        Default: the sourced rhythm and illustrative gains.
    receptor : ReceptorStructure, optional
        Default: the default structure.

    Returns
    -------
    hours : ndarray, shape (n_doses,)
        Hours above ``level`` on the last day, h.
    signal : ndarray, shape (n_doses,)
        Mean net opioid signalling over the last 7 days, relative to untreated (1.0).
    """
    hours, signal = [], []
    for dose in doses_mg:
        res = simulate(Regimen.daily(float(dose), days=days), hours=24.0 * days, step_h=0.1, rebound=rebound,
                       receptor=receptor)
        hours.append(hours_above_per_day(res.t_h, res.mor_occupancy, level)[-1])
        signal.append(daily_means(res.t_h, res.opioid_signaling)[-7:].mean())
    return np.array(hours), np.array(signal)


def signaling_by_hours_blocked(hours_per_day, days: int = 28, level: float = 1.0,
                               rebound: ReboundParameters | None = None) -> np.ndarray:
    """Mean net opioid signalling over the last week for blockade of ``level`` lasting N hours a day.

    Parameters
    ----------
    hours_per_day : sequence of float
        Hours of blockade a day, each in [0, 24], starting at 21:00 (a made-up square wave, no pharmacokinetics).
    days : int, default 28
        Days simulated from untreated, every 0.1 h.
    level : float, default 1.0
        Share of mu receptors blocked while on, fraction 0–1.
    rebound : ReboundParameters, optional
        Default: the sourced rhythm and illustrative gains.

    Returns
    -------
    ndarray, shape (n_hours,)
        Mean net opioid signalling over the last 7 days per entry of ``hours_per_day``, relative to untreated (1.0).
    """
    t_h = np.arange(int(24 * days / 0.1) + 1) * 0.1
    out = []
    for hours in hours_per_day:
        signal = rebound_from_blockade(t_h, square_wave(t_h, float(hours), level=level), rebound).opioid_signaling
        out.append(daily_means(t_h, signal)[-7:].mean())
    return np.array(out)


def theory_blockade(result: SimulationResult, hours_per_day: float = 5.0) -> SimulationResult:
    """The same simulation with the blockade the rebound theory assumes: full blockade for
    ``hours_per_day`` hours after each dose time (mouse LDN: 4–6 h a day).

    Parameters
    ----------
    result : SimulationResult
        A simulation (:func:`ldnmodels.simulate`); the clock time of its first dose starts the blockade each day.
    hours_per_day : float, default 5.0
        Hours of full blockade a day, h, in [0, 24].

    Returns
    -------
    SimulationResult
        Plasma kept, ``mor_occupancy`` the square wave (0 or 1) and the downstream stages recomputed; ``result``
        itself when it has no dose.
    """
    if not result.regimen.times_h:
        return result
    clock_h = result.regimen.times_h[0] % 24.0
    wave = square_wave(result.t_h, hours_per_day, start_clock_h=clock_h, first_h=result.regimen.times_h[0])
    return with_mechanisms(result, mor_occupancy=wave)


def dose_summary(doses_mg=(1.5, 4.5, 50.0), weeks: int = 12,
                 inflammation: InflammationParameters | None = None,
                 receptor: ReceptorStructure | None = None) -> list[dict[str, float]]:
    """Per daily dose (at 21:00): what each mechanism shows after ``weeks`` weeks, with a receptor structure
    (default: the default structure).

    Keys: ``dose_mg``, ``hours_above_50``, ``net_signaling`` (mean of the last week),
    ``tlr4_inhibition_peak``, ``tlr4_inhibition_mean``, ``sensitization_end``, ``pain_last_week``,
    ``weeks_to_30`` (``inf`` if not reached), and the same three pain numbers with the theory's
    blockade (``theory_net_signaling``, ``theory_pain_last_week``, ``theory_weeks_to_30``).

    Parameters
    ----------
    doses_mg : sequence of float, default (1.5, 4.5, 50.0)
        Daily doses, mg naltrexone HCl, each in (0, 1000].
    weeks : int, default 12
        Weeks of daily dosing simulated, every 0.1 h.
    inflammation : InflammationParameters, optional
        Default: the defaults (microglial potency calibrated to the trials).
    receptor : ReceptorStructure, optional
        Default: the default structure.

    Returns
    -------
    list of dict
        One per dose. ``hours_above_50``: h above 50 % blockade on the last day; ``net_signaling``: relative to
        untreated (1.0); ``tlr4_inhibition_*``: fractions 0–1; ``sensitization_end``: relative to untreated
        fibromyalgia (1.0); ``pain_last_week``: points on the 0–10 scale; ``weeks_to_30``: weeks until a daily mean
        is 30 % below the baseline pain; theory columns the same.
    """
    rows = []
    for dose in doses_mg:
        res = simulate(Regimen.daily(float(dose), days=7 * weeks), hours=168.0 * weeks, step_h=0.1,
                       inflammation=inflammation, receptor=receptor)
        theory = theory_blockade(res)
        baseline = res.symptoms.baseline_pain_nrs
        rows.append({
            "dose_mg": float(dose),
            "hours_above_50": float(hours_above_per_day(res.t_h, res.mor_occupancy, 0.5)[-1]),
            "net_signaling": float(daily_means(res.t_h, res.opioid_signaling)[-7:].mean()),
            "tlr4_inhibition_peak": float(res.tlr4_inhibition.max()),
            "tlr4_inhibition_mean": float(res.tlr4_inhibition.mean()),
            "sensitization_end": float(res.sensitization[-1]),
            "pain_last_week": float(daily_means(res.t_h, res.pain_nrs)[-7:].mean()),
            "weeks_to_30": weeks_to_reduction(res.t_h, res.pain_nrs, 0.3, baseline=baseline),
            "theory_net_signaling": float(daily_means(theory.t_h, theory.opioid_signaling)[-7:].mean()),
            "theory_pain_last_week": float(daily_means(theory.t_h, theory.pain_nrs)[-7:].mean()),
            "theory_weeks_to_30": weeks_to_reduction(theory.t_h, theory.pain_nrs, 0.3, baseline=baseline),
        })
    return rows
