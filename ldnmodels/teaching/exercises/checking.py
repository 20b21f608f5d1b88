"""Checking an answer: right within the exercise's tolerance, or feedback that helps without giving it away.

Besides too high / too low with the exercise's hint, the feedback names typical slips: an answer in another unit
(a fraction for a percentage, days for hours), a shift the exercise anticipates, or a wrong sign.
"""
from __future__ import annotations

import math
from functools import cache

from ...core.validation import number
from .catalogue import EXERCISES, REPLACED_BY, Exercise
from .reading import Reading, read_answer, shown

__all__ = ["validated_key", "expected_answer", "check"]


def validated_key(key: str) -> str:
    """The key of an exercise that notebooks ask, checked.

    Parameters
    ----------
    key : str
        An exercise's key, e.g. ``"01-peak-ratio"``.

    Returns
    -------
    str
        ``key`` itself.

    Raises
    ------
    ValueError
        For a key no notebook asks any more (naming the exercise that replaced it) or an unknown key.
    """
    if key in REPLACED_BY:
        replacement = REPLACED_BY[key]
        raise ValueError(f"exercise key {key!r} is retired; notebook {EXERCISES[replacement].notebook} now asks "
                         f"{replacement!r} instead")
    if key not in EXERCISES:
        raise ValueError(f"key must be one of {', '.join(EXERCISES)}, got {key!r}")
    return key


@cache
def expected_answer(key: str) -> float:
    """The right answer to exercise ``key``, computed from the model (once per session).

    Raises
    ------
    ValueError
        For a retired or unknown key (see :func:`validated_key`).
    """
    return EXERCISES[validated_key(key)].answer()


def check(key: str, answer: float | str) -> str:
    """Feedback on an answer: right (within the tolerance), or too high / too low with a hint.

    Parameters
    ----------
    key : str
        The exercise's key, e.g. ``"01-peak-ratio"`` (``ldn.exercises.questions("01")`` lists them).
    answer : float or str
        The student's answer, in the unit the exercise asks for; typed text is read as people write numbers
        (``"84,000"``, ``"84 000"``, ``"3,5"``, ``"1/64"``, ``"50 %"`` where a fraction is asked; see
        :func:`.reading.read_answer`).

    Returns
    -------
    str
        "Correct. Now explain why." or a "Not yet: ..." message that does not give the answer away; when the text
        was not a plain number, how it was read follows ("(Read as 84 000.)"). Text that two conventions read
        differently ("84,000": 84 000 or 84) is right if one reading is (the note says which); if neither is and
        their verdicts differ, a question comes back ("Did you mean ...?"), never a verdict.

    Raises
    ------
    ValueError
        For an unknown or retired key (the error names the exercise that replaced it) or an answer that is not a
        finite number.
    """
    key = validated_key(key)
    exercise, target = EXERCISES[key], expected_answer(key)
    if not isinstance(answer, str):
        return _verdict(key, number(answer, "answer"), target)
    readings = [_as_asked(exercise, reading) for reading in read_answer(answer)]
    verdicts = [_verdict(key, value, target) for value, _ in readings]
    right = [i for i, verdict in enumerate(verdicts) if verdict.startswith("Correct")]
    if right and len(readings) > 1:  # "84,000": right as 84 000; the note shows the reading the verdict is about
        readings, verdicts = [readings[right[0]]], [verdicts[right[0]]]
    if len(set(verdicts)) > 1:
        options = " or ".join(how for _, how in readings)
        plain = readings[0][1].replace(" ", "")
        return f"Did you mean {options}? Type it again without the separator (for example {plain})."
    hows = [how for _, how in readings if how]
    return verdicts[0] + (f" (Read as {' or '.join(hows)}.)" if hows else "")


def _as_asked(exercise: Exercise, reading: Reading) -> tuple[float, str]:
    """A reading in the exercise's unit, and how it was read ("" for a plain number)."""
    if reading.percent and exercise.unit == "(fraction 0-1)":
        return reading.value / 100.0, f"{shown(reading.value)} % = {shown(reading.value / 100.0)}"
    return reading.value, reading.how


def _verdict(key: str, value: float, target: float) -> str:
    exercise = EXERCISES[key]
    if not math.isfinite(value):
        raise ValueError(f"answer must be a finite number, got {value!r}")
    if exercise.log_scale and value <= 0:
        raise ValueError(f"answer must be > 0 for {key} (a concentration), got {value!r}")
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
