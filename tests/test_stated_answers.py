"""Numbers stated in the notebooks' text and the teacher guide are the numbers the model computes.

Each claim is a phrase with one number in it; the test computes the number from the model, formats it as the text
does, and checks that exactly that phrase appears in the file. A claim that drifts from the model fails here.
"""
import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels import evidence, metrics
from ldnmodels.model.inflammation import MEASURED_TLR4_IC50_UM

ROOT = Path(__file__).resolve().parent.parent


@cache
def text_of(relative: str) -> str:
    path = ROOT / relative
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    return " ".join(text.split())          # line breaks and indentation do not matter


@cache
def peak_nm_after(dose_mg: float) -> float:
    """Peak plasma naltrexone during daily dosing (steady state, as notebook 04 prints it), nM."""
    return float(ldn.simulate(ldn.Regimen.daily(dose_mg, days=14, clock_h=21.0), hours=14 * 24.0,
                              step_h=0.1).naltrexone_ng_ml.max() / 341.4 * 1000.0)


@cache
def week12_pain(dose_mg: float = 4.5) -> float:
    res = ldn.simulate(ldn.Regimen.daily(dose_mg, days=84, clock_h=21.0), hours=84 * 24.0, step_h=0.1)
    return float(metrics.daily_means(res.t_h, res.pain_nrs)[-7:].mean())


@cache
def _default_daily_pain() -> np.ndarray:
    res = ldn.simulate(ldn.Regimen.daily(4.5, days=84, clock_h=21.0), hours=84 * 24.0, step_h=0.1)
    return metrics.daily_means(res.t_h, res.pain_nrs)


def _opioid_route_alone_week12() -> float:
    res = ldn.simulate(ldn.Regimen.daily(4.5, days=84, clock_h=21.0), hours=84 * 24.0, step_h=0.1,
                       symptoms=ldn.SymptomParameters(sensitization_exponent=0.0))
    return float(metrics.daily_means(res.t_h, res.pain_nrs)[-7:].mean())


@cache
def _population_change(dose_mg: float) -> float:
    """Mean drug-only change of notebook 08's population (2000 patients, seed 1) in week 12, points."""
    from ldnmodels.analyses.population import make_population, simulate_population
    population = make_population(2000, seed=1)
    pain = simulate_population(population, ldn.Regimen.daily(dose_mg, days=84), 84).daily_pain_nrs
    return float(np.mean(pain[:, -7:].mean(axis=1) - population.symptoms.baseline_pain_nrs))


@cache
def symptoms_week12(dose_mg: float = 4.5, rebound: bool = True, microglia: bool = True, ic50_um: float | None = None,
                    receptor: str = "two_phase", theory_hours: float | None = None, opioid_weight: float | None = None,
                    week: int = 12) -> float:
    """Notebook 05's explorer, as its ``run`` sets it up: the mean score of one week (default the last)."""
    from ldnmodels.analyses.experiments import theory_blockade
    from ldnmodels.teaching.widgets import WEEKS_STEP_H
    default = ldn.SymptomParameters()
    weight = default.opioid_weight if opioid_weight is None else opioid_weight
    symptoms = ldn.SymptomParameters(opioid_weight=weight if rebound else 0.0,
                                     sensitization_exponent=default.sensitization_exponent if microglia else 0.0)
    inflammation = ldn.InflammationParameters() if ic50_um is None else ldn.InflammationParameters(tlr4_ic50_um=ic50_um)
    res = ldn.simulate(ldn.Regimen.daily(dose_mg, days=84, clock_h=21.0), hours=84 * 24.0, step_h=WEEKS_STEP_H,
                       inflammation=inflammation, symptoms=symptoms, receptor=receptor)
    if theory_hours is not None:
        res = theory_blockade(res, theory_hours)
    return float(metrics.daily_means(res.t_h, res.pain_nrs)[7 * (week - 1): 7 * week].mean())


def days_above_half_after_stopping(exposure: float) -> float:
    """Notebook 07's liver explorer at 50 mg for 14 days, run on: days from the last dose until blockade <= 50 %."""
    regimen = ldn.Regimen.daily(50.0, days=14)
    res = ldn.simulate(regimen, hours=24.0 * 54, step_h=0.1, pk=ldn.PKParameters(hepatic_exposure_factor=exposure))
    last = max(regimen.times_h)
    below = np.nonzero((res.t_h >= last) & (res.mor_occupancy <= 0.5))[0]
    return float(res.t_h[below[0]] - last) / 24.0


