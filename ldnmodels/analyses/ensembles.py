"""Ensembles of receptor structures: one regimen through every structure that fits and its bootstrap draws.

The band :meth:`Ensemble.band` gives is the envelope of those fits (lowest and highest member at each time), not a
probability interval; it leaves out between-person PK and brain entry.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..model.pharmacokinetics import PKParameters
from ..model.receptor import regimen_blockade
from ..model.regimen import Regimen
from ..model.simulation import simulate
from ..model.structures import STRUCTURES, acceptable_structures, structure_named, with_draws
from .fitting import PET_SD_FRACTION, dose_occupancy_curve

__all__ = ["Ensemble", "ensemble", "FitCurves", "fit_curves", "ScanTimes", "scan_time_separation"]


@dataclass(frozen=True)
class Ensemble:
    """Simulations of one regimen through several receptor structures and their parameter draws.

    Attributes
    ----------
    t_h : ndarray, shape (N,)
    members : dict
        ``{structure name: SimulationResult}`` whose arrays have shape ``(1 + n_draws, N)``; row 0 is
        the structure's point fit.
    """

    t_h: np.ndarray
    members: dict

    def band(self, output: str) -> tuple[np.ndarray, np.ndarray]:
        """Lowest and highest value of ``output`` over every member at each time (the envelope)."""
        stacked = np.concatenate([np.atleast_2d(getattr(result, output)) for result in self.members.values()])
        return stacked.min(axis=0), stacked.max(axis=0)

    def by_structure(self, output: str) -> dict[str, np.ndarray]:
        """Each structure's point-fit time course of ``output``."""
        return {name: np.atleast_2d(getattr(result, output))[0] for name, result in self.members.items()}


def ensemble(regimen, hours: float, step_h: float = 0.1, *, structures=None, n_draws: int = 8,
             **simulate_kwargs) -> Ensemble:
    """Run a regimen through several receptor structures, each with bootstrap parameter draws.

    Parameters
    ----------
    regimen : Regimen
    hours, step_h : float
        As for :func:`ldnmodels.simulate`.
    structures : sequence of str or "all", optional
        Default: the structures that fit acceptably (:func:`acceptable_structures`).
    n_draws : int, default 8
        Bootstrap draws per structure (0: point fits only).
    **simulate_kwargs
        Passed to :func:`ldnmodels.simulate` (``pk``, ``rebound``, ``opioid``, ...), not ``receptor``.

    Returns
    -------
    Ensemble
        One batched simulation per structure; :meth:`Ensemble.band` gives any output's band.
    """
    if "receptor" in simulate_kwargs:
        raise ValueError("ensemble chooses the receptor structures itself; pass structures=[...] instead of receptor")
    if structures is None:
        structures = acceptable_structures()
    elif structures == "all":
        structures = [cls.name for cls in STRUCTURES]
    if not structures:
        raise ValueError("structures must name at least one receptor structure")
    members = {name: simulate(regimen, hours, step_h, receptor=with_draws(name, n_draws), **simulate_kwargs)
               for name in structures}
    return Ensemble(next(iter(members.values())).t_h, members)


class FitCurves(NamedTuple):
    """One structure's predictions for the fitting targets' experiments, for figures."""

    doses_mg: np.ndarray          #: doses of the dose–occupancy curve
    pet_window: np.ndarray        #: mean occupancy 1–8 h after each dose
    t_h: np.ndarray               #: hours after 50 mg
    relative_blockade: np.ndarray  #: blockade after 50 mg relative to its value 1 h after the dose


def fit_curves(names=None, doses_mg=None) -> dict[str, FitCurves]:
    """Dose–occupancy curves and the week after 50 mg for each structure (default: all), at the default PK.

    Parameters
    ----------
    names : sequence of str, optional
        Structure names (:data:`ldnmodels.model.structures.STRUCTURES`); default every structure.
    doses_mg : sequence of float, optional
        Single doses of the curve, mg naltrexone HCl; default 40 on a log grid from 0.5 to 100 mg.

    Returns
    -------
    dict
        ``{name: FitCurves}``: doses in mg, mean share blocked 1–8 h after each (fraction 0–1), hours after 50 mg
        (0–192 h, every 0.5 h) and blockade relative to its value 1 h after the dose (dimensionless).
    """
    pk = PKParameters()
    names = [cls.name for cls in STRUCTURES] if names is None else list(names)
    out = {}
    for name in names:
        receptor = structure_named(name)
        doses, window = dose_occupancy_curve(pk, receptor, doses_mg)
        step = 0.5
        t_h = np.arange(int(192 / step) + 1) * step
        blockade = regimen_blockade(Regimen.single(50.0), t_h.size, step, pk, receptor).mor_occupancy
        out[name] = FitCurves(doses, window, t_h, blockade / blockade[int(1.0 / step)])
    return out


class ScanTimes(NamedTuple):
    """How well a PET scan at each time after a daily dose would tell the structures apart."""

    hours_after_dose: np.ndarray  #: time of the scan after the day's dose, h
    by_structure: dict            #: each structure's point-fit blockade at those times
    separation: np.ndarray        #: largest difference between structures / combined uncertainty
    best_hours_after_dose: float  #: the scan time with the largest separation


def scan_time_separation(result_ensemble: Ensemble, dose_clock_h: float,
                         measurement_sd: float | None = None) -> ScanTimes:
    """Where in the dosing day a PET scan best separates the structures of an ensemble.

    The last whole day after the last dose time is read. Separation at each time: the largest
    difference between two structures' point fits, divided by the combined uncertainty of a
    scan and of those two structures' predictions (PET scatter :data:`ldnmodels.fitting.PET_SD_FRACTION`,
    and each structure's spread over its bootstrap draws).

    Parameters
    ----------
    result_ensemble : Ensemble
        A daily regimen through at least two structures, with draws.
    dose_clock_h : float
        Clock time of the daily dose, h.
    measurement_sd : float, optional
        One PET scan's scatter as a fraction (default: the fits' PET tolerance).

    Returns
    -------
    ScanTimes
        Times after the day's dose on the last whole day, h, shape ``(n,)``; each structure's point-fit blockade
        there (fraction 0–1); the separation (dimensionless, in combined SDs) and the best scan time, h.
    """
    if len(result_ensemble.members) < 2:
        raise ValueError("the ensemble must hold at least two structures to compare")
    sd = PET_SD_FRACTION if measurement_sd is None else measurement_sd
    t_h = result_ensemble.t_h
    start = dose_clock_h + 24.0 * math.floor((t_h[-1] - 24.0 - dose_clock_h) / 24.0)
    window = (t_h >= start - 1e-9) & (t_h < start + 24.0 - 1e-9)
    hours = t_h[window] - start
    curves, spreads = {}, {}
    for name, result in result_ensemble.members.items():
        members = np.atleast_2d(result.mor_occupancy)[:, window]
        curves[name] = members[0]
        spreads[name] = members.std(axis=0)
    names = list(curves)
    best = np.zeros(hours.size)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            z = np.abs(curves[a] - curves[b]) / np.sqrt(sd ** 2 + spreads[a] ** 2 + spreads[b] ** 2)
            best = np.maximum(best, z)
    return ScanTimes(hours, curves, best, float(hours[int(np.argmax(best))]))
