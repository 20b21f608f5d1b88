"""The published evidence on LDN in fibromyalgia, and the approved medicines, as shipped data files.

``ldnmodels/data/published_trials.csv`` holds each trial and meta-analysis of the project's
reference facts with its design, effect, interval and citation; ``ldnmodels/data/medicines.csv``
compares LDN with pregabalin and duloxetine, each statement with a source and a confidence code.
:func:`simulated_counterparts` gives the trial designs that mirror the published trials.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..data import rows
from .population import make_population, simulate_population
from ..model.receptor import ReceptorStructure
from ..model.regimen import Regimen
from .trials import TrialDesign, prepare_pool, run_trials, significant_for_drug
from ..core.validation import number

__all__ = ["published_trials", "medicines", "medicines_markdown", "simulated_counterparts", "simulate_counterparts",
           "dose_finding", "DoseResponse", "population_dose_response", "signalling_optimum_blockade", "trial_outcomes",
           "Coverage", "coverage", "MEASURE_KEYS"]

#: Which simulated statistic (:func:`simulate_counterparts`) matches each published measure.
MEASURE_KEYS = {"percent points": "percent", "SMD": "smd", "NRS points": "nrs"}


def published_trials() -> list[dict]:
    """Rows of the published-evidence file; numbers as floats (``None`` where not reported)."""
    parsed_rows = []
    for row in rows("published_trials.csv"):
        parsed = dict(row)
        for key in ("n", "dose_mg", "weeks", "effect", "ci_low", "ci_high", "p_value", "ldn_change_percent",
                    "placebo_change_percent"):
            parsed[key] = float(row[key]) if row[key] else None
        parsed_rows.append(parsed)
    return parsed_rows


def trial_outcomes() -> list[dict[str, str]]:
    """What the trials measured beyond pain, their side effects, and the single 50 mg dose study (with sources)."""
    return rows("trial_outcomes.csv")


def medicines() -> list[dict[str, str]]:
    """Rows of the medicines comparison (medicine, aspect, value, confidence, source)."""
    return rows("medicines.csv")


def medicines_markdown() -> str:
    """The medicines comparison as a Markdown table: one row per aspect, one column per medicine."""
    rows = medicines()
    names = list(dict.fromkeys(r["medicine"] for r in rows))
    aspects = list(dict.fromkeys(r["aspect"] for r in rows))
    cell = {(r["medicine"], r["aspect"]): f"{r['value']} *({r['confidence']}: {r['source']})*" for r in rows}
    lines = ["| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for aspect in aspects:
        lines.append(f"| **{aspect}** | " + " | ".join(cell.get((m, aspect), "—") for m in names) + " |")
    lines.append("")
    lines.append("Confidence: Q quoted, A abstract or secondary summary, R recalled and not verified here.")
    return "\n".join(lines)


def simulated_counterparts() -> dict[str, TrialDesign]:
    """Trial designs that mirror the published trials (keys as in the data file).

    Younger 2009 keeps its single-blind fixed order: 2 weeks of placebo, then 8 weeks of LDN
    (``placebo_first``). Approximations: Younger 2013 had 12 weeks of LDN and 4 of placebo (here two
    12-week periods with a 2-week washout); Bested 2023 is modelled as two 3-week periods with a
    1-week washout; dropout is set to 5 %.
    """
    return {
        "younger_2009": TrialDesign(design="placebo_first", n_per_arm=10, dose_mg=4.5, weeks=8, placebo_weeks=2,
                                    dropout_fraction=0.05),
        "younger_2013": TrialDesign(design="crossover", n_per_arm=31, dose_mg=4.5, weeks=12, washout_weeks=2,
                                    dropout_fraction=0.05),
        "bested_2023": TrialDesign(design="crossover", n_per_arm=58, dose_mg=4.5, weeks=3, washout_weeks=1,
                                   dropout_fraction=0.05),
        "bruun_2024": TrialDesign(design="parallel", n_per_arm=50, dose_mg=6.0, titration_steps_mg=(1.5, 3.0, 4.5),
                                  weeks=12, dropout_fraction=0.05),
    }


def simulate_counterparts(n_trials: int = 200, pool_size: int = 1500, seed: int = 0,
                          population_params=None) -> dict[str, dict[str, np.ndarray]]:
    """Replicate each published trial's design ``n_trials`` times on the virtual population.

    Returns ``key -> {"percent": ..., "smd": ..., "nrs": ..., "p": ..., "significant": ..., "percent_drug": ...,
    "percent_placebo": ..., "change_drug_nrs": ..., "change_placebo_nrs": ...}``: per replicate, the difference in %
    change, the standardised mean difference, the difference in points, the p-value, whether it is significant for
    the drug (:func:`ldnmodels.analyses.trials.significant_for_drug`), and each arm's mean change (% and points).
    """
    out = {}
    for key, design in simulated_counterparts().items():
        pool = prepare_pool(design, pool_size=pool_size, seed=seed, population_params=population_params)
        results = run_trials(design, n_trials, seed=seed, pool=pool)
        out[key] = {"percent": np.array([r.percent_drug - r.percent_placebo for r in results]),
                    "smd": np.array([r.smd for r in results]),
                    "nrs": np.array([r.estimate.difference for r in results]),
                    "p": np.array([r.estimate.p_value for r in results]),
                    "percent_drug": np.array([r.percent_drug for r in results]),
                    "percent_placebo": np.array([r.percent_placebo for r in results]),
                    "change_drug_nrs": np.array([r.change_drug_nrs for r in results]),
                    "change_placebo_nrs": np.array([r.change_placebo_nrs for r in results])}
        out[key]["significant"] = significant_for_drug(out[key]["p"], out[key]["nrs"])
    return out


class Coverage(NamedTuple):
    """A published effect beside the simulated replicates of its design."""

    key: str
    measure: str          #: the published measure (``percent points``, ``SMD`` or ``NRS points``)
    published: float
    low: float            #: 2.5th percentile of the simulated replicates
    median: float
    high: float           #: 97.5th percentile
    inside: bool          #: the published effect lies within [low, high]


def coverage(simulated: dict[str, dict[str, np.ndarray]]) -> list[Coverage]:
    """For each trial in ``simulated`` (from :func:`simulate_counterparts`): is its published effect inside the
    simulated 95 % range of the same measure?"""
    published = {row["key"]: row for row in published_trials()}
    out = []
    for key, values in simulated.items():
        row = published[key]
        replicates = values[MEASURE_KEYS[row["measure"]]]
        low, median, high = (float(v) for v in np.nanpercentile(replicates, [2.5, 50.0, 97.5]))
        out.append(Coverage(key, row["measure"], row["effect"], low, median, high, low <= row["effect"] <= high))
    return out


def dose_finding() -> dict:
    """The dose-finding study (Bruun-Plesner 2020): ED50 and ED95 in mg, dose range, n, citation."""
    row = dict(rows("dose_finding.csv")[0])
    for key in ("n", "dose_low_mg", "dose_high_mg", "ed50_mg", "ed95_mg"):
        row[key] = float(row[key])
    return row


class DoseResponse(NamedTuple):
    """The virtual population's drug-only change in pain by daily dose (negative = better)."""

    doses_mg: np.ndarray
    mean_change_nrs: np.ndarray        #: all patients, mean of week 12 minus baseline, points
    responder_change_nrs: np.ndarray
    nonresponder_change_nrs: np.ndarray
    mean_blockade: np.ndarray          #: mean mu-receptor blockade over week 12


