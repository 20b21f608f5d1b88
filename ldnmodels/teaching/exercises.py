"""Exercises with self-checks: questions a student answers by exploring, checked without giving the answer away.

>>> print(check("01-peak-ratio", 1.0))
Not yet: your answer is too low. Compare the explorer's peaks for one 1.5 mg and one 4.5 mg dose.

Without code: :func:`widget` gives one exercise's check box (question, answer field, Check button, the same
feedback), :func:`boxes` those of a notebook; they work in JupyterLab, Voilà and JupyterLite.

Each answer is computed from the model when it is checked (never stored), with a stated tolerance.
"""
from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

__all__ = ["Exercise", "EXERCISES", "RETIRED", "check", "questions", "widget", "ExerciseBox", "boxes"]


@dataclass(frozen=True)
class Exercise:
    """A question, how to compute its answer, the tolerance, and a hint shown for wrong answers."""

    notebook: str
    question: str
    unit: str
    answer: Callable[[], float]
    relative_tolerance: float
    hint: str
    log_scale: bool = False      #: answers spanning decades: right within a factor of (1 + relative_tolerance)
    #: Typical slips that a shift would make right: (number added to the typed answer, what to say).
    shifts: tuple = ()
    #: What to say when the answer is right but for its sign (empty: a wrong sign is just wrong).
    sign_slip: str = ""


def _peak_ratio() -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    low = simulate(Regimen.single(1.5), hours=24.0, step_h=0.01).naltrexone_ng_ml.max()
    high = simulate(Regimen.single(4.5), hours=24.0, step_h=0.01).naltrexone_ng_ml.max()
    return float(high / low)


def _fraction_left_24h() -> float:
    from ..model.pharmacokinetics import PKParameters
    return 0.5 ** (24.0 / PKParameters().naltrexone_half_life_h)


def _smallest_dose_half_blockade_4h() -> float:
    """Smallest single dose (mg) giving more than 50 % blockade for at least 4 h in the 24 h after it."""
    from ..model.regimen import Regimen
    from ..model.simulation import simulate

    def hours_above(dose):
        res = simulate(Regimen.single(dose), hours=24.0, step_h=0.05)
        return np.count_nonzero(res.mor_occupancy > 0.5) * 0.05

    low, high = 0.1, 50.0
    for _ in range(40):
        mid = math.sqrt(low * high)
        low, high = (mid, high) if hours_above(mid) < 4.0 else (low, mid)
    return high


def _best_theory_hours() -> float:
    from ..analyses.experiments import signaling_by_hours_blocked
    hours = np.arange(0.0, 24.5, 0.5)
    return float(hours[np.argmax(signaling_by_hours_blocked(hours))])


def _best_theory_hours_strong_rebound() -> float:
    """As :func:`_best_theory_hours`, with both rebound gains doubled (2 instead of 1)."""
    from ..model.endorphin import ReboundParameters
    from ..analyses.experiments import signaling_by_hours_blocked
    hours = np.arange(0.0, 24.5, 0.5)
    strong = ReboundParameters(release_gain=2.0, receptor_gain=2.0)
    return float(hours[np.argmax(signaling_by_hours_blocked(hours, rebound=strong))])


def _best_scan_hours_morning() -> float:
    """The decisive scan's best hour after the dose when 4.5 mg is taken at 08:00 instead of 21:00."""
    from ..model.regimen import Regimen
    from ..analyses.ensembles import ensemble
    from ..analyses.ensembles import scan_time_separation
    morning = ensemble(Regimen.daily(4.5, days=14, clock_h=8.0), hours=14 * 24.0, n_draws=8)
    return scan_time_separation(morning, 8.0).best_hours_after_dose


def _ic50_for_10_percent() -> float:
    """IC50 (µM) at which sensitisation after 12 weeks of 4.5 mg daily is 10 % below untreated."""
    from ..model.inflammation import InflammationParameters
    from ..model.regimen import Regimen
    from ..model.simulation import simulate, with_mechanisms
    base = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0, step_h=0.25)

    def end(ic50):
        return with_mechanisms(base, inflammation=InflammationParameters(tlr4_ic50_um=ic50)).sensitization[-1]

    low, high = 1e-6, 1e3
    for _ in range(50):
        mid = math.sqrt(low * high)
        low, high = (mid, high) if end(mid) < 0.9 else (low, mid)
    return math.sqrt(low * high)


