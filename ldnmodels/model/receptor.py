r"""Brain mu-opioid receptor blockade by naltrexone and 6β-naltrexol: what every receptor structure shares.

Mechanism
---------
Both compounds compete for the same receptors (and with an opioid painkiller, if one is
taken). Where binding is at equilibrium with the concentrations ``c_i`` that reach the
receptors, the one formula of the package (:func:`competitive_occupancy`) is

.. math::

    \text{blocked} = \frac{x}{1 + x + x_a},\qquad
    x = \frac{c_1}{EC_{50,1}} + \frac{c_2}{EC_{50,2}}

with :math:`x_a` the agonist's concentration over its EC50 (0 without one).

Structures
----------
The data in reach (PET within 8 h of one dose, Rabiner 2011; blockade half-time of
72–108 h after 50 mg, Lee 1988) can be explained in more than one way, so the kit keeps
several **receptor structures**, each a frozen parameter class with two methods (the interface
:class:`ReceptorStructure` declares all it must have):

``linear_system(pk, n_patients)``
    the pharmacokinetic system (:func:`ldnmodels.model.pharmacokinetics.system_matrices`) with the
    structure's own linear states appended, solved exactly by
    :func:`ldnmodels.model.pharmacokinetics.solve_regimen`;
``blockade(states, pk, step_h, agonist_ratio)``
    occupancy from those states (:class:`Blockade`).

This module holds what every structure shares (the interface, the equilibrium formula, the one solve from doses
to blockade); :mod:`ldnmodels.model.receptor_biophase` (a slow effect compartment, and the direct model),
:mod:`ldnmodels.model.receptor_binding` (slow receptor dissociation), :mod:`ldnmodels.model.receptor_tissue` (a slow
tissue phase of plasma) and :mod:`ldnmodels.model.receptor_two_phase` hold the structures;
:mod:`ldnmodels.model.structures` lists them and reads their comparison.

Evidence level
--------------
EC50s and rate constants are fitted (``scripts/fit_parameters.py``); 6β-naltrexol's affinity
relative to naltrexone comes from in-vitro Ki values, its brain entry from mouse potency
studies (``naltrexol_brain_entry_fraction``). No occupancy has been measured during repeated
low doses.

Not modelled
------------
Kappa and delta receptors, receptor up-regulation (see the rebound model), partial agonism of
naltrexone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, NamedTuple, Protocol, runtime_checkable

import numpy as np

from ..core.constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL, ng_ml_to_nm
from ..core.patients import as_column, patient_count
from ..core.sources import check_fields, sourced
from .pharmacokinetics import PKParameters, plasma_ng_ml, solve_regimen
from .regimen import Regimen

__all__ = ["ReceptorStructure", "SharedReceptorFields", "Blockade", "Competition", "Upstream", "competitive_occupancy",
           "equilibrium_blockade", "solve_upstream", "regimen_blockade", "plasma_nm", "NALTREXOL_ENTRY"]

#: Default 6β-naltrexol brain entry relative to naltrexone, shared by every structure (see ``naltrexol_entry``).
NALTREXOL_ENTRY = 0.02


def naltrexol_entry_field():
    """The sourced, adjustable 6β-naltrexol brain-entry factor every structure carries."""
    return sourced(NALTREXOL_ENTRY, "naltrexol_entry",
                   "6β-naltrexol at the receptors relative to plasma, compared with naltrexone (1 = enters as freely)")


class Blockade(NamedTuple):
    """Receptor blockade on the grid (arrays shaped like the plasma time courses).

    ``naltrexone_biophase_nm`` and ``naltrexol_biophase_nm`` are the concentrations that drive
    blockade in the structure used: the biophase for the biophase model, plasma (6β-naltrexol
    times its brain entry) for the others.
    """

    mor_occupancy: np.ndarray
    naltrexone_biophase_nm: np.ndarray
    naltrexol_biophase_nm: np.ndarray
    agonist_occupancy: np.ndarray | float = 0.0


class Competition(NamedTuple):
    """Occupancies with an agonist present (arrays shaped like the inputs)."""

    mor_occupancy: np.ndarray
    agonist_occupancy: np.ndarray


class Upstream(NamedTuple):
    """Plasma and blockade from :func:`solve_upstream` (time on the last axis)."""

    naltrexone_ng_ml: np.ndarray
    naltrexol_ng_ml: np.ndarray
    blockade: Blockade


def competitive_occupancy(antagonist_ratio, agonist_ratio=0.0) -> Competition:
    """Split receptors between antagonists and an agonist at equilibrium: the one occupancy formula.

    Parameters
    ----------
    antagonist_ratio : array_like
        Sum over antagonists of concentration / EC50 (dimensionless, >= 0).
    agonist_ratio : array_like, default 0
        The agonist's concentration / EC50 on the same scale.

    Returns
    -------
    Competition
        Fractions (0–1) blocked by the antagonists and occupied by the agonist.
    """
    antagonists = np.asarray(antagonist_ratio, dtype=float)
    agonist = np.asarray(agonist_ratio, dtype=float)
    total = 1.0 + antagonists + agonist
    return Competition(antagonists / total, np.broadcast_to(agonist / total, np.broadcast_shapes(
        antagonists.shape, agonist.shape)).copy())


@runtime_checkable
class ReceptorStructure(Protocol):
    """What every receptor structure provides: the interface :func:`ldnmodels.simulate` and the analyses rely on.

    The five shipped structures (:data:`ldnmodels.model.structures.STRUCTURES`) satisfy it; a new one needs
    nothing else, except to be, like every parameter set, a frozen dataclass whose fields are scalars or
    arrays of shape ``(n_patients,)`` (:func:`ldnmodels.core.patients.patient_count`).
    ``isinstance(x, ReceptorStructure)`` checks that the members exist, not their signatures.

    Attributes
    ----------
    name : str
        Short name of the structure (class level), e.g. ``"two_phase"``.
    description : str
        One line for people (class level).
    fitted_fields : tuple of str
        The fields ``scripts/fit_parameters.py`` fits (class level).
    """

    name: ClassVar[str]
    description: ClassVar[str]
    fitted_fields: ClassVar[tuple[str, ...]]

    @property
    def naltrexone_ec50_nm(self):
        """Naltrexone at the receptors giving 50 % blockade, nM (float or array (n_patients,)): the scale on
        which an opioid agonist competes (:func:`ldnmodels.model.opioids.agonist_ratio`)."""

    def linear_system(self, pk: PKParameters, n_patients: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """The PK system with the structure's own linear states appended.

        Parameters
        ----------
        pk : PKParameters
            Scalars, or arrays of shape ``(n_patients,)``.
        n_patients : int, default 1
            Number of systems; array fields (of ``pk`` and of the structure) must have this length.

        Returns
        -------
        a : ndarray, shape (n_patients, S, S)
            System matrix, 1/h; the first three states are those of
            :func:`ldnmodels.model.pharmacokinetics.system_matrices` (mg).
        jump : ndarray, shape (n_patients, S)
            State jump per mg of naltrexone HCl.
        """

    def blockade(self, states: np.ndarray, pk: PKParameters, step_h: float, agonist_ratio=0.0) -> Blockade:
        """Blockade from the solved states.

        Parameters
        ----------
        states : ndarray, shape (n_patients, S, N)
            The solution of :meth:`linear_system` on the grid ``k * step_h``.
        pk : PKParameters
        step_h : float
            Grid spacing, h.
        agonist_ratio : float or ndarray (n_patients, 1), default 0
            A competing agonist's concentration / EC50 (dimensionless).

        Returns
        -------
        Blockade
            Arrays of shape (n_patients, N).
        """

    def with_potency(self, factor) -> ReceptorStructure:
        """The same structure with its EC50 multiplied by ``factor`` (dimensionless; between-person spread)."""


def plasma_nm(states: np.ndarray, pk: PKParameters) -> tuple[np.ndarray, np.ndarray]:
    """Plasma naltrexone and 6β-naltrexol, nM, from solved states (P, S, N) of any structure.

    Parameters
    ----------
    states : ndarray, shape (n_patients, S, N)
        From :func:`solve_regimen`; states 1 and 2 are the plasma amounts, mg.
    pk : PKParameters
        Scalars, or arrays of shape ``(n_patients,)`` (for the volumes of distribution).

    Returns
    -------
    naltrexone_nm, naltrexol_nm : ndarray, shape (n_patients, N)
        Plasma concentrations, nM (6β-naltrexol not scaled by its brain entry).
    """
    naltrexone, naltrexol = plasma_ng_ml(states, pk)
    return ng_ml_to_nm(naltrexone, NALTREXONE_BASE_G_PER_MOL), ng_ml_to_nm(naltrexol, NALTREXOL_G_PER_MOL)


def solve_upstream(regimen: Regimen, n_points: int, step_h: float, pk: PKParameters, receptor: ReceptorStructure,
                   agonist_ratio=0.0) -> Upstream:
    """The one path from doses to blockade: one exact linear solve, then the structure's blockade.

    Parameters
    ----------
    regimen : Regimen
    n_points : int
        Grid size; grid times are ``k * step_h``.
    step_h : float
        Grid spacing, h.
    pk : PKParameters
    receptor : ReceptorStructure
        Any structure (e.g. :class:`ReceptorParameters`); scalars or arrays of shape ``(n_patients,)``
        (matching ``pk`` where both are arrays).
    agonist_ratio : float or ndarray (n_patients, 1)
        A competing agonist's concentration / EC50 (:func:`ldnmodels.model.opioids.agonist_ratio`).

    Returns
    -------
    Upstream
        Arrays of shape (N,) for scalar parameters, (n_patients, N) otherwise.
    """
    n_patients = patient_count(pk, receptor)
    a, jump = receptor.linear_system(pk, n_patients or 1)
    states = solve_regimen(regimen, n_points, step_h, a, jump)
    blockade = receptor.blockade(states, pk, step_h, agonist_ratio)
    naltrexone, naltrexol = plasma_ng_ml(states, pk)
    if n_patients is None:
        naltrexone, naltrexol = naltrexone[0], naltrexol[0]
        blockade = Blockade(*(np.asarray(part)[0] if np.ndim(part) == 2 else part for part in blockade))
    return Upstream(naltrexone, naltrexol, blockade)


@dataclass(frozen=True, kw_only=True)
class SharedReceptorFields:
    """What every receptor structure shares: 6β-naltrexol's affinity relative to naltrexone and its brain entry.

    A structure subclasses this, defines ``naltrexone_ec50_nm`` (field or property), ``linear_system`` and
    ``blockade``, and validates its own fields with :meth:`check` (which adds the shared ones).
    """

    naltrexol_relative_affinity: float = sourced(
        0.54, "naltrexol_ki", "6β-naltrexol affinity / naltrexone affinity = 1.15 nM / 2.12 nM")
    naltrexol_brain_entry_fraction: float = naltrexol_entry_field()

    def check(self, rules: dict, allow_inf: tuple[str, ...] = ()) -> None:
        """Validate the structure's own fields and the shared ones (``ValueError`` naming the field and its range).

        Parameters
        ----------
        rules : dict
            The structure's fields: ``name -> (low, high)`` or ``(low, high, "closed")``, as for
            :func:`ldnmodels.core.sources.check_fields`; the shared fields' rules are added.
        allow_inf : tuple of str, default ()
            Fields for which ``inf`` is allowed (a limiting case, e.g. ``ke0_per_h`` for the direct model).
        """
        check_fields(self, {**rules, "naltrexol_relative_affinity": (1e-6, 100.0, "closed"),
                            "naltrexol_brain_entry_fraction": (0.0, 1.0, "closed")}, allow_inf=allow_inf)

    @property
    def naltrexol_ec50_nm(self):
        """Concentration of 6β-naltrexol at the receptors giving 50 % blockade alone (on the naltrexone scale), nM."""
        return np.asarray(self.naltrexone_ec50_nm) / np.asarray(self.naltrexol_relative_affinity)


def equilibrium_blockade(naltrexone_nm, naltrexol_nm, receptor: SharedReceptorFields,
                         agonist_ratio=0.0) -> Blockade:
    """Blockade at equilibrium with the concentrations at the receptors, for any structure with EC50s.

    Parameters
    ----------
    naltrexone_nm, naltrexol_nm : array_like, shape (N,) or (n_patients, N)
        Concentrations at the receptors, nM (6β-naltrexol already scaled by its brain entry).
    receptor : SharedReceptorFields
        Any structure with ``naltrexone_ec50_nm`` and ``naltrexol_ec50_nm`` (nM); scalars or arrays
        of shape ``(n_patients,)``.
    agonist_ratio : float or ndarray (n_patients, 1), default 0
        A competing agonist's concentration / EC50 (dimensionless).

    Returns
    -------
    Blockade
        Fractions (0–1) blocked and occupied by the agonist, and the concentrations given.
    """
    ratio = (np.asarray(naltrexone_nm) / as_column(receptor.naltrexone_ec50_nm)
             + np.asarray(naltrexol_nm) / as_column(receptor.naltrexol_ec50_nm))
    occupancy, agonist = competitive_occupancy(ratio, agonist_ratio)
    return Blockade(occupancy, naltrexone_nm, naltrexol_nm, agonist)


def regimen_blockade(regimen: Regimen, n_points: int, step_h: float, pk: PKParameters,
                     params: ReceptorStructure) -> Blockade:
    """Mu-opioid receptor blockade for a regimen, exact on any grid: :func:`solve_upstream` (same parameters,
    ``params`` the receptor structure) without the plasma arrays and without an agonist.

    Parameters
    ----------
    regimen : Regimen
        Doses of naltrexone HCl.
    n_points : int
        Grid size; grid times are ``k * step_h``.
    step_h : float
        Grid spacing, h.
    pk : PKParameters
    params : ReceptorStructure
        Scalars or arrays of shape ``(n_patients,)`` (matching ``pk`` where both are arrays).

    Returns
    -------
    Blockade
        Arrays of shape (N,) or (n_patients, N).
    """
    return solve_upstream(regimen, n_points, step_h, pk, params).blockade
