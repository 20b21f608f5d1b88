"""The explorer helper: an explorer is declared by its controls, its model run, its figure and its summary.

:class:`ExplorerDeclaration` states what differs between explorers; :meth:`ExplorerDeclaration.explorer` does what
they share: run the model for the first control values, build the figure once from that run, and on every control
change run again, point the artists at the new outputs, write the summary and render the figure into an image
widget (Agg, in process, see :class:`~ldnmodels.teaching.rendering.FigureRenderer`). Callbacks print nothing.

The controls every explorer offers (clinical doses, clock times, receptor structures) are made here too, so that
every explorer's sliders look and behave alike.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..core.memory import release_freed_memory
from ..model.regimen import clock_text
from ..model.structures import DEFAULT_STRUCTURE, comparison
from .rendering import FigureRenderer

__all__ = ["Explorer", "ExplorerDeclaration", "remember_latest", "chosen_and_reference", "control_values",
           "dose_slider", "clock_slider", "dose_clock_slider", "float_slider", "log_slider", "int_slider", "dropdown",
           "structure_options", "structure_dropdown", "size_control", "CLINICAL_DOSES_MG", "DOSE_RANGE_MG",
           "REFERENCE_DOSE_MG", "STEP_H", "WEEKS_STEP_H", "CONTROL_STYLE"]

#: The doses a dose slider offers, mg naltrexone HCl: LDN's 0.5 mg steps to 6 mg, then towards the approved 50 mg
#: (and 100 mg, a dose of the label's intermittent schedules).
CLINICAL_DOSES_MG = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 12.5, 25.0, 50.0, 100.0)
#: Dose sliders span this range, mg naltrexone HCl.
DOSE_RANGE_MG = (CLINICAL_DOSES_MG[0], CLINICAL_DOSES_MG[-1])
#: The standard dose drawn grey dashed beside the chosen one, mg naltrexone HCl.
REFERENCE_DOSE_MG = 50.0
#: Time step of explorer simulations, h.
STEP_H = 0.1
#: Time step of the explorers that show weeks, h (results change by < 0.2 % of their range; see tests).
WEEKS_STEP_H = 0.25
#: Control style: the description takes the room it needs instead of being cut at ipywidgets' default width.
CONTROL_STYLE = {"description_width": "initial"}
SLIDER_TYPES = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider, widgets.SelectionSlider)


class Explorer:
    """Controls plus a figure rendered into an image widget.

    Parameters
    ----------
    controls : dict of str -> ipywidgets.ValueWidget
        Named controls; each change calls ``update(values)``.
    figure : matplotlib.figure.Figure
        Built once by the caller.
    artists : dict
        The figure's artists, for the caller's update function and for tests.
    update : callable
        ``update(values: dict) -> None``: changes the artists for the control values.
    summary : callable, optional
        ``summary(values) -> str`` (HTML) shown under the figure, e.g. key numbers.
    description : str, optional
        One sentence saying what the figure shows, displayed as text above it (for screen readers too).
    """

    def __init__(self, controls: dict, figure, artists: dict, update: Callable[[dict], None],
                 summary: Callable[[dict], str] | None = None, description: str = "") -> None:
        self.controls = controls
        self.figure = figure
        self.artists = artists
        self._update = update
        self._summary = summary
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="1200px"))
        self.image.add_class("ldn-explorer-figure")
        self.summary = widgets.HTML()
        self.summary.add_class("ldn-explorer-summary")
        self.description = widgets.HTML(f'<p role="note" style="margin:0.3em 0">Figure: {description}</p>'
                                        if description else "")
        self.description.add_class("ldn-explorer-description")
        for control in controls.values():
            control.observe(self._on_change, names="value")
            size_control(control)
        self.widget = widgets.VBox([widgets.HBox(list(controls.values()),
                                                 layout=widgets.Layout(flex_flow="row wrap")),
                                    self.description, self.image, self.summary])
        self.widget.add_class("ldn-explorer")
        self._renderer = FigureRenderer(figure)
        self.refresh()
        # The first render placed the axes; keeping that layout makes every later redraw about twice as fast.
        figure.set_layout_engine("none")

    @property
    def values(self) -> dict:
        """Current control values by name."""
        return control_values(self.controls)

    def refresh(self) -> None:
        """Update the artists for the current values and re-render the figure."""
        values = self.values
        self._update(values)
        if self._summary is not None:
            self.summary.value = self._summary(values)
        self.image.value = self._renderer.png()
        release_freed_memory()  # the run's temporaries: ~30 MB less per idle kernel of the app

    def _on_change(self, _change) -> None:
        self.refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display
        display(self.widget)


@dataclass(frozen=True)
class ExplorerDeclaration:
    """One explorer, stated as what makes it differ from the others.

    Parameters
    ----------
    controls : dict of str -> ipywidgets.ValueWidget
        Named controls, shown in this order; their values reach the callables below as ``values``, a dict by name.
    run : callable
        ``run(values) -> outputs``: the model call for the control values. Its outputs (any object, often a tuple
        of simulation results) are what the figure and the summary show.
    build_figure : callable
        ``build_figure(outputs, values) -> (figure, artists)``: the figure, built once, for the first values.
    update_figure : callable
        ``update_figure(artists, outputs, values) -> None``: points the artists at new outputs (no redraw).
    summary : callable
        ``summary(outputs, values) -> str``: key numbers (HTML) shown under the figure.
    description : str
        One sentence saying what the figure shows, displayed above it (for screen readers too).
    """

    controls: dict
    run: Callable[[dict], Any]
    build_figure: Callable[[Any, dict], tuple]
    update_figure: Callable[[dict, Any, dict], None]
    summary: Callable[[Any, dict], str]
    description: str

    def explorer(self) -> Explorer:
        """The working explorer: the model runs once for the first values, and once per control change."""
        first_values = control_values(self.controls)
        first_outputs = self.run(first_values)
        figure, artists = self.build_figure(first_outputs, first_values)
        # the first refresh (in Explorer's constructor, same values) shows the run the figure was built from
        unshown = [first_outputs]
        latest: dict = {}

        def update(values: dict) -> None:
            latest["outputs"] = unshown.pop() if unshown else self.run(values)
            self.update_figure(artists, latest["outputs"], values)

        def summary(values: dict) -> str:
            return self.summary(latest["outputs"], values)

        return Explorer(self.controls, figure, artists, update, summary, description=self.description)


def control_values(controls: dict) -> dict:
    """The current value of each control, by name."""
    return {name: control.value for name, control in controls.items()}


def remember_latest(function: Callable[[dict], Any]) -> Callable[[dict], Any]:
    """``function(settings)`` remembered for the latest ``settings`` only.

    For the runs that do not follow every control (the 50 mg reference ignores the dose slider): pass only the
    settings the run depends on, and moving any other control costs no simulation.

    Parameters
    ----------
    function : callable
        ``function(settings: dict) -> result``; the settings' values must be hashable.
    """
    remembered: dict = {}

    def latest(settings: dict):
        key = tuple(sorted(settings.items()))
        if key not in remembered:
            remembered.clear()
            remembered[key] = function(settings)
        return remembered[key]
    return latest


def chosen_and_reference(simulate_at: Callable[[dict, Any], Any], varied: str, reference_value: Any,
                         depends_on: tuple[str, ...] | None = None) -> Callable[[dict], tuple]:
    """The ``run`` of an explorer that draws the chosen run beside a reference differing in one control.

    The chosen run is ``simulate_at(values, values[varied])``; the reference is ``simulate_at(settings,
    reference_value)``, remembered (:func:`remember_latest`) for the settings it depends on, so that moving only
    ``varied`` (or a control the reference ignores) costs one simulation, not two.

    Parameters
    ----------
    simulate_at : callable
        ``simulate_at(settings: dict, value) -> result``: the model run with ``value`` in place of the control
        ``varied``; it may read only the settings named by ``depends_on``.
    varied : str
        Name of the control the reference holds fixed, e.g. ``"dose_mg"``.
    reference_value
        The value of ``varied`` in the reference run, e.g. :data:`REFERENCE_DOSE_MG` (50 mg).
    depends_on : tuple of str, optional
        The controls the reference depends on; by default every control but ``varied``. Their values must be
        hashable.

    Returns
    -------
    callable
        ``run(values: dict) -> (chosen result, reference result)``, for :class:`ExplorerDeclaration`.
    """
    reference = remember_latest(lambda settings: simulate_at(settings, reference_value))

    def run(values: dict) -> tuple:
        if depends_on is None:
            settings = {name: value for name, value in values.items() if name != varied}
        else:
            settings = {name: values[name] for name in depends_on}
        return simulate_at(values, values[varied]), reference(settings)
    return run


def dose_slider(value: float) -> widgets.SelectionSlider:
    """A slider through the clinical doses only (mg naltrexone HCl): it lands on 4.5 mg exactly, and an arrow key
    moves one dose.

    Raises
    ------
    ValueError
        If ``value`` is not one of :data:`CLINICAL_DOSES_MG`.
    """
    value = float(value)
    if value not in CLINICAL_DOSES_MG:
        raise ValueError(f"dose_mg must be one of the clinical doses {', '.join(f'{d:g}' for d in CLINICAL_DOSES_MG)} "
                         f"mg, got {value:g}")
    return widgets.SelectionSlider(options=[(f"{dose:g}", dose) for dose in CLINICAL_DOSES_MG], value=value,
                                   description="dose (mg)", continuous_update=True, style=CONTROL_STYLE)


def clock_slider(value: float, low: float, high: float, description: str) -> widgets.SelectionSlider:
    """A slider over clock times every half hour from ``low`` to ``high`` (h after midnight), shown as ``21:00``;
    its value is the hour (21.0).

    Parameters
    ----------
    value : float
        The starting clock time, h after midnight; one of the half hours from ``low`` to ``high``.
    low, high : float
        The first and last clock times offered, h after midnight (0 ≤ low ≤ high < 24, on the half hour).
    description : str
        The label beside the slider.

    Returns
    -------
    ipywidgets.SelectionSlider
        Options labelled ``"HH:MM"`` with values in hours (floats), every 0.5 h.

    Raises
    ------
    traitlets.TraitError
        If ``value`` is not one of the half hours offered.
    """
    hours = np.arange(low, high + 0.25, 0.5)
    return widgets.SelectionSlider(options=[(clock_text(hour), float(hour)) for hour in hours], value=float(value),
                                   description=description, continuous_update=True, style=CONTROL_STYLE)


def dose_clock_slider(value: float = 21.0) -> widgets.SelectionSlider:
    """The "dose clock time" slider of every explorer that lets the dose time move: any half hour of the day
    (00:00 … 23:30), starting at ``value`` h after midnight (21:00, the usual bedtime dose, by default)."""
    return clock_slider(value, 0.0, 23.5, "dose clock time")


def float_slider(value: float, low: float, high: float, step: float, description: str,
                 readout_format: str = ".2f", **options) -> widgets.FloatSlider:
    """A slider over ``low`` … ``high`` in steps of ``step`` (in the unit its description names).

    Parameters
    ----------
    value, low, high, step : float
        Starting value, ends of the range (low < high) and step (> 0), in the description's unit; ipywidgets clips
        a starting value outside the range to its nearer end.
    description : str
        The label beside the slider, naming the unit.
    readout_format : str
        Format of the number shown beside the slider (``".0%"`` for fractions shown as percentages).
    **options
        Further ``ipywidgets.FloatSlider`` arguments, e.g. ``continuous_update=False``.

    Returns
    -------
    ipywidgets.FloatSlider
    """
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               readout_format=readout_format, style=CONTROL_STYLE, **options)


def int_slider(value: int, low: int, high: int, description: str, step: int = 1, **options) -> widgets.IntSlider:
    """A slider over the whole numbers ``low`` … ``high`` (in the unit its description names).

    Parameters
    ----------
    value, low, high : int
        Starting value and ends of the range (low < high); a starting value outside the range is clipped to it.
    description : str
        The label beside the slider, naming the unit (e.g. ``"weeks shown"``).
    step : int
        Whole numbers between two neighbouring positions (≥ 1; 5 for patients per arm).
    **options
        Further ``ipywidgets.IntSlider`` arguments, e.g. ``continuous_update=False`` to update on release.

    Returns
    -------
    ipywidgets.IntSlider
    """
    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             style=CONTROL_STYLE, **options)


def log_slider(value: float, low: float, high: float, description: str,
               readout_format: str = ".3g") -> widgets.FloatLogSlider:
    """A slider over ``low`` … ``high`` on a log scale, in steps of 0.05 decades (unit as its description says).

    Parameters
    ----------
    value, low, high : float
        Starting value and ends of the range (0 < low < high), in the unit the description names; a starting value
        outside the range is clipped to it.
    description : str
        The label beside the slider, naming the unit.
    readout_format : str
        Format of the number shown beside the slider.

    Returns
    -------
    ipywidgets.FloatLogSlider
        Base 10; its ``min`` and ``max`` are the decades ``log10(low)`` and ``log10(high)``, its value is in the
        unit itself.
    """
    return widgets.FloatLogSlider(value=value, base=10, min=np.log10(low), max=np.log10(high), step=0.05,
                                  description=description, readout_format=readout_format, style=CONTROL_STYLE)


def dropdown(options, value, description: str) -> widgets.Dropdown:
    """A dropdown of ``options`` starting on ``value``.

    Parameters
    ----------
    options : sequence
        The choices: values shown as themselves, or ``(label, value)`` pairs.
    value
        The starting choice: one of the options' values.
    description : str
        The label beside the dropdown.

    Returns
    -------
    ipywidgets.Dropdown
        As wide (in em, so at every font size) as its label and its longest option.

    Raises
    ------
    traitlets.TraitError
        If ``value`` is not one of the options.
    """
    labels = [str(option[0]) if isinstance(option, tuple) else str(option) for option in options]
    # as wide as the label and the longest option at any font size (em), so that no choice is cut ("two_pl")
    characters = len(description) + max(map(len, labels), default=0)
    return widgets.Dropdown(options=options, value=value, description=description, style=CONTROL_STYLE,
                            layout=widgets.Layout(width=f"{0.56 * characters + 3.0:.1f}em", max_width="100%"))


def structure_options() -> list[tuple[str, str]]:
    """Dropdown options ``(label, name)`` for the receptor structures, best fit first, each labelled with its fit."""
    rows = sorted(comparison(), key=lambda row: row["aicc"])
    return [(f"{row['structure']} ({'fits' if row['fits_acceptably'] else 'poor fit'})", row["structure"])
            for row in rows]


def structure_dropdown(value=DEFAULT_STRUCTURE) -> widgets.Dropdown:
    """A structure dropdown; ``value`` is a structure name or a parameter set (added as a "your parameters" option)."""
    options = structure_options()
    if not isinstance(value, str):
        options.append((f"your parameters ({type(value).__name__})", value))
    return dropdown(options, value, "receptor structure")


def size_control(control) -> None:
    """Give a slider room for its label *and* a track of at least ~220 px: ipywidgets' default 300 px width
    left long labels overlapping a track a few dozen pixels long. A check box gets its label beside it, whole (the
    default indent and width cut a long one to "weekly steps 1.5 → 3 → 4.5..."). Other controls keep their size."""
    if isinstance(control, SLIDER_TYPES):
        label_px = 8 * len(control.description)  # ~8 px per character at the widgets' 13 px font
        control.layout.width = f"{max(400, label_px + 280)}px"
        control.layout.max_width = "100%"
        control.style.description_width = "initial"
    elif isinstance(control, widgets.Checkbox):
        control.indent = False
        control.layout.width = "auto"
