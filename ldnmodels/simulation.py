"""``simulate()``: compose regimen → plasma → receptor blockade into one result.

This module composes the stages and does nothing else; each stage lives in its own module.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .pharmacokinetics import PKParameters, plasma_concentrations
from .receptor import ReceptorParameters, regimen_blockade
from .regimen import Regimen

__all__ = ["simulate", "SimulationResult", "MAX_POINTS", "MAX_HOURS"]

#: Largest time grid accepted (points); about 100 MB of result arrays for one patient.
MAX_POINTS = 2_000_000
#: Longest simulation accepted, hours (ten years).
MAX_HOURS = 24.0 * 3650


@dataclass(frozen=True)
class SimulationResult:
    """Arrays of one simulation, named with units. Time is the last axis.

    Attributes
    ----------
    t_h : ndarray, shape (N,)
        Hours since midnight before the first dosing day.
    naltrexone_ng_ml, naltrexol_ng_ml : ndarray, shape (N,) or (n_patients, N)
        Plasma naltrexone (free base) and 6β-naltrexol, ng/mL.
    mor_occupancy : ndarray
        Fraction (0–1) of brain mu-opioid receptors blocked.
    naltrexone_biophase_nm, naltrexol_biophase_nm : ndarray
        Concentrations in the slow biophase that drives blockade, nM.
    regimen, pk, receptor :
        The inputs, so a result documents itself.
    """

    t_h: np.ndarray
    naltrexone_ng_ml: np.ndarray
    naltrexol_ng_ml: np.ndarray
    mor_occupancy: np.ndarray
    naltrexone_biophase_nm: np.ndarray
    naltrexol_biophase_nm: np.ndarray
    regimen: Regimen = field(repr=False)
    pk: PKParameters = field(repr=False)
    receptor: ReceptorParameters = field(repr=False)

    @property
    def step_h(self) -> float:
        """Grid spacing, h."""
        return float(self.t_h[1] - self.t_h[0]) if self.t_h.size > 1 else 0.0

    @property
    def clock_h(self) -> np.ndarray:
        """Clock time of each grid point, hours in [0, 24)."""
        return self.t_h % 24.0


def simulate(regimen: Regimen, hours: float, step_h: float = 0.1, *,
             pk: PKParameters | None = None,
             receptor: ReceptorParameters | None = None) -> SimulationResult:
    """Simulate plasma levels and mu-receptor blockade for a regimen.

    Parameters
    ----------
    regimen : Regimen
        Doses of naltrexone HCl.
    hours : float
        Length of the simulation, h, in (0, 87600].
    step_h : float, default 0.1
        Output grid spacing, h, in (0, hours]. Results do not depend on it beyond
        rounding: every stage here is linear and solved exactly.
    pk : PKParameters, optional
        Pharmacokinetic parameters; default: the sourced values.
    receptor : ReceptorParameters, optional
        Receptor parameters; default: the sourced and fitted values.

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> res = simulate(Regimen.daily(4.5, days=28, clock_h=21.0), hours=28 * 24, step_h=0.1)
    >>> res.t_h.shape == res.mor_occupancy.shape
    True
    """
    if not isinstance(regimen, Regimen):
        raise TypeError(f"regimen must be a Regimen, got {type(regimen).__name__}")
    hours = _positive_number(hours, "hours", MAX_HOURS)
    step_h = _positive_number(step_h, "step_h", hours)
    n_points = int(math.floor(hours / step_h + 1e-9)) + 1
    if n_points > MAX_POINTS:
        raise ValueError(f"hours / step_h gives {n_points} time points; at most {MAX_POINTS} are "
                         f"allowed (use a larger step_h, at least {hours / (MAX_POINTS - 1):.3g} h)")
    pk = PKParameters() if pk is None else pk
    receptor = ReceptorParameters() if receptor is None else receptor

    naltrexone, naltrexol = plasma_concentrations(regimen, n_points, step_h, pk)
    blockade = regimen_blockade(regimen, n_points, step_h, pk, receptor)
    arrays = [np.arange(n_points) * step_h, naltrexone, naltrexol, *blockade]
    for array in arrays:
        array.flags.writeable = False
    return SimulationResult(*arrays, regimen=regimen, pk=pk, receptor=receptor)


def _positive_number(value, name: str, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number in (0, {high:g}], got {value!r}")
    value = float(value)
    if not (math.isfinite(value) and 0.0 < value <= high):
        raise ValueError(f"{name} must be > 0 and <= {high:g}, got {value}")
    return value
