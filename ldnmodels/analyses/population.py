r"""Virtual patients: between-person variability and a latent responder trait.

Each patient gets their own bioavailability, clearance and receptor potency (lognormal
around the sourced values), rebound gains, a microglial (inflammatory) drive that depends on a
latent **responder trait**, a baseline pain score, a placebo response and day-to-day noise. An
observable marker of inflammation (an ESR-like value, mm/h) is correlated with the trait by
``biomarker_link`` — the premise behind enrichment: in the first pilot, baseline ESR explained
most of the variance in response (Younger & Mackey 2009).

Evidence level: the structure is a teaching assumption. The responder fraction, the responders'
microglial drive, the microglial potency, the weight of opioid signalling on pain and the placebo
response are **calibrated** to the published trials as a whole (:mod:`ldnmodels.analyses.calibration`):
what the trials require of the model, not measurements. Every spread is **illustrative**.
Responders are, by construction, patients with reducible microglial activation; the model does
not know why some people respond, and says so. The alternative the kit used before — responders
with a strong endorphin rebound — is kept as :func:`rebound_responders`: it matches the trial
effects and its benefit falls from 3 to 6 mg. The dose-finding study cannot rule that out (its up-and-down design
assumes a rising dose–response); :mod:`ldnmodels.analyses.hypotheses` weighs both routes against every study.

Simulation is vectorised over patients: chunks of patients go through :func:`ldnmodels.simulate`
itself with their parameters on the leading axis (one exact linear solve for all of them, the
mechanism stages on whole patients × time arrays).
"""
from __future__ import annotations

import contextlib
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from typing import NamedTuple

import numpy as np
from scipy.special import expit, logit

from ..core.memory import release_freed_memory
from ..core.metrics import daily_means
from ..core.patients import field_names
from ..core.sources import calibrated, check_fields, sourced
from ..core.threads import single_threaded_blas
from ..core.validation import number, whole
from ..model.endorphin import ReboundParameters
from ..model.inflammation import InflammationParameters
from ..model.pharmacokinetics import PKParameters
from ..model.receptor import ReceptorStructure
from ..model.regimen import Regimen
from ..model.simulation import MAX_PATIENT_POINTS, simulate
from ..model.structures import default_receptor
from ..model.symptoms import SymptomParameters

__all__ = ["PopulationParameters", "Population", "make_population", "PopulationOutcome", "simulate_population",
           "grid_step_for", "MAX_PATIENTS", "rebound_responders"]

#: Largest population accepted by :func:`make_population`.
MAX_PATIENTS = 1_000_000
_CHUNK = 100  # patients per chunk: arrays of ~3 MB stay in cache (500 was ~25 % slower, measured)


