"""The decisive PET scans (notebook 02): how well one scan during daily LDN, several volunteers, or two scans after
one dose would tell the receptor structures that fit apart, and the chance of picking the wrong one."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.special import ndtr  # the standard normal's distribution function

from ..model.regimen import Regimen
from . import fitting
from .ensembles import Ensemble, ScanTimes, ensemble, scan_time_separation

__all__ = ["wrong_pick_probability", "scan_levels", "scan_power", "RiseTest", "rise_test", "format_scan_power",
           "format_rise_test"]


def wrong_pick_probability(separation: float) -> float:
    """Chance of picking the wrong structure, Φ(−z/2), when the measurement lands beyond the midpoint.

    Parameters
    ----------
    separation : float
        z, the difference between two predictions in units of the measurement's combined uncertainty.

    Returns
    -------
    float
        Probability (0–0.5).
    """
    return float(ndtr(-separation / 2))


def scan_levels(scan: ScanTimes, hours_after_dose=(0, 6, 12, 18)) -> list[dict]:
    """Each structure's blockade and the separation at chosen hours after the daily dose.

    Parameters
    ----------
    scan : ScanTimes
        From :func:`ldnmodels.analyses.ensembles.scan_time_separation`.
    hours_after_dose : sequence of float
        Scan times after the dose, h (the nearest grid point is read).

    Returns
    -------
    list of dict
        ``hours_after_dose``, ``share_blocked`` (``{structure: fraction}``) and ``separation`` (units of uncertainty).
    """
    rows = []
    for hours in hours_after_dose:
        at = int(np.argmin(np.abs(scan.hours_after_dose - hours)))
        rows.append({"hours_after_dose": hours, "separation": float(scan.separation[at]),
                     "share_blocked": {name: float(curve[at]) for name, curve in scan.by_structure.items()}})
    return rows


def scan_power(result_ensemble: Ensemble, dose_clock_h: float, volunteers=(1, 2, 3, 4, 8, 1000),
               measurement_sd: float | None = None) -> list[dict]:
    """How the best scan time's separation grows with the number of volunteers whose scans are averaged.

    Averaging n scans shrinks the scan scatter like 1/√n but not the structures' own spread over their draws.

    Parameters
    ----------
    result_ensemble : Ensemble
        A daily regimen through at least two structures, with draws.
    dose_clock_h : float
        Clock time of the daily dose, h.
    volunteers : sequence of int
        Numbers of volunteers scanned.
    measurement_sd : float, optional
        One scan's scatter as a fraction; default ``fitting.PET_SD_FRACTION``.

    Returns
    -------
    list of dict
        ``volunteers``, ``separation`` (the largest over the day), ``wrong_pick_probability`` and
        ``naive_separation`` (one volunteer's separation × √n, which ignores the structures' spread).
    """
    sd = fitting.PET_SD_FRACTION if measurement_sd is None else measurement_sd
    z_one = float(scan_time_separation(result_ensemble, dose_clock_h, sd).separation.max())
    rows = []
    for n in volunteers:
        z = float(scan_time_separation(result_ensemble, dose_clock_h, sd / np.sqrt(n)).separation.max())
        rows.append({"volunteers": n, "separation": z, "wrong_pick_probability": wrong_pick_probability(z),
                     "naive_separation": float(z_one * np.sqrt(n))})
    return rows


class RiseTest(NamedTuple):
    """Two scans in one person after one dose: the rise of blockade between them, by structure."""

    dose_mg: float
    first_scan_h: float
    second_scan_h: float
    by_structure: list  #: ``structure``, ``rise_points`` (point fit), ``lowest_``/``highest_rise_points`` (with draws)
    separation: float   #: largest point-fit difference / sqrt(2 scans' scatter² + both structures' spread²)
    wrong_pick_probability: float


def rise_test(dose_mg: float = 5.0, first_scan_h: float = 1.0, second_scan_h: float = 8.0, n_draws: int = 8,
              measurement_sd: float | None = None) -> RiseTest:
    """How well the rise of blockade between two scans after one dose tells the structures that fit apart.

    Parameters
    ----------
    dose_mg : float, default 5.0
        mg naltrexone HCl.
    first_scan_h, second_scan_h : float
        Scan times after the dose, h.
    n_draws : int, default 8
        Bootstrap draws per structure.
    measurement_sd : float, optional
        One scan's scatter as a fraction, each scan carrying it in full; default ``fitting.PET_SD_FRACTION``.

    Returns
    -------
    RiseTest
        Rises in percentage points, separation in units of uncertainty.
    """
    sd = fitting.PET_SD_FRACTION if measurement_sd is None else measurement_sd
    single = ensemble(Regimen.single(dose_mg), hours=max(24.0, second_scan_h), step_h=0.1, n_draws=n_draws)
    first, second = (int(np.argmin(np.abs(single.t_h - h))) for h in (first_scan_h, second_scan_h))
    rises = {name: np.atleast_2d(res.mor_occupancy)[:, second] - np.atleast_2d(res.mor_occupancy)[:, first]
             for name, res in single.members.items()}
    names, z = list(rises), 0.0
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            spread = np.sqrt(2 * sd ** 2 + rises[a].std() ** 2 + rises[b].std() ** 2)
            z = max(z, float(abs(rises[a][0] - rises[b][0]) / spread))
    rows = [{"structure": name, "rise_points": float(100 * rise[0]), "lowest_rise_points": float(100 * rise.min()),
             "highest_rise_points": float(100 * rise.max())} for name, rise in rises.items()]
    return RiseTest(dose_mg, first_scan_h, second_scan_h, rows, z, wrong_pick_probability(z))


def format_scan_power(levels: list[dict], power: list[dict]) -> str:
    """:func:`scan_levels` (one line per scan time), then :func:`scan_power` as a table.

    Parameters
    ----------
    levels, power : list of dict
        Rows of :func:`scan_levels` (whole hours after the dose) and of :func:`scan_power`.

    Returns
    -------
    str
        Shares blocked and wrong-pick probabilities in %, separations in units of the combined uncertainty.
    """
    lines = [f"{r['hours_after_dose']:2d} h after the dose: " + ", ".join(
        f"{name} {v:.0%}" for name, v in r["share_blocked"].items()) + f"; separation {r['separation']:.1f}"
        for r in levels]
    lines.append("volunteers   separation (structures' own uncertainty kept)   wrong pick   naive separation × √n")
    lines += [f"{r['volunteers']:10d}   {r['separation']:43.1f}   {r['wrong_pick_probability']:10.1%}   "
              f"{r['naive_separation']:21.1f}" for r in power]
    return "\n".join(lines)


def format_rise_test(course: list[dict], test: RiseTest) -> str:
    """The time course after one dose (rows of :func:`.receptor_evidence.blockade_after_one_dose`), one line per
    structure, then :func:`rise_test`: the rise in each structure and the separation.

    Parameters
    ----------
    course, test : list of dict, RiseTest
        Rows of one dose at whole hours after it, and :func:`rise_test` (normally of the same dose).

    Returns
    -------
    str
        Shares blocked in %, rises in percentage points, separation in units of the combined uncertainty.
    """
    lines = [f"one {course[0]['dose_mg']:g} mg dose, share blocked at "
             + "  ".join(f"{r['hours_after_dose']:4d} h" for r in course)]
    lines += [f"  {name:28} " + "  ".join(f"{r['share_blocked'][name]:6.0%}" for r in course)
              for name in course[0]["share_blocked"]]
    lines += [f"  {r['structure']:10} rise from {test.first_scan_h:g} h to {test.second_scan_h:g} h: "
             f"{r['rise_points']:+.0f} points (bootstrap draws {r['lowest_rise_points']:+.0f} to "
             f"{r['highest_rise_points']:+.0f})" for r in test.by_structure]
    lines.append(f"two scans in one person: separation of the rise {test.separation:.1f} units, wrong pick "
                 f"{test.wrong_pick_probability:.0%}")
    return "\n".join(lines)
