"""Fit the two side-effect drives to the rates reported for the Younger trial (4.5 mg at bedtime, 12 weeks).

:func:`fit_side_effects` sets ``vivid_dreams_per_night_blockade`` and ``headache_per_daily_rise`` of
:class:`~ldnmodels.analyses.side_effects.SideEffectParameters` so that 4.5 mg at 21:00 for 84 days, started without
titration (an assumption), gives :data:`YOUNGER_2013_RATES`. The simulated blockade depends on the pharmacokinetic
and receptor fits, so the drives are refitted whenever those change (:func:`ldnmodels.analyses.pipeline.fit_defaults`).
"""
from __future__ import annotations

from dataclasses import replace

from ..model.pharmacokinetics import PKParameters
from ..model.regimen import Regimen
from ..model.simulation import simulate
from .side_effects import SideEffectParameters, side_effects

__all__ = ["YOUNGER_2013_RATES", "TRIAL_DOSE_MG", "TRIAL_DAYS", "TRIAL_CLOCK_H", "fit_side_effects"]

#: Reported rates for 4.5 mg at bedtime (2012 meeting report of the Younger trial), fractions of patients.
YOUNGER_2013_RATES = {"vivid_dreams": 0.37, "headache": 0.16}
#: The regimen the rates are read from: dose (mg), days, clock time of the dose (h).
TRIAL_DOSE_MG, TRIAL_DAYS, TRIAL_CLOCK_H = 4.5, 84, 21.0


def fit_side_effects(pk: PKParameters | None = None, receptor=None) -> SideEffectParameters:
    """Side-effect drives that reproduce :data:`YOUNGER_2013_RATES` for 4.5 mg at 21:00 over 12 weeks.

    Parameters
    ----------
    pk : PKParameters, optional
        Default ``PKParameters()``.
    receptor : a receptor structure, optional
        Default: the default structure (:func:`ldnmodels.model.structures.default_receptor`).

    Returns
    -------
    SideEffectParameters
        The defaults with ``vivid_dreams_per_night_blockade`` (per unit mean night blockade, a fraction) and
        ``headache_per_daily_rise`` (per unit rise of the 24-h mean blockade) fitted; the trial is assumed to have
        started at 4.5 mg without titration.
    """
    from scipy.optimize import brentq  # here: scipy.optimize would slow every notebook kernel's start-up

    result = simulate(Regimen.daily(TRIAL_DOSE_MG, days=TRIAL_DAYS, clock_h=TRIAL_CLOCK_H), hours=TRIAL_DAYS * 24.0,
                      step_h=0.1, pk=pk, receptor=receptor)
    base = SideEffectParameters()

    def vivid(k):
        return side_effects(result, replace(base, vivid_dreams_per_night_blockade=k)).vivid_dreams

    def headache(k):
        return side_effects(result, replace(base, headache_per_daily_rise=k)).headache

    k_v = brentq(lambda k: vivid(k) - YOUNGER_2013_RATES["vivid_dreams"], 1e-6, 50.0, xtol=1e-8)
    k_h = brentq(lambda k: headache(k) - YOUNGER_2013_RATES["headache"], 1e-6, 50.0, xtol=1e-8)
    return replace(base, vivid_dreams_per_night_blockade=k_v, headache_per_daily_rise=k_h)
