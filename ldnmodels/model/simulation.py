"""``simulate()``: compose regimen → plasma → receptor blockade → mechanisms → symptoms.

This module composes the stages and does nothing else; each stage lives in its own module.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import field
from typing import NamedTuple

import numpy as np

from ..core.outputs import OUTPUTS
from ..core.outputs import names as output_names
from ..core.patients import patient_count
from ..core.threads import single_threaded_blas
from ..core.validation import number
from .endorphin import ReboundParameters, rebound_from_blockade
from .inflammation import InflammationParameters, inflammation_from_plasma
from .kappa import kor_occupancy
from .opioids import OpioidCoMedication, agonist_ratio
from .pharmacokinetics import PKParameters
from .receptor import ReceptorStructure, solve_upstream
from .regimen import Regimen
from .structures import default_receptor, structure_named
from .symptoms import SymptomParameters, pain_from_mechanisms

__all__ = ["simulate", "SimulationResult", "Mechanisms", "mechanisms", "with_mechanisms", "MAX_POINTS", "MAX_HOURS",
           "MAX_PATIENT_POINTS"]

#: Largest time grid accepted (points); about 100 MB of result arrays for one patient.
MAX_POINTS = 2_000_000
#: Largest patients × time points one call of :func:`simulate` accepts (about 0.7 GB of arrays).
MAX_PATIENT_POINTS = 3_000_000
#: Longest simulation accepted, hours (ten years).
MAX_HOURS = 24.0 * 3650


class _ResultMethods:
    """Derived quantities of every :class:`SimulationResult`."""

    @property
    def step_h(self) -> float:
        """Grid spacing, h."""
        return float(self.t_h[1] - self.t_h[0]) if self.t_h.size > 1 else 0.0

    @property
    def clock_h(self) -> np.ndarray:
        """Clock time of each grid point, hours in [0, 24)."""
        return self.t_h % 24.0


def _result_docstring() -> str:
    lines = ["Arrays of one simulation, named with units. Time is the last axis.", "",
             "Built from :data:`ldnmodels.core.outputs.OUTPUTS` (one row per output).", "", "Attributes", "----------",
             "t_h : ndarray, shape (N,)", "    Hours since midnight before the first dosing day."]
    for row in OUTPUTS:
        lines += [f"{row.name} : ndarray, shape (N,) or (n_patients, N)", f"    {row.description[0].upper()}"
                  f"{row.description[1:]}."]
    lines += ["regimen, pk, receptor, rebound, inflammation, symptoms, opioid :",
              "    The inputs, so a result documents itself."]
    return "\n".join(lines)


SimulationResult = dataclasses.make_dataclass(
    "SimulationResult",
    [("t_h", np.ndarray)] + [(row.name, np.ndarray) for row in OUTPUTS] + [
        ("regimen", Regimen, field(repr=False)), ("pk", PKParameters, field(repr=False)),
        ("receptor", ReceptorStructure, field(repr=False)), ("rebound", ReboundParameters, field(repr=False)),
        ("inflammation", InflammationParameters, field(repr=False)), ("symptoms", SymptomParameters, field(repr=False)),
        ("opioid", "OpioidCoMedication | None", field(repr=False, default=None))],
    bases=(_ResultMethods,), frozen=True, namespace={"__doc__": _result_docstring()})
SimulationResult.__module__ = __name__


def simulate(regimen: Regimen, hours: float, step_h: float = 0.1, *,
             pk: PKParameters | None = None,
             receptor: ReceptorStructure | str | None = None,
             rebound: ReboundParameters | None = None,
             inflammation: InflammationParameters | None = None,
             symptoms: SymptomParameters | None = None,
             opioid: OpioidCoMedication | None = None) -> SimulationResult:
    """Simulate plasma levels, mu-receptor blockade, the proposed mechanisms and a conceptual pain score.

    Parameters
    ----------
    regimen : Regimen
        Doses of naltrexone HCl.
    hours : float
        Length of the simulation, h, in (0, 87600].
    step_h : float, default 0.1
        Output grid spacing, h, in (0, hours]. Results do not depend on it beyond
        rounding: plasma and blockade are solved exactly; the slow mechanism stages are
        exact for blockade and plasma taken as linear between grid points.
    pk : PKParameters, optional
        Pharmacokinetic parameters; default: the sourced values.
    receptor : ReceptorStructure or str, optional
        Fitted parameters of a receptor structure (:func:`ldnmodels.receptor_structures`; any
        :class:`~ldnmodels.model.receptor.ReceptorStructure`), or a structure's name; default: the
        structure the data support best (:data:`ldnmodels.model.structures.DEFAULT_STRUCTURE`).
    rebound, inflammation, symptoms : optional
        Parameters of the endorphin rebound, microglia/TLR4 and pain-score models
        (defaults: sourced where measured, otherwise illustrative).
    opioid : OpioidCoMedication, optional
        An opioid painkiller taken throughout (competes for mu receptors); default none.

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
    hours = number(hours, "hours", 0.0, MAX_HOURS, closed_low=False, unit="h")
    step_h = number(step_h, "step_h", 0.0, closed_low=False, unit="h")
    if step_h > hours:
        raise ValueError(f"step_h ({step_h:g} h) must not exceed hours ({hours:g} h)")
    ratio = hours / step_h                  # may overflow to inf for a subnormal step: refuse it by name
    if not ratio < MAX_POINTS:
        raise ValueError(f"hours / step_h gives more than {MAX_POINTS} time points, the most allowed (use a larger "
                         f"step_h, at least {hours / (MAX_POINTS - 1):.3g} h)")
    n_points = int(math.floor(ratio + 1e-9)) + 1
    if n_points > MAX_POINTS:
        raise ValueError(f"hours / step_h gives {n_points} time points; at most {MAX_POINTS} are "
                         f"allowed (use a larger step_h, at least {hours / (MAX_POINTS - 1):.3g} h)")
    pk = PKParameters() if pk is None else pk
    receptor = _receptor(receptor)
    rebound = ReboundParameters() if rebound is None else rebound
    inflammation = InflammationParameters() if inflammation is None else inflammation
    symptoms = SymptomParameters() if symptoms is None else symptoms
    n_patients = patient_count(pk, receptor, rebound, inflammation, symptoms) or 1
    if n_patients * n_points > MAX_PATIENT_POINTS:
        raise ValueError(f"{n_patients} patients × {n_points} time points is more than {MAX_PATIENT_POINTS:,} "
                         f"patient-points (about {MAX_PATIENT_POINTS * 240 / 2**30:.1f} GB); use at most "
                         f"{MAX_PATIENT_POINTS // n_points} patients at this grid, a larger step_h, or "
                         f"ldnmodels.analyses.population.simulate_population, which works in chunks")

    t_h = np.arange(n_points) * step_h
    if n_points < 2:
        raise ValueError(f"hours / step_h must give at least 2 time points, got hours={hours}, step_h={step_h}")
    ratio = 0.0 if opioid is None else agonist_ratio(opioid, receptor)
    with single_threaded_blas():
        naltrexone, naltrexol, blockade = solve_upstream(regimen, n_points, step_h, pk, receptor, ratio)
        occupancy = blockade.mor_occupancy
        agonist = np.broadcast_to(blockade.agonist_occupancy, occupancy.shape).copy()
        downstream = mechanisms(t_h, naltrexone, occupancy, rebound, inflammation, symptoms)
    arrays = {"t_h": t_h, "naltrexone_ng_ml": naltrexone, "naltrexol_ng_ml": naltrexol, "mor_occupancy": occupancy,
              "kor_occupancy": kor_occupancy(occupancy, agonist),
              "naltrexone_biophase_nm": blockade.naltrexone_biophase_nm,
              "naltrexol_biophase_nm": blockade.naltrexol_biophase_nm, "agonist_occupancy": agonist,
              **downstream._asdict()}
    for array in arrays.values():
        array.flags.writeable = False
    return SimulationResult(**arrays, regimen=regimen, pk=pk, receptor=receptor, rebound=rebound,
                            inflammation=inflammation, symptoms=symptoms, opioid=opioid)


