"""Every explorer survives each control at both ends and at interior values, and all controls at their ends together:
the callback never raises, never prints, plots only finite numbers and always leaves a summary that says something
(never "nan" or "inf").

The picture is not what these tests check, so the explorers render into a stand-in that encodes no PNG (encoding
took most of the time); the data artists of each corner are drawn on the Agg canvas, so that drawing errors still
surface.
"""
import contextlib
import io
import itertools
import re

import ipywidgets
import numpy as np
import pytest
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.spines import Spine

from ldnmodels import widgets
from ldnmodels.teaching import explorer as explorer_module

BUILDERS = {"plasma": lambda: widgets.plasma_explorer(), "blockade": lambda: widgets.blockade_explorer(),
            "rebound": lambda: widgets.rebound_explorer(weeks=2), "tlr4": lambda: widgets.tlr4_explorer(weeks=2),
            "symptoms": lambda: widgets.symptoms_explorer(weeks=2), "titration": lambda: widgets.titration_explorer(),
            "timing": lambda: widgets.timing_explorer(days=7), "adherence": lambda: widgets.adherence_explorer(weeks=2),
            "opioid": lambda: widgets.opioid_explorer(weeks=1), "liver": lambda: widgets.liver_explorer(days=7),
            "trial": lambda: widgets.trial_explorer(pool_size=50)}
NOT_A_NUMBER = re.compile(r"\b(nan|inf)\b", re.IGNORECASE)


class UnencodedRenderer:
    """Stands in for the explorers' PNG renderer: attaches an Agg canvas, renders nothing."""

    def __init__(self, figure):
        FigureCanvasAgg(figure)
        self.full_draws = 0

    def png(self) -> bytes:
        return b""


@pytest.fixture(autouse=True)
def no_png(monkeypatch):
    monkeypatch.setattr(explorer_module, "FigureRenderer", UnencodedRenderer)


