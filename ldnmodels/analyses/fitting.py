"""Fit the free model parameters to the published data shipped in ``ldnmodels/data``.

The fit is one pipeline (:func:`ldnmodels.analyses.pipeline.fit_defaults`): the pharmacokinetics from its sourced
inputs (:mod:`~ldnmodels.analyses.fitting_pk`), then every receptor structure on that PK (:func:`fit_structure`, this
module), then the side-effect drives on the default structure (:mod:`~ldnmodels.analyses.fitting_side_effects`).
``python scripts/fit_parameters.py`` (``make fit``) runs it, writes its rows of ``ldnmodels/data/fitted_defaults.csv``
(from which the parameter classes read their defaults), the structure comparison and the bootstrap draws that
:mod:`ldnmodels.model.structures` reads.

Receptor structures: every structure is fitted by :func:`fit_structure` to the same targets
(:class:`Targets`), by weighted least squares on the log of its ``fitted_fields``:

* the seven PET occupancies (Rabiner 2011), each compared with the model's mean occupancy
  over 1–8 h after the dose (:data:`PET_WINDOW_H`; the scans were "< 8 h" after it), weight
  :data:`PET_SD_FRACTION`;
* the shape of the decline after 50 mg (Lee 1988): blockade at 48, 72, 120 and 168 h relative
  to the 1 h scan, weights their SEMs;
* onset: at least :data:`ONSET_LEVEL` blockade :data:`ONSET_TIME_H` h after 50 mg (one-sided);
* the label plasma values (Cmax and half-lives of both compounds), which only structures that
  change plasma (the tissue phase) can miss.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
from scipy import special

from .. import data
from ..core.metrics import terminal_half_life_h
from ..model.pharmacokinetics import PKParameters
from ..model.receptor import ReceptorStructure, regimen_blockade, solve_upstream
from ..model.regimen import Regimen
from .fitting_pk import fit_pk, tmax_h
from .fitting_side_effects import YOUNGER_2013_RATES, fit_side_effects

__all__ = ["PET_WINDOW_H", "PET_SD_FRACTION", "ONSET_TIME_H", "ONSET_LEVEL", "Targets", "default_targets",
           "Predictions", "structure_predictions", "StructureFit", "fit_structure", "bootstrap_targets",
           "information_criterion", "dose_occupancy_curve", "pet_predictions", "STARTS", "LABEL_CMAX_SD_FRACTION",
           "LABEL_HALF_LIFE_SD_FRACTION",
           # re-exported from fitting_pk and fitting_side_effects
           "fit_pk", "tmax_h", "fit_side_effects", "YOUNGER_2013_RATES"]

#: Window after the dose (h) whose mean occupancy stands for a PET scan "within 8 h" (assumption).
PET_WINDOW_H = (1.0, 8.0)
#: Weight of PET residuals: the pooled within-dose SD of the replicated scans (5 mg: 43, 46, 58 %; 50 mg: 92,
#: 98 %) is sqrt(144 / 3) = 6.9 percentage points.
PET_SD_FRACTION = 0.069
#: Onset target: blockade this many hours after 50 mg ...
ONSET_TIME_H = 3.0
#: ... at least this high (derived: PET 92 and 98 % within 8 h of 50 mg; blockade significant at 3 h in a
#: 2005 PET abstract, Clin Pharmacol Ther 77:P26), with this tolerance.
ONSET_LEVEL, ONSET_SD = 0.90, 0.05
#: Tolerances of the label targets (fractions of the label value).
LABEL_CMAX_SD_FRACTION, LABEL_HALF_LIFE_SD_FRACTION = 0.05, 0.10
#: Windows (h after 50 mg) over which the label half-lives are read from the model's plasma curves.
NALTREXONE_HALF_LIFE_WINDOW_H, NALTREXOL_HALF_LIFE_WINDOW_H = (2.0, 12.0), (12.0, 36.0)
#: Lee 1988 scanned at 48-168 h; its "half-time of blockade" (72-108 h) is read as the log-linear half-life of
#: blockade over these hours (the per-time values give 72 h this way; time from peak to half would be ~117 h).
LEE_DECLINE_WINDOW_H = (48.0, 168.0)
#: Multipliers of a structure's current values tried as starting points by :func:`fit_structure` (best fit kept).
STARTS = (1.0, 0.2, 5.0, 0.02, 50.0)
_BOUNDS = (1e-5, 1e3)


class Targets(NamedTuple):
    """The data every receptor structure is fitted to (defaults: the shipped files)."""

    pet_doses_mg: np.ndarray
    pet_occupancy: np.ndarray
    lee_time_h: np.ndarray
    lee_relative: np.ndarray
    lee_sem: np.ndarray


def default_targets() -> Targets:
    """PET (Rabiner 2011) and the decline after 50 mg (Lee 1988) as shipped in ``ldnmodels/data``."""
    return Targets(*data.pet_occupancy(), *data.lee_decline())


class Predictions(NamedTuple):
    """What a structure predicts for each target (and for the Lee 1988 half-time summary)."""

    pet: np.ndarray               #: mean occupancy over the PET window, one per PET row
    lee_relative: np.ndarray      #: blockade at the Lee times / blockade 1 h after 50 mg
    onset: float                  #: blockade ONSET_TIME_H after 50 mg
    at_4_h: float                 #: blockade 4 h after 50 mg
    ratio_168_48: float           #: blockade at 168 h / at 48 h after 50 mg
    half_time_h: float            #: log-linear half-life of blockade over LEE_DECLINE_WINDOW_H after 50 mg
    naltrexone_cmax_ng_ml: float
    naltrexol_cmax_ng_ml: float
    naltrexone_half_life_h: float
    naltrexol_half_life_h: float


def structure_predictions(pk: PKParameters, receptor: ReceptorStructure,
                          targets: Targets | None = None) -> Predictions:
    """Simulate the targets' experiments with one receptor structure (scalar parameters).

    Parameters
    ----------
    pk, receptor : PKParameters, ReceptorStructure
        Scalar parameter sets.
    targets : Targets, optional
        Whose PET doses (mg) and Lee times (h after 50 mg) are simulated; default :func:`default_targets`.

    Returns
    -------
    Predictions
        Blockade as fractions 0–1 (``pet`` one per PET row), ratios dimensionless, peaks ng/mL, half-lives h.
    """
    targets = default_targets() if targets is None else targets
    doses = np.unique(targets.pet_doses_mg)
    by_dose = dict(zip(doses, pet_predictions(pk, receptor, doses)))
    step = 0.25
    course = regimen_blockade(Regimen.single(50.0), int(400 / step) + 1, step, pk, receptor).mor_occupancy
    t_h = np.arange(course.size) * step

    def at(hours):
        return float(np.interp(hours, t_h, course))

    fine = 0.01
    plasma = solve_upstream(Regimen.single(50.0), int(48 / fine) + 1, fine, pk, receptor)
    t_fine = np.arange(plasma.naltrexone_ng_ml.size) * fine
    return Predictions(
        pet=np.array([by_dose[d] for d in targets.pet_doses_mg]),
        lee_relative=np.array([at(h) for h in targets.lee_time_h]) / at(1.0),
        onset=at(ONSET_TIME_H), at_4_h=at(4.0), ratio_168_48=at(168.0) / at(48.0),
        half_time_h=terminal_half_life_h(t_h, course, *LEE_DECLINE_WINDOW_H),
        naltrexone_cmax_ng_ml=float(plasma.naltrexone_ng_ml.max()),
        naltrexol_cmax_ng_ml=float(plasma.naltrexol_ng_ml.max()),
        naltrexone_half_life_h=terminal_half_life_h(t_fine, plasma.naltrexone_ng_ml, *NALTREXONE_HALF_LIFE_WINDOW_H),
        naltrexol_half_life_h=terminal_half_life_h(t_fine, plasma.naltrexol_ng_ml, *NALTREXOL_HALF_LIFE_WINDOW_H))


def weighted_residuals(predictions: Predictions, targets: Targets) -> dict[str, np.ndarray]:
    """Residuals in units of each target's tolerance, by target group (pet, lee, onset, label)."""
    label = data.label_pk_50mg()
    low, high = data.blockade_half_time_range_h()
    return {
        "pet": (predictions.pet - targets.pet_occupancy) / PET_SD_FRACTION,
        "lee": (predictions.lee_relative - targets.lee_relative) / targets.lee_sem,
        "onset": np.array([min(0.0, predictions.onset - ONSET_LEVEL) / ONSET_SD]),
        "half_time": np.array([_outside(min(predictions.half_time_h, 10 * high), low, high) / ((high - low) / 2)]),
        "label": np.array([
            (predictions.naltrexone_cmax_ng_ml / label["naltrexone_cmax"] - 1) / LABEL_CMAX_SD_FRACTION,
            (predictions.naltrexol_cmax_ng_ml / label["naltrexol_cmax"] - 1) / LABEL_CMAX_SD_FRACTION,
            (predictions.naltrexone_half_life_h / label["naltrexone_half_life"] - 1) / LABEL_HALF_LIFE_SD_FRACTION,
            (predictions.naltrexol_half_life_h / label["naltrexol_half_life"] - 1) / LABEL_HALF_LIFE_SD_FRACTION]),
    }