def _analgesia_kept_morphine() -> float:
    from ..model.opioids import OpioidCoMedication
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    alone = simulate(Regimen(), hours=24.0, opioid=OpioidCoMedication.morphine()).agonist_occupancy[-1]
    with_ldn = simulate(Regimen.daily(4.5, days=14), hours=14 * 24.0,
                        opioid=OpioidCoMedication.morphine()).agonist_occupancy[-1]
    return float(100.0 * with_ldn / alone)


def _hold_rule_final_dose() -> float:
    from ..analyses.titration import TitrationPlan, titrate_with_hold
    return float(titrate_with_hold(TitrationPlan.default(), 56, "vivid_dreams", 0.33).daily_dose_mg[-1])


def _hours_above_90_at_50mg() -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..core.metrics import hours_above_per_day
    res = simulate(Regimen.daily(50.0, days=14), hours=14 * 24.0)
    return float(hours_above_per_day(res.t_h, res.mor_occupancy, 0.9)[-1])


def _ldn_net_signalling() -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..core.metrics import daily_means
    res = simulate(Regimen.daily(4.5, days=28), hours=28 * 24.0)
    return float(daily_means(res.t_h, res.opioid_signaling)[-7:].mean())


def _break_even_gain_binding() -> float:
    """The rebound gain (release and receptor alike) at which 4.5 mg daily leaves net signalling in week 4 at
    untreated (1) with the binding structure."""
    from ..model.regimen import Regimen
    from ..model.endorphin import ReboundParameters
    from ..model.simulation import simulate
    from ..core.metrics import daily_means

    def week_4(gain):
        res = simulate(Regimen.daily(4.5, days=28, clock_h=21.0), hours=28 * 24.0, receptor="binding",
                       rebound=ReboundParameters(release_gain=gain, receptor_gain=gain))
        return daily_means(res.t_h, res.opioid_signaling)[-7:].mean()

    low, high = 0.0, 5.0
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (mid, high) if week_4(mid) < 1.0 else (low, mid)
    return (low + high) / 2


@lru_cache(maxsize=None)
def _decisive_scan():
    """The decisive-experiment calculation of notebook 02: daily 4.5 mg at 21:00, the structures that fit."""
    from ..model.regimen import Regimen
    from ..analyses.ensembles import ensemble
    from ..analyses.ensembles import scan_time_separation
    daily = ensemble(Regimen.daily(4.5, days=14, clock_h=21.0), hours=14 * 24.0, n_draws=8)
    return scan_time_separation(daily, 21.0)


def _best_scan_hours() -> float:
    return _decisive_scan().best_hours_after_dose


def _best_scan_clock_h() -> float:
    """The decisive scan's time of day (0-24 h) for 4.5 mg taken at 21:00."""
    return (21.0 + _decisive_scan().best_hours_after_dose) % 24.0


def _gap_in_scan_scatters() -> float:
    """The two fitting structures' difference at the best scan time, in units of one scan's scatter."""
    from ..analyses.fitting import PET_SD_FRACTION
    return _structure_gap_at_best_scan() / (100.0 * PET_SD_FRACTION)


def _structure_gap_at_best_scan() -> float:
    scan = _decisive_scan()
    at = int(np.argmax(scan.separation))
    values = [curve[at] for curve in scan.by_structure.values()]
    return 100.0 * (max(values) - min(values))


def _gap_ratio() -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..model.inflammation import MEASURED_TLR4_IC50_UM
    peak_um = simulate(Regimen.single(4.5), hours=24.0, step_h=0.01).naltrexone_ng_ml.max() / 341.4
    return float(MEASURED_TLR4_IC50_UM / peak_um)


def _measured_pain_week_12() -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..core.metrics import daily_means
    res = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0)
    return float(daily_means(res.t_h, res.pain_nrs)[-7:].mean())


def _theory_weeks_to_30() -> float:
    from ..model.inflammation import InflammationParameters
    from ..model.regimen import Regimen
    from ..model.simulation import simulate, with_mechanisms
    from ..analyses.experiments import theory_blockade
    from ..core.metrics import weeks_to_reduction
    res = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0)
    best = theory_blockade(with_mechanisms(res, inflammation=InflammationParameters(tlr4_ic50_um=0.0001)), 5.0)
    return weeks_to_reduction(best.t_h, best.pain_nrs, 0.3, baseline=best.symptoms.baseline_pain_nrs)


def _final_largest_benefit() -> float:
    from ..analyses.evidence import published_trials
    final = next(r for r in published_trials() if r["key"] == "bruun_2024")
    return -final["ci_low"]


