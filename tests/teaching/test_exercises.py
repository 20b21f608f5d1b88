import json
import math
import re
from pathlib import Path

import pytest

from ldnmodels import (
    InflammationParameters,
    OpioidCoMedication,
    PKParameters,
    Regimen,
    exercises,
    simulate,
    with_mechanisms,
)
from ldnmodels.analyses.evidence import published_trials
from ldnmodels.analyses.experiments import theory_blockade
from ldnmodels.core.metrics import weeks_to_reduction
from ldnmodels.model.inflammation import MEASURED_TLR4_IC50_UM
from ldnmodels.teaching.exercises import EXERCISES, REPLACED_BY, boxes, check, expected_answer, questions, widget
from ldnmodels.teaching.exercises.answers import decisive_scan


@pytest.mark.parametrize("key", list(EXERCISES))
def test_right_answers_are_accepted_and_wrong_ones_rejected_without_the_answer(key):
    target = expected_answer(key)
    assert check(key, target).startswith("Correct")
    wrongs = (target * 3 + 1, target / 4) if EXERCISES[key].log_scale else (target * 3 + 1, target / 4 - 1)
    for wrong in wrongs:
        feedback = check(key, wrong)
        assert feedback.startswith("Not yet")
        assert f"{target:.2g}" not in feedback and f"{target:g}" not in feedback


def test_expected_values_follow_from_the_model():
    assert expected_answer("01-peak-ratio") == pytest.approx(3.0, rel=1e-3)      # linear kinetics
    assert expected_answer("01-left-after-24h") == pytest.approx(2 ** -6)         # six half-lives
    # pharmacokinetics and receptors have no body clock: the best scan is the same time after a morning dose
    evening_clock = expected_answer("02-best-scan-clock")
    assert expected_answer("02-best-scan-morning") == pytest.approx((evening_clock - 21.0) % 24.0)
    # stronger compensation pays for longer blockade; the slow-compensation formula (1 + 2f)²(1 − f) peaks at 12 h
    strong = expected_answer("03-best-hours-strong-rebound")
    assert expected_answer("03-best-hours") < strong == pytest.approx(12.0, abs=1.5)


def test_questions_and_bad_input():
    assert "02-smallest-dose" in questions("02")
    with pytest.raises(ValueError, match="key"):
        check("99-nothing", 1.0)
    with pytest.raises(ValueError, match="answer must be a number such as 0.25"):
        check("01-peak-ratio", "three")
    with pytest.raises(TypeError, match="answer"):
        check("01-peak-ratio", [3.0])
    with pytest.raises(ValueError, match="answer"):
        check("01-peak-ratio", math.nan)


def test_answers_spanning_decades_are_checked_on_a_log_scale():
    target = exercises.expected_answer("04-ic50-for-10-percent")
    assert exercises.check("04-ic50-for-10-percent", target * 1.5).startswith("Correct")
    assert "too low" in exercises.check("04-ic50-for-10-percent", target / 10)
    assert "too high" in exercises.check("04-ic50-for-10-percent", target * 10)
    with pytest.raises(ValueError, match="> 0"):
        exercises.check("04-ic50-for-10-percent", 0.0)


def test_retired_keys_are_refused_with_an_error_naming_their_replacement():
    assert REPLACED_BY and not set(REPLACED_BY) & set(EXERCISES)
    for old, new in REPLACED_BY.items():
        assert new in EXERCISES
        with pytest.raises(ValueError, match=f"{old}.*retired.*{new}"):
            check(old, 1.0)
        with pytest.raises(ValueError, match=new):
            widget(old)
        with pytest.raises(ValueError, match=new):
            expected_answer(old)
    # "05-measured-pain" was renamed "05-default-pain", which was then retired: the error names today's exercise
    with pytest.raises(ValueError, match="05-rebound-off-share"):
        check("05-measured-pain", 5.0)


