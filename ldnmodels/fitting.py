"""Fit the free model parameters to the published data shipped in ``ldnmodels/data``.

Rerun with ``python scripts/fit_parameters.py``; it prints the fitted values, which are
the defaults in :class:`~ldnmodels.pharmacokinetics.PKParameters` and
:class:`~ldnmodels.receptor.ReceptorParameters` (a test checks they agree).

Pharmacokinetics (three numbers, three label facts): ``ka_per_h`` so that the later of the
two tmax values is 1.0 h ("within 1 h"); ``bioavailability_fraction`` so that naltrexone
Cmax is 13.3 ng/mL given the clearance of 94 L/h; ``naltrexol_v_l`` so that 6β-naltrexol
Cmax is 108 ng/mL.

Receptor (two numbers, eight data): ``ke0_per_h`` and ``naltrexone_ec50_nm`` by weighted
least squares on the seven PET occupancies (Rabiner 2011) and the blockade half-time after
50 mg (Lee 1988: 72–108 h, target the midpoint). Assumption: a PET value "within 8 h" is
compared with the model's mean occupancy over 1–8 h after the dose (:data:`PET_WINDOW_H`).
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from scipy.optimize import brentq, least_squares

from . import data
from .metrics import decline_half_time_h
from .pharmacokinetics import PKParameters, plasma_concentrations
from .receptor import ReceptorParameters, regimen_blockade
from .regimen import Regimen

__all__ = ["PET_WINDOW_H", "PET_SD_FRACTION", "dose_occupancy_curve", "fit_pk", "fit_side_effects", "fit_receptor", "fit_direct_receptor",
           "pet_predictions", "blockade_half_time_after_50mg_h", "tmax_h"]

#: Window after the dose (h) whose mean occupancy stands for a PET scan "within 8 h" (assumption).
PET_WINDOW_H = (1.0, 8.0)
#: Weight of PET residuals: the spread of the three 5 mg values (43, 46, 58 %) is ~0.08.
PET_SD_FRACTION = 0.08
_FINE_STEP_H = 0.002


def tmax_h(params: PKParameters) -> tuple[float, float]:
    """tmax of naltrexone and 6β-naltrexol after one dose, h (refined by a parabola through the grid peak)."""
    n_points = int(4.0 / _FINE_STEP_H)
    curves = plasma_concentrations(Regimen.single(50.0), n_points, _FINE_STEP_H, params)
    return tuple(_parabolic_peak_time(curve) for curve in curves)


def fit_pk(params: PKParameters | None = None) -> PKParameters:
    """PK parameters with ``ka_per_h``, ``bioavailability_fraction`` and ``naltrexol_v_l`` fitted."""
    label = data.label_pk_50mg()
    params = PKParameters() if params is None else params
    for _ in range(4):  # the three conditions interact weakly; a few sweeps converge
        ka = brentq(lambda k: max(tmax_h(replace(params, ka_per_h=k))) - label["naltrexol_tmax"], 0.5, 60.0,
                    xtol=1e-6)
        params = replace(params, ka_per_h=ka)
        n_points = int(4.0 / _FINE_STEP_H)
        naltrexone, naltrexol = plasma_concentrations(Regimen.single(50.0), n_points, _FINE_STEP_H, params)
        params = replace(params,
                         bioavailability_fraction=params.bioavailability_fraction
                         * label["naltrexone_cmax"] / _parabolic_peak_value(naltrexone),
                         naltrexol_v_l=params.naltrexol_v_l * _parabolic_peak_value(naltrexol)
                         / label["naltrexol_cmax"])
    return params


def pet_predictions(pk: PKParameters, receptor: ReceptorParameters, doses_mg) -> np.ndarray:
    """Mean model occupancy over :data:`PET_WINDOW_H` after one dose of each of ``doses_mg``."""
    step = 0.05
    n_points = int(PET_WINDOW_H[1] / step) + 1
    t_h = np.arange(n_points) * step
    window = t_h >= PET_WINDOW_H[0]
    out = []
    for dose in np.asarray(doses_mg, dtype=float):
        occupancy = regimen_blockade(Regimen.single(float(dose)), n_points, step, pk, receptor).mor_occupancy
        out.append(occupancy[window].mean())
    return np.array(out)


def dose_occupancy_curve(pk: PKParameters, receptor: ReceptorParameters,
                         doses_mg=None) -> tuple[np.ndarray, np.ndarray]:
    """Doses (default: 40 on a log grid from 0.5 to 100 mg) and the model's PET-window occupancy for each."""
    doses = np.geomspace(0.5, 100.0, 40) if doses_mg is None else np.asarray(doses_mg, dtype=float)
    return doses, pet_predictions(pk, receptor, doses)