def _approval_year(medicine: str) -> float:
    import re
    from ..analyses.evidence import medicines
    row = next(r for r in medicines() if r["medicine"] == medicine and r["aspect"] == "approval")
    return float(re.search(r"(19|20)\d\d", row["value"]).group(0))


def _responder_share() -> float:
    from ..analyses.population import PopulationParameters
    return 100.0 * PopulationParameters().responder_fraction


def _meta_heterogeneity() -> float:
    import re
    from ..analyses.evidence import published_trials
    note = next(r for r in published_trials() if r["key"] == "ologunowa_2025")["note"]
    return float(re.search(r"I2 = (\d+)", note).group(1))


def _titration_headache_gain() -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..analyses.side_effects import side_effects
    from ..analyses.titration import TitrationPlan
    direct = side_effects(simulate(Regimen.daily(4.5, days=42), hours=42 * 24.0)).headache
    titrated = side_effects(simulate(TitrationPlan.default().regimen(42), hours=42 * 24.0)).headache
    return 100.0 * (direct - titrated)


def _liver_peak() -> float:
    from ..model.pharmacokinetics import PKParameters
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    res = simulate(Regimen.daily(4.5, days=14), hours=14 * 24.0, pk=PKParameters(hepatic_exposure_factor=5.0))
    return float(res.naltrexone_ng_ml.max())


def _share_left_without_rebound() -> float:
    """Percentage of the default model's week-12 reduction (4.5 mg daily) left with the rebound switched off."""
    from ..model.symptoms import SymptomParameters
    untreated = SymptomParameters().baseline_pain_nrs
    without = _pain_week_12(SymptomParameters(opioid_weight=0.0))
    return float(100.0 * (untreated - without) / (untreated - _measured_pain_week_12()))


def _pain_week_12(symptoms) -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..core.metrics import daily_means
    res = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0, symptoms=symptoms)
    return float(daily_means(res.t_h, res.pain_nrs)[-7:].mean())


def _theory_weeks_slow_sensitisation() -> float:
    """As :func:`_theory_weeks_to_30`, with sensitisation relaxing over 6 weeks instead of 3."""
    from ..model.inflammation import InflammationParameters
    from ..model.regimen import Regimen
    from ..model.simulation import simulate, with_mechanisms
    from ..analyses.experiments import theory_blockade
    from ..core.metrics import weeks_to_reduction
    res = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0)
    slow = InflammationParameters(tlr4_ic50_um=0.0001, sensitization_time_constant_h=6 * 168.0)
    best = theory_blockade(with_mechanisms(res, inflammation=slow), 5.0)
    return weeks_to_reduction(best.t_h, best.pain_nrs, 0.3, baseline=best.symptoms.baseline_pain_nrs)


def _liver_peak_10x() -> float:
    from ..model.pharmacokinetics import PKParameters
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    res = simulate(Regimen.daily(4.5, days=14), hours=14 * 24.0, pk=PKParameters(hepatic_exposure_factor=10.0))
    return float(res.naltrexone_ng_ml.max())


def _oxycodone_doubled_after_stopping() -> float:
    """Receptors (%) held by oxycodone at a doubled level (60 ng/mL) once naltrexone is gone."""
    from ..model.opioids import OpioidCoMedication
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    doubled = OpioidCoMedication.oxycodone(plasma_ng_ml=2 * OpioidCoMedication.oxycodone().plasma_ng_ml)
    return float(100.0 * simulate(Regimen(), hours=24.0, opioid=doubled).agonist_occupancy[-1])


def _screened_for_enrichment() -> float:
    """Patients screened, on average, to enrol a 50-per-arm parallel trial above the marker's 80th percentile."""
    from ..analyses.trials import TrialDesign, patients_needed
    design = TrialDesign(design="parallel", n_per_arm=50, enrichment_quantile=0.8)
    return patients_needed(design) / (1.0 - design.enrichment_quantile)


def _hold_day_headache() -> float:
    """The first decision day on which a headache hold rule at 0.08 holds the default 1.5/3/4.5 mg plan."""
    from ..analyses.titration import TitrationPlan, titrate_with_hold
    held = titrate_with_hold(TitrationPlan.default(), 42, "headache", 0.08)
    return float(held.decision_days[np.argmax(held.held)]) if np.any(held.held) else math.inf