@cache
def week4_signal(dose_mg: float, receptor: str, clock_h: float = 21.0) -> float:
    """Net opioid signalling in week 4 of daily dosing (notebook 03's rebound explorer, last week's daily means)."""
    res = ldn.simulate(ldn.Regimen.daily(dose_mg, days=28, clock_h=clock_h), hours=28 * 24.0, receptor=receptor)
    return float(metrics.daily_means(res.t_h, res.opioid_signaling)[-7:].mean())


def day14_trough(dose_mg: float, receptor: str) -> float:
    res = ldn.simulate(ldn.Regimen.daily(dose_mg, days=14, clock_h=21.0), hours=14 * 24.0, step_h=0.1,
                       receptor=receptor)
    return float(res.mor_occupancy[-240:].min())


def single_peak_nm(dose_mg: float) -> float:
    """Peak plasma naltrexone after one dose (notebook 01's "about 3.5 nanomolar"), nM."""
    return float(ldn.simulate(ldn.Regimen.single(dose_mg), hours=24.0, step_h=0.01).naltrexone_ng_ml.max()
                 / 341.4 * 1000.0)


def one_figure(value: float) -> str:
    """Rounded to one significant figure, thousands spaced: 28 500 -> "30 000"."""
    import math
    return thousands_spaced(round(value, -int(math.floor(math.log10(value)))))


