r"""Receptor structures side by side: the fitted set, their comparison, and ensemble bands.

The published data (PET within 8 h of one dose; the decline of blockade after 50 mg; the
label plasma values) do not pin down one model of how naltrexone blocks brain mu receptors.
Five structures are fitted by the same code to the same targets
(:func:`ldnmodels.fitting.fit_structure`):

========  ===============================================  ======================================
name      structure                                         module
========  ===============================================  ======================================
direct    occupancy follows plasma                          :mod:`ldnmodels.receptor`
biophase  a slow effect compartment                         :mod:`ldnmodels.receptor`
binding   slow association / dissociation at the receptor   :mod:`ldnmodels.receptor_binding`
tissue    a slow tissue phase of plasma, direct blockade    :mod:`ldnmodels.receptor_tissue`
two_phase a fast phase plus a slow brain pool               :mod:`ldnmodels.receptor_two_phase`
========  ===============================================  ======================================

``scripts/fit_parameters.py`` writes ``ldnmodels/data/receptor_comparison.csv`` (errors, an
information criterion and the daily-LDN predictions of each) and
``ldnmodels/data/receptor_draws.csv`` (bootstrap refits over the PET scans and the Lee points:
the parameter uncertainty). :func:`ensemble` runs a regimen through several structures and
their draws at once and gives the band of every output.

Adding a structure means adding its parameter class (with ``linear_system`` and ``blockade``)
to :data:`STRUCTURES` and rerunning the fit script; nothing downstream changes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from . import data
from .receptor import DirectReceptorParameters, ReceptorParameters
from .receptor_binding import BindingReceptorParameters
from .receptor_tissue import TissueReceptorParameters
from .receptor_two_phase import TwoPhaseReceptorParameters

__all__ = ["STRUCTURES", "DEFAULT_STRUCTURE", "ACCEPTABLE_P_VALUE", "receptor_structures", "default_receptor",
           "structure_named", "structure_name", "comparison", "comparison_markdown", "acceptable_structures",
           "with_draws", "Ensemble", "ensemble", "FitCurves", "fit_curves", "ScanTimes", "scan_time_separation"]

#: Every receptor structure, in the order tables list them.
STRUCTURES = (DirectReceptorParameters, ReceptorParameters, BindingReceptorParameters, TissueReceptorParameters,
              TwoPhaseReceptorParameters)
#: The structure the data support best (lowest AICc in the shipped comparison; a test checks it).
DEFAULT_STRUCTURE = "two_phase"
#: A structure "fits acceptably" when its chi-square goodness-of-fit p-value is at least this.
ACCEPTABLE_P_VALUE = 0.01


def receptor_structures() -> dict:
    """``{name: fitted parameters}`` for every structure (each accepted by ``simulate(receptor=...)``).

    Examples
    --------
    >>> sorted(receptor_structures())
    ['binding', 'biophase', 'direct', 'tissue', 'two_phase']
    """
    return {cls.name: cls() for cls in STRUCTURES}


def default_receptor():
    """The default structure's fitted parameters (what :func:`ldnmodels.simulate` uses)."""
    return structure_named(DEFAULT_STRUCTURE)


def structure_named(name: str):
    """The fitted parameters of the structure called ``name``."""
    found = receptor_structures()
    if name not in found:
        raise ValueError(f"receptor structure must be one of {sorted(found)}, got {name!r}")
    return found[name]


def structure_name(receptor) -> str:
    """The name of a parameter set's structure (``ReceptorParameters`` with ``ke0_per_h=inf`` is 'direct')."""
    if isinstance(receptor, ReceptorParameters) and receptor.is_direct:
        return "direct"
    return type(receptor).name


def comparison() -> list[dict]:
    """The structure comparison written by ``scripts/fit_parameters.py`` (one dict per structure).

    Numbers are floats; ``fits_acceptably`` is a bool.
    """
    out = []
    for row in data.rows("receptor_comparison.csv"):
        parsed = {}
        for key, value in row.items():
            try:
                parsed[key] = float(value)
            except ValueError:
                parsed[key] = value
        parsed["fits_acceptably"] = row["fits_acceptably"] == "yes"
        out.append(parsed)
    return out


def acceptable_structures() -> list[str]:
    """Names of the structures whose fit is acceptable (p ≥ :data:`ACCEPTABLE_P_VALUE`), best first."""
    rows = sorted(comparison(), key=lambda r: r["aicc"])
    return [r["structure"] for r in rows if r["fits_acceptably"]]


def comparison_markdown() -> str:
    """The structure comparison as a Markdown table (for notebooks)."""
    lines = ["| structure | fitted parameters [2.5–97.5 % of the bootstrap refits] | PET RMS error | decline after 50 mg: "
             "168 h / 48 h | 50 mg at 4 h | χ² (n) | ΔAICc | fits? | daily 4.5 mg: trough – peak | "
             "h/day > 50 % | h/day > 80 % | validation criteria |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in comparison():
        lines.append(
            f"| **{r['structure']}** ({r['description']}) | {r['parameters']} | {r['pet_rms_points']:.0f} points | "
            f"{r['ratio_168_48']:.2f} | {r['at_4_h']:.0%} | {r['chi_square']:.0f} ({r['n_data']:.0f}) | "
            f"{r['delta_aicc']:.0f} | {'yes' if r['fits_acceptably'] else 'no'} | "
            f"{r['ldn_trough']:.0%} – {r['ldn_peak']:.0%} | {r['ldn_hours_above_50']:.0f} | "
            f"{r['ldn_hours_above_80']:.0f} | {r['validation']} |")
    lines.append("")
    lines.append("Targets: PET 2–50 mg within 8 h (Rabiner 2011); blockade at 48–168 h relative to 1 h after 50 mg "
                 "(Lee 1988; observed 168 h / 48 h = 0.33); at least 90 % blockade 3 h after 50 mg; label plasma "
                 f"values. 'Fits' means χ² goodness-of-fit p ≥ {ACCEPTABLE_P_VALUE}. Daily 4.5 mg at 21:00, day 14.")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _draw_rows() -> tuple:
    return tuple(data.rows("receptor_draws.csv"))


def with_draws(name: str, n_draws: int | None = None):
    """A structure's point fit followed by ``n_draws`` bootstrap refits, as parameter arrays.

    Parameters
    ----------
    name : str
        A structure name.
    n_draws : int, optional
        How many bootstrap draws to append (default all shipped); 0 gives the point fit alone.

    Returns
    -------
    parameter set
        Fitted fields are arrays of shape ``(1 + n_draws,)``; member 0 is the point fit.
    """
    base = structure_named(name)
    rows = [r for r in _draw_rows() if r["structure"] == name]
    available = max((int(r["draw"]) for r in rows), default=0)
    n_draws = available if n_draws is None else n_draws
    if not (isinstance(n_draws, (int, np.integer)) and 0 <= n_draws <= available):
        raise ValueError(f"n_draws must be a whole number from 0 to {available}, got {n_draws!r}")
    values = {}
    for field in type(base).fitted_fields:
        drawn = {int(r["draw"]): float(r["value"]) for r in rows if r["field"] == field}
        values[field] = np.array([float(getattr(base, field))] + [drawn[k] for k in range(1, n_draws + 1)])
    return replace(base, **values)


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
    from .simulation import simulate

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
    """Dose–occupancy curves and the week after 50 mg for each structure (default: all)."""
    from .fitting import dose_occupancy_curve
    from .pharmacokinetics import PKParameters
    from .receptor import regimen_blockade
    from .regimen import Regimen

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
    """
    from .fitting import PET_SD_FRACTION

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
