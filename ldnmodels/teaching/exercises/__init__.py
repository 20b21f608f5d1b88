"""Exercises with self-checks: questions a student answers by exploring, checked without giving the answer away.

>>> print(check("01-peak-ratio", 1.0))
Not yet: your answer is too low. Compare the explorer's peaks for one 1.5 mg and one 4.5 mg dose.

Without code: :func:`widget` gives one exercise's check box (question, answer field, Check button, the same
feedback), :func:`boxes` those of a notebook; they work in JupyterLab, Voilà and JupyterLite.

Each answer is computed from the model when it is checked (never stored), with a stated tolerance.

The modules: :mod:`.answers` (how each answer is computed), :mod:`ldnmodels.teaching.exercises.catalogue` (the
questions, tolerances and hints), :mod:`.checking` (the feedback) and :mod:`.boxes` (the check boxes).
"""
from __future__ import annotations

from .boxes import ExerciseBox, boxes, widget
from .catalogue import EXERCISES, REPLACED_BY, Exercise, questions
from .checking import check, expected_answer

__all__ = ["Exercise", "EXERCISES", "REPLACED_BY", "check", "expected_answer", "questions", "widget", "ExerciseBox",
           "boxes"]