def _hours_above_95_at_50mg() -> float:
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..core.metrics import hours_above_per_day
    res = simulate(Regimen.daily(50.0, days=14), hours=14 * 24.0)
    return float(hours_above_per_day(res.t_h, res.mor_occupancy, 0.95)[-1])


def _gap_ratio_1_5mg() -> float:
    """The measured TLR4 IC50 over the peak plasma naltrexone of 1.5 mg daily (as notebook 04 takes 4.5 mg's)."""
    from ..model.regimen import Regimen
    from ..model.simulation import simulate
    from ..core.constants import NALTREXONE_BASE_G_PER_MOL, ng_ml_to_nm
    from ..model.inflammation import MEASURED_TLR4_IC50_UM
    peak = simulate(Regimen.daily(1.5, days=14, clock_h=21.0), hours=14 * 24.0, step_h=0.1).naltrexone_ng_ml.max()
    return float(MEASURED_TLR4_IC50_UM * 1000.0 / ng_ml_to_nm(peak, NALTREXONE_BASE_G_PER_MOL))


#: Between-patient SD of the change in pain assumed by the sample-size exercise of notebook 10, points.
_CHANGE_SD_NRS = 1.4


def _patients_for_final_effect() -> float:
    """Patients per arm for 80 % power against FINAL's point estimate: n = 16 (SD / effect)²."""
    from ..analyses.evidence import published_trials
    final = next(r for r in published_trials() if r["key"] == "bruun_2024")
    return 16.0 * (_CHANGE_SD_NRS / abs(final["effect"])) ** 2


def _pregabalin_year() -> float:
    return _approval_year("pregabalin")


