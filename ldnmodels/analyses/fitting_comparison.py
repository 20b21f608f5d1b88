"""The structures side by side: which validation criteria each fit meets, what each predicts for daily LDN, and the
comparison table with bootstrap refits that ``scripts/fit_parameters.py`` writes."""
from __future__ import annotations

import math

import numpy as np

from ..core.metrics import hours_above_per_day
from ..model.pharmacokinetics import PKParameters
from ..model.receptor import ReceptorStructure
from ..model.regimen import Regimen
from ..model.simulation import simulate
from ..model.structures import ACCEPTABLE_P_VALUE, structure_name
from .fitting import (
    LABEL_CMAX_SD_FRACTION,
    LABEL_HALF_LIFE_SD_FRACTION,
    Predictions,
    Targets,
    bootstrap_targets,
    default_targets,
    fit_structure,
)

__all__ = ["VALIDATION", "validation_summary", "daily_ldn_summary", "structure_comparison", "COMPARISON_DOSE_MG",
           "COMPARISON_DAYS", "COMPARISON_CLOCK_H"]


#: Daily LDN regimen whose blockade the comparison reports (4.5 mg at 21:00; day 14 is read).
COMPARISON_DOSE_MG, COMPARISON_DAYS, COMPARISON_CLOCK_H = 4.5, 14, 21.0


#: The validation criteria of tests/validation, applied to every structure in the comparison table.
VALIDATION = {"each PET within 12 points": lambda p, t: bool(np.all(np.abs(p.pet - t.pet_occupancy) <= 0.12)),
              "PET RMS <= 7.1 points": lambda p, t: bool(np.sqrt(np.mean((p.pet - t.pet_occupancy) ** 2)) <= 0.071),
              ">= 85 % at 4 h after 50 mg": lambda p, t: p.at_4_h >= 0.85,
              "168 h / 48 h in 0.2-0.6": lambda p, t: 0.2 <= p.ratio_168_48 <= 0.6,
              "Lee points within 2 SEM": lambda p, t: bool(np.all(np.abs(p.lee_relative - t.lee_relative)
                                                                 <= 2 * t.lee_sem))}


def validation_summary(predictions: Predictions, targets: Targets) -> str:
    """Which validation criteria (:data:`VALIDATION`) a structure's predictions meet, as text: 'all' or the misses.

    Parameters
    ----------
    predictions, targets : Predictions, Targets
        A structure's predictions (:func:`structure_predictions`) and the data they are judged against.

    Returns
    -------
    str
        ``"all"``, or ``"misses: "`` followed by the missed criteria joined by ``"; "``.
    """
    missed = [name for name, passes in VALIDATION.items() if not passes(predictions, targets)]
    return "all" if not missed else "misses: " + "; ".join(missed)


def daily_ldn_summary(receptor: ReceptorStructure, pk: PKParameters | None = None) -> dict[str, float]:
    """Trough, peak and hours above 50 % and 80 % blockade on day 14 of 4.5 mg daily at 21:00.

    Parameters
    ----------
    receptor, pk : ReceptorStructure, PKParameters or None
        Scalar parameter sets; ``pk`` default ``PKParameters()``.

    Returns
    -------
    dict
        ``ldn_trough``, ``ldn_peak`` (fraction 0–1 blocked) and ``ldn_hours_above_50``, ``ldn_hours_above_80`` (h).
    """
    regimen = Regimen.daily(COMPARISON_DOSE_MG, days=COMPARISON_DAYS, clock_h=COMPARISON_CLOCK_H)
    result = simulate(regimen, hours=24.0 * COMPARISON_DAYS, step_h=0.1, pk=pk, receptor=receptor)
    last = result.mor_occupancy[..., -241:-1]
    return {"ldn_trough": float(last.min()), "ldn_peak": float(last.max()),
            "ldn_hours_above_50": float(hours_above_per_day(result.t_h, result.mor_occupancy, 0.5)[..., -1]),
            "ldn_hours_above_80": float(hours_above_per_day(result.t_h, result.mor_occupancy, 0.8)[..., -1])}


def structure_comparison(structures, pk: PKParameters | None = None, n_draws: int = 40, seed: int = 2026,
                         fits: dict | None = None):
    """Fit every structure, bootstrap it, and tabulate errors, AICc and daily-LDN predictions.

    Parameters
    ----------
    structures : sequence of parameter sets
        Starting values of each structure (e.g. the shipped defaults).
    pk : PKParameters, optional
    n_draws : int
        Bootstrap refits per structure (replicate ``b`` uses seed ``seed + b``).
    fits : dict, optional
        ``{name: StructureFit}`` point fits already made on ``pk`` (e.g. from
        :func:`ldnmodels.analyses.pipeline.fit_defaults`); the
        structures not in it are fitted here.

    Returns
    -------
    rows : list of dict
        One per structure (the columns of ``ldnmodels/data/receptor_comparison.csv``).
    draws : list of dict
        ``structure, draw, field, value`` for every bootstrap refit.
    fits : dict
        ``{name: StructureFit}``.
    """
    pk = PKParameters() if pk is None else pk
    targets = default_targets()
    fits, rows, draws = dict(fits or {}), [], []
    for start in structures:
        name = structure_name(start)
        fit = fits[name] if name in fits else fit_structure(start, pk, targets)
        fits[name] = fit
        names = type(fit.receptor).fitted_fields
        samples = {field: [] for field in names}
        for b in range(1, n_draws + 1):
            refit = fit_structure(fit.receptor, pk, bootstrap_targets(targets, seed + b), starts=(1.0,)).receptor
            for field in names:
                value = float(getattr(refit, field))
                samples[field].append(value)
                draws.append({"structure": name, "draw": b, "field": field, "value": f"{value:.6g}"})
        parameters = "; ".join(
            f"{field} = {float(getattr(fit.receptor, field)):.3g} [{np.percentile(samples[field], 2.5):.3g}–"
            f"{np.percentile(samples[field], 97.5):.3g}]" for field in names)
        p = fit.predictions
        label = fit.residuals["label"] * np.array([LABEL_CMAX_SD_FRACTION] * 2 + [LABEL_HALF_LIFE_SD_FRACTION] * 2)
        rows.append({"structure": name, "description": type(fit.receptor).description, "parameters": parameters,
                     "pet_rms_points": 100 * math.sqrt(np.mean((p.pet - targets.pet_occupancy) ** 2)),
                     "pet_max_error_points": 100 * np.max(np.abs(p.pet - targets.pet_occupancy)),
                     "lee_rms_points": 100 * math.sqrt(np.mean((p.lee_relative - targets.lee_relative) ** 2)),
                     "onset_3_h": p.onset, "at_4_h": p.at_4_h, "ratio_168_48": p.ratio_168_48,
                     "half_time_h": p.half_time_h, "label_max_error_percent": 100 * np.max(np.abs(label)),
                     "chi_square": fit.chi_square, "n_data": fit.n_data, "n_params": fit.n_params,
                     "aicc": fit.aicc, "p_value": fit.p_value,
                     "fits_acceptably": "yes" if fit.p_value >= ACCEPTABLE_P_VALUE else "no",
                     "validation": validation_summary(p, targets),
                     **daily_ldn_summary(fit.receptor, pk)})
    best = min(r["aicc"] for r in rows)
    weights = np.exp(-0.5 * (np.array([r["aicc"] for r in rows]) - best))
    for row, weight in zip(rows, weights / weights.sum()):
        row["delta_aicc"] = row["aicc"] - best
        row["akaike_weight"] = float(weight)
    return rows, draws, fits