@dataclass(frozen=True, kw_only=True)
class PopulationParameters:
    """How virtual patients vary (spreads illustrative; placebo response from FINAL)."""

    bioavailability_cv_fraction: float = sourced(
        0.4, "illustrative", "between-person spread of oral bioavailability (label range 5-40 %)")
    clearance_cv_fraction: float = sourced(0.3, "illustrative", "spread of naltrexone clearance")
    ec50_cv_fraction: float = sourced(0.3, "illustrative", "spread of brain receptor potency")
    responder_fraction: float = calibrated(
        "PopulationParameters", "responder_fraction", "share of patients with reducible microglial activation "
        "(Younger 2013 reported "
        "32 % responders on LDN vs 11 % on placebo, by its own definition)")
    responder_drive_ratio: float = calibrated(
        "PopulationParameters", "responder_drive_ratio", "median microglial drive of responders, relative to healthy")
    nonresponder_drive_ratio: float = sourced(
        1.1, "illustrative", "median microglial drive of non-responders: close to healthy, little to reduce")
    tlr4_ic50_um: float = calibrated(
        "InflammationParameters", "tlr4_ic50_um", "microglial potency of naltrexone in the population "
        "(the InflammationParameters default): what the trials require, thousands of times below the TLR4 potency "
        "measured for (+)-naltrexone (1-100 µM)")
    opioid_weight: float = calibrated(
        "SymptomParameters", "opioid_weight", "weight of opioid signalling on pain in the population "
        "(the SymptomParameters default)")
    responder_gain: float = sourced(1.0, "illustrative", "rebound gains (release and receptor) of responders")
    nonresponder_gain: float = sourced(1.0, "illustrative", "rebound gains of non-responders")
    gain_cv_fraction: float = sourced(0.15, "illustrative", "spread of rebound gains within each group")
    biomarker_link: float = sourced(
        0.8, "illustrative", "correlation of the inflammation marker with the responder trait (pilot: ESR "
        "explained >80 % of response variance)")
    biomarker_median_mm_h: float = sourced(15.0, "illustrative", "median of the ESR-like marker")
    drive_ratio_cv_fraction: float = sourced(0.3, "illustrative", "spread of the baseline inflammatory drive")
    baseline_pain_mean_nrs: float = sourced(6.5, "illustrative", "mean baseline pain (typical trial entry)")
    baseline_pain_sd_logit: float = sourced(0.45, "illustrative", "spread of baseline pain on the logit scale")
    placebo_mean_nrs: float = calibrated("PopulationParameters", "placebo_mean_nrs", "mean full placebo response, "
                                         "points (FINAL: -0.9 on placebo over 12 weeks)")
    placebo_sd_nrs: float = sourced(1.2, "illustrative", "between-person spread of the placebo response")
    placebo_time_constant_h: float = calibrated("PopulationParameters", "placebo_time_constant_h", "time constant of "
                                                "the placebo response's build-up (the pilot's 2-week placebo phase: "
                                                "-2.3 %)")
    daily_noise_sd_nrs: float = sourced(1.0, "illustrative", "day-to-day fluctuation of a daily pain rating")

    def __post_init__(self) -> None:
        for item in fields(self):          # population-level settings: one number each, never per-patient arrays
            number(getattr(self, item.name), item.name)
        check_fields(self, {
            "bioavailability_cv_fraction": (0.0, 3.0, "closed"), "clearance_cv_fraction": (0.0, 3.0, "closed"),
            "ec50_cv_fraction": (0.0, 3.0, "closed"), "responder_fraction": (0.0, 1.0, "closed"),
            "responder_gain": (0.0, 100.0, "closed"), "nonresponder_gain": (0.0, 100.0, "closed"),
            "responder_drive_ratio": (1.0, 100.0, "closed"), "nonresponder_drive_ratio": (1.0, 100.0, "closed"),
            "tlr4_ic50_um": (0.0, 1e6), "opioid_weight": (0.0, 10.0, "closed"),
            "gain_cv_fraction": (0.0, 3.0, "closed"), "biomarker_link": (0.0, 1.0, "closed"),
            "biomarker_median_mm_h": (0.0, 500.0), "drive_ratio_cv_fraction": (0.0, 3.0, "closed"),
            "baseline_pain_mean_nrs": (0.0, 10.0), "baseline_pain_sd_logit": (0.0, 5.0, "closed"),
            "placebo_mean_nrs": (-10.0, 10.0), "placebo_sd_nrs": (0.0, 10.0, "closed"),
            "placebo_time_constant_h": (0.01, 1e5, "closed"), "daily_noise_sd_nrs": (0.0, 10.0, "closed"),
        })
        if self.baseline_pain_mean_nrs >= 10.0:
            raise ValueError(f"baseline_pain_mean_nrs must be < 10, got {self.baseline_pain_mean_nrs}")


@dataclass(frozen=True)
class Population:
    """Virtual patients: one entry per patient in every array (shape ``(n_patients,)``)."""

    pk: PKParameters
    receptor: ReceptorStructure     #: receptor structure, potency varying per patient
    rebound: ReboundParameters
    inflammation: InflammationParameters
    symptoms: SymptomParameters
    responder: np.ndarray          #: True for patients with the strong-rebound trait
    trait: np.ndarray              #: latent trait (standard normal); responders are its top fraction
    esr_mm_h: np.ndarray           #: observable inflammation marker, mm/h
    placebo_response_nrs: np.ndarray  #: each patient's full placebo response, points (negative = better)
    params: PopulationParameters
    seed: int

    def __len__(self) -> int:
        return int(self.responder.size)

    def subset(self, mask) -> Population:
        """The patients where ``mask`` is true (boolean array or indices)."""
        index = np.arange(len(self))[mask]

        def pick(params):
            return replace(params, **{name: np.asarray(getattr(params, name))[index]
                                      for name in field_names(params) if np.ndim(getattr(params, name)) == 1})
        return replace(self, pk=pick(self.pk), receptor=pick(self.receptor), rebound=pick(self.rebound),
                       inflammation=pick(self.inflammation), symptoms=pick(self.symptoms),
                       responder=self.responder[index], trait=self.trait[index], esr_mm_h=self.esr_mm_h[index],
                       placebo_response_nrs=self.placebo_response_nrs[index])