EXERCISES: dict[str, Exercise] = {
    "01-peak-ratio": Exercise("01", "By what factor does peak plasma naltrexone rise from one 1.5 mg dose to one "
                              "4.5 mg dose?", "(ratio)", _peak_ratio, 0.03,
                              "Compare the explorer's peaks for one 1.5 mg and one 4.5 mg dose."),
    "01-left-after-24h": Exercise("01", "What fraction of the naltrexone peak is left 24 h after a dose, from the "
                                  "4 h half-life alone?", "(fraction 0-1)", _fraction_left_24h, 0.15,
                                  "How many half-lives fit in 24 h?"),
    "02-smallest-dose": Exercise("02", "With the default receptor structure (two_phase), what is the smallest single "
                                 "dose that blocks more than half the receptors for at least 4 hours in the day "
                                 "after it?", "mg", _smallest_dose_half_blockade_4h,
                                 0.10, "Use the blockade explorer with a single dose and a 50 % level."),
    "03-best-hours": Exercise("03", "In the theory's picture (full blockade N hours a day), which N gives the most "
                              "net signalling?", "hours", _best_theory_hours, 0.13,
                              "Read the peak of the pink curve."),
    "03-best-hours-strong-rebound": Exercise(
        "03", "Not on any figure: if both rebound gains were 2 instead of 1, which N (hours of full blockade a day) "
              "would give the most net signalling? Predict it from the formula of the exercise above, then check it "
              "in code with hours = np.arange(0, 24.5, 0.5) and experiments.signaling_by_hours_blocked(hours, "
              "rebound=ldn.ReboundParameters(release_gain=2, receptor_gain=2)).", "hours", _best_theory_hours_strong_rebound, 0.13,
        "Stronger compensation pays for longer blockade: where is (1 + 2f)²(1 − f) highest?"),
    "04-ic50-for-10-percent": Exercise("04", "Which TLR4 IC50 would lower sensitisation by 10 % after 12 weeks of "
                                       "4.5 mg daily?", "µM", _ic50_for_10_percent, 1.0,
                                       "Move the potency slider and watch the summary.", log_scale=True),
    "03-break-even-gain-binding": Exercise(
        "03", "With the binding structure (the other one that fits), how large must both rebound gains be (set them "
              "equal) for 4.5 mg daily to keep net signalling in week 4 at untreated (1)? Is there evidence for gains "
              "that large?", "(gain)", _break_even_gain_binding, 0.06,
        "In the rebound explorer choose binding and 4 weeks, then move both gain sliders together until the "
        "summary's net signalling reaches 1.00."),
    "02-best-scan-clock": Exercise(
        "02", "Daily 4.5 mg at 21:00: at what time of day is the single most informative PET scan? Type it in hours "
              "from midnight (18:45 is 18.75).", "hour of day", _best_scan_clock_h, 0.07,
        "The figure counts hours after the dose: add them to 21:00, and past midnight start again from 0.",
        shifts=((-24.0, "that hour is past midnight; a clock starts again from 0 (subtract 24)."),
                (-3.0, "that counts hours after the 21:00 dose; the question asks for the time of day."))),
    "02-best-scan-morning": Exercise(
        "02", "Not on any figure: if the volunteers took 4.5 mg at 08:00 instead of 21:00, how many hours after the "
              "dose would the single most informative PET scan be? (Try this 5 shows the code.)", "hours",
        _best_scan_hours_morning, 0.2, "Rerun the decisive-experiment calculation with clock_h=8.0; think about "
                                       "what, in the model, depends on the clock and what does not."),
    "02-gap-in-scatters": Exercise(
        "02", "At the best scan time for the 21:00 dose, how many scan scatters (6.9 percentage points each) apart are the two structures' "
              "predictions? Why is the separation the notebook prints smaller?", "scatters",
        _gap_in_scan_scatters, 0.1, "Read both curves of the upper panel at the best scan time, subtract, and "
                                     "divide by 6.9 points."),
    "08-mean-effect": Exercise("08", "If 30 % of patients improve by 1.5 points and the rest by 0, what is the mean "
                               "change (negative = better)?", "points", lambda: -0.45, 0.02,
                               "Weight each group by its share.",
                               sign_slip="an improvement is a fall in pain: the mean change is negative."),
    "09-final-benefit": Exercise("09", "What is the largest true benefit (in points, as a positive number) still "
                                 "compatible with FINAL's 95 % CI?", "points", _final_largest_benefit, 0.02,
                                 "Look at the end of the interval that favours LDN."),
    "09-meta-heterogeneity": Exercise("09", "What I² did the 2025 meta-analysis of 8 trials report?", "%",
                                      _meta_heterogeneity, 0.01, "It is in the notes of the published-evidence file."),
    "06-titration-headache": Exercise("06", "By how many percentage points does the default titration lower the "
                                      "headache/nausea index compared with starting at 4.5 mg?", "% points",
                                      _titration_headache_gain, 0.1, "Compare the two schedules' summaries."),
    "05-rebound-off-share": Exercise(
        "05", "Switch the endorphin rebound off: what percentage of the default model's week-12 reduction (4.5 mg "
              "daily) is left? Why can it be more than 100 %?", "%", _share_left_without_rebound, 0.015,
        "Read the last week's score with the rebound on and off; the reduction is 6.5 minus the score."),
    "05-theory-weeks-slower": Exercise(
        "05", "In the theory's best case (5 h of blockade a day, IC50 0.0001 µM) the score is 30 % lower after "
              "about 5.3 weeks. If sensitisation relaxed over 6 weeks instead of 3, after how many weeks? Predict, "
              "then check in code with ldn.InflammationParameters(tlr4_ic50_um=0.0001, "
              "sensitization_time_constant_h=6 * 168).", "weeks", _theory_weeks_slow_sensitisation, 0.08,
        "A slower step stretches the whole approach; the microglia's own lag does not change."),
    "07-liver-peak-10x": Exercise(
        "07", "Five-fold exposure gives the peak printed above. Predict the peak at ten-fold exposure (4.5 mg "
              "daily), then check it in the liver explorer. Why is it not twice as high?", "ng/mL", _liver_peak_10x,
        0.05, "No more can reach the blood than the gut absorbs: see absorbed_fraction in PKParameters."),
    "07-oxycodone-doubled-after-stopping": Exercise(
        "07", "Someone on oxycodone at 30 ng/mL starts LDN 4.5 mg, doubles the oxycodone to 60 ng/mL to regain "
              "relief, then stops the naltrexone. What share of receptors does oxycodone then hold, against the 46 % "
              "they were used to?", "%", _oxycodone_doubled_after_stopping, 0.04,
        "Once naltrexone is gone only the opioid is left: the explorer's 'alone' value at the new level."),
    "08-screened-for-enrichment": Exercise(
        "08", "A trial of 50 patients per arm enrols only patients whose inflammation marker is above its 80th "
              "percentile (enrichment 0.8). How many patients must be screened, on average, to enrol them?",
        "patients", _screened_for_enrichment, 0.02,
        "Only the share above the 80th percentile qualifies.",
        shifts=((250.0, "that fills one arm; the trial has two."),)),
    "06-hold-day-headache": Exercise(
        "06", "In the titration explorer set the default plan (start and step 1.5 mg, target 4.5 mg) and a hold rule "
              "on the headache index at 0.08. On which day does the rule hold the dose (it looks every 7 days)? Why "
              "then and never later?", "day", _hold_day_headache, 0.01,
        "The headache index follows the day-to-day rise of blockade: which step raises blockade most?"),
    "02-hours-above-95": Exercise(
        "02", "With the default receptor structure (two_phase), on 50 mg daily, how many hours a day are more than "
              "95 % of receptors blocked once blockade has settled (day 7 or later)?", "hours",
        _hours_above_95_at_50mg, 0.03, "Set 50 mg daily and a 95 % level in the blockade explorer."),
    "04-gap-ratio-1-5mg": Exercise(
        "04", "The measured TLR4 IC50 (100 µM, unverified) is about 28 000 times the peak plasma naltrexone of 4.5 mg "
              "daily. How many times the peak of 1.5 mg daily is it? Predict it, then check with the explorer.",
        "(ratio)", _gap_ratio_1_5mg, 0.1, "Plasma levels are proportional to the dose in this model."),
    "10-patients-for-final-effect": Exercise(
        "10", "The approved medicines each rest on several large trials. How many patients per arm would one trial "
              "need for 80 % power to detect FINAL's point estimate (0.34 points), if the change in pain varies "
              "between patients with an SD of 1.4 points? Use n ≈ 16 × (SD / effect)² from notebook 08.",
        "patients", _patients_for_final_effect, 0.05, "Divide the SD by the effect, square it, multiply by 16."),
}


