r"""Kappa-opioid receptor (KOR) blockade by naltrexone, derived from the mu blockade of the same structure.

Mechanism
---------
Naltrexone blocks kappa receptors too, with somewhat lower affinity than mu receptors. The kit assumes that the
concentration driving blockade, and how fast it reaches the receptors, are the same at both (the same receptor
structure), and that only the potency differs: if the mu-receptor blockade :math:`o` corresponds to the drive
:math:`x = o / (1 - o)` (competitive binding at equilibrium, with a co-medicated opioid's share :math:`a`
removed: :math:`x = o / (1 - o - a)`), the kappa blockade is

.. math::

    o_\kappa = \frac{x / r}{1 + x / r}

with :math:`r` = :data:`KOR_TO_MOR_POTENCY_RATIO`, the dose (or concentration) needed for half-blockade at kappa
relative to mu.

Evidence level
--------------
:math:`r = 2` is the ratio Trøstheim et al. (2022) use for naltrexone, derived from in-vitro affinities (their
simulation: 50 mg blocks 78–100 % of kappa receptors). The one human measurement in reach is a PET study with
[11C]LY2795050: **92 ± 1 %** kappa occupancy after a week of 100 mg naltrexone a day (de Laat et al. 2021, 44
heavy drinkers): ``tests/validation/test_kappa.py`` holds the model to it. Near saturation that point barely
constrains the ratio (with ``two_phase`` a ratio nearer 3–4 would match it better, and would lower kappa blockade at
LDN doses to about 25–40 %). Nothing has been measured at 50 mg or at LDN doses. 6β-naltrexol's own kappa
affinity (Ki 7.24 nM against 2.12 nM at mu; secondary source) is not
modelled separately: its share of blockade is small once its brain entry is counted.

Not modelled
------------
Delta receptors (about 80 times less affinity than mu in the same source: 10 % at 50 mg); a co-medicated opioid's
own kappa activity; kappa-receptor availability differing between people or sexes (men had higher availability
than women in one PET study, Vijay et al. 2016).
"""
from __future__ import annotations

import numpy as np

from ..core.validation import number

__all__ = ["KOR_TO_MOR_POTENCY_RATIO", "kor_occupancy"]

#: Dose (or concentration) for half-blockade at kappa receptors relative to mu receptors, dimensionless
#: (Trøstheim et al. 2022, from in-vitro affinities; source key ``trostheim_2022``).
KOR_TO_MOR_POTENCY_RATIO = 2.0


def kor_occupancy(mor_occupancy, agonist_occupancy=0.0, ratio: float = KOR_TO_MOR_POTENCY_RATIO) -> np.ndarray:
    """Fraction of kappa-opioid receptors blocked, from the mu blockade of the same drive.

    Parameters
    ----------
    mor_occupancy : array_like
        Fraction (0–1) of mu receptors blocked by naltrexone and 6β-naltrexol.
    agonist_occupancy : array_like, default 0
        Fraction (0–1) of mu receptors held by a co-medicated opioid (removed from the drive; the opioid's own
        kappa binding is not modelled).
    ratio : float, default :data:`KOR_TO_MOR_POTENCY_RATIO`
        Potency ratio kappa/mu, dimensionless, in [0.01, 1000]: 1 would mean equal affinity.

    Returns
    -------
    ndarray
        Fraction (0–1) of kappa receptors blocked, the shape of ``mor_occupancy``.

    Examples
    --------
    >>> float(kor_occupancy(0.5))   # mu drive x = 1, kappa x = 1/2
    0.3333333333333333
    """
    ratio = number(ratio, "ratio", 0.01, 1000.0)
    mor = np.asarray(mor_occupancy, dtype=float)
    free = 1.0 - mor - np.asarray(agonist_occupancy, dtype=float)
    # x / r over (1 + x / r) with x = mor / free, written without dividing by a free share that may be 0
    return mor / (mor + ratio * np.maximum(free, 0.0))
