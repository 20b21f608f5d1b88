r"""Receptor structure: **a slow tissue phase** of naltrexone and 6β-naltrexol, blockade direct from plasma.

Mechanism
---------
Besides elimination, both compounds move slowly into a deep tissue compartment and return
from it with a half-life of days, which gives plasma a long, low terminal phase (Lee 1988
reported a ~96 h terminal phase of naltrexone). Receptors are at equilibrium with plasma
(6β-naltrexol times its brain entry):

.. math::

    \dot n = \ldots - (k_n + k_{t})\,n + k_{r}\,T_n,\qquad \dot T_n = k_{t}\,n - k_{r}\,T_n

(the same for 6β-naltrexol), occupancy by :func:`ldnmodels.model.receptor.competitive_occupancy`.
Linear, so solved exactly with the pharmacokinetics.

Evidence level
--------------
Lee 1988's abstract relates the long blockade to a 96 h terminal plasma phase of naltrexone
cited from earlier work; the plasma studies in reach (Wall 1981, Licko 1981, Meyer 1984) show
no phase slower than about 9–11 h. The uptake rate, the return half-life and the EC50 are
fitted to PET, the decline of blockade and the label plasma values. The same uptake for both compounds is an
assumption. Plasma levels in the terminal phase are far below assay limits of older studies,
so a measurement of plasma naltrexone and 6β-naltrexol at 48–168 h would test this structure
directly.

Not modelled
------------
A separate terminal phase for 6β-naltrexol, enterohepatic recycling (one proposed cause).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from ..core.patients import as_column
from ..core.sources import fitted
from .pharmacokinetics import PKParameters, system_matrices
from .receptor import Blockade, SharedReceptorFields, equilibrium_blockade, plasma_nm

__all__ = ["TissueReceptorParameters"]


@dataclass(frozen=True, kw_only=True)
class TissueReceptorParameters(SharedReceptorFields):
    """The **tissue-phase** structure (defaults fitted or sourced; see provenance)."""

    name: ClassVar[str] = "tissue"
    description: ClassVar[str] = "slow tissue phase of plasma, direct blockade"
    fitted_fields: ClassVar[tuple[str, ...]] = ("naltrexone_ec50_nm", "tissue_uptake_per_h", "tissue_half_life_h")

    naltrexone_ec50_nm: float = fitted("TissueReceptorParameters", "naltrexone_ec50_nm",
                                       "plasma naltrexone concentration giving 50 % blockade")
    tissue_uptake_per_h: float = fitted("TissueReceptorParameters", "tissue_uptake_per_h",
                                        "rate of transfer from plasma into deep tissue")
    tissue_half_life_h: float = fitted(
        "TissueReceptorParameters", "tissue_half_life_h", "half-life of return from deep tissue; Lee 1988 cites a "
        "96 h terminal phase, which the fit does not keep")

    def __post_init__(self) -> None:
        self.check({"naltrexone_ec50_nm": (1e-6, 1e6, "closed"), "tissue_uptake_per_h": (0.0, 1000.0, "closed"),
                    "tissue_half_life_h": (0.01, 1e5, "closed")})

    def linear_system(self, pk: PKParameters, n_patients: int = 1):
        """The PK system with a deep tissue compartment (mg) for each compound.

        Parameters
        ----------
        pk : PKParameters
            Scalars, or arrays of shape ``(n_patients,)``.
        n_patients : int, default 1
            Number of systems; array fields (of ``pk`` and of this structure) must have this length.

        Returns
        -------
        a : ndarray, shape (n_patients, 5, 5)
            System matrix, 1/h; states: gut, plasma naltrexone, plasma 6β-naltrexol, tissue naltrexone,
            tissue 6β-naltrexol (all amounts, mg).
        jump : ndarray, shape (n_patients, 5)
            State jump per mg of naltrexone HCl (into the gut only).
        """
        a_pk, jump_pk = system_matrices(pk, n_patients)
        uptake = np.broadcast_to(np.asarray(self.tissue_uptake_per_h, dtype=float), (n_patients,))
        back = math.log(2) / np.broadcast_to(np.asarray(self.tissue_half_life_h, dtype=float), (n_patients,))
        a = np.zeros((n_patients, 5, 5))
        a[:, :3, :3] = a_pk
        for plasma, tissue in ((1, 3), (2, 4)):
            a[:, plasma, plasma] -= uptake
            a[:, tissue, plasma] = uptake
            a[:, tissue, tissue] = -back
            a[:, plasma, tissue] = back
        jump = np.zeros((n_patients, 5))
        jump[:, :3] = jump_pk
        return a, jump

    def blockade(self, states: np.ndarray, pk: PKParameters, step_h: float, agonist_ratio=0.0) -> Blockade:
        """Blockade at equilibrium with plasma.

        Parameters
        ----------
        states : ndarray, shape (n_patients, 5, N)
            The solution of :meth:`linear_system`; only the plasma states (1 and 2) are used.
        pk : PKParameters
            For the plasma volumes (plasma amounts, mg, to concentrations, nM).
        step_h : float
            Grid spacing, h (not needed by this structure; part of the interface).
        agonist_ratio : float or ndarray (n_patients, 1), default 0
            A competing agonist's concentration / EC50 (dimensionless; :func:`ldnmodels.model.opioids.agonist_ratio`).

        Returns
        -------
        Blockade
            Arrays of shape (n_patients, N): ``mor_occupancy`` and ``agonist_occupancy`` (fractions 0–1), and
            the concentrations at the receptors, nM (plasma naltrexone; plasma 6β-naltrexol times its brain entry).
        """
        naltrexone, naltrexol = plasma_nm(states, pk)
        return equilibrium_blockade(naltrexone, naltrexol * as_column(self.naltrexol_brain_entry_fraction), self,
                                    agonist_ratio)

    def with_potency(self, factor):
        """The same structure with every EC50 multiplied by ``factor``."""
        return replace(self, naltrexone_ec50_nm=np.asarray(self.naltrexone_ec50_nm) * factor)