def thousands_spaced(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def thousands(value: float) -> str:
    return thousands_spaced(round(value, -3))


def _settled_trough_percent() -> str:
    """Notebook 06's settled blockade trough with every dose taken: the last day of four weeks of 4.5 mg daily."""
    res = ldn.simulate(ldn.Regimen.daily(4.5, days=28), hours=28 * 24.0, step_h=0.1)
    return f"{100 * res.mor_occupancy[-240:].min():.0f}"


CLAIMS = [
    ("notebooks/06_titration_and_timing.ipynb", "its trough settles at about {} %", _settled_trough_percent),
    ("docs/teacher_guide.md", "answer: linear, about {}×",
     lambda: f"{peak_nm_after(50.0) / peak_nm_after(4.5):.0f}"),
    ("docs/teacher_guide.md", "peaks near {} nM after 4.5 mg", lambda: f"{peak_nm_after(4.5):.2f}"),
    ("docs/teacher_guide.md", "{} times the peak at 1 µM", lambda: f"{1000.0 / peak_nm_after(4.5):.0f}"),
    ("docs/teacher_guide.md", "about {} times at 100 µM",
     lambda: thousands(MEASURED_TLR4_IC50_UM * 1000.0 / peak_nm_after(4.5))),
    ("notebooks/04_microglia_tlr4.ipynb", "is {} times the LDN peak", lambda: f"{1000.0 / peak_nm_after(4.5):.0f}"),
    ("notebooks/04_microglia_tlr4.ipynb", "about {} times more potent than the measured one",
     lambda: thousands(MEASURED_TLR4_IC50_UM / ldn.InflammationParameters().tlr4_ic50_um)),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "about {} times beyond the TLR4 potency measured",
     lambda: thousands(MEASURED_TLR4_IC50_UM / ldn.InflammationParameters().tlr4_ic50_um)),
    ("notebooks/04_microglia_tlr4.ipynb", "281 times at 1 µM, about {} times at 100 µM",
     lambda: thousands(MEASURED_TLR4_IC50_UM * 1000.0 / peak_nm_after(4.5))),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "a little *above* untreated ({} against 6.50",
     lambda: f"{_opioid_route_alone_week12():.2f}"),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "rises a little above 6.5 ({}) before it falls",
     lambda: f"{_default_daily_pain()[:7].mean():.2f}"),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "ends at about {} after 12 weeks of 4.5 mg",
     lambda: f"{week12_pain():.2f}"),
    ("notebooks/08_virtual_patients_and_trials.ipynb", "population mean effect is modest, {}",
     lambda: ("a little over half a point" if 0.5 < -_population_change(4.5) < 0.75
              else f"{-_population_change(4.5):.2f}")),
    ("docs/teacher_guide.md", "benefit of {} points at 3 mg and {} at 6 mg",
     lambda: tuple(f"{-c:.2f}" for c in evidence.population_dose_response((3.0, 6.0), n_patients=1000,
                                                                          seed=5).mean_change_nrs)),
    ("notebooks/01_dose_and_plasma_levels.ipynb", "where reported effects need micromolar, roughly {} to {} times",
     lambda: tuple(one_figure(micromolar * 1000.0 / single_peak_nm(4.5)) for micromolar in (1.0, 100.0))),
    ("notebooks/09_published_evidence.ipynb", "the lowest reported active concentration (1 µM) is {} times the",
     lambda: thousands(1.0 / ldn.InflammationParameters().tlr4_ic50_um)),
    ("notebooks/04_microglia_tlr4.ipynb", "the calibrated {} nM is about",
     lambda: f"{1000 * ldn.InflammationParameters().tlr4_ic50_um:g}"),
    # the answer key's "Try this" answers (notebooks 05 and 07)
    ("docs/answer_key.md", "**8–9 hours** of blockade a day: {} against 6.50 untreated",
     lambda: f"{min(symptoms_week12(microglia=False, theory_hours=float(h)) for h in range(25)):.2f}"),
    ("docs/answer_key.md", "With the measured 100 µM the score ends at **{}**",
     lambda: f"{symptoms_week12(ic50_um=100.0):.2f}"),
    ("docs/answer_key.md", "The default model's effect ({} at 4.5 mg", lambda: f"{symptoms_week12():.2f}"),
    ("docs/answer_key.md", "microglia off, the score ends at **{}** at 1.5 mg ✓ against {} at 4.5 mg",
     lambda: (f"{symptoms_week12(1.5, microglia=False):.2f}", f"{symptoms_week12(4.5, microglia=False):.2f}")),
    ("docs/answer_key.md", "`binding` ends at **{}**", lambda: f"{symptoms_week12(receptor='binding'):.2f}"),
    ("docs/answer_key.md", "the score first rises to **{}** in week 1 ✓ (a larger initial flare) and ends at {}",
     lambda: (f"{symptoms_week12(opioid_weight=1.0, week=1):.2f}", f"{symptoms_week12(opioid_weight=1.0):.2f}")),
    ("docs/answer_key.md", "it stays above 50 % for about **{} days** after the last dose, against about {} days",
     lambda: (f"{days_above_half_after_stopping(10.0):.0f}", f"{days_above_half_after_stopping(1.0):.0f}")),
    ("docs/answer_key.md", "With `two_phase` it hardly changes ({} → {} at 08:00)",
     lambda: (f"{week4_signal(4.5, 'two_phase'):.2f}", f"{week4_signal(4.5, 'two_phase', 8.0):.2f}")),
    ("docs/answer_key.md", "disagree more at 4.5 mg ({} against {}) than at 1.5 mg ({} against {})",
     lambda: tuple(f"{week4_signal(dose, name):.2f}" for dose in (4.5, 1.5) for name in ("two_phase", "binding"))),
    ("docs/answer_key.md", "On day 14 the lowest blockade of the day is {} % (two_phase) or {} % (binding) at 1.5 mg",
     lambda: tuple(f"{100 * day14_trough(1.5, name):.0f}" for name in ("two_phase", "binding"))),
    ("docs/answer_key.md", "the level is reached for about {} hours",
     lambda: f"{ldn.exercises.expected_answer('02-hours-above-95'):.0f}"),
    # the calibrated defaults notebook 09's prose quotes (written by make calibrate)
    ("notebooks/09_published_evidence.ipynb", "keep the weight of opioid signalling at {} or below",
     lambda: f"{ldn.SymptomParameters().opioid_weight:g}"),
    ("notebooks/09_published_evidence.ipynb", "The opioid route, now weighted {} (the most",
     lambda: f"{ldn.SymptomParameters().opioid_weight:g}"),
    ("notebooks/09_published_evidence.ipynb", "edge ({} days): with Younger 2013's placebo period",
     lambda: f"{ldn.population.PopulationParameters().placebo_time_constant_h / 24:g}"),
    # the comparison of hypotheses, as notebook 09 states it (shipped results of make hypotheses)
    ("notebooks/09_published_evidence.ipynb", "log Bayes factor of {} against no drug effect with the standard priors",
     lambda: f"{_hypothesis_row('microglia_required').log_bayes_factor_vs_null:.1f}"),
    ("notebooks/09_published_evidence.ipynb", "and {} with the wide priors, so part of it rests",
     lambda: f"{_hypothesis_row('microglia_required').log_bayes_factor_vs_null_wide:.1f}"),
    ("notebooks/09_published_evidence.ipynb", "potency, about {} nM (90 % of the posterior between {} and {} nM)",
     lambda: tuple(f"{v:.1g}" if v < 1 else f"{float(f'{v:.2g}'):g}" for v in (_required_nm()[1], _required_nm()[0],
                                                                                _required_nm()[2]))),
    ("notebooks/09_published_evidence.ipynb", "no drug effect (log Bayes factor {}, within the sampler's error)",
     lambda: f"{_hypothesis_row('microglia_measured').log_bayes_factor_vs_null:.1f}"),
    ("docs/teacher_guide.md", "over no drug effect by a log Bayes factor of {} with the standard priors ({} with",
     lambda: (f"{_hypothesis_row('microglia_required').log_bayes_factor_vs_null:.1f}",
              f"{_hypothesis_row('microglia_required').log_bayes_factor_vs_null_wide:.1f}")),
    ("docs/teacher_guide.md", "Out of sample, the other studies predicted {} of {}",
     lambda: (f"{sum(r.inside for r in ldn.hypotheses.leave_one_out())}", f"{len(ldn.hypotheses.leave_one_out())}")),
    ("docs/teacher_guide.md", "a trial of {} against {} mg daily with about {} women per arm",
     lambda: (*(f"{d:g}" for d in ldn.hypotheses.decisive_trial(ldn.hypotheses.compare()).doses_mg),
              f"{ldn.hypotheses.decisive_trial(ldn.hypotheses.compare()).n_per_arm}")),
    ("docs/teacher_guide.md", "rests on a microglial potency calibrated to the trials ({} nM), not",
     lambda: f"{ldn.InflammationParameters().tlr4_ic50_um * 1000:.2g}"),
    ("docs/answer_key.md", "**09-odds-required-vs-null-wide.** About {}: the wide priors' log Bayes factor is {}",
     lambda: (f"{_answer('09-odds-required-vs-null-wide'):.0f}",
              f"{_hypothesis_row('microglia_required').log_bayes_factor_vs_null_wide:.2f}")),
    ("docs/answer_key.md", "with the standard priors it is {}, about",
     lambda: f"{_hypothesis_row('microglia_required').log_bayes_factor_vs_null:.2f}"),
    ("docs/answer_key.md", "About {} %: (−{} − (−{})) / −10.8",
     lambda: (f"{_answer('09-design-share-younger-2013'):.0f}", f"{-_unblinding_row('younger_2013').predicted[1]:.2f}",
              f"{-_unblinding_row('younger_2013').from_unblinding[1]:.2f}")),
    ("docs/answer_key.md", "**09-design-share-younger-2013.** About {} %",
     lambda: f"{_answer('09-design-share-younger-2013'):.0f}"),
    ("docs/teacher_guide.md", "gives FINAL an expected difference of {} points",
     lambda: f"{_unblinding_row('bruun_2024').predicted[1]:.2f}".replace("-", "−")),
    ("docs/answer_key.md", "**09-nnt-final.** About {}: 1 / (0.45 − 0.28)",
     lambda: f"{_answer('09-nnt-final'):.1f}"),
    ("docs/answer_key.md", "**09-final-smd-limit.** About {}: the SD behind d is 0.34 / 0.23 ≈ 1.48 points",
     lambda: f"{_answer('09-final-smd-limit'):.2f}"),
    ("docs/teacher_guide.md", "(posterior medians {} points at 3 mg and {} at 6 mg",
     lambda: tuple(f"{-ldn.hypotheses.dose_responses(('microglia_required',))['microglia_required'][d][1]:.2f}"
                   for d in (3.0, 6.0))),
    ("docs/answer_key.md", "default population {} % gain about {} points from the drug and the rest about {}",
     lambda: _responder_gains()),
    ("docs/answer_key.md", "in the alternative half gain about {} and half about {}",
     lambda: _responder_gains(responder_fraction=0.5, responder_drive_ratio=3.0, tlr4_ic50_um=0.001)[1:]),
    # daily 4.5 mg blockade: the point fits, the envelope of fits and the between-people band, as notebook 02 prints
    # them and the teacher guide quotes them
    *[(path, template, compute) for path in ("docs/teacher_guide.md", "notebooks/02_receptor_blockade.ipynb")
      for template, compute in (("the point fits span {}–{} %", lambda: _daily_bands()[0]),
                                ("the envelope of fits {}–{} %", lambda: _daily_bands()[1]))],
    ("docs/teacher_guide.md", "between people with two_phase {}–{} %", lambda: _daily_bands()[2]),
    ("docs/teacher_guide.md", "(between people, two_phase: {}–{} %)", lambda: _daily_bands()[2]),
    ("notebooks/02_receptor_blockade.ipynb", "({}–{} % for the middle 90 %)", lambda: _daily_bands()[2]),
    # the decisive scan's hour, as the lecture, the teacher guide and notebook 02 state it
    ("notebooks/lecture/3_receptor_blockade.ipynb", "one PET scan about {} h after an evening dose",
     lambda: f"{int(_best_scan_hours())}"),
    ("docs/teacher_guide.md", "A PET scan about {} h after an evening dose", lambda: f"{int(_best_scan_hours())}"),
    ("notebooks/02_receptor_blockade.ipynb", "The best single scan is taken around **{} hours after an evening dose**",
     lambda: f"{int(_best_scan_hours())}"),
]