#: Old keys that still work, with a DeprecationWarning: old -> new.
RENAMED = {"05-measured-pain": "05-default-pain"}

#: Exercises no notebook asks any more (their answer was printed just above them: they tested reading, not
#: understanding). They still check, with a DeprecationWarning naming the question that replaced them.
RETIRED = {
    "02-best-scan-time": (Exercise("02", "Daily 4.5 mg at 21:00: how many hours after the dose should a single PET "
                                         "scan be taken to best tell apart the receptor structures that fit the data?",
                                   "hours", _best_scan_hours, 0.2, "Find the peak of the lower panel of the "
                                   "decisive-experiment figure."), "02-best-scan-clock"),
    "03-ldn-signalling": (Exercise("03", "With the default receptor structure (two_phase) and default gains, what is "
                                         "the net opioid signalling in week 4 of 4.5 mg daily (untreated = 1)?",
                                   "(relative)", _ldn_net_signalling, 0.03, "The rebound explorer's summary shows it."),
                          "03-break-even-gain-binding"),
    "02-structure-gap": (Exercise("02", "At that scan time, by how many percentage points do the structures that fit "
                                        "disagree about blockade?", "% points", _structure_gap_at_best_scan, 0.15,
                                  "Read the two curves of the upper panel at the best scan time."),
                         "02-gap-in-scatters"),
    "05-default-pain": (Exercise("05", "With the default model (two_phase blockade, microglial potency and opioid weight "
                                "calibrated to the trials, illustrative gains), what is the mean conceptual pain score "
                                "in week 12 of 4.5 mg daily?",
                                 "(0-10)", _measured_pain_week_12, 0.02,
                                 "Choose the fitted receptor structure in the explorer."), "05-rebound-off-share"),
    "05-theory-weeks": (Exercise("05", "In the theory's best case (5 h of blockade a day, IC50 0.0001 µM), after "
                                "how many weeks is the score 30 % lower?", "weeks", _theory_weeks_to_30, 0.1,
                                "Use the symptoms explorer's summary."), "05-theory-weeks-slower"),
    "07-liver-peak": (Exercise("07", "With five-fold naltrexone exposure (liver impairment), what is the peak plasma "
                              "naltrexone on 4.5 mg daily?", "ng/mL", _liver_peak, 0.05,
                              "Set the exposure slider in the liver explorer."), "07-liver-peak-10x"),
    "07-analgesia-kept": (Exercise("07", "With morphine at 20 ng/mL and LDN 4.5 mg daily, what percentage of "
                                  "morphine's receptor share is kept after two weeks?", "%", _analgesia_kept_morphine,
                                  0.05, "The opioid explorer's summary shows it."), "07-oxycodone-doubled-after-stopping"),
    "08-responder-share": (Exercise("08", "What share of the default virtual population are responders?", "%",
                                   _responder_share, 0.02,
                                   "It is in the provenance table at the end."), "08-screened-for-enrichment"),
    "06-hold-rule": (Exercise("06", "With a hold rule on the vivid-dream index at 33 %, which daily dose does the "
                             "default titration end on?", "mg", _hold_rule_final_dose, 0.01,
                             "Run the titration explorer with the hold rule."), "06-hold-day-headache"),
    "02-hours-above-90": (Exercise("02", "With the default receptor structure (two_phase), on 50 mg daily, how many "
                                  "hours a day are more than 90 % of receptors blocked once blockade has settled?", "hours", _hours_above_90_at_50mg, 0.02,
                                  "Set 50 mg daily and a 90 % level in the blockade explorer."), "02-hours-above-95"),
    "04-gap-ratio": (Exercise("04", "How many times higher than the peak plasma naltrexone after 4.5 mg is the "
                             "TLR4 IC50 the kit takes from the literature (100 µM, unverified)?", "(ratio)", _gap_ratio, 0.1, "Convert both to the same unit."), "04-gap-ratio-1-5mg"),
    "10-duloxetine-year": (Exercise("10", "In which year was duloxetine approved in the US for fibromyalgia?", "year",
                                   lambda: _approval_year("duloxetine"), 0.0001, "It is in the comparison table."), "10-patients-for-final-effect"),
    "10-pregabalin-year": (Exercise("10", "In which year was pregabalin approved in the US for fibromyalgia?", "year",
                                   _pregabalin_year, 0.0001, "It is in the comparison table."), "10-patients-for-final-effect"),
    "10-milnacipran-year": (Exercise("10", "In which year was milnacipran approved in the US for fibromyalgia?", "year",
                                    lambda: _approval_year("milnacipran"), 0.0001, "It is in the comparison table."), "10-patients-for-final-effect"),
}


