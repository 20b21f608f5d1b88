r"""Brain mu-opioid receptor blockade by naltrexone and 6β-naltrexol.

Mechanism
---------
Both compounds compete for the same receptors. Blockade follows the concentration in a
slow *biophase* (effect compartment; Sheiner et al. 1979) rather than plasma itself:

.. math::

    \dot c_{e,i} = k_{e0}\,(c_{p,i} - c_{e,i}),\qquad
    \text{occupancy} = \frac{x_1 + x_2}{1 + x_1 + x_2},\quad x_i = c_{e,i} / EC_{50,i}

(competitive binding at equilibrium with the biophase, concentrations in nM).

Why this structure
------------------
The PET data need two things at once: occupancy within 8 h of one dose that rises with
dose as a hyperbola (27 % at 2 mg, ~92–98 % at 50 mg; Rabiner 2011), and blockade that
decays with a half-time of 72–108 h after 50 mg while plasma naltrexone falls with a 4 h
half-life (Lee 1988). Occupancy that follows plasma directly (``ke0_per_h=inf``) can fit
the first but decays in about two days. A slow biophase reproduces both with two fitted
numbers; Rabiner reported an *indirect* plasma–occupancy relation for naltrexone, and
brain receptor clearance of related antagonists is several-fold slower than plasma
clearance (Kim 1997). Slow receptor dissociation or a slow plasma terminal phase would be
other explanations; the data in reach cannot tell them apart.

Evidence level
--------------
``ke0_per_h`` and ``naltrexone_ec50_nm`` are fitted (``scripts/fit_parameters.py``);
the 6β-naltrexol affinity relative to naltrexone comes from in-vitro Ki values. No
occupancy has been measured during repeated low doses.

Not modelled
------------
Kappa and delta receptors, receptor up-regulation (see the rebound model), partial
agonism of naltrexone, and lower brain entry of 6β-naltrexol.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL, ng_ml_to_nm
from .linear import first_order_lag, impulse_response_on_grid
from .patients import as_column, patient, patient_count
from .pharmacokinetics import PKParameters, plasma_concentrations, system_matrices
from .regimen import Regimen
from .sources import check_fields, sourced

__all__ = ["ReceptorParameters", "Blockade", "regimen_blockade", "biophase_system", "receptor_blockade", "occupancy_from_biophase"]


@dataclass(frozen=True, kw_only=True)
class ReceptorParameters:
    """Mu-opioid receptor blockade parameters (defaults: sourced; see provenance).

    ``ke0_per_h=math.inf`` gives the direct model (occupancy follows plasma instantly).
    """

    ke0_per_h: float = sourced(
        0.05597, "fit_receptor", "biophase equilibration rate (t½ ≈ 12.4 h)")
    naltrexone_ec50_nm: float = sourced(
        4.051, "fit_receptor", "biophase naltrexone concentration giving 50 % blockade")
    naltrexol_relative_affinity: float = sourced(
        0.54, "naltrexol_ki", "6β-naltrexol affinity / naltrexone affinity = 1.15 nM / 2.12 nM")

    def __post_init__(self) -> None:
        check_fields(self, {
            "ke0_per_h": (1e-3, math.inf),
            "naltrexone_ec50_nm": (0.0, 1e6),
            "naltrexol_relative_affinity": (0.0, 100.0),
        }, allow_inf=("ke0_per_h",))

    @property
    def naltrexol_ec50_nm(self):
        """Biophase 6β-naltrexol concentration giving 50 % blockade alone, nM."""
        return np.asarray(self.naltrexone_ec50_nm) / np.asarray(self.naltrexol_relative_affinity)


class Blockade(NamedTuple):
    """Output of :func:`receptor_blockade` (arrays shaped like the plasma inputs)."""

    mor_occupancy: np.ndarray
    naltrexone_biophase_nm: np.ndarray
    naltrexol_biophase_nm: np.ndarray


def occupancy_from_biophase(naltrexone_nm, naltrexol_nm, params: ReceptorParameters) -> np.ndarray:
    """Fraction (0–1) of mu receptors blocked at biophase concentrations (nM)."""
    x = (np.asarray(naltrexone_nm) / as_column(params.naltrexone_ec50_nm)
         + np.asarray(naltrexol_nm) / as_column(params.naltrexol_ec50_nm))
    return x / (1.0 + x)


def regimen_blockade(regimen: Regimen, n_points: int, step_h: float, pk: PKParameters,
                     params: ReceptorParameters) -> Blockade:
    r"""Mu-opioid receptor blockade for a regimen, exact on any grid.

    The biophase is linear in plasma, so it is solved as two more states of the linear
    pharmacokinetic system (:func:`ldnmodels.pharmacokinetics.system_matrix`):
    :math:`\dot c_{e} = k_{e0}(c_p - c_e)` with :math:`c_p` the plasma state divided by
    its volume. Results therefore do not depend on ``step_h`` beyond rounding.

    Parameters
    ----------
    regimen : Regimen
    n_points : int
        Grid size; grid times are ``k * step_h``.
    step_h : float
        Grid spacing, h.
    pk : PKParameters
    params : ReceptorParameters
        Scalars or arrays of shape ``(n_patients,)`` (matching ``pk`` if both are arrays).

    Returns
    -------
    Blockade
        Arrays of shape (N,) or (n_patients, N).
    """
    n_patients = patient_count(pk, params)
    if n_patients is None:
        return _regimen_blockade_one(regimen, n_points, step_h, pk, params)
    rows = [_regimen_blockade_one(regimen, n_points, step_h, patient(pk, i), patient(params, i)) for i in range(n_patients)]
    return Blockade(*(np.stack(parts) for parts in zip(*rows)))


def biophase_system(pk: PKParameters, params: ReceptorParameters, n_patients: int = 1):
    """The pharmacokinetic system with the two biophase states appended, for each patient.

    States: gut, plasma naltrexone, plasma 6β-naltrexol (mg), biophase naltrexone and 6β-naltrexol (nM).
    ``ke0_per_h`` must be finite.

    Returns
    -------
    a : ndarray, shape (n_patients, 5, 5), 1/h
    jump : ndarray, shape (n_patients, 5), per mg HCl
    """
    a_pk, jump_pk = system_matrices(pk, n_patients)
    ke0 = np.broadcast_to(np.asarray(params.ke0_per_h, dtype=float), (n_patients,))
    # plasma amount (mg) -> concentration (nM): mg / L * 1e6 / (g/mol)
    to_nm_n = 1e6 / (np.broadcast_to(pk.naltrexone_v_l, (n_patients,)) * NALTREXONE_BASE_G_PER_MOL)
    to_nm_m = 1e6 / (np.broadcast_to(np.asarray(pk.naltrexol_v_l, dtype=float), (n_patients,)) * NALTREXOL_G_PER_MOL)
    a = np.zeros((n_patients, 5, 5))
    a[:, :3, :3] = a_pk
    a[:, 3, 1], a[:, 3, 3] = ke0 * to_nm_n, -ke0
    a[:, 4, 2], a[:, 4, 4] = ke0 * to_nm_m, -ke0
    jump = np.zeros((n_patients, 5))
    jump[:, :3] = jump_pk
    return a, jump


def _regimen_blockade_one(regimen, n_points, step_h, pk, params) -> Blockade:
    ke0 = float(params.ke0_per_h)
    if math.isinf(ke0):
        naltrexone, naltrexol = plasma_concentrations(regimen, n_points, step_h, pk)
        biophase_n = ng_ml_to_nm(naltrexone, NALTREXONE_BASE_G_PER_MOL)
        biophase_m = ng_ml_to_nm(naltrexol, NALTREXOL_G_PER_MOL)
    else:
        a, jump = biophase_system(pk, params, 1)
        states = impulse_response_on_grid(a[0], jump[0], n_points, step_h, regimen.times_h, regimen.doses_mg)
        biophase_n, biophase_m = states[:, 3], states[:, 4]
    return Blockade(occupancy_from_biophase(biophase_n, biophase_m, params), biophase_n, biophase_m)


def receptor_blockade(naltrexone_ng_ml: np.ndarray, naltrexol_ng_ml: np.ndarray, step_h: float,
                      params: ReceptorParameters) -> Blockade:
    """Mu-opioid receptor blockade from any plasma time course on a uniform grid.

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
    naltrexone_nm = ng_ml_to_nm(np.asarray(naltrexone_ng_ml, dtype=float), NALTREXONE_BASE_G_PER_MOL)
    naltrexol_nm = ng_ml_to_nm(np.asarray(naltrexol_ng_ml, dtype=float), NALTREXOL_G_PER_MOL)
    ke0 = np.broadcast_to(np.asarray(params.ke0_per_h, dtype=float), naltrexone_nm.shape[:-1])
    biophase_n = np.empty_like(naltrexone_nm)
    biophase_m = np.empty_like(naltrexol_nm)
    for index in np.ndindex(ke0.shape):
        biophase_n[index] = first_order_lag(naltrexone_nm[index], float(ke0[index]), step_h)
        biophase_m[index] = first_order_lag(naltrexol_nm[index], float(ke0[index]), step_h)
    return Blockade(occupancy_from_biophase(biophase_n, biophase_m, params), biophase_n, biophase_m)