Mechanisms = NamedTuple("Mechanisms", [(name, np.ndarray) for name in output_names("mechanism")])
Mechanisms.__doc__ = ("Outputs of :func:`mechanisms` (arrays on the simulation grid), in the order of "
                      ":data:`ldnmodels.core.outputs.OUTPUTS`.")


def mechanisms(t_h, naltrexone_ng_ml, mor_occupancy, rebound: ReboundParameters | None = None,
               inflammation: InflammationParameters | None = None,
               symptoms: SymptomParameters | None = None) -> Mechanisms:
    """The downstream stages for given plasma naltrexone and blockade time courses.

    :func:`simulate` uses this with its own plasma and blockade; call it directly to ask
    what the mechanisms would do with another blockade (for example the few hours a day
    that the rebound theory assumes).

    Parameters
    ----------
    t_h : array_like, shape (N,)
        Uniform time grid, h.
    naltrexone_ng_ml : array_like, shape (N,) or (n_patients, N)
        Plasma naltrexone, ng/mL (drives TLR4).
    mor_occupancy : array_like, shape (N,) or (n_patients, N)
        Mu-receptor blockade, 0–1 (drives the rebound).
    rebound, inflammation, symptoms : optional parameter sets

    Returns
    -------
    Mechanisms
    """
    rebound = ReboundParameters() if rebound is None else rebound
    tone, density, signaling = rebound_from_blockade(t_h, mor_occupancy, rebound)
    inflamed = _inflammation(t_h, naltrexone_ng_ml, inflammation)
    shape = np.broadcast_shapes(signaling.shape, inflamed.sensitization.shape)
    pain = pain_from_mechanisms(t_h, np.broadcast_to(signaling, shape), np.broadcast_to(inflamed.sensitization, shape),
                                symptoms, rebound)
    computed = {"endorphin_tone": tone, "receptor_density": density, "opioid_signaling": signaling,
                **inflamed._asdict(), "pain_nrs": pain}
    return Mechanisms(**{name: computed[name] for name in Mechanisms._fields})