def make_population(n_patients: int, seed: int = 0, params: PopulationParameters | None = None,
                    receptor: ReceptorStructure | None = None) -> Population:
    """Draw ``n_patients`` virtual patients, reproducibly for a ``seed``.

    Parameters
    ----------
    n_patients : int
        1 to 1 000 000.
    seed : int, default 0
        0 to 2**32 − 1. The same seed gives the same patients.
    params : PopulationParameters, optional
        How the patients vary; default ``PopulationParameters()``, the trial-calibrated population.
    receptor : receptor structure, optional
        The structure whose potency varies between patients; default:
        :func:`ldnmodels.model.structures.default_receptor`.

    Returns
    -------
    Population
        Parameter sets with per-patient fields of shape ``(n_patients,)`` (bioavailability, clearance, receptor
        potency, rebound gains, microglial drive, baseline pain in points), the responder flags, the latent trait,
        the ESR-like marker (mm/h) and each patient's full placebo response (points, negative = better).

    Examples
    --------
    >>> population = make_population(1000, seed=1)
    >>> round(float(population.responder.mean()), 2) == PopulationParameters().responder_fraction
    True
    """
    whole(n_patients, "n_patients", 1, MAX_PATIENTS)
    seed = whole(seed, "seed", 0, 2**32 - 1)
    params = PopulationParameters() if params is None else params
    rng = np.random.default_rng(seed)
    n = int(n_patients)

    def lognormal(median, cv):
        sigma = math.sqrt(math.log(1.0 + cv ** 2))
        return median * np.exp(sigma * rng.standard_normal(n))

    base_pk = PKParameters()
    base_receptor = default_receptor() if receptor is None else receptor
    bioavailability = np.minimum(lognormal(base_pk.bioavailability_fraction, params.bioavailability_cv_fraction),
                                 base_pk.absorbed_fraction)
    pk = replace(base_pk, bioavailability_fraction=bioavailability,
                 naltrexone_cl_l_per_h=lognormal(base_pk.naltrexone_cl_l_per_h, params.clearance_cv_fraction))
    receptor = base_receptor.with_potency(lognormal(1.0, params.ec50_cv_fraction))
    trait = rng.standard_normal(n)
    cut = np.quantile(trait, 1.0 - params.responder_fraction) if params.responder_fraction > 0 else np.inf
    responder = trait >= cut if params.responder_fraction > 0 else np.zeros(n, dtype=bool)
    gain_median = np.where(responder, params.responder_gain, params.nonresponder_gain)
    sigma_gain = math.sqrt(math.log(1.0 + params.gain_cv_fraction ** 2))
    gains = gain_median * np.exp(sigma_gain * rng.standard_normal(n))
    rebound = replace(ReboundParameters(), release_gain=gains, receptor_gain=gains)
    drive_median = np.where(responder, params.responder_drive_ratio, params.nonresponder_drive_ratio)
    sigma_drive = math.sqrt(math.log(1.0 + params.drive_ratio_cv_fraction ** 2))
    drive = np.maximum(1.0, drive_median * np.exp(sigma_drive * rng.standard_normal(n)))
    inflammation = replace(InflammationParameters(), fibromyalgia_drive_ratio=drive, tlr4_ic50_um=params.tlr4_ic50_um)
    marker_z = params.biomarker_link * trait + math.sqrt(1.0 - params.biomarker_link ** 2) * rng.standard_normal(n)
    esr = params.biomarker_median_mm_h * np.exp(0.5 * marker_z)
    baseline = 10.0 * expit(logit(params.baseline_pain_mean_nrs / 10.0) + params.baseline_pain_sd_logit
                            * rng.standard_normal(n))
    symptoms = replace(SymptomParameters(), baseline_pain_nrs=baseline, opioid_weight=params.opioid_weight)
    placebo = params.placebo_mean_nrs + params.placebo_sd_nrs * rng.standard_normal(n)
    return Population(pk, receptor, rebound, inflammation, symptoms, responder, trait, esr, placebo, params, seed)


def rebound_responders() -> PopulationParameters:
    """The alternative population: responders have a strong endorphin rebound, microglia at the measured potency.

    The kit's default before the trial calibration (responder gains 1.7, non-responders 1.1, every patient's
    microglial drive 2, TLR4 IC50 100 µM, opioid weight 1). Its simulated trials contain the published effects,
    but its drug-only benefit *falls* from 3 to 6 mg (the rebound is largest at a partial blockade, at most 2/3:
    :func:`ldnmodels.analyses.evidence.signalling_optimum_blockade`). The dose-finding study's design assumes a rising
    dose–response and so cannot rule this out; :mod:`ldnmodels.analyses.hypotheses` compares the routes.
    """
    return PopulationParameters(responder_gain=1.7, nonresponder_gain=1.1, responder_drive_ratio=2.0,
                                nonresponder_drive_ratio=2.0, tlr4_ic50_um=100.0, opioid_weight=1.0)


