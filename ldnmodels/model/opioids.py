r"""Opioid painkillers taken together with naltrexone: competition for the same receptors.

Mechanism
---------
An opioid agonist (morphine, oxycodone) and the antagonists naltrexone and 6β-naltrexol
compete for mu receptors. With all at equilibrium with the biophase,

.. math::

    \text{agonist occupancy} = \frac{x_a}{1 + x_1 + x_2 + x_a},\qquad
    \text{blocked by antagonists} = \frac{x_1 + x_2}{1 + x_1 + x_2 + x_a}

with :math:`x_a = c_a / EC_{50,a}`. The agonist's EC50 is put on the PET-fitted scale of
naltrexone by the ratio of in-vitro binding constants:
:math:`EC_{50,a} = EC_{50,\text{naltrexone}} \cdot K_{i,a} / K_{i,\text{naltrexone}}`.
Analgesia is taken to follow agonist occupancy.

Why it matters
--------------
Someone on regular opioids who starts naltrexone loses analgesia, and — if physically
dependent — a sudden fall in agonist occupancy precipitates withdrawal. That is why
concurrent opioid use is a contraindication for naltrexone at any dose.

Evidence level
--------------
Binding constants: in vitro (morphine 1.2 nM, rat brain; oxycodone ~26 nM, recombinant
human receptor, recalled). The agonist plasma level is an **illustrative** steady level of
regular dosing; its brain concentration is taken equal to plasma. The scaling by Ki ratios
assumes the same brain access for all ligands. Intrinsic efficacy, tolerance and
receptor reserve are not modelled.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..core.patients import as_column
from ..core.sources import check_fields, sourced
from ..core.validation import number
from .receptor import ReceptorStructure

__all__ = ["OpioidCoMedication", "OxycodoneCoMedication", "agonist_ratio", "MORPHINE_G_PER_MOL", "OXYCODONE_G_PER_MOL"]

MORPHINE_G_PER_MOL = 285.3
OXYCODONE_G_PER_MOL = 315.4


@dataclass(frozen=True, kw_only=True)
class OpioidCoMedication:
    """A constant level of an opioid agonist (defaults: regular oral morphine). See :meth:`oxycodone`."""

    plasma_ng_ml: float = sourced(
        20.0, "illustrative", "steady plasma level on regular oral dosing; varies widely between people")
    ki_nm: float = sourced(1.2, "chen_1991", "morphine mu Ki")
    molar_mass_g_per_mol: float = sourced(MORPHINE_G_PER_MOL, "molar_mass", "morphine")
    naltrexone_ki_nm: float = sourced(
        1.15, "naltrexol_ki", "naltrexone mu Ki, to put the agonist on the PET-fitted scale")

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):   # one opioid level for the whole run: numbers, not arrays
            number(getattr(self, item.name), item.name)
        check_fields(self, {"plasma_ng_ml": (0.0, 1e5, "closed"), "ki_nm": (0.0, 1e6),
                            "molar_mass_g_per_mol": (0.0, 1e4), "naltrexone_ki_nm": (0.0, 1e6)})

    @classmethod
    def morphine(cls, plasma_ng_ml: float = 20.0) -> OpioidCoMedication:
        """Morphine at a steady plasma level (ng/mL)."""
        return cls(plasma_ng_ml=plasma_ng_ml)

    @classmethod
    def oxycodone(cls, plasma_ng_ml: float = 30.0) -> OpioidCoMedication:
        """Oxycodone at a steady plasma level (ng/mL); Ki about 26 nM (recalled, confidence R)."""
        return OxycodoneCoMedication(plasma_ng_ml=plasma_ng_ml)


@dataclass(frozen=True, kw_only=True)
class OxycodoneCoMedication(OpioidCoMedication):
    """Oxycodone defaults (sources differ from morphine's)."""

    plasma_ng_ml: float = sourced(30.0, "illustrative", "steady plasma level on regular oral dosing")
    ki_nm: float = sourced(25.9, "volpe_2011", "oxycodone mu Ki, recombinant human receptor (recalled)")
    molar_mass_g_per_mol: float = sourced(OXYCODONE_G_PER_MOL, "molar_mass", "oxycodone")


def agonist_ratio(opioid: OpioidCoMedication, receptor: ReceptorStructure):
    """The agonist's concentration over its EC50 on the PET-fitted scale (dimensionless).

    Parameters
    ----------
    opioid : OpioidCoMedication
        The agonist's steady plasma level (ng/mL), Ki (nM) and molar mass (g/mol).
    receptor : ReceptorStructure
        Any structure; its ``naltrexone_ec50_nm`` (nM) sets the scale, scaled by the Ki ratio.

    Returns
    -------
    float or ndarray, shape (n_patients, 1)
        Agonist concentration / agonist EC50 (dimensionless).
    """
    concentration_nm = np.asarray(opioid.plasma_ng_ml) * 1000.0 / np.asarray(opioid.molar_mass_g_per_mol)
    ec50_nm = np.asarray(receptor.naltrexone_ec50_nm) * np.asarray(opioid.ki_nm) / np.asarray(opioid.naltrexone_ki_nm)
    return as_column(concentration_nm / ec50_nm)
