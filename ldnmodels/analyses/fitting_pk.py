"""Fit the three free pharmacokinetic parameters to the label values after one 50 mg dose.

The targets are in ``ldnmodels/data/label_pk_50mg.csv``: ``ka_per_h`` so that the later of the two tmax values is
the label's ("within 1 h"); ``bioavailability_fraction`` so that the naltrexone Cmax is the label's, given the
sourced clearance; ``naltrexol_v_l`` so that the 6β-naltrexol Cmax is the label's. Every other field of
:class:`~ldnmodels.model.pharmacokinetics.PKParameters` (clearance, half-lives, absorbed fraction: the sourced
inputs) is taken as given, so changing one of them and refitting moves all three — and, through them, every
receptor structure fitted downstream (:func:`ldnmodels.analyses.pipeline.fit_defaults`).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .. import data
from ..model.pharmacokinetics import PKParameters, plasma_concentrations
from ..model.regimen import Regimen

__all__ = ["FINE_STEP_H", "LABEL_DOSE_MG", "tmax_h", "fit_pk"]

#: Grid step (h) of the plasma curves the fit reads its peaks from (refined by a parabola through the grid peak).
FINE_STEP_H = 0.002
#: The single dose (mg naltrexone HCl) the label values describe.
LABEL_DOSE_MG = 50.0
_SWEEPS = 4  # the three conditions interact weakly; a few sweeps converge
_WINDOW_H = 4.0  # hours of plasma curve searched for the peaks


def tmax_h(params: PKParameters) -> tuple[float, float]:
    """Time of the peak of naltrexone and of 6β-naltrexol after one 50 mg dose.

    Parameters
    ----------
    params : PKParameters
        Scalar parameters (one patient).

    Returns
    -------
    tuple of float
        tmax of naltrexone and of 6β-naltrexol, h (refined by a parabola through the grid peak).
    """
    curves = plasma_concentrations(Regimen.single(LABEL_DOSE_MG), int(_WINDOW_H / FINE_STEP_H), FINE_STEP_H, params)
    return tuple(_parabolic_peak_time(curve) for curve in curves)


def fit_pk(params: PKParameters | None = None) -> PKParameters:
    """PK parameters with ``ka_per_h``, ``bioavailability_fraction`` and ``naltrexol_v_l`` fitted to the label.

    Parameters
    ----------
    params : PKParameters, optional
        The sourced inputs (clearance in L/h, half-lives in h, absorbed fraction) and the starting values of the
        three fitted fields; default ``PKParameters()``. Scalar parameters.

    Returns
    -------
    PKParameters
        ``params`` with ``ka_per_h`` (1/h) set so that the later tmax is the label's, ``bioavailability_fraction``
        (fraction) so that naltrexone Cmax is the label's (ng/mL), ``naltrexol_v_l`` (L) so that 6β-naltrexol Cmax
        is the label's (ng/mL).
    """
    from scipy.optimize import brentq  # here: scipy.optimize would slow every notebook kernel's start-up

    label = data.label_pk_50mg()
    params = PKParameters() if params is None else params
    n_points = int(_WINDOW_H / FINE_STEP_H)
    for _ in range(_SWEEPS):
        ka = brentq(lambda k, p=params: max(tmax_h(replace(p, ka_per_h=k))) - label["naltrexol_tmax"], 0.5, 60.0,
                    xtol=1e-6)
        params = replace(params, ka_per_h=ka)
        naltrexone, naltrexol = plasma_concentrations(Regimen.single(LABEL_DOSE_MG), n_points, FINE_STEP_H, params)
        params = replace(params,
                         bioavailability_fraction=params.bioavailability_fraction
                         * label["naltrexone_cmax"] / _parabolic_peak_value(naltrexone),
                         naltrexol_v_l=params.naltrexol_v_l * _parabolic_peak_value(naltrexol)
                         / label["naltrexol_cmax"])
    return params


def _parabolic_peak_time(curve: np.ndarray) -> float:
    k = int(np.clip(np.argmax(curve), 1, curve.size - 2))
    y0, y1, y2 = curve[k - 1: k + 2]
    return (k + 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2)) * FINE_STEP_H


def _parabolic_peak_value(curve: np.ndarray) -> float:
    k = int(np.clip(np.argmax(curve), 1, curve.size - 2))
    y0, y1, y2 = curve[k - 1: k + 2]
    return y1 - 0.125 * (y0 - y2) ** 2 / (y0 - 2 * y1 + y2)
