import math

import pytest

from ldnmodels.exercises import EXERCISES, _answer, check, questions


@pytest.mark.parametrize("key", list(EXERCISES))
def test_right_answers_are_accepted_and_wrong_ones_rejected_without_the_answer(key):
    target = _answer(key)
    assert check(key, target).startswith("Correct")
    wrongs = (target * 3 + 1, target / 4) if EXERCISES[key].log_scale else (target * 3 + 1, target / 4 - 1)
    for wrong in wrongs:
        feedback = check(key, wrong)
        assert feedback.startswith("Not yet")
        assert f"{target:.2g}" not in feedback and f"{target:g}" not in feedback


def test_expected_values_follow_from_the_model():
    assert _answer("01-peak-ratio") == pytest.approx(3.0, rel=1e-3)      # linear kinetics
    assert _answer("01-left-after-24h") == pytest.approx(2 ** -6)         # six half-lives
    assert _answer("06-hold-rule") in (1.5, 3.0, 4.5)
    # pharmacokinetics and receptors have no body clock: the best scan is the same time after a morning dose
    assert _answer("02-best-scan-morning") == pytest.approx((_answer("02-best-scan-clock") - 21.0) % 24.0)
    # stronger compensation pays for longer blockade; the slow-compensation formula (1 + 2f)²(1 − f) peaks at 12 h
    assert _answer("03-best-hours") < _answer("03-best-hours-strong-rebound") == pytest.approx(12.0, abs=1.5)


def test_questions_and_bad_input():
    assert "02-smallest-dose" in questions("02")
    with pytest.raises(ValueError, match="key"):
        check("99-nothing", 1.0)
    with pytest.raises(TypeError, match="answer"):
        check("01-peak-ratio", "three")
    with pytest.raises(ValueError, match="answer"):
        check("01-peak-ratio", math.nan)


def test_answers_spanning_decades_are_checked_on_a_log_scale():
    from ldnmodels import exercises
    target = exercises._answer("04-ic50-for-10-percent")
    assert exercises.check("04-ic50-for-10-percent", target * 1.5).startswith("Correct")
    assert "too low" in exercises.check("04-ic50-for-10-percent", target / 10)
    assert "too high" in exercises.check("04-ic50-for-10-percent", target * 10)
    with pytest.raises(ValueError, match="> 0"):
        exercises.check("04-ic50-for-10-percent", 0.0)


def test_renamed_key_still_works_with_a_warning():
    from ldnmodels import exercises
    with pytest.warns(DeprecationWarning, match="05-default-pain"):
        exercises.check("05-measured-pain", 5.0)


def test_retired_exercises_still_check_with_a_warning_naming_their_replacement():
    from ldnmodels import exercises
    assert not set(exercises.RETIRED) & set(EXERCISES)
    for old, (_exercise, new) in exercises.RETIRED.items():
        assert new in EXERCISES
        with pytest.warns(DeprecationWarning, match=new):
            assert exercises.check(old, _answer(old)).startswith("Correct")


def test_the_scan_questions_need_more_than_the_printed_numbers():
    """Notebook 02 prints the best scan's hours after the dose and the separation: neither is a right answer."""
    from ldnmodels.exercises import _decisive_scan
    scan = _decisive_scan()
    assert check("02-best-scan-clock", scan.best_hours_after_dose).startswith("Not yet")
    assert check("02-gap-in-scatters", float(scan.separation.max())).startswith("Not yet")
    # and the time of day follows from the dose at 21:00, typed either way
    assert _answer("02-best-scan-clock") == pytest.approx((21.0 + scan.best_hours_after_dose) % 24.0)
    from ldnmodels.exercises import _parse_answer
    hours = int(_answer("02-best-scan-clock"))
    minutes = round(60 * (_answer("02-best-scan-clock") - hours))
    assert check("02-best-scan-clock", _parse_answer(f"{hours:02d}:{minutes:02d}")).startswith("Correct")


@pytest.mark.parametrize("typed, slip", [(lambda right: right + 24.0, "past midnight"),
                                         (lambda right: right + 3.0, "hours after the 21:00 dose")])
def test_clock_slips_are_named(typed, slip):
    right = _answer("02-best-scan-clock")
    assert slip in check("02-best-scan-clock", typed(right))


def test_check_box_gives_the_same_feedback_as_check():
    from ldnmodels.exercises import widget

    box = widget("01-peak-ratio")
    target = _answer("01-peak-ratio")
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
    from ldnmodels.exercises import widget

    box = widget("01-left-after-24h")
    value = _answer("01-left-after-24h")
    box.answer.value = f"{value:.3f}".replace(".", ",")  # a decimal comma
    assert "Correct" in box.feedback.value
    box.answer.value = "about a quarter"
    assert "Not a number" in box.feedback.value and "0.25" in box.feedback.value
    assert "Traceback" not in box.feedback.value


def test_every_exercise_has_a_check_box_and_every_notebook_with_exercises_its_boxes():
    from ldnmodels.exercises import boxes, widget

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
    ("08-responder-share", lambda right: right / 100, "fraction"),            # 0.2 for 20 %
    ("01-left-after-24h", lambda right: right * 100, "percentage"),          # 1.56 for 0.0156
    ("02-hours-above-90", lambda right: right / 24, "days"),                 # a day count for hours
    ("05-theory-weeks", lambda right: right * 7, "days"),                    # days for weeks
])
def test_unit_slips_are_named_not_just_too_high_or_low(key, typed_as, slip):
    right = _answer(key)
    feedback = check(key, typed_as(right))
    assert "check the unit" in feedback and slip in feedback
    assert "Correct" in check(key, right)
    assert "check the unit" not in check(key, right * 1.5)  # an ordinary wrong answer is not called a unit slip
