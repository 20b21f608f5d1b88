"""How each exercise's answer is computed from the model (never stored): one function per answer.

Every function takes no argument (except the helpers :func:`decisive_scan` and :func:`pain_week_12`) and returns
the answer in the unit its exercise asks for (see :mod:`ldnmodels.teaching.exercises.catalogue`).
"""
from __future__ import annotations

import math
import re
from functools import cache

import numpy as np

from ...analyses import hypotheses, small_studies
from ...analyses.ensembles import ScanTimes, ensemble, scan_time_separation
from ...analyses.evidence import published_trials, trial_outcomes
from ...analyses.experiments import signaling_by_hours_blocked, theory_blockade
from ...analyses.fitting import PET_SD_FRACTION
from ...analyses.side_effects import side_effects
from ...analyses.titration import TitrationPlan, titrate_with_hold
from ...analyses.trials import TrialDesign, patients_needed
from ...core.constants import NALTREXONE_BASE_G_PER_MOL, ng_ml_to_nm
from ...core.metrics import daily_means, hours_above_per_day, weeks_to_reduction
from ...model.endorphin import ReboundParameters
from ...model.inflammation import MEASURED_TLR4_IC50_UM, InflammationParameters
from ...model.opioids import OpioidCoMedication
from ...model.pharmacokinetics import PKParameters
from ...model.regimen import Regimen
from ...model.simulation import simulate, with_mechanisms
from ...model.symptoms import SymptomParameters

__all__ = [
    "peak_ratio", "fraction_left_24h", "smallest_dose_half_blockade_4h", "best_theory_hours",
    "best_theory_hours_strong_rebound", "break_even_gain_binding", "decisive_scan", "best_scan_clock_h",
    "best_scan_hours_morning", "structure_gap_at_best_scan", "gap_in_scan_scatters", "ic50_for_10_percent",
    "gap_ratio_1_5mg", "pain_week_12", "share_left_without_rebound", "theory_weeks_slow_sensitisation",
    "hold_day_headache", "titration_headache_gain", "liver_peak_10x", "oxycodone_doubled_after_stopping",
    "screened_for_enrichment", "final_number_needed_to_treat", "final_ci_limit_smd", "CHANGE_SD_NRS",
    "posterior_odds_required_vs_null_wide", "design_share_younger_2013",
    "patients_for_final_effect", "hours_above_95_at_50mg",
]


# --- notebook 01: dose and plasma levels -------------------------------------------------------------------------

def peak_ratio() -> float:
    """Peak plasma naltrexone after one 4.5 mg dose over that after one 1.5 mg dose."""
    low = simulate(Regimen.single(1.5), hours=24.0, step_h=0.01).naltrexone_ng_ml.max()
    high = simulate(Regimen.single(4.5), hours=24.0, step_h=0.01).naltrexone_ng_ml.max()
    return float(high / low)


def fraction_left_24h() -> float:
    """Fraction of the naltrexone peak left 24 h after a dose, from the half-life alone."""
    return 0.5 ** (24.0 / PKParameters().naltrexone_half_life_h)


# --- notebook 02: receptor blockade and the decisive experiment ----------------------------------------------------

def smallest_dose_half_blockade_4h() -> float:
    """Smallest single dose (mg) giving more than 50 % blockade for at least 4 h in the 24 h after it."""

    def hours_above(dose):
        res = simulate(Regimen.single(dose), hours=24.0, step_h=0.05)
        return np.count_nonzero(res.mor_occupancy > 0.5) * 0.05

    low, high = 0.1, 50.0
    for _ in range(40):
        mid = math.sqrt(low * high)
        low, high = (mid, high) if hours_above(mid) < 4.0 else (low, mid)
    return high


def hours_above_95_at_50mg() -> float:
    """Hours a day with more than 95 % of receptors blocked on day 14 of 50 mg daily."""
    res = simulate(Regimen.daily(50.0, days=14), hours=14 * 24.0)
    return float(hours_above_per_day(res.t_h, res.mor_occupancy, 0.95)[-1])


@cache
def decisive_scan() -> ScanTimes:
    """The decisive-experiment calculation of notebook 02: daily 4.5 mg at 21:00, the structures that fit."""
    daily = ensemble(Regimen.daily(4.5, days=14, clock_h=21.0), hours=14 * 24.0, n_draws=8)
    return scan_time_separation(daily, 21.0)


def best_scan_clock_h() -> float:
    """The decisive scan's time of day (0-24 h) for 4.5 mg taken at 21:00."""
    return (21.0 + decisive_scan().best_hours_after_dose) % 24.0


def best_scan_hours_morning() -> float:
    """The decisive scan's best hour after the dose when 4.5 mg is taken at 08:00 instead of 21:00."""
    morning = ensemble(Regimen.daily(4.5, days=14, clock_h=8.0), hours=14 * 24.0, n_draws=8)
    return scan_time_separation(morning, 8.0).best_hours_after_dose