def _inflammation(t_h, naltrexone_ng_ml, inflammation):
    """The microglia/TLR4 stage, computed once when every patient has the same plasma and the same parameters.

    That is the case in a receptor-structure ensemble (only the receptor parameters differ), where it saves a
    third of the mechanism stages.
    """
    plasma = np.asarray(naltrexone_ng_ml)
    shared = (plasma.ndim == 2 and plasma.shape[0] > 1 and (inflammation is None or patient_count(inflammation) is None)
              and bool(np.all(plasma == plasma[:1])))
    if not shared:
        return inflammation_from_plasma(t_h, plasma, inflammation)
    once = inflammation_from_plasma(t_h, plasma[0], inflammation)
    return type(once)(*(np.broadcast_to(part, plasma.shape) for part in once))


def _receptor(receptor: ReceptorStructure | str | None) -> ReceptorStructure:
    """The receptor structure ``simulate`` runs: the default, one named, or the one given (checked)."""
    if receptor is None:
        return default_receptor()
    if isinstance(receptor, str):
        return structure_named(receptor)
    if not isinstance(receptor, ReceptorStructure):
        raise TypeError("receptor must be a receptor structure's parameters (see ldnmodels.receptor_structures()) "
                        f"or its name, got {type(receptor).__name__}")
    return receptor


def with_mechanisms(result: SimulationResult, *, mor_occupancy=None, rebound: ReboundParameters | None = None,
                    inflammation: InflammationParameters | None = None,
                    symptoms: SymptomParameters | None = None) -> SimulationResult:
    """The same simulation with the downstream stages recomputed.

    Use it to change only the mechanism parameters (plasma and blockade are kept), or to
    replace the blockade by another time course, e.g. the few hours a day that the rebound
    theory assumes (:func:`ldnmodels.model.endorphin.square_wave`). The returned result's
    ``mor_occupancy`` is the blockade that was used.

    Parameters
    ----------
    result : SimulationResult
        From :func:`simulate`; its grid, plasma naltrexone and (by default) blockade and parameters are used.
    mor_occupancy : array_like, shape (N,) or (n_patients, N), optional
        Mu-receptor blockade on ``result.t_h``, fraction 0–1; default ``result.mor_occupancy``.
    rebound, inflammation, symptoms : optional
        Parameters of the endorphin rebound, microglia/TLR4 and pain-score models; default: those of ``result``.

    Returns
    -------
    SimulationResult
        A new result with the fields of :class:`Mechanisms` (``endorphin_tone`` .. ``pain_nrs``),
        ``mor_occupancy`` and the parameters replaced; plasma, biophase and agonist arrays kept from ``result``.
    """
    occupancy = result.mor_occupancy if mor_occupancy is None else np.asarray(mor_occupancy, dtype=float)
    rebound = result.rebound if rebound is None else rebound
    inflammation = result.inflammation if inflammation is None else inflammation
    symptoms = result.symptoms if symptoms is None else symptoms
    downstream = mechanisms(result.t_h, result.naltrexone_ng_ml, occupancy, rebound, inflammation, symptoms)
    arrays = {"mor_occupancy": np.array(occupancy), **downstream._asdict()}
    for array in arrays.values():
        array.flags.writeable = False
    return dataclasses.replace(result, **arrays, rebound=rebound, inflammation=inflammation, symptoms=symptoms)

