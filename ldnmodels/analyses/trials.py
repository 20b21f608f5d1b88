r"""A trial simulator: parallel and crossover designs on virtual patients.

A trial draws patients from a pool of virtual patients (optionally only those whose
inflammation marker is above a quantile: *enrichment*), simulates the drug's effect on each
with the mechanistic model (:func:`ldnmodels.analyses.population.simulate_population`), adds each
patient's placebo response (built up over about two weeks in every treatment period, drug or
placebo) and day-to-day noise, drops a random fraction of patients, and analyses the change in
weekly mean pain from baseline to the last week:

* **parallel**: drug arm minus placebo arm, Welch's t-test;
* **crossover**: each patient's last-week pain on drug minus last-week pain on placebo (random
  order, a washout between periods; carry-over happens if the washout is short), paired t-test;
  changes and percentages are against the pre-study baseline week.
* **placebo_first**: the first pilot's single-blind, fixed order (Younger & Mackey 2009): ``placebo_weeks`` of
  placebo, then ``weeks`` of drug, with no break. Patients expect treatment throughout, so their placebo response
  keeps building into the drug period: the comparison credits the drug with the part of the placebo response (and
  of any drift) that arrives late. Paired t-test of last-week changes, as for a crossover.

Responders are patients whose pain fell by at least 30 % of baseline.

Everything about the patients is a teaching assumption (:mod:`ldnmodels.analyses.population`); the
simulator shows what a design *would* find if the assumptions were true.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from ..core.validation import number, number_sequence, whole
from ..model.regimen import Regimen, check_dose
from .population import Population, PopulationParameters, make_population, simulate_population
from .trial_statistics import Estimate, cohens_d, paired_difference, welch_difference
from .trial_timeline import ObservedPain, drug_start_day, periods, total_days

__all__ = ["TrialDesign", "TrialResult", "TrialPool", "prepare_pool", "run_trial", "run_trials", "DESIGNS",
           "DegenerateTrial", "patients_needed", "drug_course_key", "replicate_trials"]

class DegenerateTrial(ValueError):
    """One simulated trial that cannot be analysed (dropout left fewer than 2 patients in an arm)."""


#: Trial designs the simulator knows.
DESIGNS = ("parallel", "crossover", "placebo_first")


def patients_needed(design: TrialDesign) -> int:
    """Patients a design enrols: both arms of a parallel trial, or the one group of the within-patient designs."""
    return 2 * design.n_per_arm if design.design == "parallel" else design.n_per_arm

@dataclass(frozen=True, kw_only=True)
class TrialDesign:
    """A trial design.

    Parameters
    ----------
    design : {"parallel", "crossover"}
    n_per_arm : int
        Parallel: patients randomised to each arm; crossover: patients in all. At least 2.
    dose_mg : float
        Daily dose at 21:00, mg naltrexone HCl (the target when ``titration_steps_mg`` is given).
    titration_steps_mg : tuple of float
        Weekly steps before ``dose_mg`` (e.g. FINAL: 1.5, 3, 4.5 then 6 mg); empty: full dose from day 1.
    weeks : int
        Treatment weeks (per period in a crossover), 1 to 52.
    washout_weeks : int
        Crossover only: weeks between periods, 0 to ``weeks``.
    washout_days : int
        Crossover only: days of washout beyond ``washout_weeks``, 0 to 6 (Bested 2023: about 10 days).
    placebo_weeks : int
        ``placebo_first``: weeks of single-blind placebo before the drug, 1 to 52 (the pilot: 2). ``crossover``: weeks
        of the placebo period when it differs from the drug's (Younger 2013: 12 weeks of LDN, 4 of placebo), 0 =
        as long as ``weeks``. ``parallel``: 0.
    dropout_fraction : float
        Share of patients lost at random, 0 <= dropout < 1.
    enrichment_quantile : float
        Include only patients whose marker is above this quantile of the screened pool (0 = everyone), < 1.
    responder_reduction_fraction : float
        Pain reduction that counts as a response (0.3 = 30 %).
    baseline_days : int
        Untreated days before the first treatment whose mean pain is the baseline, 1 to 28 (Younger 2013: 14).
    outcome_days : int
        Last days of each treatment period whose mean pain is its outcome, 1 to the shortest period (Younger 2013:
        the last 3 days; default the last week).
    unblinded_fraction : float
        Functional unblinding: share of patients who infer from a side effect (vivid dreams) that they are on the
        drug, in excess of those who think so on placebo, 0-1 (0 = perfect blinding). Each adds
        ``expectation_nrs`` of benefit, built up over the drug period like the placebo response.
    expectation_nrs : float
        That extra benefit, points of pain (0-10).
    """

    design: str = "parallel"
    n_per_arm: int = 50
    dose_mg: float = 4.5
    titration_steps_mg: tuple = ()
    weeks: int = 12
    washout_weeks: int = 0
    placebo_weeks: int = 0
    dropout_fraction: float = 0.1
    enrichment_quantile: float = 0.0
    responder_reduction_fraction: float = 0.3
    washout_days: int = 0
    baseline_days: int = 7
    outcome_days: int = 7
    unblinded_fraction: float = 0.0
    expectation_nrs: float = 0.0

    def __post_init__(self) -> None:
        if self.design not in DESIGNS:
            raise ValueError(f"design must be one of {', '.join(map(repr, DESIGNS))}, got {self.design!r}")
        whole(self.n_per_arm, "n_per_arm", 2, 100_000)
        whole(self.weeks, "weeks", 1, 52)
        whole(self.washout_weeks, "washout_weeks", 0, 52)
        whole(self.placebo_weeks, "placebo_weeks", 0, 52)
        whole(self.washout_days, "washout_days", 0, 6)
        whole(self.baseline_days, "baseline_days", 1, 28)
        for name in ("dropout_fraction", "enrichment_quantile", "responder_reduction_fraction", "unblinded_fraction",
                     "expectation_nrs"):
            number(getattr(self, name), name)
        if self.washout_weeks > self.weeks:
            raise ValueError(f"washout_weeks must be <= weeks ({self.weeks}, one treatment period), "
                             f"got {self.washout_weeks}")
        if self.design != "crossover" and (self.washout_weeks or self.washout_days):
            raise ValueError(f"washout_weeks and washout_days apply to crossover designs only; use 0 for "
                             f"{self.design}")
        if self.design == "placebo_first" and self.placebo_weeks < 1:
            raise ValueError(f"placebo_weeks must be 1 to 52 for design 'placebo_first', got {self.placebo_weeks}")
        if self.design == "parallel" and self.placebo_weeks:
            raise ValueError(f"placebo_weeks must be 0 for design 'parallel' (both arms last weeks), got "
                             f"{self.placebo_weeks}")
        shortest = 7 * min(self.weeks, self.placebo_weeks or self.weeks)
        whole(self.outcome_days, "outcome_days", 1, shortest)
        if not (math.isfinite(self.unblinded_fraction) and 0.0 <= self.unblinded_fraction <= 1.0):
            raise ValueError(f"unblinded_fraction must be between 0 and 1, got {self.unblinded_fraction}")
        if not (math.isfinite(self.expectation_nrs) and 0.0 <= self.expectation_nrs <= 10.0):
            raise ValueError(f"expectation_nrs must be between 0 and 10 points, got {self.expectation_nrs}")
        if not (math.isfinite(self.dropout_fraction) and 0.0 <= self.dropout_fraction < 1.0):
            raise ValueError(f"dropout_fraction must be >= 0 and < 1, got {self.dropout_fraction}")
        if not (math.isfinite(self.enrichment_quantile) and 0.0 <= self.enrichment_quantile < 1.0):
            raise ValueError(f"enrichment_quantile must be >= 0 and < 1, got {self.enrichment_quantile}")
        if not (0.0 < self.responder_reduction_fraction < 1.0):
            raise ValueError(f"responder_reduction_fraction must be between 0 and 1, got "
                             f"{self.responder_reduction_fraction}")
        check_dose(self.dose_mg, "dose_mg")
        for i, step in enumerate(number_sequence(self.titration_steps_mg, "titration_steps_mg")):
            check_dose(step, f"titration_steps_mg[{i}]")

    @property
    def total_days(self) -> int:
        """Days from the start of treatment (drug or placebo) to the last outcome (:mod:`.trial_timeline`)."""
        return total_days(self)

    @property
    def total_weeks(self) -> float:
        """:attr:`total_days` in weeks."""
        return self.total_days / 7

    @property
    def drug_start_day(self) -> int:
        """Day of the first dose in the first (or only) drug period."""
        return drug_start_day(self)

    def regimen(self, start_day: int = 0) -> Regimen:
        """The drug regimen of one treatment period starting on ``start_day`` (days from the study start)."""
        steps = list(self.titration_steps_mg) + [self.dose_mg]
        days = 7 * self.weeks
        doses = [steps[min(day // 7, len(steps) - 1)] for day in range(days)]
        return Regimen(times_h=tuple(24.0 * (start_day + d) + 21.0 for d in range(days)), doses_mg=tuple(doses))


class TrialResult(NamedTuple):
    """One simulated trial."""

    estimate: Estimate            #: drug minus placebo change in pain (points; negative favours drug)
    smd: float                    #: standardised mean difference of the changes
    percent_drug: float           #: mean change on drug, % of baseline
    percent_placebo: float        #: mean change on placebo, % of baseline
    responders_drug: float        #: share with >= 30 % reduction on drug
    responders_placebo: float
    n_analysed: int               #: patients analysed (both arms, or crossover completers)
    responder_share: float        #: share of true (latent) responders among those analysed
    change_drug_nrs: float        #: mean change on drug from the baseline week, points
    change_placebo_nrs: float     #: mean change on placebo from the baseline week, points


@dataclass(frozen=True)
class TrialPool:
    """Virtual patients with their drug effect precomputed for a design (reused across simulated trials)."""

    design: TrialDesign
    population: Population
    drug_first: np.ndarray        #: daily mechanistic pain, drug in the first (or only) period
    drug_second: np.ndarray | None = field(default=None)  #: crossover: drug in the second period


def prepare_pool(design: TrialDesign, pool_size: int = 4000, seed: int = 0,
                 population_params: PopulationParameters | None = None) -> TrialPool:
    """Draw ``pool_size`` virtual patients and simulate the drug in them for ``design``.

    Parameters
    ----------
    design, pool_size, seed : TrialDesign, int, int
        Whose drug course (:func:`drug_course_key`) is simulated; patients (1 to 1 000 000) and their seed.
    population_params : PopulationParameters, optional
        Default: the trial-calibrated population.

    Returns
    -------
    TrialPool
        Daily mechanistic pain, points, shape ``(pool_size, 7 * design.total_weeks)`` per drug period.
    """
    population = make_population(pool_size, seed=seed, params=population_params)
    days = design.total_days
    drug_first = simulate_population(population, design.regimen(design.drug_start_day), days).daily_pain_nrs
    drug_second = None
    if design.design == "crossover":
        drug_second = simulate_population(population, design.regimen(drug_start_day(design, False)),
                                          days).daily_pain_nrs
    return TrialPool(design, population, drug_first, drug_second)


def drug_course_key(design: TrialDesign) -> tuple:
    """What a :class:`TrialPool` depends on: the design's drug course, not its size, dropout or enrichment.

    Designs with equal keys can draw their trials from one pool (:func:`prepare_pool`).

    Returns
    -------
    tuple
        ``(design, dose_mg, titration_steps_mg, weeks, washout_weeks, washout_days, placebo_weeks)``: the design's
        kind, its dose and titration steps (mg naltrexone HCl) and its durations (weeks, days).
    """
    return (design.design, design.dose_mg, tuple(design.titration_steps_mg), design.weeks, design.washout_weeks,
            design.washout_days, design.placebo_weeks)


def run_trial(design: TrialDesign, seed: int = 0, pool: TrialPool | None = None,
              population_params: PopulationParameters | None = None) -> TrialResult:
    """Simulate one trial of ``design`` (reproducibly for a ``seed``).

    Parameters
    ----------
    design, seed : TrialDesign, int
        The design; the seed of the draw (and of the pool when none is given).
    pool, population_params : TrialPool or None, PopulationParameters or None
        Patients prepared for the same drug course (default: a new pool of 1.5 × :func:`patients_needed` /
        (1 − ``enrichment_quantile``), at least 200); the population of a new pool (default the calibrated one).

    Returns
    -------
    TrialResult
        Changes in pain in points, percentages of baseline, shares as fractions 0–1.
    """
    if pool is None:
        need = patients_needed(design)
        size = max(200, int(math.ceil(need / (1.0 - design.enrichment_quantile) * 1.5)))
        pool = prepare_pool(design, pool_size=size, seed=seed, population_params=population_params)
    return _trial_from_pool(pool, np.random.default_rng(seed), design)


def run_trials(design: TrialDesign, n_trials: int, seed: int = 0, pool: TrialPool | None = None,
               progress: bool = False) -> list[TrialResult]:
    """``n_trials`` trials drawn from one pool (seeds ``seed``, ``seed + 1``, ...).

    Replicates that cannot be analysed (dropout left an arm with fewer than 2 patients) are left out with a
    ``RuntimeWarning`` saying how many; if none can be analysed, :class:`DegenerateTrial` (a ``ValueError``).

    Parameters
    ----------
    design, n_trials, seed : TrialDesign, int, int
        The design; replicates, 1 to 1 000 000; seed of the first, 0 to 2**32 − 1.
    pool, progress : TrialPool or None, bool
        Default ``prepare_pool(design, seed=seed)``; show a progress bar (``tqdm``, on standard error).

    Returns
    -------
    list of TrialResult
        The analysable replicates, in seed order.
    """
    whole(n_trials, "n_trials", 1, 1_000_000)
    whole(seed, "seed", 0, 2**32 - 1)
    pool = prepare_pool(design, seed=seed) if pool is None else pool
    results, degenerate = replicate_trials(pool, design, n_trials, seed, progress)
    if not results:
        raise DegenerateTrial(f"none of the {n_trials} replicate trials could be analysed: dropout left fewer than "
                              f"2 patients in an arm; lower dropout_fraction or raise n_per_arm")
    if degenerate:
        warnings.warn(f"{degenerate} of {n_trials} replicate trials could not be analysed (dropout left fewer than "
                      f"2 patients in an arm) and were left out", RuntimeWarning, stacklevel=2)
    return results


def replicate_trials(pool: TrialPool, design: TrialDesign, n_trials: int, seed: int,
                     progress: bool = False) -> tuple[list[TrialResult], int]:
    """``n_trials`` replicate trials of ``design`` drawn from ``pool``: the analysable ones and how many were not.

    Unlike :func:`run_trials`, replicates that cannot be analysed are counted, neither warned about nor refused.

    Parameters
    ----------
    pool : TrialPool
        Virtual patients prepared for the design's drug course (:func:`drug_course_key` equal).
    design : TrialDesign
        The trial design.
    n_trials : int
        Number of replicate trials.
    seed : int
        Seed of the first replicate; replicate ``k`` uses ``seed + k``.
    progress : bool
        Show a progress bar (``tqdm``, on standard error).

    Returns
    -------
    results : list of TrialResult
        The analysable replicates, in seed order.
    not_analysable : int
        Replicates in which dropout left fewer than 2 patients in an arm.
    """
    results, degenerate = [], 0
    for k in _progress(range(n_trials), progress, "replicate trials"):
        try:
            results.append(_trial_from_pool(pool, np.random.default_rng(seed + k), design))
        except DegenerateTrial:
            degenerate += 1
    return results, degenerate


def _trial_from_pool(pool: TrialPool, rng: np.random.Generator, design: TrialDesign) -> TrialResult:
    if drug_course_key(design) != drug_course_key(pool.design):
        raise ValueError("the pool was prepared for another drug course; call prepare_pool(design)")
    population = pool.population
    need = patients_needed(design)
    threshold = np.quantile(population.esr_mm_h, design.enrichment_quantile) if design.enrichment_quantile else -np.inf
    candidates = np.nonzero(population.esr_mm_h >= threshold)[0]
    if candidates.size < need:
        raise ValueError(f"the pool has {candidates.size} eligible patients but the design needs {need}; "
                         f"prepare a larger pool")
    chosen = rng.choice(candidates, size=need, replace=False)
    params = population.params
    days = pool.drug_first.shape[1]
    baseline = population.symptoms.baseline_pain_nrs[chosen]
    noise = params.daily_noise_sd_nrs * rng.standard_normal((need, days + design.baseline_days))
    placebo = population.placebo_response_nrs[chosen]
    kept = rng.random(need) >= design.dropout_fraction
    timeline = ObservedPain(design, baseline, placebo, noise, _placebo_days(params))
    if design.design == "parallel":
        on_drug = np.zeros(need, dtype=bool)
        on_drug[rng.permutation(need)[: design.n_per_arm]] = True
        timeline.unblinded = timeline.draw_unblinded(rng, on_drug)
        mechanistic = np.where(on_drug[:, None], pool.drug_first[chosen], baseline[:, None])
        observed = timeline.observed(mechanistic, True)
        change = timeline.change(observed, periods(design)[0])
        base_mean = timeline.baseline_mean(observed)
        drug, control = kept & on_drug, kept & ~on_drug
        if drug.sum() < 2 or control.sum() < 2:
            raise DegenerateTrial("dropout left fewer than 2 patients in an arm; "
                                  "lower dropout_fraction or raise n_per_arm")
        estimate = welch_difference(change[drug], change[control])
        percent = 100 * change / base_mean
        responded = change <= -design.responder_reduction_fraction * base_mean
        return TrialResult(estimate, cohens_d(change[drug], change[control]), float(percent[drug].mean()),
                           float(percent[control].mean()), float(responded[drug].mean()),
                           float(responded[control].mean()), int(kept.sum()),
                           float(population.responder[chosen][kept].mean()), float(change[drug].mean()),
                           float(change[control].mean()))
    if kept.sum() < 2:
        raise DegenerateTrial("dropout left fewer than 2 patients; lower dropout_fraction or raise n_per_arm")
    if design.design == "placebo_first":
        drug_first = np.zeros(need, dtype=bool)
        mechanistic = pool.drug_first[chosen]
    else:
        drug_first = rng.random(need) < 0.5
        mechanistic = np.where(drug_first[:, None], pool.drug_first[chosen], pool.drug_second[chosen])
    timeline.unblinded = timeline.draw_unblinded(rng, np.ones(need, dtype=bool))
    # drug_first orders the crossover; the fixed single-blind order has one timeline (periods(design, True))
    orders = (True, False) if design.design == "crossover" else (True,)
    change = {"drug": np.zeros(need), "placebo": np.zeros(need)}
    for order in orders:
        rows = drug_first == order if design.design == "crossover" else np.ones(need, dtype=bool)
        observed = timeline.observed(mechanistic, order)
        pre = timeline.baseline_mean(observed)
        for period in periods(design, order):
            change[period.condition][rows] = timeline.change(observed, period)[rows]
    # Standard analysis: the outcome window of each period against the same pre-study baseline.
    return _within_patient(design, change["drug"][kept], change["placebo"][kept], pre[kept],
                           population.responder[chosen][kept])


def _within_patient(design: TrialDesign, change_drug, change_placebo, base, responder) -> TrialResult:
    """Paired analysis of each patient's change on drug and on placebo (both against the same baseline week)."""
    estimate = paired_difference(change_drug - change_placebo)
    threshold = -design.responder_reduction_fraction * base
    return TrialResult(estimate, cohens_d(change_drug, change_placebo), float((100 * change_drug / base).mean()),
                       float((100 * change_placebo / base).mean()), float((change_drug <= threshold).mean()),
                       float((change_placebo <= threshold).mean()), int(change_drug.size), float(responder.mean()),
                       float(change_drug.mean()), float(change_placebo.mean()))


def _placebo_days(params) -> float:
    """The placebo response's time constant in days (:attr:`PopulationParameters.placebo_time_constant_h`)."""
    return float(params.placebo_time_constant_h) / 24.0


def _progress(iterable, show: bool, what: str):
    """``iterable`` with a progress bar on standard error when ``show`` (tqdm is imported only then)."""
    if not show:
        return iterable
    from tqdm.auto import tqdm
    return tqdm(iterable, desc=what, unit="", leave=False)