def structure_gap_at_best_scan() -> float:
    """How far apart (percentage points of blockade) the fitting structures are at the best scan time."""
    scan = decisive_scan()
    at = int(np.argmax(scan.separation))
    values = [curve[at] for curve in scan.by_structure.values()]
    return 100.0 * (max(values) - min(values))


def gap_in_scan_scatters() -> float:
    """The two fitting structures' difference at the best scan time, in units of one scan's scatter."""
    return structure_gap_at_best_scan() / (100.0 * PET_SD_FRACTION)


# --- notebook 03: endorphin rebound ------------------------------------------------------------------------------

def best_theory_hours() -> float:
    """The hours of full blockade a day that give the most net signalling in the theory's picture."""
    hours = np.arange(0.0, 24.5, 0.5)
    return float(hours[np.argmax(signaling_by_hours_blocked(hours))])


def best_theory_hours_strong_rebound() -> float:
    """As :func:`best_theory_hours`, with both rebound gains doubled (2 instead of 1)."""
    hours = np.arange(0.0, 24.5, 0.5)
    strong = ReboundParameters(release_gain=2.0, receptor_gain=2.0)
    return float(hours[np.argmax(signaling_by_hours_blocked(hours, rebound=strong))])


def break_even_gain_binding() -> float:
    """The rebound gain (release and receptor alike) at which 4.5 mg daily leaves net signalling in week 4 at
    untreated (1) with the binding structure."""

    def week_4(gain):
        res = simulate(Regimen.daily(4.5, days=28, clock_h=21.0), hours=28 * 24.0, receptor="binding",
                       rebound=ReboundParameters(release_gain=gain, receptor_gain=gain))
        return daily_means(res.t_h, res.opioid_signaling)[-7:].mean()

    low, high = 0.0, 5.0
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (mid, high) if week_4(mid) < 1.0 else (low, mid)
    return (low + high) / 2


# --- notebook 04: microglia and TLR4 -----------------------------------------------------------------------------

def ic50_for_10_percent() -> float:
    """IC50 (µM) at which sensitisation after 12 weeks of 4.5 mg daily is 10 % below untreated."""
    base = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0, step_h=0.25)

    def end(ic50):
        return with_mechanisms(base, inflammation=InflammationParameters(tlr4_ic50_um=ic50)).sensitization[-1]

    low, high = 1e-6, 1e3
    for _ in range(50):
        mid = math.sqrt(low * high)
        low, high = (mid, high) if end(mid) < 0.9 else (low, mid)
    return math.sqrt(low * high)


def gap_ratio_1_5mg() -> float:
    """The measured TLR4 IC50 over the peak plasma naltrexone of 1.5 mg daily (as notebook 04 takes 4.5 mg's)."""
    peak = simulate(Regimen.daily(1.5, days=14, clock_h=21.0), hours=14 * 24.0, step_h=0.1).naltrexone_ng_ml.max()
    return float(MEASURED_TLR4_IC50_UM * 1000.0 / ng_ml_to_nm(peak, NALTREXONE_BASE_G_PER_MOL))


# --- notebook 05: mechanisms to symptoms -------------------------------------------------------------------------

def pain_week_12(symptoms: SymptomParameters | None = None) -> float:
    """Mean conceptual pain score in week 12 of 4.5 mg daily.

    Parameters
    ----------
    symptoms : SymptomParameters, optional
        How mechanisms become the score; the default model's when omitted.

    Returns
    -------
    float
        The mean score (0-10) over days 78-84.
    """
    res = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0, symptoms=symptoms)
    return float(daily_means(res.t_h, res.pain_nrs)[-7:].mean())


def share_left_without_rebound() -> float:
    """Percentage of the default model's week-12 reduction (4.5 mg daily) left with the rebound switched off."""
    untreated = SymptomParameters().baseline_pain_nrs
    without = pain_week_12(SymptomParameters(opioid_weight=0.0))
    return float(100.0 * (untreated - without) / (untreated - pain_week_12()))


def theory_weeks_slow_sensitisation() -> float:
    """Weeks until the theory's best case (5 h of blockade a day, IC50 0.0001 µM) lowers the score by 30 %, with
    sensitisation relaxing over 6 weeks instead of 3."""
    res = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0)
    slow = InflammationParameters(tlr4_ic50_um=0.0001, sensitization_time_constant_h=6 * 168.0)
    best = theory_blockade(with_mechanisms(res, inflammation=slow), 5.0)
    return weeks_to_reduction(best.t_h, best.pain_nrs, 0.3, baseline=best.symptoms.baseline_pain_nrs)


# --- notebook 06: titration and timing ---------------------------------------------------------------------------

def titration_headache_gain() -> float:
    """Percentage points by which the default titration lowers the headache index against starting at 4.5 mg."""
    direct = side_effects(simulate(Regimen.daily(4.5, days=42), hours=42 * 24.0)).headache
    titrated = side_effects(simulate(TitrationPlan.default().regimen(42), hours=42 * 24.0)).headache
    return 100.0 * (direct - titrated)


