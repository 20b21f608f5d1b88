r"""Receptor structure: **slow binding kinetics** (association and dissociation at the receptor).

Mechanism
---------
Naltrexone and 6β-naltrexol reach the receptors at their plasma concentrations (6β-naltrexol
times its brain entry) and bind and unbind at finite rates; an opioid agonist, if present, is
taken to equilibrate fast and holds a share :math:`x_a / (1 + x_a)` of the receptors that no
antagonist holds. With one dissociation rate for both antagonists the blocked fraction
:math:`b` obeys

.. math::

    \dot b = \frac{k_{on}\,(c_1 + \alpha\,c_2)}{1 + x_a}\,(1 - b) - k_{off}\,b

(:math:`\alpha` the relative affinity of 6β-naltrexol, taken as a slower association). At a constant concentration ``b``
approaches the equilibrium of :func:`ldnmodels.model.receptor.competitive_occupancy` with
:math:`EC_{50} = k_{off}/k_{on}`.

Solution
--------
Linear in ``b`` with a coefficient that changes with plasma. The exact step-mean of each
concentration comes from the linear system (an integral state per compound), and on each
step ``b`` relaxes exactly towards the equilibrium of that mean:
:math:`b_{k+1} = b_k e^{-(r+k_{off})h} + \tfrac{r}{r+k_{off}}(1 - e^{-(r+k_{off})h})`, solved
for all steps at once by :func:`ldnmodels.core.linear.affine_recurrence`. Step-size independence is
tested.

Evidence level
--------------
``kon_per_nm_h`` and ``koff_per_h`` are fitted to PET and to the decline of blockade. A slow
dissociation of days is what the fit needs; in-vitro dissociation of naltrexone from mu
receptors is far faster (see the structure comparison), which is the main evidence against
this structure.

Not modelled
------------
Different dissociation rates for the two compounds, rebinding in a diffusion-limited
synapse, slow agonist kinetics.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from ..core.constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL
from ..core.linear import affine_recurrence
from ..core.patients import as_column
from ..core.sources import fitted
from .pharmacokinetics import PKParameters, system_matrices
from .receptor import Blockade, SharedReceptorFields, plasma_nm

__all__ = ["BindingReceptorParameters"]


@dataclass(frozen=True, kw_only=True)
class BindingReceptorParameters(SharedReceptorFields):
    """The **binding-kinetics** structure (defaults fitted; see provenance)."""

    name: ClassVar[str] = "binding"
    description: ClassVar[str] = "slow receptor binding (kon, koff)"
    fitted_fields: ClassVar[tuple[str, ...]] = ("kon_per_nm_h", "koff_per_h")

    kon_per_nm_h: float = fitted("BindingReceptorParameters", "kon_per_nm_h",
                                 "association rate constant of naltrexone, 1/(nM·h)")
    koff_per_h: float = fitted("BindingReceptorParameters", "koff_per_h",
                               "dissociation rate of both antagonists (t½ ≈ 56 h; in vitro about 2 min)")
    def __post_init__(self) -> None:
        self.check({"kon_per_nm_h": (1e-6, 1e6, "closed"), "koff_per_h": (1e-6, 1e6, "closed")})

    @property
    def naltrexone_ec50_nm(self):
        """Equilibrium dissociation constant koff / kon, nM (the EC50 at steady concentration)."""
        return np.asarray(self.koff_per_h) / np.asarray(self.kon_per_nm_h)

    def linear_system(self, pk: PKParameters, n_patients: int = 1):
        """The PK system plus the running integral (nM·h) of each compound's concentration at the receptors.

        Parameters
        ----------
        pk : PKParameters
            Scalars, or arrays of shape ``(n_patients,)``.
        n_patients : int, default 1
            Number of systems; array fields (of ``pk`` and of this structure) must have this length.

        Returns
        -------
        a : ndarray, shape (n_patients, 5, 5)
            System matrix, 1/h; states: gut, plasma naltrexone, plasma 6β-naltrexol (mg), then the integrals
            of plasma naltrexone and of plasma 6β-naltrexol times its brain entry (nM·h).
        jump : ndarray, shape (n_patients, 5)
            State jump per mg of naltrexone HCl (into the gut only).
        """
        a_pk, jump_pk = system_matrices(pk, n_patients)

        def field(value):
            return np.broadcast_to(np.asarray(value, dtype=float), (n_patients,))

        a = np.zeros((n_patients, 5, 5))
        a[:, :3, :3] = a_pk
        a[:, 3, 1] = 1e6 / (field(pk.naltrexone_v_l) * NALTREXONE_BASE_G_PER_MOL)
        a[:, 4, 2] = 1e6 / (field(pk.naltrexol_v_l) * NALTREXOL_G_PER_MOL) * field(self.naltrexol_brain_entry_fraction)
        jump = np.zeros((n_patients, 5))
        jump[:, :3] = jump_pk
        return a, jump

    def blockade(self, states: np.ndarray, pk: PKParameters, step_h: float, agonist_ratio=0.0) -> Blockade:
        """Blockade from solved states (P, S, N) by the exact step recurrence (see module notes).

        Parameters
        ----------
        states : ndarray, shape (n_patients, 5, N)
            The solution of :meth:`linear_system` on the grid ``k * step_h``, starting from no drug.
        pk : PKParameters
            For the plasma volumes (plasma amounts, mg, to concentrations, nM).
        step_h : float
            Grid spacing, h: the step means of the concentrations are the integrals' differences over it.
        agonist_ratio : float or ndarray (n_patients, 1), default 0
            A competing agonist's concentration / EC50 (dimensionless; :func:`ldnmodels.model.opioids.agonist_ratio`).

        Returns
        -------
        Blockade
            Arrays of shape (n_patients, N): ``mor_occupancy`` and ``agonist_occupancy`` (fractions 0–1), and
            the concentrations at the receptors, nM (plasma naltrexone; plasma 6β-naltrexol times its brain entry).
        """
        free_share = 1.0 / (1.0 + np.asarray(agonist_ratio, dtype=float))
        mean_n = np.diff(states[:, 3], axis=-1) / step_h
        mean_m = np.diff(states[:, 4], axis=-1) / step_h
        kon = as_column(self.kon_per_nm_h)
        koff = as_column(self.koff_per_h)
        rate = np.maximum(kon * (mean_n + as_column(self.naltrexol_relative_affinity) * mean_m), 0.0) * free_share
        total = rate + koff
        relaxed = -np.expm1(-total * step_h)  # the share of the way to equilibrium covered in one step
        occupancy = affine_recurrence(1.0 - relaxed, rate / total * relaxed, 0.0)
        agonist = (1.0 - occupancy) * (1.0 - free_share)
        naltrexone, naltrexol = plasma_nm(states, pk)
        return Blockade(occupancy, naltrexone, naltrexol * as_column(self.naltrexol_brain_entry_fraction), agonist)

    def with_potency(self, factor):
        """The same structure with the equilibrium EC50 multiplied by ``factor`` (slower association)."""
        return replace(self, kon_per_nm_h=np.asarray(self.kon_per_nm_h) / factor)
