"""The catalogue of exercises: each question, how its answer is computed, its tolerance and its hint.

Keys name the notebook and the idea (``"02-smallest-dose"``). :data:`REPLACED_BY` maps keys no notebook asks any more
to the exercise that replaced them; :func:`.checking.validated_key` names that replacement in its error.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .answers import (
    best_scan_clock_h,
    best_scan_hours_morning,
    best_theory_hours,
    best_theory_hours_strong_rebound,
    break_even_gain_binding,
    design_share_younger_2013,
    final_ci_limit_smd,
    final_number_needed_to_treat,
    fraction_left_24h,
    gap_in_scan_scatters,
    gap_ratio_1_5mg,
    hold_day_headache,
    hours_above_95_at_50mg,
    ic50_for_10_percent,
    kidney_half_naltrexol_rise,
    liver_peak_10x,
    oxycodone_doubled_after_stopping,
    patients_for_final_effect,
    peak_ratio,
    posterior_odds_required_vs_null_wide,
    screened_for_enrichment,
    share_left_without_rebound,
    small_study_inflation,
    smallest_dose_half_blockade_4h,
    theory_weeks_slow_sensitisation,
    titration_headache_gain,
)

__all__ = ["Exercise", "EXERCISES", "REPLACED_BY", "notebook_keys", "questions"]


@dataclass(frozen=True)
class Exercise:
    """A question, how to compute its answer, the tolerance, and a hint shown for wrong answers.

    Attributes
    ----------
    notebook : str
        The notebook that asks it, e.g. ``"02"``.
    question : str
        The question as the student reads it.
    unit : str
        The unit the answer is asked in (``"(ratio)"`` and the like for numbers without one).
    answer : Callable[[], float]
        Computes the right answer from the model (when first checked, never stored).
    relative_tolerance : float
        How far from the right answer an answer is still right, as a fraction of it.
    hint : str
        What to say when an answer is wrong, without giving the answer away.
    log_scale : bool
        For answers spanning decades: right within a factor of ``1 + relative_tolerance``.
    shifts : tuple
        Typical slips that a shift would make right: (number added to the typed answer, what to say).
    sign_slip : str
        What to say when the answer is right but for its sign (empty: a wrong sign is just wrong).
    """

    notebook: str
    question: str
    unit: str
    answer: Callable[[], float]
    relative_tolerance: float
    hint: str
    log_scale: bool = False
    shifts: tuple = ()
    sign_slip: str = ""


EXERCISES: dict[str, Exercise] = {
    "01-peak-ratio": Exercise("01", "By what factor does peak plasma naltrexone rise from one 1.5 mg dose to one "
                              "4.5 mg dose?", "(ratio)", peak_ratio, 0.03,
                              "Compare the explorer's peaks for one 1.5 mg and one 4.5 mg dose."),
    "01-left-after-24h": Exercise("01", "What fraction of the naltrexone peak is left 24 h after a dose, from the "
                                  "4 h half-life alone?", "(fraction 0-1)", fraction_left_24h, 0.15,
                                  "How many half-lives fit in 24 h?"),
    "02-smallest-dose": Exercise("02", "With the default receptor structure (two_phase), what is the smallest single "
                                 "dose that blocks more than half the receptors for at least 4 hours in the day "
                                 "after it?", "mg", smallest_dose_half_blockade_4h,
                                 0.10, "Use the blockade explorer with a single dose and a 50 % level."),
    "03-best-hours": Exercise("03", "In the theory's picture (full blockade N hours a day), which N gives the most "
                              "net signalling?", "hours", best_theory_hours, 0.13,
                              "Read the peak of the pink curve."),
    "03-best-hours-strong-rebound": Exercise(
        "03", "Not on any figure: if both rebound gains were 2 instead of 1, which N (hours of full blockade a day) "
              "would give the most net signalling? Predict it from the formula of the exercise above, then check it "
              "in code with hours = np.arange(0, 24.5, 0.5) and experiments.signaling_by_hours_blocked(hours, "
              "rebound=ldn.ReboundParameters(release_gain=2, receptor_gain=2)).", "hours",
        best_theory_hours_strong_rebound, 0.13,
        "Stronger compensation pays for longer blockade: where is (1 + 2f)²(1 − f) highest?"),
    "04-ic50-for-10-percent": Exercise("04", "Which TLR4 IC50 would lower sensitisation by 10 % after 12 weeks of "
                                       "4.5 mg daily?", "µM", ic50_for_10_percent, 1.0,
                                       "Move the potency slider and watch the summary.", log_scale=True),
    "03-break-even-gain-binding": Exercise(
        "03", "With the binding structure (the other one that fits), how large must both rebound gains be (set them "
              "equal) for 4.5 mg daily to keep net signalling in week 4 at untreated (1)? Is there evidence for gains "
              "that large?", "(gain)", break_even_gain_binding, 0.06,
        "In the rebound explorer choose binding and 4 weeks, then move both gain sliders together until the "
        "summary's net signalling reaches 1.00."),
    "02-best-scan-clock": Exercise(
        "02", "Daily 4.5 mg at 21:00: at what time of day is the single most informative PET scan? Type it in hours "
              "from midnight (18:45 is 18.75).", "hour of day", best_scan_clock_h, 0.07,
        "The figure counts hours after the dose: add them to 21:00, and past midnight start again from 0.",
        shifts=((-24.0, "that hour is past midnight; a clock starts again from 0 (subtract 24)."),
                (-3.0, "that counts hours after the 21:00 dose; the question asks for the time of day."))),
    "02-best-scan-morning": Exercise(
        "02", "Not on any figure: if the volunteers took 4.5 mg at 08:00 instead of 21:00, how many hours after the "
              "dose would the single most informative PET scan be? (Try this 5 shows the code.)", "hours",
        best_scan_hours_morning, 0.2, "Rerun the decisive-experiment calculation with clock_h=8.0; think about "
                                       "what, in the model, depends on the clock and what does not."),
    "02-gap-in-scatters": Exercise(
        "02", "At the best scan time for the 21:00 dose, how many scan scatters (6.9 percentage points each) apart "
              "are the two structures' "
              "predictions? Why is the separation the notebook prints smaller?", "scatters",
        gap_in_scan_scatters, 0.1, "Read both curves of the upper panel at the best scan time, subtract, and "
                                     "divide by 6.9 points."),
    "08-mean-effect": Exercise("08", "If 30 % of patients improve by 1.5 points and the rest by 0, what is the mean "
                               "change (negative = better)?", "points", lambda: -0.45, 0.02,
                               "Weight each group by its share.",
                               sign_slip="an improvement is a fall in pain: the mean change is negative."),
    "09-nnt-final": Exercise(
        "09", "In FINAL, 45 % on LDN and 28 % on placebo had at least 30 % less pain (the table of outcomes beyond the "
              "primary one). How many patients would have to take LDN instead of placebo for one more of them to "
              "reach that — the number needed to treat? Why read it with caution here?", "patients",
        final_number_needed_to_treat, 0.05,
        "One more responder for every patient treated would be a difference of 100 percentage points."),
    "09-final-smd-limit": Exercise(
        "09", "FINAL reported a difference of −0.34 points and d = 0.23. As a standardised mean difference, how "
              "large is the end of its 95 % CI that favours LDN (−0.95 points)? Give a positive number, then compare "
              "it with the meta-analyses' pooled SMDs.", "(SMD)", final_ci_limit_smd, 0.05,
        "d is a difference divided by an SD: find that SD first."),
    "09-odds-required-vs-null-wide": Exercise(
        "09", "Suppose `microglia_required` and `no_drug_effect` were equally likely before the studies. With the "
              "*wide* priors (two_phase), how many times more likely is `microglia_required` after them? Compare "
              "with the standard priors: which prior's width makes the difference, and why? (The sampler's error "
              "makes anything within a factor of about 1.6 right.)", "(odds)",
        posterior_odds_required_vs_null_wide, 0.6,
        "Posterior odds = prior odds × Bayes factor, and the table's log Bayes factors are natural logs.",
        log_scale=True),
    "09-small-study-inflation": Exercise(
        "09", "In the small-study simulation, how many times larger is the pooled benefit of only the significant "
              "trials than that of all of them? What would a meta-analysis of published small trials report?",
        "(ratio)", small_study_inflation, 0.05, "Divide the two pooled differences the notebook prints."),
    "09-design-share-younger-2013": Exercise(
        "09", "Under `no_drug_effect`, what percentage of Younger 2013's published effect does its design alone "
              "explain, once the part functional unblinding makes is taken away? Use the medians in the unblinding "
              "table. Which feature of the design makes it?", "%",
        design_share_younger_2013, 0.05,
        "Predicted effect minus the unblinding part is the design's part; divide by the published effect."),
    "06-titration-headache": Exercise("06", "By how many percentage points does the default titration lower the "
                                      "headache/nausea index compared with starting at 4.5 mg?", "% points",
                                      titration_headache_gain, 0.1, "Compare the two schedules' summaries."),
    "05-rebound-off-share": Exercise(
        "05", "Switch the endorphin rebound off: what percentage of the default model's week-12 reduction (4.5 mg "
              "daily) is left? Why can it be more than 100 %?", "%", share_left_without_rebound, 0.015,
        "Read the last week's score with the rebound on and off; the reduction is 6.5 minus the score."),
    "05-theory-weeks-slower": Exercise(
        "05", "In the theory's best case (5 h of blockade a day, IC50 0.0001 µM) the score is 30 % lower after "
              "about 4.4 weeks. If sensitisation relaxed over 6 weeks instead of 3, after how many weeks? Predict, "
              "then check in code with ldn.InflammationParameters(tlr4_ic50_um=0.0001, "
              "sensitization_time_constant_h=6 * 168).", "weeks", theory_weeks_slow_sensitisation, 0.08,
        "A slower step stretches the whole approach; the microglia's own lag does not change."),
    "07-liver-peak-10x": Exercise(
        "07", "Five-fold exposure gives the peak printed above. Predict the peak at ten-fold exposure (4.5 mg "
              "daily), then check it in the liver explorer. Why is it not twice as high?", "ng/mL", liver_peak_10x,
        0.05, "No more can reach the blood than the gut absorbs: see absorbed_fraction in PKParameters."),
    "07-oxycodone-doubled-after-stopping": Exercise(
        "07", "Someone on oxycodone at 30 ng/mL starts LDN 4.5 mg, doubles the oxycodone to 60 ng/mL to regain "
              "relief, then stops the naltrexone. What share of receptors does oxycodone then hold, against the 46 % "
              "they were used to?", "%", oxycodone_doubled_after_stopping, 0.04,
        "Once naltrexone is gone only the opioid is left: the explorer's 'alone' value at the new level."),
    "07-kidney-half-naltrexol-rise": Exercise(
        "07", "With half of normal kidney function (kidney_function_fraction=0.5), by what percentage does the mean "
              "6β-naltrexol rise on 4.5 mg daily? Predict from the renal share of its clearance (35 %), then check in "
              "code. Why does blockade hardly move?", "%", kidney_half_naltrexol_rise, 0.05,
        "Clearance falls by the renal share times the lost function; a steady mean level goes with 1 / clearance."),
    "08-screened-for-enrichment": Exercise(
        "08", "A trial of 50 patients per arm enrols only patients whose inflammation marker is above its 80th "
              "percentile (enrichment 0.8). How many patients must be screened, on average, to enrol them?",
        "patients", screened_for_enrichment, 0.02,
        "Only the share above the 80th percentile qualifies.",
        shifts=((250.0, "that fills one arm; the trial has two."),)),
    "06-hold-day-headache": Exercise(
        "06", "In the titration explorer set the default plan (start and step 1.5 mg, target 4.5 mg) and a hold rule "
              "on the headache index at 0.08. On which day does the rule hold the dose (it looks every 7 days)? Why "
              "then and never later?", "day", hold_day_headache, 0.01,
        "The headache index follows the day-to-day rise of blockade: which step raises blockade most?"),
    "02-hours-above-95": Exercise(
        "02", "With the default receptor structure (two_phase), on 50 mg daily, how many hours a day are more than "
              "95 % of receptors blocked once blockade has settled (day 7 or later)?", "hours",
        hours_above_95_at_50mg, 0.03, "Set 50 mg daily and a 95 % level in the blockade explorer."),
    "04-gap-ratio-1-5mg": Exercise(
        "04", "The measured TLR4 IC50 (100 µM, unverified) is about 28 000 times the peak plasma naltrexone of 4.5 mg "
              "daily. How many times the peak of 1.5 mg daily is it? Predict it, then check with the explorer.",
        "(ratio)", gap_ratio_1_5mg, 0.1, "Plasma levels are proportional to the dose in this model."),
    "10-patients-for-final-effect": Exercise(
        "10", "The approved medicines each rest on several large trials. How many patients per arm would one trial "
              "need for 80 % power to detect FINAL's point estimate (0.34 points), if the change in pain varies "
              "between patients with an SD of 1.4 points? Use n ≈ 16 × (SD / effect)² from notebook 08.",
        "patients", patients_for_final_effect, 0.05, "Divide the SD by the effect, square it, multiply by 16."),
}


#: Keys of exercises no notebook asks any more -> the key of the exercise that replaced each. Most were retired
#: because their answer was printed just above them (they tested reading, not understanding); "05-measured-pain" was
#: renamed "05-default-pain" before that was retired too.
REPLACED_BY: dict[str, str] = {
    "02-best-scan-time": "02-best-scan-clock",
    "02-structure-gap": "02-gap-in-scatters",
    "02-hours-above-90": "02-hours-above-95",
    "03-ldn-signalling": "03-break-even-gain-binding",
    "04-gap-ratio": "04-gap-ratio-1-5mg",
    "05-measured-pain": "05-rebound-off-share",
    "05-default-pain": "05-rebound-off-share",
    "05-theory-weeks": "05-theory-weeks-slower",
    "06-hold-rule": "06-hold-day-headache",
    "07-liver-peak": "07-liver-peak-10x",
    "07-analgesia-kept": "07-oxycodone-doubled-after-stopping",
    "08-responder-share": "08-screened-for-enrichment",
    "10-duloxetine-year": "10-patients-for-final-effect",
    "10-pregabalin-year": "10-patients-for-final-effect",
    "10-milnacipran-year": "10-patients-for-final-effect",
    "09-final-benefit": "09-final-smd-limit",
    "09-meta-heterogeneity": "09-nnt-final",
}


def notebook_keys(notebook: str) -> list[str]:
    """The keys of the exercises notebook ``notebook`` (e.g. ``"02"``) asks, in the catalogue's order; empty for a
    notebook without exercises."""
    return [key for key, exercise in EXERCISES.items() if exercise.notebook == notebook]


def questions(notebook: str) -> str:
    """The exercises of one notebook, as text with their keys.

    Parameters
    ----------
    notebook : str
        The notebook's number, e.g. ``"02"``.

    Returns
    -------
    str
        A heading line, then one line per exercise: key, question and unit.
    """
    lines = [f"Exercises for notebook {notebook} (check with ldn.exercises.check(key, your_answer)):"]
    lines += [f"  {key}: {EXERCISES[key].question} [{EXERCISES[key].unit}]" for key in notebook_keys(notebook)]
    return "\n".join(lines)
