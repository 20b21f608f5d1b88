import math

import pytest

from ldnmodels.exercises import EXERCISES, _answer, check, questions


@pytest.mark.parametrize("key", list(EXERCISES))
def test_right_answers_are_accepted_and_wrong_ones_rejected_without_the_answer(key):
    target = _answer(key)
    assert check(key, target).startswith("Correct")
    for wrong in (target * 3 + 1, target / 4 - 1):
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
    with pytest.raises(ValueError, match="answer"):
        check("01-peak-ratio", "three")
    with pytest.raises(ValueError, match="answer"):
        check("01-peak-ratio", math.nan)