def _outside(value: float, low: float, high: float) -> float:
    """How far ``value`` lies outside ``[low, high]`` (0 inside): a range as a flat-bottomed target."""
    return min(0.0, value - low) + max(0.0, value - high)


@dataclass(frozen=True)
class StructureFit:
    """One structure fitted to the targets."""

    receptor: ReceptorStructure   #: the fitted parameter set
    chi_square: float             #: sum of squared weighted residuals
    n_data: int
    n_params: int
    residuals: dict               #: weighted residuals by target group
    predictions: Predictions

    @property
    def aicc(self) -> float:
        """Small-sample Akaike information criterion (Gaussian errors with the stated tolerances)."""
        return information_criterion(self.chi_square, self.n_data, self.n_params)

    @property
    def p_value(self) -> float:
        """Chi-square goodness of fit with ``n_data - n_params`` degrees of freedom."""
        return float(special.chdtrc(self.n_data - self.n_params, self.chi_square))  # chi-square survival


def information_criterion(chi_square: float, n_data: int, n_params: int) -> float:
    """AICc = χ² + 2k + 2k(k+1)/(n − k − 1) for χ² from residuals weighted by known tolerances.

    Parameters
    ----------
    chi_square, n_data, n_params : float, int, int
        Sum of squared weighted residuals (dimensionless); numbers of residuals n and of fitted parameters k.

    Returns
    -------
    float
        AICc, dimensionless; lower is better.
    """
    return chi_square + 2 * n_params + 2 * n_params * (n_params + 1) / (n_data - n_params - 1)