def test_the_scan_questions_need_more_than_the_printed_numbers():
    """Notebook 02 prints the best scan's hours after the dose and the separation: neither is a right answer."""
    scan = decisive_scan()
    assert check("02-best-scan-clock", scan.best_hours_after_dose).startswith("Not yet")
    assert check("02-gap-in-scatters", float(scan.separation.max())).startswith("Not yet")
    # and the time of day follows from the dose at 21:00, typed either way
    assert expected_answer("02-best-scan-clock") == pytest.approx((21.0 + scan.best_hours_after_dose) % 24.0)
    hours = int(expected_answer("02-best-scan-clock"))
    minutes = round(60 * (expected_answer("02-best-scan-clock") - hours))
    assert check("02-best-scan-clock", f"{hours:02d}:{minutes:02d}").startswith("Correct")


@pytest.mark.parametrize("typed, slip", [(lambda right: right + 24.0, "past midnight"),
                                         (lambda right: right + 3.0, "hours after the 21:00 dose")])
def test_clock_slips_are_named(typed, slip):
    right = expected_answer("02-best-scan-clock")
    assert slip in check("02-best-scan-clock", typed(right))


def test_check_box_gives_the_same_feedback_as_check():
    box = widget("01-peak-ratio")
    target = expected_answer("01-peak-ratio")
    for typed, expected in ((f"{target:.4f}", check("01-peak-ratio", target)),
                            (f"{2 * target:.4f}", check("01-peak-ratio", 2 * target)),
                            (f"{target / 2:.4f}", check("01-peak-ratio", target / 2))):
        box.answer.value = typed  # what pressing Enter in the field does
        assert expected in box.feedback.value
    assert "Correct" in check("01-peak-ratio", target) and "too high" in check("01-peak-ratio", 2 * target)
    box.answer.value = ""
    box.button.click()
    assert "Type a number" in box.feedback.value


def test_check_box_reads_what_students_type_and_explains_what_it_cannot():
    box = widget("01-left-after-24h")
    value = expected_answer("01-left-after-24h")
    box.answer.value = f"{value:.3f}".replace(".", ",")  # a decimal comma
    assert "Correct" in box.feedback.value
    box.answer.value = "about a quarter"
    assert "Not a number" in box.feedback.value and "0.25" in box.feedback.value
    assert "Traceback" not in box.feedback.value


def test_notebook_keys_lists_a_notebook_s_exercises_in_catalogue_order():
    from ldnmodels.teaching.exercises.catalogue import notebook_keys

    assert notebook_keys("02") == [key for key, exercise in EXERCISES.items() if exercise.notebook == "02"]
    assert notebook_keys("02") and all(key.startswith("02-") for key in notebook_keys("02"))
    assert notebook_keys("99") == []
    assert questions("02").splitlines()[1:] == [f"  {key}: {EXERCISES[key].question} [{EXERCISES[key].unit}]"
                                                 for key in notebook_keys("02")]


def test_every_exercise_has_a_check_box_and_every_notebook_with_exercises_its_boxes():
    for key in EXERCISES:
        assert key in widget(key).question.value
    for notebook in {exercise.notebook for exercise in EXERCISES.values()}:
        made = boxes(notebook)
        assert len(made.children) == sum(e.notebook == notebook for e in EXERCISES.values())
    with pytest.raises(ValueError, match="notebook"):
        boxes("99")
    with pytest.raises(ValueError, match="key"):
        widget("no-such-exercise")


@pytest.mark.parametrize("key, typed_as, slip", [
    ("07-oxycodone-doubled-after-stopping", lambda right: right / 100, "fraction"),  # 0.63 for 63 %
    ("01-left-after-24h", lambda right: right * 100, "percentage"),          # 1.56 for 0.0156
    ("02-hours-above-95", lambda right: right / 24, "days"),                 # a day count for hours
    ("05-theory-weeks-slower", lambda right: right * 7, "days"),             # days for weeks
])
def test_unit_slips_are_named_not_just_too_high_or_low(key, typed_as, slip):
    right = expected_answer(key)
    feedback = check(key, typed_as(right))
    assert "check the unit" in feedback and slip in feedback
    assert "Correct" in check(key, right)
    assert "check the unit" not in check(key, right * 1.5)  # an ordinary wrong answer is not called a unit slip


