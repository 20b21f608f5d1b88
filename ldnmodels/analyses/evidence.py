"""The published evidence on LDN in fibromyalgia, and the approved medicines, as shipped data files.

The published trials and meta-analyses are one record per study in ``ldnmodels/data/published_trials.json``
(:mod:`ldnmodels.analyses.published`); :func:`published_trials` (the evidence table), :func:`simulated_counterparts`
(the trial designs that mirror them) and :func:`coverage` are generated from those records.
``ldnmodels/data/medicines.csv`` compares LDN with pregabalin and duloxetine, each statement with a source and a
confidence code.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..core.validation import number
from ..data import rows
from ..model.receptor import ReceptorStructure
from ..model.regimen import Regimen
from .population import make_population, simulate_population
from .published import MEASURE_KEYS, replicate_statistics, studies
from .trials import TrialDesign, prepare_pool, run_trials

__all__ = ["published_trials", "medicines", "medicines_markdown", "simulated_counterparts", "simulate_counterparts",
           "dose_finding", "DoseResponse", "population_dose_response", "signalling_optimum_blockade", "trial_outcomes",
           "Coverage", "coverage", "MEASURE_KEYS"]


def published_trials(path: str | Path | None = None) -> list[dict]:
    """The evidence table: one row per published effect, generated from the records.

    A study reporting a second measure (FINAL's d) gives a second row with the same ``key``, that measure, and
    ``primary`` False; every other study gives one row. Numbers as floats, ``None`` where not reported.

    Parameters
    ----------
    path : str or Path, optional
        Another records file (:func:`ldnmodels.analyses.published.studies`); default the shipped one.

    Returns
    -------
    list of dict
        ``key``, ``study``, ``kind``, ``design``, ``n`` (patients), ``dose_mg`` (mg naltrexone HCl a day),
        ``weeks``, ``measure``, ``effect``, ``ci_low``, ``ci_high`` (95 % interval, units of ``measure``),
        ``p_value``, ``ldn_change_percent``, ``placebo_change_percent`` (% of baseline), ``confidence``,
        ``citation`` (from the bibliography), ``note``, ``reference`` (key of ``references.bib``),
        ``ldn_change_nrs``, ``placebo_change_nrs`` (points) and ``primary``.
    """
    table = []
    for record in studies(path):
        if record.kind not in ("trial", "meta-analysis"):  # the dose finding and the single dose: other measures
            continue
        for i, effect in enumerate(record.effects()):
            table.append({"key": record.key, "study": record.study, "kind": record.kind, "design": record.design,
                          "n": record.n, "dose_mg": record.dose_mg, "weeks": record.weeks, "measure": effect.measure,
                          "effect": effect.effect, "ci_low": effect.ci_low, "ci_high": effect.ci_high,
                          "p_value": effect.p_value, "ldn_change_percent": record.ldn_change_percent,
                          "placebo_change_percent": record.placebo_change_percent, "confidence": record.confidence,
                          "citation": record.citation, "note": effect.note, "reference": record.reference,
                          "ldn_change_nrs": record.ldn_change_nrs, "placebo_change_nrs": record.placebo_change_nrs,
                          "primary": i == 0})
    return table


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


def simulated_counterparts(path: str | Path | None = None) -> dict[str, TrialDesign]:
    """The trial designs that mirror the published trials, by study key, from the records' ``counterpart``.

    Each record's ``counterpart_note`` says where the design approximates the real one (Younger 2009 keeps its
    single-blind fixed order, ``placebo_first``; Younger 2013 and Bested 2023 are symmetric crossovers; dropout 5 %).

    Parameters
    ----------
    path : str or Path, optional
        Another records file; default the shipped one.
    """
    return {record.key: record.counterpart for record in studies(path) if record.counterpart is not None}


def simulate_counterparts(n_trials: int = 200, pool_size: int = 1500, seed: int = 0, population_params=None,
                          path: str | Path | None = None) -> dict[str, dict[str, np.ndarray]]:
    """Replicate each published trial's design ``n_trials`` times on the virtual population.

    Parameters
    ----------
    n_trials, pool_size, seed : int
        Replicates per design, virtual patients per design's pool, random seed.
    population_params : PopulationParameters, optional
        Default: the trial-calibrated population.
    path : str or Path, optional
        Another records file; default the shipped one.

    Returns
    -------
    dict
        ``key -> {"percent": ..., "smd": ..., "nrs": ..., "p": ..., "percent_drug": ..., "percent_placebo": ...,
        "change_drug_nrs": ..., "change_placebo_nrs": ..., "significant": ...}``, one value per replicate
        (:func:`ldnmodels.analyses.published.replicate_statistics`, units in
        :data:`ldnmodels.analyses.published.STATISTICS`).
    """
    out = {}
    for key, design in simulated_counterparts(path).items():
        pool = prepare_pool(design, pool_size=pool_size, seed=seed, population_params=population_params)
        out[key] = replicate_statistics(run_trials(design, n_trials, seed=seed, pool=pool))
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


def coverage(simulated: dict[str, dict[str, np.ndarray]], path: str | Path | None = None) -> list[Coverage]:
    """For each trial in ``simulated`` (from :func:`simulate_counterparts`): is its published effect inside the
    simulated 95 % range of the same measure (:data:`MEASURE_KEYS`)?

    Parameters
    ----------
    simulated : dict
        ``key -> {statistic: replicates}``; needs the statistic of each trial's main measure.
    path : str or Path, optional
        Another records file; default the shipped one.

    Returns
    -------
    list of Coverage
        One per trial, in the order of ``simulated``; values in the units of the trial's published measure.
    """
    records = {record.key: record for record in studies(path)}
    out = []
    for key, values in simulated.items():
        record = records[key]
        replicates = values[MEASURE_KEYS[record.measure]]
        low, median, high = (float(v) for v in np.nanpercentile(replicates, [2.5, 50.0, 97.5]))
        out.append(Coverage(key, record.measure, record.effect, low, median, high, low <= record.effect <= high))
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
    weeks : int, default 12
        Weeks of daily dosing (7 × weeks days, at most 3650); the last week is read.
    receptor : receptor structure, optional
        Default: the default structure.
    population_params : PopulationParameters, optional
        Default: the trial-calibrated population; :func:`ldnmodels.analyses.population.rebound_responders` for
        the alternative.

    Returns
    -------
    DoseResponse
        One entry per dose, arrays of shape ``(n_doses,)``: the doses (mg), the mean change in pain over the last
        week from baseline (points on the 0–10 scale, negative = better) in all patients, responders and
        non-responders, and the mean mu-receptor blockade over the last week (fraction 0–1).
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