def fit_structure(receptor: ReceptorStructure, pk: PKParameters | None = None, targets: Targets | None = None,
                  starts=STARTS) -> StructureFit:
    """Fit a structure's ``fitted_fields`` (in log space) to the targets; other fields stay as given.

    Parameters
    ----------
    receptor : a receptor structure
        Its current values of the fitted fields are the first start.
    pk : PKParameters, optional
        Default: ``PKParameters()``.
    targets : Targets, optional
        Default: :func:`default_targets`.
    starts : sequence of float, default STARTS
        Multipliers of the current values tried as starting points (best fit kept; fields bounded to 1e-5–1e3).

    Returns
    -------
    StructureFit
        The fitted parameter set, χ² (dimensionless), numbers of residuals and of fields, residuals, predictions.
    """
    pk = PKParameters() if pk is None else pk
    targets = default_targets() if targets is None else targets
    names = type(receptor).fitted_fields
    current = np.log([float(getattr(receptor, name)) for name in names])

    def candidate(log_values):
        return replace(receptor, **{n: float(math.exp(v)) for n, v in zip(names, log_values)})

    def residuals(log_values):
        groups = weighted_residuals(structure_predictions(pk, candidate(log_values), targets), targets)
        return np.concatenate(list(groups.values()))

    # here, not at the top: scipy.optimize is a third of the start-up of every notebook kernel that imports this module
    from scipy.optimize import least_squares

    bounds = (np.full(len(names), math.log(_BOUNDS[0])), np.full(len(names), math.log(_BOUNDS[1])))
    best = None
    for factor in starts:
        start = np.clip(current + math.log(factor), bounds[0] + 1e-9, bounds[1] - 1e-9)
        fit = least_squares(residuals, start, bounds=bounds, diff_step=1e-4)
        if best is None or fit.cost < best.cost:
            best = fit
    fitted = candidate(best.x)
    predictions = structure_predictions(pk, fitted, targets)
    groups = weighted_residuals(predictions, targets)
    chi_square = float(sum(float(np.sum(r ** 2)) for r in groups.values()))
    n_data = sum(r.size for r in groups.values())
    return StructureFit(fitted, chi_square, n_data, len(names), groups, predictions)


