"""The **biophase** receptor structure (a slow effect compartment; Sheiner et al. 1979) and, with
``ke0_per_h=inf``, the **direct** structure (occupancy follows plasma at once).

Blockade is at equilibrium with the biophase concentrations (:func:`ldnmodels.model.receptor.equilibrium_blockade`);
the biophase follows plasma with rate ``ke0_per_h`` (6β-naltrexol times its brain entry). EC50 and ``ke0_per_h`` are
fitted (``scripts/fit_parameters.py`` writes them to ``ldnmodels/data/fitted_defaults.csv``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from ..core.constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL, ng_ml_to_nm
from ..core.linear import first_order_lag
from ..core.patients import as_column
from ..core.sources import fitted, sourced
from ..core.validation import number, number_array
from .pharmacokinetics import PKParameters, system_matrices
from .receptor import Blockade, SharedReceptorFields, equilibrium_blockade, plasma_nm

__all__ = ["ReceptorParameters", "DirectReceptorParameters", "occupancy_from_biophase", "biophase_system",
           "receptor_blockade"]


@dataclass(frozen=True, kw_only=True)
class ReceptorParameters(SharedReceptorFields):
    """The **biophase** structure: blockade follows a slow effect compartment (defaults fitted; see provenance).

    ``ke0_per_h=math.inf`` gives the **direct** model (occupancy follows plasma instantly);
    :func:`ldnmodels.receptor_structures` has the direct model with its own fitted EC50.
    """

    name: ClassVar[str] = "biophase"
    description: ClassVar[str] = "slow biophase (effect compartment)"
    fitted_fields: ClassVar[tuple[str, ...]] = ("ke0_per_h", "naltrexone_ec50_nm")

    ke0_per_h: float = fitted(
        "ReceptorParameters", "ke0_per_h", "biophase equilibration rate (t½ ≈ 16 h)")
    naltrexone_ec50_nm: float = fitted(
        "ReceptorParameters", "naltrexone_ec50_nm", "biophase naltrexone concentration giving 50 % blockade")

    def __post_init__(self) -> None:
        self.check({"ke0_per_h": (1e-4, 1e4), "naltrexone_ec50_nm": (1e-6, 1e6, "closed")}, allow_inf=("ke0_per_h",))
        infinite = np.isinf(np.asarray(self.ke0_per_h, dtype=float))
        if infinite.any() and not infinite.all():
            raise ValueError("ke0_per_h must be finite for every patient or inf for every patient (direct model), "
                             "not a mix")

    @property
    def is_direct(self) -> bool:
        """True for the direct model (``ke0_per_h`` infinite)."""
        return bool(np.all(np.isinf(np.asarray(self.ke0_per_h, dtype=float))))

    def linear_system(self, pk: PKParameters, n_patients: int = 1):
        """The PK system, plus the two biophase states unless the model is direct.

        Parameters
        ----------
        pk : PKParameters
            Scalars, or arrays of shape ``(n_patients,)``.
        n_patients : int, default 1
            Number of systems; array fields (of ``pk`` and of the structure) must have this length.

        Returns
        -------
        a : ndarray, shape (n_patients, S, S)
            System matrix, 1/h: :func:`biophase_system` (S = 5), or for the direct model
            :func:`ldnmodels.model.pharmacokinetics.system_matrices` (S = 3).
        jump : ndarray, shape (n_patients, S)
            State jump per mg of naltrexone HCl.
        """
        return system_matrices(pk, n_patients) if self.is_direct else biophase_system(pk, self, n_patients)

    def blockade(self, states: np.ndarray, pk: PKParameters, step_h: float, agonist_ratio=0.0) -> Blockade:
        """Blockade from solved states (P, S, N): equilibrium with the biophase (or plasma).

        Parameters
        ----------
        states : ndarray, shape (n_patients, S, N)
            The solution of :meth:`linear_system`: biophase states 3 and 4 (nM), or plasma for the direct model.
        pk : PKParameters
            For the plasma volumes (used by the direct model only).
        step_h : float
            Grid spacing, h (not needed by this structure; part of the interface).
        agonist_ratio : float or ndarray (n_patients, 1), default 0
            A competing agonist's concentration / EC50 (dimensionless).

        Returns
        -------
        Blockade
            Arrays of shape (n_patients, N): fractions (0–1) blocked and held by the agonist, and the
            concentrations that drive blockade, nM (biophase, or plasma with 6β-naltrexol times its brain entry).
        """
        if self.is_direct:
            naltrexone, naltrexol = plasma_nm(states, pk)
            naltrexol = naltrexol * as_column(self.naltrexol_brain_entry_fraction)
        else:
            naltrexone, naltrexol = states[:, 3], states[:, 4]
        return equilibrium_blockade(naltrexone, naltrexol, self, agonist_ratio)

    def with_potency(self, factor):
        """The same structure with every EC50 multiplied by ``factor`` (between-person spread)."""
        return replace(self, naltrexone_ec50_nm=np.asarray(self.naltrexone_ec50_nm) * factor)


@dataclass(frozen=True, kw_only=True)
class DirectReceptorParameters(ReceptorParameters):
    """The **direct** structure: blockade at equilibrium with plasma, no lag (defaults fitted; see provenance)."""

    name: ClassVar[str] = "direct"
    description: ClassVar[str] = "direct: occupancy follows plasma"
    fitted_fields: ClassVar[tuple[str, ...]] = ("naltrexone_ec50_nm",)

    ke0_per_h: float = sourced(math.inf, "structure", "no biophase: occupancy follows plasma instantly")
    naltrexone_ec50_nm: float = fitted("DirectReceptorParameters", "naltrexone_ec50_nm",
                                       "plasma naltrexone concentration giving 50 % blockade")


def occupancy_from_biophase(naltrexone_nm, naltrexol_nm, params: ReceptorParameters) -> np.ndarray:
    """Fraction (0–1) of mu receptors blocked at biophase concentrations (nM), no agonist.

    Parameters
    ----------
    naltrexone_nm, naltrexol_nm : array_like, shape (N,) or (n_patients, N)
        Biophase concentrations, nM (6β-naltrexol already scaled by its brain entry).
    params : ReceptorParameters
        Any structure with EC50s (:func:`equilibrium_blockade`); scalars or arrays of shape ``(n_patients,)``.

    Returns
    -------
    ndarray, shape of the concentrations
        Fraction of mu receptors blocked, 0–1.
    """
    return equilibrium_blockade(naltrexone_nm, naltrexol_nm, params).mor_occupancy


def biophase_system(pk: PKParameters, params: ReceptorParameters, n_patients: int = 1):
    """The pharmacokinetic system with the two biophase states appended, for each patient.

    States: gut, plasma naltrexone, plasma 6β-naltrexol (mg), biophase naltrexone and 6β-naltrexol (nM).
    ``ke0_per_h`` must be finite. The 6β-naltrexol biophase equilibrates with plasma times its
    brain entry.

    Parameters
    ----------
    pk : PKParameters
        Scalars, or arrays of shape ``(n_patients,)``.
    params : ReceptorParameters
        Any structure with ``ke0_per_h`` (1/h) and ``naltrexol_brain_entry_fraction`` (0–1), e.g. the two-phase one.
    n_patients : int, default 1
        Number of systems; array fields must have this length.

    Returns
    -------
    a : ndarray, shape (n_patients, 5, 5)
        System matrix, 1/h.
    jump : ndarray, shape (n_patients, 5)
        State jump per mg of naltrexone HCl (into the gut only).
    """
    a_pk, jump_pk = system_matrices(pk, n_patients)

    def field(value):
        return np.broadcast_to(np.asarray(value, dtype=float), (n_patients,))

    ke0 = field(params.ke0_per_h)
    # plasma amount (mg) -> concentration (nM): mg / L * 1e6 / (g/mol)
    to_nm_n = 1e6 / (field(pk.naltrexone_v_l) * NALTREXONE_BASE_G_PER_MOL)
    to_nm_m = 1e6 / (field(pk.naltrexol_v_l) * NALTREXOL_G_PER_MOL) * field(params.naltrexol_brain_entry_fraction)
    a = np.zeros((n_patients, 5, 5))
    a[:, :3, :3] = a_pk
    a[:, 3, 1], a[:, 3, 3] = ke0 * to_nm_n, -ke0
    a[:, 4, 2], a[:, 4, 4] = ke0 * to_nm_m, -ke0
    jump = np.zeros((n_patients, 5))
    jump[:, :3] = jump_pk
    return a, jump


def receptor_blockade(naltrexone_ng_ml: np.ndarray, naltrexol_ng_ml: np.ndarray, step_h: float,
                      params: ReceptorParameters) -> Blockade:
    """Biophase blockade from any plasma time course on a uniform grid.

    Use this to ask "what blockade would this plasma curve give?" for curves that do
    not come from a regimen. Plasma is taken as linear between grid points (error
    O(step²); below 0.5 % of the peak at 0.1 h for oral naltrexone).
    :func:`regimen_blockade` is exact and is what :func:`ldnmodels.simulate` uses.

    Parameters
    ----------
    naltrexone_ng_ml, naltrexol_ng_ml : ndarray, shape (N,) or (n_patients, N)
        Plasma concentrations on the grid ``k * step_h``, starting from no drug.
    step_h : float
        Grid spacing, h.
    params : ReceptorParameters
        Scalars, or arrays of shape ``(n_patients,)``.

    Returns
    -------
    Blockade
        ``mor_occupancy`` (fraction 0–1) and the biophase concentrations (nM).
    """
    step_h = number(step_h, "step_h", 0.0, 1e5, closed_low=False, unit="h")
    for name, values in (("naltrexone_ng_ml", naltrexone_ng_ml), ("naltrexol_ng_ml", naltrexol_ng_ml)):
        array = number_array(values, name)
        if not np.all(np.isfinite(array) & (array >= 0.0)):
            raise ValueError(f"{name} must be finite and >= 0 ng/mL everywhere")
    naltrexone_nm = ng_ml_to_nm(np.asarray(naltrexone_ng_ml, dtype=float), NALTREXONE_BASE_G_PER_MOL)
    naltrexol_nm = (ng_ml_to_nm(np.asarray(naltrexol_ng_ml, dtype=float), NALTREXOL_G_PER_MOL)
                    * as_column(params.naltrexol_brain_entry_fraction))
    naltrexol_nm = np.broadcast_to(naltrexol_nm, np.broadcast_shapes(naltrexol_nm.shape, naltrexone_nm.shape))
    ke0 = np.broadcast_to(np.asarray(params.ke0_per_h, dtype=float), naltrexone_nm.shape[:-1])
    biophase_n = first_order_lag(naltrexone_nm, ke0, step_h)
    biophase_m = first_order_lag(naltrexol_nm, ke0, step_h)
    return equilibrium_blockade(biophase_n, biophase_m, params)._replace(agonist_occupancy=0.0)