def _notebook_text(notebook: str) -> str:
    """What a student sees in a notebook: its text and its printed outputs."""
    path = next((Path(__file__).resolve().parents[2] / "notebooks").glob(f"{notebook}_*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        parts.append("".join(cell["source"]) if cell["cell_type"] == "markdown" else "")
        parts += ["".join(output.get("text", "")) for output in cell.get("outputs", [])]
    return "\n".join(parts)


#: Exercises whose answer may appear in their notebook, and why.
PRINTED_ON_PURPOSE = {
    "09-nnt-final": "the 5.9 in notebook 09's sensitivity table is a log Bayes factor, a coincidence",
    "09-final-smd-limit": "the +0.63 in notebook 09's dose-response lines is a benefit in points at 1.5 mg, a "
                          "coincidence",
    "02-best-scan-morning": "the answer is the printed evening value: the exercise is to predict that it does not move",
    "05-theory-weeks-slower": "the 9.9 in notebook 05's dose table is weeks to 30 % at 50 mg daily, a coincidence",
    "06-titration-headache": "a warm-up: the difference of two printed indices",
    "02-smallest-dose": "near the published hyperbola's 5.59 mg (half blocked within 8 h of a dose), which the fitted "
                        "structure reproduces; the question (4 hours above half) needs the explorer",
}


@pytest.mark.parametrize("key", [key for key in EXERCISES if key not in PRINTED_ON_PURPOSE])
def test_no_exercise_is_answered_by_a_number_its_notebook_shows(key):
    """An exercise that a number in its notebook answers tests reading, not understanding (issue 13): no number in the
    notebook's text or outputs may lie within 2 % of the answer (closer than the check boxes' tolerances, so that an
    unrelated number that happens to fall inside a tolerance is not flagged). Whole numbers under 100 are left out:
    a "3" or a "7 days" appears for other reasons."""
    exercise, answer = EXERCISES[key], expected_answer(key)
    if abs(answer - round(answer)) < 1e-9 and abs(answer) < 100:
        return
    text = _notebook_text(exercise.notebook)
    for token in re.findall(r"(?<![\w.])-?\d[\d,\u2009\u202f]*(?:\.\d+)?(?![\d])", text):
        digits = token.replace(",", "").replace("\u2009", "").replace("\u202f", "")
        if "." not in digits and len(digits.lstrip("-")) < 3:
            continue
        value = float(digits)
        assert abs(value - answer) > 0.02 * abs(answer), f"{key}: the notebook shows {token!r} ({answer:.4g})"


def test_numbers_quoted_in_questions_are_the_model_s():
    # the theory's best case (5 h of blockade a day, IC50 0.0001 µM), quoted by 05-theory-weeks-slower
    res = simulate(Regimen.daily(4.5, days=84), hours=84 * 24.0)
    best = theory_blockade(with_mechanisms(res, inflammation=InflammationParameters(tlr4_ic50_um=0.0001)), 5.0)
    weeks = weeks_to_reduction(best.t_h, best.pain_nrs, 0.3, baseline=best.symptoms.baseline_pain_nrs)
    assert f"about {weeks:.1f} weeks" in EXERCISES["05-theory-weeks-slower"].question
    alone = simulate(Regimen(), hours=24.0, opioid=OpioidCoMedication.oxycodone()).agonist_occupancy[-1]
    assert f"against the {100 * alone:.0f} %" in EXERCISES["07-oxycodone-doubled-after-stopping"].question
    five_fold = simulate(Regimen.daily(4.5, days=14), hours=14 * 24.0,
                         pk=PKParameters(hepatic_exposure_factor=5.0)).naltrexone_ng_ml.max()
    assert expected_answer("07-liver-peak-10x") < 2 * five_fold  # the point of the question
    # the gap at 4.5 mg daily that 04-gap-ratio-1-5mg quotes, and FINAL's estimate that 10-patients-... quotes
    peak_um = simulate(Regimen.daily(4.5, days=14, clock_h=21.0), hours=14 * 24.0,
                       step_h=0.1).naltrexone_ng_ml.max() / 341.4
    gap = f"{round(MEASURED_TLR4_IC50_UM / peak_um, -3):,.0f}".replace(",", " ")
    assert f"about {gap} times the peak plasma naltrexone of 4.5 mg" in EXERCISES["04-gap-ratio-1-5mg"].question
    final = next(r for r in published_trials() if r["key"] == "bruun_2024")
    assert f"({abs(final['effect']):.2f} points)" in EXERCISES["10-patients-for-final-effect"].question