def bootstrap_targets(targets: Targets, seed: int) -> Targets:
    """One bootstrap replicate: the PET scans resampled with replacement, the Lee points redrawn from their SEMs.

    Parameters
    ----------
    targets, seed : Targets, int
        The data to resample (e.g. :func:`default_targets`); seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    Targets
        The same sizes and units; Lee times and SEMs unchanged.
    """
    rng = np.random.default_rng(seed)
    index = rng.integers(0, targets.pet_doses_mg.size, targets.pet_doses_mg.size)
    lee = targets.lee_relative + targets.lee_sem * rng.standard_normal(targets.lee_relative.size)
    return targets._replace(pet_doses_mg=targets.pet_doses_mg[index], pet_occupancy=targets.pet_occupancy[index],
                            lee_relative=lee)


def pet_predictions(pk: PKParameters, receptor: ReceptorStructure, doses_mg) -> np.ndarray:
    """Mean model occupancy over :data:`PET_WINDOW_H` after one dose of each of ``doses_mg``.

    Parameters
    ----------
    pk, receptor : PKParameters, ReceptorStructure
        Scalar parameter sets.
    doses_mg : sequence of float
        Single doses, mg naltrexone HCl, each in (0, 1000] (simulated every 0.05 h up to 8 h).

    Returns
    -------
    ndarray, shape (n_doses,)
        Mean share of mu receptors blocked 1–8 h after each dose, fraction 0–1.
    """
    step = 0.05
    n_points = int(PET_WINDOW_H[1] / step) + 1
    t_h = np.arange(n_points) * step
    window = t_h >= PET_WINDOW_H[0]
    out = []
    for dose in np.asarray(doses_mg, dtype=float):
        occupancy = regimen_blockade(Regimen.single(float(dose)), n_points, step, pk, receptor).mor_occupancy
        out.append(occupancy[window].mean())
    return np.array(out)


def dose_occupancy_curve(pk: PKParameters, receptor: ReceptorStructure, doses_mg=None) -> tuple[np.ndarray, np.ndarray]:
    """Doses (default: 40 on a log grid from 0.5 to 100 mg) and the model's PET-window occupancy for each.

    Parameters
    ----------
    pk, receptor, doses_mg : PKParameters, ReceptorStructure, sequence of float or None
        As for :func:`pet_predictions`; ``doses_mg`` optional.

    Returns
    -------
    tuple of ndarray, each shape (n_doses,)
        The doses, mg naltrexone HCl, and :func:`pet_predictions` at them, fraction 0–1.
    """
    doses = np.geomspace(0.5, 100.0, 40) if doses_mg is None else np.asarray(doses_mg, dtype=float)
    return doses, pet_predictions(pk, receptor, doses)