def _hypothesis_row(name: str, structure: str = "two_phase"):
    return next(row for row in ldn.hypotheses.compare() if (row.hypothesis, row.structure) == (name, structure))


@cache
def _daily_bands() -> tuple:
    """Day 14 of 4.5 mg at 21:00, % blocked: (point fits), (envelope of fits), (between people, two_phase)."""
    from ldnmodels.analyses import receptor_predictions

    regimen = ldn.Regimen.daily(4.5, days=14, clock_h=21.0)
    band = receptor_predictions.daily_band(ldn.ensemble(regimen, hours=14 * 24.0))
    people = receptor_predictions.between_people_band(regimen, hours=14 * 24.0)
    points = (min(r["lowest_share_blocked"] for r in band.by_structure),
              max(r["highest_share_blocked"] for r in band.by_structure))
    return tuple(tuple(f"{100 * v:.0f}" for v in pair) for pair in
                 (points, (band.lowest_share_blocked, band.highest_share_blocked),
                  (people.lowest_share_blocked, people.highest_share_blocked)))


def _unblinding_row(study: str, hypothesis: str = "no_drug_effect"):
    return next(r for r in ldn.hypotheses.unblinding(hypotheses=(hypothesis,)) if r.study == study)


@cache
def _responder_gains(**params) -> tuple:
    """Share of responders (%), and the drug-only week-12 gain of responders and of the rest (points), as notebook
    08's population (2000 patients, seed 1) gives them."""
    from ldnmodels.analyses.population import PopulationParameters, make_population, simulate_population

    population = make_population(2000, seed=1, params=PopulationParameters(**params))
    outcome = simulate_population(population, ldn.Regimen.daily(4.5, days=84), days=84)
    change = outcome.daily_pain_nrs[:, -7:].mean(axis=1) - population.symptoms.baseline_pain_nrs
    return (f"{100 * population.responder.mean():.0f}", f"{-change[population.responder].mean():.1f}",
            f"{-change[~population.responder].mean():.2f}".rstrip("0"))


def _answer(key: str) -> float:
    from ldnmodels.teaching.exercises import expected_answer
    return expected_answer(key)


def _required_nm() -> tuple:
    return ldn.hypotheses.required_potency(_hypothesis_row("microglia_required"))


def _best_scan_hours() -> float:
    from ldnmodels.teaching.exercises.answers import decisive_scan
    return float(decisive_scan().best_hours_after_dose)


@pytest.mark.parametrize("path, template, compute", CLAIMS, ids=[f"{c[0]}: {c[1]}" for c in CLAIMS])
def test_stated_number_is_what_the_model_computes(path, template, compute):
    value = compute()
    phrase = template.format(*(value if isinstance(value, tuple) else (value,)))
    assert phrase in text_of(path), f"{path} should say {phrase!r} (the model's number)"