def hold_day_headache() -> float:
    """The first decision day on which a headache hold rule at 0.08 holds the default 1.5/3/4.5 mg plan."""
    held = titrate_with_hold(TitrationPlan.default(), 42, "headache", 0.08)
    return float(held.decision_days[np.argmax(held.held)]) if np.any(held.held) else math.inf


# --- notebook 07: safety, opioids and the liver ------------------------------------------------------------------

def liver_peak_10x() -> float:
    """Peak plasma naltrexone (ng/mL) on 4.5 mg daily with ten-fold exposure (liver impairment)."""
    res = simulate(Regimen.daily(4.5, days=14), hours=14 * 24.0, pk=PKParameters(hepatic_exposure_factor=10.0))
    return float(res.naltrexone_ng_ml.max())


def oxycodone_doubled_after_stopping() -> float:
    """Receptors (%) held by oxycodone at a doubled level (60 ng/mL) once naltrexone is gone."""
    doubled = OpioidCoMedication.oxycodone(plasma_ng_ml=2 * OpioidCoMedication.oxycodone().plasma_ng_ml)
    return float(100.0 * simulate(Regimen(), hours=24.0, opioid=doubled).agonist_occupancy[-1])


def kidney_half_naltrexol_rise() -> float:
    """Rise (%) of the mean plasma 6β-naltrexol over the last day of four weeks of 4.5 mg daily when kidney function
    is halved (``kidney_function_fraction`` 0.5) against normal."""
    def last_day_mean(kidney: float) -> float:
        res = simulate(Regimen.daily(4.5, days=28, clock_h=21.0), hours=28 * 24.0,
                       pk=PKParameters(kidney_function_fraction=kidney))
        return float(res.naltrexol_ng_ml[-240:].mean())
    return 100.0 * (last_day_mean(0.5) / last_day_mean(1.0) - 1.0)


# --- notebook 08: virtual patients and trials --------------------------------------------------------------------

def screened_for_enrichment() -> float:
    """Patients screened, on average, to enrol a 50-per-arm parallel trial above the marker's 80th percentile."""
    design = TrialDesign(design="parallel", n_per_arm=50, enrichment_quantile=0.8)
    return patients_needed(design) / (1.0 - design.enrichment_quantile)


# --- notebooks 09 and 10: published evidence, approved medicines -------------------------------------------------

def final_number_needed_to_treat() -> float:
    """FINAL's number needed to treat for at least 30 % less pain: 1 / (share on LDN - share on placebo), from the
    trial-outcomes table (45 % vs 28 %)."""
    row = next(r for r in trial_outcomes() if r["study"] == "bruun_2024" and r["outcome"].startswith("at least 30 %"))
    on_ldn, on_placebo = (float(v) for v in re.findall(r"(\d+) %", row["result"])[:2])
    return 100.0 / (on_ldn - on_placebo)


def final_ci_limit_smd() -> float:
    """The end of FINAL's 95 % CI that favours LDN as a standardised mean difference (positive): the SD behind d
    is the size of the difference divided by d, and the CI's end is divided by that SD."""
    rows = [r for r in published_trials() if r["key"] == "bruun_2024"]
    points = next(r for r in rows if r["primary"])
    d = next(r for r in rows if not r["primary"])["effect"]
    return -points["ci_low"] / abs(points["effect"] / d)


def small_study_inflation() -> float:
    """How many times larger the pooled benefit of only the significant small trials is than that of all of them
    (notebook 09's 200 FINAL-like trials of 15 per arm, seed 0)."""
    result = small_studies.small_study_effect(n_per_arm=15, n_trials=200, seed=0)
    return result.published_pooled / result.all_pooled


def posterior_odds_required_vs_null_wide() -> float:
    """Posterior odds of ``microglia_required`` over ``no_drug_effect`` with the wide priors (two_phase), equal prior
    odds: the exponential of its log Bayes factor (shipped comparison)."""
    row = next(r for r in hypotheses.compare() if (r.hypothesis, r.structure) == ("microglia_required", "two_phase"))
    return math.exp(row.log_bayes_factor_vs_null_wide)


def design_share_younger_2013() -> float:
    """Under ``no_drug_effect``, the share (%) of Younger 2013's published effect that its design (4 weeks of
    placebo against 12 of LDN) explains: the predicted effect's median minus unblinding's, over the published."""
    row = next(r for r in hypotheses.unblinding(hypotheses=("no_drug_effect",)) if r.study == "younger_2013")
    return 100.0 * (row.predicted[1] - row.from_unblinding[1]) / row.published


#: Between-patient SD of the change in pain assumed by the sample-size exercise of notebook 10, points.
CHANGE_SD_NRS = 1.4


def patients_for_final_effect() -> float:
    """Patients per arm for 80 % power against FINAL's point estimate: n = 16 (SD / effect)²."""
    final = next(r for r in published_trials() if r["key"] == "bruun_2024")
    return 16.0 * (CHANGE_SD_NRS / abs(final["effect"])) ** 2