def _exercise(key: str) -> Exercise:
    return EXERCISES[key] if key in EXERCISES else RETIRED[key][0]


@lru_cache(maxsize=None)
def _answer(key: str) -> float:
    return _exercise(key).answer()


def questions(notebook: str) -> str:
    """The exercises of one notebook (e.g. ``"02"``), as text with their keys."""
    lines = [f"Exercises for notebook {notebook} (check with ldn.exercises.check(key, your_answer)):"]
    for key, exercise in EXERCISES.items():
        if exercise.notebook == notebook:
            lines.append(f"  {key}: {exercise.question} [{exercise.unit}]")
    return "\n".join(lines)


def check(key: str, answer: float) -> str:
    """Feedback on an answer: right (within the tolerance), or too high / too low with a hint.

    Raises
    ------
    ValueError
        For an unknown key or an answer that is not a finite number.
    """
    key = _current_key(key)
    from ..core.validation import number
    value = number(answer, "answer")
    exercise, target = _exercise(key), _answer(key)
    if exercise.log_scale and value <= 0:
        raise ValueError(f"answer must be > 0 for {key} (a concentration), got {answer!r}")
    if _is_right(exercise, value, target):
        return "Correct. Now explain why."
    for factor, slip in _UNIT_SLIPS.get(exercise.unit, ()):
        if _is_right(exercise, value * factor, target):
            return f"Not yet: check the unit. {slip}"
    for shift, slip in exercise.shifts:
        if _is_right(exercise, value + shift, target):
            return f"Not yet: {slip}"
    if exercise.sign_slip and value != 0 and _is_right(exercise, -value, target):
        return f"Not yet: check the sign; {exercise.sign_slip}"
    direction = "too high" if value > target else "too low"
    return f"Not yet: your answer is {direction}. {exercise.hint}"


def _is_right(exercise: Exercise, value: float, target: float) -> bool:
    if exercise.log_scale:
        return value > 0 and abs(math.log(value / target)) <= math.log1p(exercise.relative_tolerance)
    return abs(value - target) <= exercise.relative_tolerance * abs(target)


#: Answers that would be right in another unit: unit asked -> (factor that converts the typed number, message).
_UNIT_SLIPS = {
    "%": ((100.0, "That looks like a fraction (0-1); the answer is asked in percent (0-100)."),),
    "% points": ((100.0, "That looks like a fraction (0-1); the answer is asked in percentage points."),),
    "(fraction 0-1)": ((0.01, "That looks like a percentage; the answer is asked as a fraction between 0 and 1."),),
    "hours": ((24.0, "That looks like days; the answer is asked in hours."),
              (1 / 60.0, "That looks like minutes; the answer is asked in hours.")),
    "weeks": ((1 / 7.0, "That looks like days; the answer is asked in weeks."),
              (1 / 168.0, "That looks like hours; the answer is asked in weeks.")),
    "µM": ((1e-3, "That looks like nanomolar (nM); the answer is asked in micromolar (µM)."),),
    "mg": ((1e-3, "That looks like micrograms; the answer is asked in mg."),),
}