def sample(control) -> list:
    """The values a control is pushed to, its two ends first and last: every option of a dropdown, both states of a
    checkbox, and for a slider its two ends and two values between them (a third and two thirds along its range)."""
    if isinstance(control, ipywidgets.Checkbox):
        return [True, False]
    if isinstance(control, ipywidgets.Dropdown):
        return [option[1] if isinstance(option, tuple) else option for option in control.options]
    if isinstance(control, ipywidgets.SelectionSlider):
        values = [option[1] if isinstance(option, tuple) else option for option in control.options]
        return [values[i] for i in sorted({0, len(values) // 3, 2 * len(values) // 3, len(values) - 1})]
    if isinstance(control, ipywidgets.FloatLogSlider):  # min and max are exponents
        exponents = np.linspace(control.min, control.max, 4)
        return [float(control.base ** e) for e in exponents]
    if isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider)):
        steps = round((control.max - control.min) / control.step)
        values = [min(control.max, round(control.min + round(steps * k / 3) * control.step, 10)) for k in range(4)]
        return [int(v) if isinstance(control, ipywidgets.IntSlider) else float(v) for v in values]
    raise TypeError(f"no sample for {type(control).__name__}")


def plotted_numbers(figure) -> list[tuple[str, np.ndarray]]:
    """Every number the figure shows: axes limits, the data of visible lines, bars and other patches, and the
    vertices of visible collections (bands, shading)."""
    found = []
    for index, ax in enumerate(figure.axes):
        found.append((f"axes {index} limits", np.array([*ax.get_xlim(), *ax.get_ylim()], dtype=float)))
        for child in ax.get_children():
            if not child.get_visible():
                continue
            if isinstance(child, Line2D):
                found.append((f"line {child.get_label()!r}", np.asarray(child.get_xydata(), dtype=float)))
            elif isinstance(child, Patch) and child is not ax.patch:
                found.append((f"patch {child.get_label()!r}", np.asarray(child.get_path().vertices, dtype=float)))
                found.append((f"patch {child.get_label()!r} placement",
                              np.asarray(child.get_patch_transform().get_matrix(), dtype=float)))
            elif isinstance(child, Collection):
                for path in child.get_paths():
                    found.append((f"collection {child.get_label()!r}", np.asarray(path.vertices, dtype=float)))
    return found


def check(explorer, what: str) -> None:
    for name, numbers in plotted_numbers(explorer.figure):
        assert np.all(np.isfinite(numbers)), f"{what}: {name} is not finite"
    summary = explorer.summary.value
    assert summary.strip(), f"{what} left no summary"
    assert not NOT_A_NUMBER.search(re.sub(r"<[^>]+>", " ", summary)), f"{what}: summary says {summary!r}"


def push(explorer, name, value) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        explorer.controls[name].value = value
    assert explorer.controls[name].value == value, f"{name} did not take {value!r}"
    assert out.getvalue() == err.getvalue() == "", f"{name}={value!r} printed {out.getvalue() + err.getvalue()!r}"
    check(explorer, f"{name}={value!r}")


def set_together(explorer, values: dict, what: str) -> None:
    """Set several controls at once: the callbacks run when the last value is in, so the trial explorer simulates
    one pool of patients, not one per drug-course control."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.ExitStack() as held:
        for control in explorer.controls.values():
            held.enter_context(control.hold_trait_notifications())
        for name, value in values.items():
            explorer.controls[name].value = value
    assert explorer.values == values
    assert out.getvalue() == err.getvalue() == "", f"{what} printed {out.getvalue() + err.getvalue()!r}"
    check(explorer, what)


def draw_what_the_controls_change(figure) -> None:
    """Draw every data artist, text and legend on the Agg canvas (a tenth of a full draw: the axes' ticks, which
    take the rest, only follow the limits, checked finite)."""
    renderer = figure.canvas.get_renderer()
    for ax in figure.axes:
        for child in ax.get_children():
            if child.get_visible() and not isinstance(child, (Axis, Spine)) and child is not ax.patch:
                child.draw(renderer)
    for legend in figure.legends:
        legend.draw(renderer)


def is_slider(control) -> bool:
    return isinstance(control, (ipywidgets.SelectionSlider, ipywidgets.FloatLogSlider, ipywidgets.IntSlider,
                                ipywidgets.FloatSlider))


def test_samples_reach_both_ends_and_between():
    slider = ipywidgets.IntSlider(value=7, min=1, max=28)
    assert sample(slider) == [1, 10, 19, 28]
    stepped = ipywidgets.FloatSlider(value=0.2, min=0.0, max=1.0, step=0.05)
    assert sample(stepped) == pytest.approx([0.0, 0.35, 0.65, 1.0])
    log = ipywidgets.FloatLogSlider(value=1.0, base=10, min=-4, max=3)
    assert sample(log)[0] == pytest.approx(1e-4) and sample(log)[-1] == pytest.approx(1e3)
    clock = ipywidgets.SelectionSlider(options=[("a", 0.0), ("b", 0.5), ("c", 1.0), ("d", 1.5), ("e", 2.0)], value=0.0)
    assert sample(clock) == [0.0, 0.5, 1.5, 2.0]


def test_the_checks_catch_a_nan_an_unclear_summary_and_a_drawing_error():
    explorer = widgets.opioid_explorer(weeks=1)
    line = explorer.artists["agonist_occupancy"]
    line.set_ydata(np.where(np.arange(line.get_xdata().size) == 3, np.nan, line.get_ydata()))
    with pytest.raises(AssertionError, match="not finite"):
        check(explorer, "a NaN")
    explorer.controls["dose_mg"].value = 1.0  # the update replaces the data
    check(explorer, "fresh data")
    explorer.summary.value = "<b>analgesia kept:</b> nan%"
    with pytest.raises(AssertionError, match="summary says"):
        check(explorer, "nan in the summary")
    explorer.figure.axes[0].text(0.5, 0.5, r"$\notacommand$")
    with pytest.raises(ValueError):
        draw_what_the_controls_change(explorer.figure)


@pytest.mark.parametrize("which", list(BUILDERS))
def test_each_control_at_its_ends_and_between_then_all_at_their_ends(which):
    """Then the four corners: the choices (dropdowns, checkboxes) at their first or last option, each with every
    slider at its min or max, so that a slider's end is also met under a choice it only matters in (the theory's
    hours blocked, say, with the theory's blockade chosen)."""
    explorer = BUILDERS[which]()
    check(explorer, "the start")
    for name, control in explorer.controls.items():
        start = control.value
        for value in sample(control):
            push(explorer, name, value)
        push(explorer, name, start)
    for choice_end, slider_end in itertools.product((0, -1), (0, -1)):
        corner = {name: sample(control)[slider_end if is_slider(control) else choice_end]
                  for name, control in explorer.controls.items()}
        set_together(explorer, corner, f"the corner {corner}")
        draw_what_the_controls_change(explorer.figure)


def test_a_trial_that_cannot_be_analysed_says_so():
    """Few patients and much dropout: for some seed an arm keeps fewer than 2 patients; the explorer says so in the
    summary and in the figure, and draws no estimate."""
    explorer = BUILDERS["trial"]()
    push(explorer, "n_per_arm", 5)
    push(explorer, "dropout", 0.5)
    for seed in range(explorer.controls["seed"].max + 1):
        push(explorer, "seed", seed)
        if "cannot be analysed" in explorer.summary.value:
            break
    else:
        pytest.fail("no seed left an arm with fewer than 2 patients at 5 per arm and 50 % dropout")
    assert "lower the dropout or add patients" in explorer.summary.value.lower()
    trial_axes = explorer.figure.axes[0]
    assert "cannot be analysed" in explorer.artists["trial_text"].get_text()
    assert not [line for line in trial_axes.get_lines() if line.get_marker() == "o"]  # no estimate drawn
    assert "not analysable" in explorer.artists["power_text"].get_text()