def population_dose_response(doses_mg=(0.75, 1.5, 3.0, 4.5, 6.0), n_patients: int = 1000, seed: int = 5,
                             weeks: int = 12, receptor: ReceptorStructure | None = None,
                             population_params=None) -> DoseResponse:
    """Drug-only change in the conceptual pain score after ``weeks`` of each daily dose (21:00), no placebo.

    Parameters
    ----------
    doses_mg : sequence of float
        Daily doses, mg naltrexone HCl, taken from day 1 (no titration: a simplification).
    n_patients, seed : int
        The virtual population (:func:`ldnmodels.analyses.population.make_population`).
    receptor : receptor structure, optional
        Default: the default structure.
    population_params : PopulationParameters, optional
        Default: the trial-calibrated population; :func:`ldnmodels.analyses.population.rebound_responders` for the alternative.
    """
    population = make_population(n_patients, seed=seed, receptor=receptor, params=population_params)
    columns = []
    for dose in doses_mg:
        outcome = simulate_population(population, Regimen.daily(float(dose), days=7 * weeks, clock_h=21.0), 7 * weeks)
        change = outcome.daily_pain_nrs[:, -7:].mean(axis=1) - population.symptoms.baseline_pain_nrs
        columns.append((change.mean(), change[population.responder].mean(), change[~population.responder].mean(),
                        outcome.daily_mor_occupancy[:, -7:].mean()))
    return DoseResponse(np.asarray(doses_mg, dtype=float), *(np.array(values) for values in zip(*columns)))


def signalling_optimum_blockade(gain: float) -> float:
    r"""Steady blockade at which the rebound model's net signalling is largest, for equal release and receptor gains.

    Net signalling at a steady blockade :math:`o` is :math:`(1 + g\,o)^2 (1 - o)`, largest at
    :math:`o^* = (2g - 1) / (3g)` (0 for :math:`g \le 1/2`, never above 2/3). Doses whose blockade lies above
    :math:`o^*` do less for the rebound the more is taken.
    """
    gain = number(gain, "gain", 0.0)
    return max(0.0, (2.0 * gain - 1.0) / (3.0 * gain)) if gain > 0 else 0.0
