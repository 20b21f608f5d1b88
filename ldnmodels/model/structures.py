r"""The receptor structures: the fitted set and their comparison (ensemble bands: :mod:`ldnmodels.analyses.ensembles`).

The published data (PET within 8 h of one dose; the decline of blockade after 50 mg; the
label plasma values) do not pin down one model of how naltrexone blocks brain mu receptors.
Five structures are fitted by the same code to the same targets
(:func:`ldnmodels.analyses.fitting.fit_structure`):

=========  ===============================================  ==========================================
name       structure                                         module
=========  ===============================================  ==========================================
direct     occupancy follows plasma                          :mod:`ldnmodels.model.receptor_biophase`
biophase   a slow effect compartment                         :mod:`ldnmodels.model.receptor_biophase`
binding    slow association / dissociation at the receptor   :mod:`ldnmodels.model.receptor_binding`
tissue     a slow tissue phase of plasma, direct blockade    :mod:`ldnmodels.model.receptor_tissue`
two_phase  a fast phase plus a slow brain pool               :mod:`ldnmodels.model.receptor_two_phase`
=========  ===============================================  ==========================================

``scripts/fit_parameters.py`` writes ``ldnmodels/data/receptor_comparison.csv`` (errors, an
information criterion and the daily-LDN predictions of each) and
``ldnmodels/data/receptor_draws.csv`` (bootstrap refits over the PET scans and the Lee points:
the parameter uncertainty). :func:`ensemble` runs a regimen through several structures and
their draws at once and gives the band of every output.

Adding a structure means adding its parameter class (one that satisfies
:class:`ldnmodels.model.receptor.ReceptorStructure`) to :data:`STRUCTURES` and rerunning the fit
script; nothing downstream changes.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from .. import data
from .receptor import ReceptorStructure
from .receptor_binding import BindingReceptorParameters
from .receptor_biophase import DirectReceptorParameters, ReceptorParameters
from .receptor_tissue import TissueReceptorParameters
from .receptor_two_phase import TwoPhaseReceptorParameters

__all__ = ["STRUCTURES", "DEFAULT_STRUCTURE", "ACCEPTABLE_P_VALUE", "receptor_structures", "default_receptor",
           "structure_named", "structure_name", "comparison", "comparison_markdown", "acceptable_structures",
           "with_draws"]

#: Every receptor structure, in the order tables list them.
STRUCTURES = (DirectReceptorParameters, ReceptorParameters, BindingReceptorParameters, TissueReceptorParameters,
              TwoPhaseReceptorParameters)
#: The structure the data support best (lowest AICc in the shipped comparison; a test checks it).
DEFAULT_STRUCTURE = "two_phase"
#: A structure "fits acceptably" when its chi-square goodness-of-fit p-value is at least this.
ACCEPTABLE_P_VALUE = 0.01


def receptor_structures() -> dict[str, ReceptorStructure]:
    """``{name: fitted parameters}`` for every structure (each accepted by ``simulate(receptor=...)``).

    Examples
    --------
    >>> sorted(receptor_structures())
    ['binding', 'biophase', 'direct', 'tissue', 'two_phase']
    """
    return {cls.name: cls() for cls in STRUCTURES}


def default_receptor() -> ReceptorStructure:
    """The default structure's fitted parameters (what :func:`ldnmodels.simulate` uses)."""
    return structure_named(DEFAULT_STRUCTURE)


def structure_named(name: str) -> ReceptorStructure:
    """The fitted parameters of the structure called ``name``."""
    found = receptor_structures()
    if name not in found:
        raise ValueError(f"receptor structure must be one of {sorted(found)}, got {name!r}")
    return found[name]


def structure_name(receptor: ReceptorStructure) -> str:
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
    lines = ["| structure | fitted parameters [2.5–97.5 % of the bootstrap refits] | PET RMS error | "
             "decline after 50 mg: 168 h / 48 h | 50 mg at 4 h | χ² (n) | ΔAICc | fits? | "
             "daily 4.5 mg: trough – peak | h/day > 50 % | h/day > 80 % | validation criteria |",
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


def with_draws(name: str, n_draws: int | None = None) -> ReceptorStructure:
    """A structure's point fit followed by ``n_draws`` bootstrap refits, as parameter arrays.

    Parameters
    ----------
    name : str
        A structure name.
    n_draws : int, optional
        How many bootstrap draws to append (default all shipped); 0 gives the point fit alone.

    Returns
    -------
    ReceptorStructure
        The structure's parameter class; fitted fields are arrays of shape ``(1 + n_draws,)``;
        member 0 is the point fit.
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
