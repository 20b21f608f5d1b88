"""Check boxes read numbers as people write them, say how they read them, and ask when a text is ambiguous."""
import pytest

from ldnmodels.teaching.exercises import check, expected_answer
from ldnmodels.teaching.exercises.reading import read_answer


@pytest.mark.parametrize("typed, value", [
    ("84 000", 84_000), ("84\u202f000", 84_000), ("84\u2009000", 84_000),
    ("84\u00a0000", 84_000), ("84'000", 84_000), ("1,234,567", 1_234_567), ("1.234.567", 1_234_567),
    ("84.000,5", 84_000.5), ("84,000.5", 84_000.5), ("84 000,5", 84_000.5), ("3,5", 3.5), ("0,125", 0.125),
    ("1/64", 1 / 64), ("1 / 64", 1 / 64), ("3/4 h", 0.75), ("-0,5", -0.5), ("\u22122", -2.0), ("1e3", 1000.0),
    ("2.5E-4", 2.5e-4), ("~12", 12.0), ("2 h", 2.0), ("12 ng/mL", 12.0), ("07:30", 7.5), ("7h30", 7.5),
])
def test_numbers_are_read_as_people_write_them(typed, value):
    (reading,) = read_answer(typed)
    assert reading.value == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("typed", ["12", "0.25", ".5", "-3", "2 h", "15 %", "3.000", "1.500"])
def test_a_plain_number_is_not_explained(typed):
    (reading,) = read_answer(typed)  # one point is a decimal point, as the kit writes numbers
    assert reading.how == "" and reading.value == float(typed.split()[0])


@pytest.mark.parametrize("typed, values", [("1,234", [1234.0, 1.234]), ("84,000", [84_000.0, 84.0])])
def test_an_ambiguous_text_gives_both_readings_thousands_first(typed, values):
    assert [r.value for r in read_answer(typed)] == values


@pytest.mark.parametrize("typed", ["about a quarter", "3 5", "12 34", "0.5 or 0.6", "1/0", "", "/4", "84,00,0"])
def test_what_cannot_be_read_is_refused_with_examples(typed):
    with pytest.raises(ValueError, match="answer must"):
        read_answer(typed)


@pytest.mark.parametrize("typed", ["84,000", "84 000", "84\u202f000", "84'000"])
def test_the_gap_ratio_in_thousands_style_is_right_and_says_how_it_was_read(typed):
    # 3 x the 28 000 of 4.5 mg is 84 000: within the exercise's 10 % of the model's answer
    assert expected_answer("04-gap-ratio-1-5mg") == pytest.approx(84_000, rel=0.1)
    verdict = check("04-gap-ratio-1-5mg", typed)
    assert verdict.startswith("Correct") and "Read as 84 000" in verdict


def test_a_fraction_is_read_and_shown_as_a_decimal():
    # four-hour half-life, 24 h: six halvings, 1/64 of the peak left
    verdict = check("01-left-after-24h", "1/64")
    assert verdict.startswith("Correct") and "1/64 = 0.01562" in verdict


def test_a_percentage_where_a_fraction_is_asked_is_converted_and_said_so():
    percent = 100 * expected_answer("01-left-after-24h")
    verdict = check("01-left-after-24h", f"{percent:.2f} %")
    assert verdict.startswith("Correct") and "% = 0.01" in verdict
    assert "looks like a percentage" in check("01-left-after-24h", f"{percent:.2f}")  # no sign: a unit slip


def test_a_decimal_comma_is_right_where_a_decimal_point_is():
    value = expected_answer("01-peak-ratio")
    assert check("01-peak-ratio", f"{value:.2f}".replace(".", ",")).startswith("Correct")


def test_an_ambiguous_text_is_right_when_one_reading_is_and_says_which():
    # a ratio near 3 (1.5 mg against 4.5 mg, linear kinetics): "3,000" with three decimals
    assert expected_answer("01-peak-ratio") == pytest.approx(3.0, rel=0.05)
    verdict = check("01-peak-ratio", "3,000")
    assert verdict.startswith("Correct") and "(Read as 3.)" in verdict


def test_ambiguous_text_with_two_wrong_readings_gets_a_question_never_a_verdict():
    question = check("01-peak-ratio", "2,500")  # 2 500 far too high, 2.5 too low
    assert question.startswith("Did you mean 2 500 or 2.5?") and "Not yet" not in question


def test_readings_with_the_same_verdict_need_no_question():
    verdict = check("01-peak-ratio", "9,876")  # 9 876 and 9.876 are both too high
    assert verdict.startswith("Not yet: your answer is too high") and "9 876 or 9.876" in verdict


def test_check_box_shows_how_it_read_the_answer_and_a_label_that_fits():
    from ldnmodels.teaching.exercises import widget
    box = widget("04-gap-ratio-1-5mg")
    box.answer.value = "84,000"
    assert "Correct" in box.feedback.value and "Read as 84 000" in box.feedback.value
    assert box.answer.style.description_width == "initial"  # "Answer" is never cut to "Ans..."