def blockade_half_time_after_50mg_h(pk: PKParameters, receptor: ReceptorParameters) -> float:
    """Hours from peak blockade to half of it after one 50 mg dose (Lee 1988's summary)."""
    step = 0.25
    n_points = int(600 / step) + 1
    occupancy = regimen_blockade(Regimen.single(50.0), n_points, step, pk, receptor).mor_occupancy
    return decline_half_time_h(np.arange(n_points) * step, occupancy)


def fit_receptor(pk: PKParameters | None = None) -> ReceptorParameters:
    """Receptor parameters with ``ke0_per_h`` and ``naltrexone_ec50_nm`` fitted (see module notes)."""
    pk = PKParameters() if pk is None else pk
    doses, observed = data.pet_occupancy()
    low, high = data.blockade_half_time_range_h()
    target, half_width = (low + high) / 2, (high - low) / 2
    base = ReceptorParameters()

    def residuals(log_params):
        receptor = replace(base, ke0_per_h=math.exp(log_params[0]), naltrexone_ec50_nm=math.exp(log_params[1]))
        pet = (pet_predictions(pk, receptor, doses) - observed) / PET_SD_FRACTION
        half_time = blockade_half_time_after_50mg_h(pk, receptor)
        return np.append(pet, (min(half_time, 10 * high) - target) / half_width)

    fit = least_squares(residuals, np.log([0.05, 3.0]), x_scale=1.0, diff_step=1e-4)
    return replace(base, ke0_per_h=float(math.exp(fit.x[0])), naltrexone_ec50_nm=float(math.exp(fit.x[1])))


def fit_direct_receptor(pk: PKParameters | None = None) -> ReceptorParameters:
    """The direct model (``ke0_per_h=inf``) with its EC50 fitted to the PET data alone."""
    pk = PKParameters() if pk is None else pk
    doses, observed = data.pet_occupancy()
    base = replace(ReceptorParameters(), ke0_per_h=math.inf)

    def residuals(log_ec50):
        receptor = replace(base, naltrexone_ec50_nm=math.exp(log_ec50[0]))
        return pet_predictions(pk, receptor, doses) - observed

    fit = least_squares(residuals, [math.log(10.0)], diff_step=1e-4)
    return replace(base, naltrexone_ec50_nm=float(math.exp(fit.x[0])))


def _parabolic_peak_time(curve: np.ndarray) -> float:
    k = int(np.clip(np.argmax(curve), 1, curve.size - 2))
    y0, y1, y2 = curve[k - 1: k + 2]
    return (k + 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2)) * _FINE_STEP_H


def _parabolic_peak_value(curve: np.ndarray) -> float:
    k = int(np.clip(np.argmax(curve), 1, curve.size - 2))
    y0, y1, y2 = curve[k - 1: k + 2]
    return y1 - 0.125 * (y0 - y2) ** 2 / (y0 - 2 * y1 + y2)


#: Reported rates for 4.5 mg at bedtime (Younger et al. 2013), used by :func:`fit_side_effects`.
YOUNGER_2013_RATES = {"vivid_dreams": 0.37, "headache": 0.16}


def fit_side_effects(pk: PKParameters | None = None, receptor: ReceptorParameters | None = None):
    """Side-effect drives that reproduce the Younger 2013 rates for 4.5 mg at 21:00 over 12 weeks.

    Assumes the trial started at 4.5 mg without titration. Returns a :class:`SideEffectParameters`.
    """
    from .side_effects import SideEffectParameters, side_effects
    from .simulation import simulate

    result = simulate(Regimen.daily(4.5, days=84, clock_h=21.0), hours=84 * 24.0, step_h=0.1, pk=pk,
                      receptor=receptor)
    base = SideEffectParameters()

    def vivid(k):
        return side_effects(result, replace(base, vivid_dreams_per_night_blockade=k)).vivid_dreams

    def headache(k):
        return side_effects(result, replace(base, headache_per_daily_rise=k)).headache

    k_v = brentq(lambda k: vivid(k) - YOUNGER_2013_RATES["vivid_dreams"], 1e-6, 50.0, xtol=1e-8)
    k_h = brentq(lambda k: headache(k) - YOUNGER_2013_RATES["headache"], 1e-6, 50.0, xtol=1e-8)
    return replace(base, vivid_dreams_per_night_blockade=k_v, headache_per_daily_rise=k_h)
