"""Check boxes: an exercise's question, an answer field, a Check button and :func:`.checking.check`'s feedback.

They work without code in JupyterLab, Voilà and JupyterLite; :func:`boxes` gives those of a whole notebook.
"""
from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from .catalogue import EXERCISES, notebook_keys
from .checking import check, validated_key

__all__ = ["ExerciseBox", "widget", "boxes"]


class ExerciseBox:
    """A check box for one exercise: the question, an answer field, a Check button and :func:`check`'s feedback.

    ``answer`` (a text field, so that "0.5", "50 %", "84,000" and "1/64" arrive as typed and are read as
    :func:`.reading.read_answer` says), ``button`` and ``feedback`` are the
    widgets; ``widget`` holds them. Pressing Enter in the field checks too. The answer is computed when first
    checked, not when the box is made.

    Parameters
    ----------
    key : str
        The exercise's key, e.g. ``"01-peak-ratio"``.

    Raises
    ------
    ValueError
        For an unknown or retired key (the error names the exercise that replaced it).
    """

    def __init__(self, key: str) -> None:
        key = validated_key(key)
        exercise = EXERCISES[key]
        self.key = key
        unit = exercise.unit.strip("()")
        self.question = widgets.HTML(f"<p style='margin:0.2em 0'><b>{key}</b>: {exercise.question} "
                                     f"<span style='color:#555'>[{unit}]</span></p>")
        self.answer = widgets.Text(placeholder=f"your answer ({unit})", continuous_update=False,
                                   description="Answer", style={"description_width": "initial"},
                                   layout=widgets.Layout(width="20em"))
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
                message = check(self.key, text)
            except ValueError as error:
                message = f"Not a number I can check: {error}"
        right = message.startswith("Correct")
        colour = "#1b7837" if right else "#8c510a"
        self.feedback.value = f"<p role='status' aria-live='polite' style='margin:0.2em 0;color:{colour}'>{message}</p>"
        return message

    def _ipython_display_(self) -> None:
        display(self.widget)


def widget(key: str) -> ExerciseBox:
    """The check box of exercise ``key`` (see :class:`ExerciseBox`); display it as a cell's last line."""
    return ExerciseBox(key)


def boxes(notebook: str) -> widgets.VBox:
    """The check boxes of every exercise of a notebook, one under the other, as one widget.

    Parameters
    ----------
    notebook : str
        The notebook's number, e.g. ``"02"``.

    Returns
    -------
    ipywidgets.VBox
        One :class:`ExerciseBox` widget per exercise, in the catalogue's order.

    Raises
    ------
    ValueError
        If the notebook has no exercises.
    """
    keys = notebook_keys(notebook)
    if not keys:
        with_exercises = ", ".join(sorted({exercise.notebook for exercise in EXERCISES.values()}))
        raise ValueError(f"notebook must be one with exercises ({with_exercises}), got {notebook!r}")
    return widgets.VBox([widget(key).widget for key in keys])
