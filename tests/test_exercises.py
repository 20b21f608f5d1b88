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
