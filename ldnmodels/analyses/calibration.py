r"""Calibrating the virtual population to the published trials as a whole.

Method
------
A likelihood over a grid (approximate Bayesian computation with a Gaussian kernel). For every
combination of the calibrated parameters in :data:`GRID`, the published trials with targets (four) are simulated
(their records' counterparts, :mod:`ldnmodels.analyses.published`, with their own designs: the pilot's
single-blind placebo-first order, the crossovers, FINAL's titration) ``n_trials`` times each, and every published
number in :data:`TARGETS` (generated from the records' ``targets``) — the change within each arm where it is
reported, the standardised difference where only that is — is scored against the simulated replicates of the same
number (:func:`ldnmodels.analyses.published.replicate_statistics`):

.. math::

    \log L(\theta) = \sum_k \log \mathcal N\big(y_k;\ \bar x_k(\theta),\ s_k(\theta)^2\big)

with :math:`\bar x_k` and :math:`s_k` the mean and standard deviation over the replicates (so a
small trial, whose results scatter widely, weighs less). One requirement enters as a constraint, not as a term: one
50 mg dose must not move the conceptual score by half a point or more the next day (Younger, Zautra & Cummins 2009:
a single 50 mg dose changed neither pain sensitivity nor mood in 10 women with fibromyalgia). Two things are
**reported, not required**: whether the drug-only benefit rises from 3 to 4.5 to 6 mg, and whether each trial's
published effect lies inside the central 95 % of its simulated replicates. The dose-finding study (Bruun-Plesner 2020)
cannot demand the first: its up-and-down design *assumes* a monotone dose–response to estimate an ED50. It enters the
comparison of hypotheses (:mod:`ldnmodels.analyses.hypotheses`) as a likelihood term of its own procedure instead;
and coverage that a calibration required is agreement by construction, not a test. With a flat prior over the grid
the posterior weight of a grid point is proportional to its likelihood; :func:`fitted_ranges` gives each
parameter's most likely value and the grid values holding 90 % of the weight.

What this is not: the terms are treated as independent although the arms of a trial share patients,
the grid is coarse, and everything the grid does not vary (spreads, time constants, the structure of
the model) is held at its default. The calibrated values are what the trials *require* of this model,
not measurements.

``scripts/calibrate_population.py`` (``make calibrate``) runs the grid, writes
``ldnmodels/data/population_calibration.csv`` and writes its most likely allowed grid point
(:func:`ldnmodels.analyses.pipeline.calibrated_default_rows`) as the ``calibration`` rows of
``ldnmodels/data/fitted_defaults.csv``, from which :class:`ldnmodels.analyses.population.PopulationParameters`,
:class:`ldnmodels.InflammationParameters` (``tlr4_ic50_um``) and :class:`ldnmodels.SymptomParameters`
(``opioid_weight``) read their defaults.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..data import rows
from .published import Target, replicate_statistics, studies

__all__ = ["GRID", "MECHANISM_PARAMETERS", "TARGETS", "Target", "targets", "SINGLE_50MG_LIMIT_NRS",
           "DOSES_MG", "allowed", "evaluate_mechanism", "calibration_rows", "posterior", "best_values", "FittedRange",
           "fitted_ranges", "single_dose_change", "ranges_markdown", "fitted_studies"]

#: Parameters that change the simulated drug effect (each needs new simulations of the patients).
MECHANISM_PARAMETERS = ("responder_fraction", "tlr4_ic50_um", "responder_drive_ratio", "opioid_weight")

#: The grid searched: parameter -> values.
GRID: dict[str, tuple[float, ...]] = {
    "responder_fraction": (0.2, 0.3, 0.4, 0.5),
    "tlr4_ic50_um": (0.0005, 0.001, 0.002, 0.004),
    "responder_drive_ratio": (2.0, 3.0, 4.0),
    "opioid_weight": (0.1, 0.3, 0.6, 1.0),
    "placebo_mean_nrs": (-0.6, -0.9, -1.2, -1.5),
    "placebo_time_constant_h": (336.0, 672.0, 1008.0),
}

#: The one 50 mg dose must move the score by less than this the next day, points (derived: a 10-patient crossover
#: that saw no change cannot exclude much less than half a point).
SINGLE_50MG_LIMIT_NRS = 0.5
#: Daily doses (mg, 12 weeks) whose drug-only benefit is reported (whether it rises with dose: not required).
DOSES_MG = (3.0, 4.5, 6.0)


def targets(path: str | Path | None = None) -> tuple[Target, ...]:
    """What the calibration is scored on, generated from the records' ``targets`` (within-arm changes where
    reported, their difference being the trial's effect; the standardised difference where only that is).

    Parameters
    ----------
    path : str or Path, optional
        Another records file (:func:`ldnmodels.analyses.published.studies`); default the shipped one.
    """
    return tuple(target for record in studies(path) for target in record.calibration_targets)


#: What the calibration is scored on (:func:`targets` of the shipped records).
TARGETS: tuple[Target, ...] = targets()


def fitted_studies() -> frozenset[str]:
    """Record keys of the studies the calibration is scored on: agreement with them is by construction."""
    return frozenset(target.trial for target in TARGETS)


def _log_normal_density(y: float, mean: float, sd: float) -> float:
    sd = max(sd, 1e-9)
    return -0.5 * ((y - mean) / sd) ** 2 - math.log(sd * math.sqrt(2.0 * math.pi))


def single_dose_change(opioid_weight: float) -> float:
    """Change in the single-patient conceptual score over the 24 h after one 50 mg dose, points.

    The default patient with the given ``opioid_weight`` (everything else at its default), dose at 21:00 on day 1.
    """
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..model.symptoms import SymptomParameters

    result = simulate(Regimen(times_h=(21.0,), doses_mg=(50.0,)), hours=48.0, step_h=0.1,
                      symptoms=replace(SymptomParameters(), opioid_weight=float(opioid_weight)))
    after = (result.t_h >= 21.0) & (result.t_h < 45.0)
    return float(result.pain_nrs[after].mean() - result.pain_nrs[0])


def _with_placebo(pool, mean_nrs: float, time_constant_h: float):
    """The same simulated patients with another placebo response (shifted mean, new build-up time)."""
    population = pool.population
    shifted = population.placebo_response_nrs - population.params.placebo_mean_nrs + mean_nrs
    params = replace(population.params, placebo_mean_nrs=mean_nrs, placebo_time_constant_h=time_constant_h)
    return replace(pool, population=replace(population, params=params, placebo_response_nrs=shifted))


def evaluate_mechanism(values: dict[str, float], n_trials: int = 100, pool_size: int = 600, seed: int = 0,
                       dose_patients: int = 600, path: str | Path | None = None) -> list[dict[str, float]]:
    """Score one combination of :data:`MECHANISM_PARAMETERS` with every placebo combination of the grid.

    Parameters
    ----------
    values : dict
        A value for each of :data:`MECHANISM_PARAMETERS`.
    n_trials, pool_size, seed : int
        Replicates of each trial, virtual patients per trial design, random seed.
    dose_patients : int
        Patients for the reported drug-only benefit at 3, 4.5 and 6 mg (12 weeks).
    path : str or Path, optional
        Another records file (targets and trial designs); default the shipped one.

    Returns
    -------
    list of dict
        One row per placebo combination: the parameters, ``log_likelihood``, the simulated mean of every target
        (``sim:<trial>:<statistic>``), the simulated 95 % range of each trial's published effect
        (``low:<trial>``, ``high:<trial>``), ``benefit_3mg_nrs``, ``benefit_4.5mg_nrs``, ``benefit_6mg_nrs``,
        ``single_50mg_change_nrs``, ``dose_monotone`` (1 when the benefit does not fall with dose: reported),
        ``covered`` (1 when every published effect lies in its simulated 95 % range: reported) and ``allowed`` (1 when
        the single-dose constraint holds, :func:`allowed`).
    """
    from ..model.regimen import Regimen
    from .population import PopulationParameters, make_population, simulate_population
    from .trials import prepare_pool, run_trials

    base = PopulationParameters(**{name: values[name] for name in MECHANISM_PARAMETERS})
    population = make_population(dose_patients, seed=seed + 5, params=base)
    benefit = {}
    for dose in DOSES_MG:
        pain = simulate_population(population, Regimen.daily(dose, days=84, clock_h=21.0), 84).daily_pain_nrs
        benefit[dose] = float(np.mean(population.symptoms.baseline_pain_nrs - pain[:, -7:].mean(axis=1)))
    single = single_dose_change(values["opioid_weight"])
    dose_ok = all(later >= earlier for earlier, later in zip(benefit.values(), list(benefit.values())[1:]))
    goals = targets(path)
    records = {record.key: record for record in studies(path)}
    pools = {key: prepare_pool(records[key].counterpart, pool_size=pool_size, seed=seed, population_params=base)
             for key in dict.fromkeys(target.trial for target in goals)}
    out = []
    for mean_nrs, time_constant_h in itertools.product(GRID["placebo_mean_nrs"], GRID["placebo_time_constant_h"]):
        row = {**{name: float(values[name]) for name in MECHANISM_PARAMETERS},
                  "placebo_mean_nrs": mean_nrs, "placebo_time_constant_h": time_constant_h}
        simulated = {}
        for key, pool in pools.items():
            simulated[key] = replicate_statistics(run_trials(records[key].counterpart, n_trials, seed=seed,
                                                             pool=_with_placebo(pool, mean_nrs, time_constant_h)))
        log_likelihood = 0.0
        for target in goals:
            replicates = simulated[target.trial][target.statistic]
            row[f"sim:{target.trial}:{target.statistic}"] = float(replicates.mean())
            log_likelihood += _log_normal_density(target.value, float(replicates.mean()), float(replicates.std(ddof=1)))
        covered = True
        for key in pools:
            low, high = np.percentile(simulated[key][records[key].statistic], [2.5, 97.5])
            row[f"low:{key}"], row[f"high:{key}"] = float(low), float(high)
            covered = covered and low <= records[key].effect <= high
        row.update(log_likelihood=log_likelihood,
                   **{f"benefit_{dose:g}mg_nrs": value for dose, value in benefit.items()},
                   single_50mg_change_nrs=single, dose_monotone=int(dose_ok), covered=int(covered),
                   allowed=int(single < SINGLE_50MG_LIMIT_NRS))
        out.append(row)
    return out


def calibration_rows() -> list[dict[str, float]]:
    """The shipped calibration grid (``ldnmodels/data/population_calibration.csv``), numbers as floats."""
    return [{key: float(value) for key, value in row.items()} for row in rows("population_calibration.csv")]


def allowed(row: dict[str, float]) -> bool:
    """The calibration's one constraint: one 50 mg dose moves the score by less than :data:`SINGLE_50MG_LIMIT_NRS`
    the next day (read from the row, whatever its stored ``allowed`` says: the rule of the grid's time may differ)."""
    return row["single_50mg_change_nrs"] < SINGLE_50MG_LIMIT_NRS


def posterior(table: list[dict[str, float]] | None = None) -> np.ndarray:
    """Posterior weight of each grid row (flat prior; rows breaking the constraint, :func:`allowed`, weigh 0)."""
    table = calibration_rows() if table is None else table
    log_likelihood = np.array([row["log_likelihood"] if allowed(row) else -np.inf for row in table])
    if not np.isfinite(log_likelihood).any():
        raise ValueError(f"no grid point satisfies the constraint: one 50 mg dose must move the score by less than "
                         f"{SINGLE_50MG_LIMIT_NRS} points")
    weights = np.exp(log_likelihood - log_likelihood.max())
    return weights / weights.sum()


def best_values(table: list[dict[str, float]] | None = None) -> dict[str, float]:
    """The most likely grid point the constraint allows: parameter -> value."""
    table = calibration_rows() if table is None else table
    best = table[int(np.argmax(posterior(table)))]
    return {name: best[name] for name in GRID}


class FittedRange(NamedTuple):
    """What the trials say about one calibrated parameter."""

    best: float                   #: value at the most likely grid point
    low: float                    #: smallest grid value in the 90 % set
    high: float                   #: largest grid value in the 90 % set
    weights: dict                 #: grid value -> posterior weight (marginal)
    determined: bool              #: False when the 90 % set spans the whole grid: the trials leave it open
    at_edge: bool                 #: the most likely value is the grid's smallest or largest: the trials may
                                  #: prefer a value beyond the grid (only one side is bounded)


def fitted_ranges(table: list[dict[str, float]] | None = None, mass: float = 0.9) -> dict[str, FittedRange]:
    """Per parameter: the most likely value, the grid values holding ``mass`` of the posterior, and whether the
    trials determine it at all.

    Parameters
    ----------
    table : list of dict, optional
        Grid rows as :func:`evaluate_mechanism` writes them; default the shipped grid (:func:`calibration_rows`).
    mass : float, default 0.9
        Share of the marginal posterior weight (fraction 0–1) the kept grid values must hold, most likely first.

    Returns
    -------
    dict
        ``{parameter of GRID: FittedRange}``, values in the parameter's own unit (``tlr4_ic50_um`` µM,
        ``placebo_mean_nrs`` points, ``placebo_time_constant_h`` h); weights fractions 0–1.
    """
    table = calibration_rows() if table is None else table
    weights = posterior(table)
    best = best_values(table)
    out = {}
    for name, grid in GRID.items():
        marginal = {value: float(sum(w for row, w in zip(table, weights) if math.isclose(row[name], value)))
                    for value in grid}
        ranked = sorted(marginal, key=marginal.get, reverse=True)
        kept, total = [], 0.0
        for value in ranked:
            kept.append(value)
            total += marginal[value]
            if total >= mass:
                break
        out[name] = FittedRange(best[name], min(kept), max(kept), marginal,
                                not (min(kept) == min(grid) and max(kept) == max(grid)),
                                best[name] in (min(grid), max(grid)))
    return out


_LABELS = {
    "responder_fraction": ("share of responders", 1.0, ""),
    "tlr4_ic50_um": ("microglial potency (IC50)", 1000.0, " nM"),
    "responder_drive_ratio": ("responders' microglial drive", 1.0, "× healthy"),
    "opioid_weight": ("weight of opioid signalling on pain", 1.0, ""),
    "placebo_mean_nrs": ("full placebo response", 1.0, " points"),
    "placebo_time_constant_h": ("placebo build-up time constant", 1.0 / 24.0, " days"),
}


def ranges_markdown(table: list[dict[str, float]] | None = None) -> str:
    """The fitted ranges as a Markdown table (most likely value, 90 % set, grid searched, weight per grid value)."""
    ranges = fitted_ranges(table)
    lines = ["| parameter | most likely | 90 % of the weight | grid searched | weight per grid value | "
             "determined by the trials? |", "|---|---|---|---|---|---|"]
    for name, fitted in ranges.items():
        label, scale, unit = _LABELS[name]

        def fmt(v: float, scale: float = scale, unit: str = unit) -> str:
            return f"{v * scale:g}{unit}"

        grid = ", ".join(f"{v * scale:g}" for v in GRID[name])
        spread = " / ".join(f"{fitted.weights[v]:.2f}" for v in GRID[name])
        if not fitted.determined:
            verdict = "no: spans the whole grid"
        elif fitted.at_edge:
            verdict = "one side only: the most likely value is at the grid's edge"
        else:
            verdict = "yes"
        lines.append(f"| {label} | {fmt(fitted.best)} | {fmt(fitted.low)} – {fmt(fitted.high)} | {grid}{unit} | "
                     f"{spread} | {verdict} |")
    return "\n".join(lines)