class ExerciseBox:
    """A check box for one exercise: the question, an answer field, a Check button and :func:`check`'s feedback.

    ``answer`` (a text field, so that "0.5" and "50 %" both arrive as typed), ``button`` and ``feedback`` are the
    widgets; ``widget`` holds them. Pressing Enter in the field checks too. The answer is computed when first
    checked, not when the box is made.
    """

    def __init__(self, key: str) -> None:
        import ipywidgets as widgets

        key = _current_key(key)
        exercise = _exercise(key)
        self.key = key
        unit = exercise.unit.strip("()")
        self.question = widgets.HTML(f"<p style='margin:0.2em 0'><b>{key}</b>: {exercise.question} "
                                     f"<span style='color:#555'>[{unit}]</span></p>")
        self.answer = widgets.Text(placeholder=f"your answer ({unit})", continuous_update=False,
                                   description="Answer", layout=widgets.Layout(width="18em"))
        self.button = widgets.Button(description="Check", button_style="primary", tooltip=f"check {key}",
                                     layout=widgets.Layout(width="7em"))
        self.feedback = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.button.on_click(lambda _button: self.submit())
        self.answer.observe(lambda _change: self.submit(), names="value")
        self.widget = widgets.VBox([self.question, widgets.HBox([self.answer, self.button]), self.feedback])
        self.widget.add_class("ldn-exercise")

    def submit(self) -> str:
        """Check what is in the answer field and show the feedback; returns it (as plain text)."""
        text = self.answer.value.strip()
        if not text:
            message = "Type a number first."
        else:
            try:
                message = check(self.key, _parse_answer(text))
            except ValueError as error:
                message = f"Not a number I can check: {error}"
        right = message.startswith("Correct")
        colour = "#1b7837" if right else "#8c510a"
        self.feedback.value = f"<p role='status' aria-live='polite' style='margin:0.2em 0;color:{colour}'>{message}</p>"
        return message

    def _ipython_display_(self) -> None:
        from IPython.display import display
        display(self.widget)


def _current_key(key: str) -> str:
    if key in RENAMED:
        warnings.warn(f"exercise key {key!r} is deprecated; use {RENAMED[key]!r}", DeprecationWarning, stacklevel=3)
        key = RENAMED[key]
    if key in RETIRED:
        warnings.warn(f"exercise {key!r} is retired (its answer was printed just above it); notebook "
                      f"{RETIRED[key][0].notebook} now asks {RETIRED[key][1]!r}", DeprecationWarning, stacklevel=3)
        return key
    if key not in EXERCISES:
        raise ValueError(f"key must be one of {', '.join(EXERCISES)}, got {key!r}")
    return key


def _parse_answer(text: str) -> float:
    """A typed answer as a number: decimal commas and a trailing unit are accepted ("0,5", "2 h")."""
    cleaned = text.replace(",", ".").replace("\u2212", "-").strip()
    clock = re.fullmatch(r"(\d{1,2})[:h](\d{2})", cleaned)
    if clock:  # a time of day, "07:30" or "7h30": hours from midnight
        return int(clock.group(1)) + int(clock.group(2)) / 60.0
    number_part = cleaned.rstrip("abcdefghijklmnopqrstuvwxyzµ%/ ").strip()
    try:
        return float(number_part)
    except ValueError:
        raise ValueError(f"answer must be a number such as 0.25 or 12, got {text!r}") from None


def widget(key: str) -> ExerciseBox:
    """The check box of exercise ``key`` (see :class:`ExerciseBox`); display it as a cell's last line."""
    return ExerciseBox(key)


def boxes(notebook: str):
    """The check boxes of every exercise of a notebook (e.g. ``"02"``), one under the other, as one widget."""
    import ipywidgets as widgets

    keys = [key for key, exercise in EXERCISES.items() if exercise.notebook == notebook]
    if not keys:
        raise ValueError(f"notebook must be one with exercises ({', '.join(sorted({e.notebook for e in EXERCISES.values()}))}), "
                         f"got {notebook!r}")
    return widgets.VBox([widget(key).widget for key in keys])
