"""How long after the last dose blockade falls below a level: the model's side of "stop LDN before surgery".

Guidance on stopping naltrexone before surgery or planned opioid analgesia varies (24–48 h in the Australian
Therapeutic Guidelines, 3 days in Australasian Anaesthesia 2023); a 2024 scoping review found that every guideline
says to stop it whatever the dose, and that none was built on data from low doses (Goel et al. 2024). What the
kit can add is the receptor side: after weeks of daily dosing, how many hours until blockade falls below a level,
under each receptor structure that fits the PET data. How much residual blockade matters for opioid analgesia has
not been measured: the levels are for comparison, not thresholds of safety.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core.validation import number, whole
from ..model.regimen import Regimen
from ..model.simulation import simulate
from ..model.structures import acceptable_structures, structure_named

__all__ = ["StopRow", "hours_until_below"]

#: Simulation grid after the last dose, h.
STEP_H = 0.1


class StopRow(NamedTuple):
    """Hours from the last dose until blockade first falls below ``level`` (and stays below)."""

    structure: str
    dose_mg: float            #: daily dose, mg naltrexone HCl
    level: float              #: blockade level, fraction 0–1
    mor_hours: float          #: mu receptors, h after the last dose (inf: not within the horizon)
    kor_hours: float          #: kappa receptors, h after the last dose


def _hours_below(t_h: np.ndarray, values: np.ndarray, start_h: float, level: float) -> float:
    """Hours after ``start_h`` until ``values`` falls below ``level`` for good (0 if already below)."""
    after = t_h >= start_h
    above = np.flatnonzero(values[after] >= level)
    if above.size == 0:
        return 0.0
    last = above[-1]
    if last == np.count_nonzero(after) - 1:
        return float("inf")
    return float(t_h[after][last + 1] - start_h)


def hours_until_below(doses_mg=(4.5, 50.0), levels=(0.5, 0.2, 0.1), days: int = 28, clock_h: float = 21.0,
                      horizon_h: float = 14 * 24.0, structures=None) -> list[StopRow]:
    """Hours from the last of ``days`` daily doses until mu and kappa blockade fall below each level.

    Parameters
    ----------
    doses_mg : sequence of float
        Daily doses, mg naltrexone HCl, each in (0, 1000].
    levels : sequence of float
        Blockade levels, fractions in (0, 1).
    days : int, default 28
        Days of daily dosing before stopping, 1 to 365.
    clock_h : float, default 21.0
        Clock time of each dose, h (0–24).
    horizon_h : float, default 336
        How long after the last dose to follow, h (24 to 2000); a level not reached by then gives ``inf``.
    structures : sequence of str, optional
        Receptor structures by name; default: every structure that fits the PET data.

    Returns
    -------
    list of StopRow
        One row per structure, dose and level (in that order).
    """
    days = whole(days, "days", 1, 365)
    horizon_h = number(horizon_h, "horizon_h", 24.0, 2000.0)
    levels = [number(level, "level", 0.0, 1.0, closed_low=False, closed_high=False) for level in levels]
    rows = []
    for name in structures or acceptable_structures():
        receptor = structure_named(name)
        for dose in doses_mg:
            regimen = Regimen.daily(float(dose), days=days, clock_h=clock_h)
            last_h = max(regimen.times_h)
            res = simulate(regimen, hours=last_h + horizon_h, step_h=STEP_H, receptor=receptor)
            for level in levels:
                rows.append(StopRow(name, float(dose), level, _hours_below(res.t_h, res.mor_occupancy, last_h, level),
                                    _hours_below(res.t_h, res.kor_occupancy, last_h, level)))
    return rows