class PopulationOutcome(NamedTuple):
    """Daily summaries of a population simulation (patients × days)."""

    daily_pain_nrs: np.ndarray       #: mechanistic pain score, daily mean (no placebo, no noise)
    daily_mor_occupancy: np.ndarray  #: daily mean blockade
    daily_opioid_signaling: np.ndarray


def grid_step_for(regimen: Regimen) -> float:
    """The coarsest of 0.5, 0.25 and 0.1 h on which every dose time of ``regimen`` lies (else 0.1 h).

    Doses off the grid are still solved exactly. The mechanism stages take blockade as linear between
    grid points; 0.5 h keeps the week-12 pain within 0.01 points of a 0.1 h grid (tested), 3 h does not
    for structures with a fast phase.
    """
    for step in (0.5, 0.25):
        if all(abs(t / step - round(t / step)) < 1e-9 for t in regimen.times_h):
            return step
    return 0.1


def simulate_population(population: Population, regimen: Regimen, days: int,
                        step_h: float | None = None, progress: bool = False, workers: int = 1) -> PopulationOutcome:
    """Simulate every patient of a population on the same regimen; daily summaries.

    Each chunk of patients goes through :func:`ldnmodels.simulate` itself (patients on the
    leading axis), so a population run and a single-patient run are the same computation.

    Parameters
    ----------
    population : Population
    regimen : Regimen
    days : int
        Days to simulate, 1 to 3650.
    step_h : float, optional
        Grid step, h; must divide 24 h. Default: :func:`grid_step_for` the regimen (0.5 h for doses at
        21:00). Plasma and blockade are exact on any grid; the week-12 mean pain the trials use
        changes by less than 0.01 points on average between 0.5 h and 0.1 h steps (tested).
    progress : bool
        Show a progress bar over the chunks of patients (``tqdm``, on standard error).
    workers : int, default 1
        Threads sharing the chunks, 1 to 64. The default keeps to one core: on a shared class server every
        core is already busy and more threads only compete with other people's kernels. On a machine of one's
        own, ``os.cpu_count()`` is about 1.5× faster on two cores (``benchmarks/bench_speed.py`` measures it).
        The result does not depend on it.

    Returns
    -------
    PopulationOutcome
    """
    step_h = grid_step_for(regimen) if step_h is None else step_h
    whole(days, "days", 1, 3650)
    whole(workers, "workers", 1, 64)
    per_day = int(round(24.0 / step_h)) if step_h > 0 else 0
    if not (step_h > 0 and per_day >= 1 and abs(per_day * step_h - 24.0) < 1e-9):
        raise ValueError(f"step_h must divide 24 h evenly, got {step_h}")
    # Chunks hold at most MAX_PATIENT_POINTS patient-points, whatever the grid: memory stays bounded.
    n_points = per_day * days + 1
    chunk_size = max(1, min(_CHUNK, MAX_PATIENT_POINTS // n_points))
    starts = range(0, len(population), chunk_size)

    def one_chunk(start: int) -> tuple[np.ndarray, ...]:
        chunk = population.subset(slice(start, start + chunk_size))
        result = simulate(regimen, hours=24.0 * days, step_h=step_h, pk=chunk.pk, receptor=chunk.receptor,
                          rebound=chunk.rebound, inflammation=chunk.inflammation, symptoms=chunk.symptoms)
        return tuple(np.atleast_2d(daily_means(result.t_h, getattr(result, name)))
                     for name in ("pain_nrs", "mor_occupancy", "opioid_signaling"))

    # one BLAS thread for the whole run, so that threads entering and leaving simulate() cannot restore a pool
    with single_threaded_blas(), ThreadPoolExecutor(workers) if workers > 1 else contextlib.nullcontext() as pool:
        parts = pool.map(one_chunk, starts) if pool is not None else map(one_chunk, starts)
        if progress:
            from tqdm.auto import tqdm
            parts = tqdm(parts, total=len(starts), desc="virtual patients", unit="chunk", leave=False)
        parts = list(parts)
    outcome = PopulationOutcome(*(np.concatenate(arrays) for arrays in zip(*parts)))
    del parts
    release_freed_memory()  # the chunks' temporaries: an app kernel that ran notebook 09 idles 65 MB smaller
    return outcome
