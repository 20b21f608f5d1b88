"""Every explorer survives every control at its minimum, its maximum and each option, and all controls at their
extremes together: the callback never raises, never prints, and the summary always says something."""
import contextlib
import io

import numpy as np
import pytest

from ldnmodels import widgets

BUILDERS = {"plasma": lambda: widgets.plasma_explorer(), "blockade": lambda: widgets.blockade_explorer(),
            "rebound": lambda: widgets.rebound_explorer(weeks=2), "tlr4": lambda: widgets.tlr4_explorer(weeks=2),
            "symptoms": lambda: widgets.symptoms_explorer(weeks=2), "titration": lambda: widgets.titration_explorer(),
            "timing": lambda: widgets.timing_explorer(days=7), "adherence": lambda: widgets.adherence_explorer(weeks=2),
            "opioid": lambda: widgets.opioid_explorer(weeks=1), "liver": lambda: widgets.liver_explorer(days=7),
            "trial": lambda: widgets.trial_explorer(pool_size=300)}


def extremes(control):
    """The values a control can be pushed to: min and max of a slider, every option, both states of a checkbox."""
    if hasattr(control, "options") and control.options:
        values = [option[1] if isinstance(option, tuple) else option for option in control.options]
        return values
    if hasattr(control, "min") and hasattr(control, "max"):
        return [control.min, control.max]
    if isinstance(control.value, bool):
        return [True, False]
    return []


def push(explorer, name, value):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        explorer.controls[name].value = value
    assert out.getvalue() == "", f"{name}={value!r} printed {out.getvalue()!r}"
    assert explorer.summary.value, f"{name}={value!r} left no summary"


@pytest.mark.parametrize("which", list(BUILDERS))
def test_every_control_at_each_extreme(which):
    explorer = BUILDERS[which]()
    for name, control in explorer.controls.items():
        start = control.value
        for value in extremes(control):
            push(explorer, name, value)
        push(explorer, name, start)


@pytest.mark.parametrize("which", list(BUILDERS))
@pytest.mark.parametrize("end", ["min", "max"])
def test_all_controls_at_one_end_together(which, end):
    explorer = BUILDERS[which]()
    for name, control in explorer.controls.items():
        values = extremes(control)
        if values:
            push(explorer, name, values[0] if end == "min" else values[-1])
    for artist in explorer.artists.values():
        for line in np.atleast_1d(artist):
            if hasattr(line, "get_ydata"):
                assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))
