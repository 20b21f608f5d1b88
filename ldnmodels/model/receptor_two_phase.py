r"""Receptor structure: **a fast and a slow phase in the brain**.

Mechanism
---------
The naltrexone that reaches the receptors has two sources: drug in fast equilibrium with
plasma, and drug released from a slowly exchanging brain pool (a lag compartment with rate
``ke0_per_h``, as in the biophase model). Blockade is at equilibrium with both:

.. math::

    x = \frac{c_p}{EC_{50,\text{fast}}} + \frac{c_e}{EC_{50,\text{slow}}},\qquad
    \dot c_e = k_{e0}\,(c_p - c_e)

(6β-naltrexol adds the same terms scaled by its affinity and brain entry), occupancy by
:func:`ldnmodels.model.receptor.competitive_occupancy`. The fast phase gives near-complete blockade
within hours of 50 mg; the slow pool keeps blockade for days after plasma has cleared, with
a gradual, roughly first-order fall. Linear in the drug amounts, so solved exactly.

Evidence level
--------------
The three numbers are fitted (``scripts/fit_parameters.py``). What the slow pool is, is not
known: membrane partitioning and lysosomal trapping of lipophilic amines are candidate
explanations, not measurements. A PET scan at the trough of daily LDN is the measurement
that would test it against the other structures (notebook 02).

Not modelled
------------
Saturation of the slow pool, different pools for the two compounds.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from ..core.patients import as_column
from ..core.sources import fitted
from .pharmacokinetics import PKParameters
from .receptor import Blockade, SharedReceptorFields, competitive_occupancy, plasma_nm
from .receptor_biophase import biophase_system

__all__ = ["TwoPhaseReceptorParameters"]


@dataclass(frozen=True, kw_only=True)
class TwoPhaseReceptorParameters(SharedReceptorFields):
    """The **two-phase** structure: fast plasma-equilibrated drug plus a slow brain pool (defaults fitted)."""

    name: ClassVar[str] = "two_phase"
    description: ClassVar[str] = "fast phase plus a slow brain pool"
    fitted_fields: ClassVar[tuple[str, ...]] = ("fast_ec50_nm", "ke0_per_h", "slow_ec50_nm")

    fast_ec50_nm: float = fitted("TwoPhaseReceptorParameters", "fast_ec50_nm",
                                 "plasma naltrexone giving 50 % blockade through the fast phase alone")
    ke0_per_h: float = fitted("TwoPhaseReceptorParameters", "ke0_per_h", "exchange rate of the slow brain pool")
    slow_ec50_nm: float = fitted("TwoPhaseReceptorParameters", "slow_ec50_nm",
                                 "slow-pool naltrexone (plasma-equivalent nM) giving 50 % blockade alone")

    def __post_init__(self) -> None:
        self.check({"fast_ec50_nm": (1e-6, 1e6, "closed"), "ke0_per_h": (1e-4, 1e3),
                    "slow_ec50_nm": (1e-6, 1e6, "closed")})

    @property
    def naltrexone_ec50_nm(self):
        """The fast phase's EC50, nM: the scale on which a fast-equilibrating opioid agonist competes."""
        return np.asarray(self.fast_ec50_nm)

    @property
    def steady_state_ec50_nm(self):
        """Steady plasma naltrexone giving 50 % blockade once the slow pool has filled, nM."""
        return 1.0 / (1.0 / np.asarray(self.fast_ec50_nm) + 1.0 / np.asarray(self.slow_ec50_nm))

    def linear_system(self, pk: PKParameters, n_patients: int = 1):
        """The PK system plus the slow pool of each compound (the biophase states).

        Parameters
        ----------
        pk : PKParameters
            Scalars, or arrays of shape ``(n_patients,)``.
        n_patients : int, default 1
            Number of systems; array fields (of ``pk`` and of this structure) must have this length.

        Returns
        -------
        a : ndarray, shape (n_patients, 5, 5)
            System matrix, 1/h, of :func:`ldnmodels.model.receptor_biophase.biophase_system` with this structure's
            ``ke0_per_h``: gut and plasma amounts (mg), then the slow pool of naltrexone and of 6β-naltrexol (nM).
        jump : ndarray, shape (n_patients, 5)
            State jump per mg of naltrexone HCl (into the gut only).
        """
        return biophase_system(pk, self, n_patients)

    def blockade(self, states: np.ndarray, pk: PKParameters, step_h: float, agonist_ratio=0.0) -> Blockade:
        """Blockade at equilibrium with plasma (fast phase) and the slow pool.

        Parameters
        ----------
        states : ndarray, shape (n_patients, 5, N)
            The solution of :meth:`linear_system`: plasma states 1 and 2, slow-pool states 3 and 4 (nM).
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
            the plasma concentrations of the fast phase, nM (naltrexone; 6β-naltrexol times its brain entry).
        """
        naltrexone, naltrexol = plasma_nm(states, pk)
        entry = as_column(self.naltrexol_brain_entry_fraction)
        affinity = as_column(self.naltrexol_relative_affinity)
        ratio = ((naltrexone + affinity * entry * naltrexol) / as_column(self.fast_ec50_nm)
                 + (states[:, 3] + affinity * states[:, 4]) / as_column(self.slow_ec50_nm))
        occupancy, agonist = competitive_occupancy(ratio, agonist_ratio)
        return Blockade(occupancy, naltrexone, naltrexol * entry, agonist)

    def with_potency(self, factor):
        """The same structure with both EC50s multiplied by ``factor``."""
        return replace(self, fast_ec50_nm=np.asarray(self.fast_ec50_nm) * factor,
                       slow_ec50_nm=np.asarray(self.slow_ec50_nm) * factor)
