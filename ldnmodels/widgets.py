"""Explorers for the notebooks: sliders wired to a figure that is built once.

On every slider change an explorer simulates, points the existing artists at the new
arrays, and renders the figure into an image widget (Agg, in process). Callbacks print
nothing. Explorers work without a running kernel, so tests drive them directly:

>>> explorer = plasma_explorer()
>>> explorer.controls["dose_mg"].value = 50.0
>>> round(float(explorer.artists["naltrexone"].get_ydata().max()), 0)
14.0
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as widgets
import numpy as np

from . import plotting
from .metrics import hours_above_per_day
from .pharmacokinetics import PKParameters
from .receptor import ReceptorParameters
from .regimen import Regimen
from .simulation import SimulationResult, simulate

__all__ = ["Explorer", "regimen_from_choice", "REGIMEN_CHOICES", "plasma_explorer", "blockade_explorer",
           "DOSE_RANGE_MG", "STEP_H"]

#: Dose sliders span this range, mg naltrexone HCl (log scale).
DOSE_RANGE_MG = (0.5, 100.0)
#: Time step of explorer simulations, h.
STEP_H = 0.1
#: Regimen names offered by the dropdowns.
REGIMEN_CHOICES = ("daily", "single", "titration 1.5 → 3 → 4.5 mg")
_REFERENCE_DOSE_MG = 50.0


def regimen_from_choice(choice: str, dose_mg: float, days: int, clock_h: float) -> Regimen:
    """The regimen a dropdown choice means.

    ``"titration …"`` steps 1.5 → 3 → 4.5 mg weekly, scaled so that the last step is ``dose_mg``.
    """
    if choice == "single":
        return Regimen.single(dose_mg, at_h=clock_h)
    if choice == "daily":
        return Regimen.daily(dose_mg, days=days, clock_h=clock_h)
    if choice.startswith("titration"):
        steps = [dose_mg / 3.0, 2.0 * dose_mg / 3.0, dose_mg]
        return Regimen.titration(steps, days_per_step=7, total_days=days, clock_h=clock_h)
    raise ValueError(f"choice must be one of {REGIMEN_CHOICES}, got {choice!r}")


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
    """

    def __init__(self, controls: dict, figure, artists: dict, update: Callable[[dict], None],
                 summary: Callable[[dict], str] | None = None) -> None:
        self.controls = controls
        self.figure = figure
        self.artists = artists
        self._update = update
        self._summary = summary
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="1200px"))
        self.summary = widgets.HTML()
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([widgets.HBox(list(controls.values()),
                                                 layout=widgets.Layout(flex_flow="row wrap")),
                                    self.image, self.summary])
        self.refresh()
        # The first render placed the axes; keeping that layout makes every later redraw about twice as fast.
        figure.set_layout_engine("none")

    @property
    def values(self) -> dict:
        """Current control values by name."""
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self) -> None:
        """Update the artists for the current values and re-render the figure."""
        values = self.values
        self._update(values)
        if self._summary is not None:
            self.summary.value = self._summary(values)
        self.image.value = plotting.figure_png(self.figure)

    def _on_change(self, _change) -> None:
        self.refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display
        display(self.widget)


def _dose_slider(value: float) -> widgets.FloatLogSlider:
    return widgets.FloatLogSlider(value=value, base=10, min=np.log10(DOSE_RANGE_MG[0]), max=np.log10(DOSE_RANGE_MG[1]),
                                  step=0.01, description="dose (mg)", readout_format=".2f",
                                  continuous_update=True, style={"description_width": "initial"})


def _regimen_controls(dose_mg: float, days: int, choice: str = "daily") -> dict:
    style = {"description_width": "initial"}
    return {
        "dose_mg": _dose_slider(dose_mg),
        "regimen": widgets.Dropdown(options=REGIMEN_CHOICES, value=choice, description="regimen", style=style),
        "clock_h": widgets.FloatSlider(value=21.0, min=0.0, max=23.5, step=0.5, description="dose clock time (h)",
                                       style=style),
        "days": widgets.IntSlider(value=days, min=1, max=28, description="days shown", style=style),
    }


def _simulate_choice(values: dict, dose_mg: float, pk: PKParameters, receptor: ReceptorParameters) -> SimulationResult:
    regimen = regimen_from_choice(values["regimen"], dose_mg, values["days"], values["clock_h"])
    return simulate(regimen, hours=24.0 * values["days"], step_h=STEP_H, pk=pk, receptor=receptor)


def plasma_explorer(dose_mg: float = 4.5, days: int = 7, pk: PKParameters | None = None,
                    receptor: ReceptorParameters | None = None) -> Explorer:
    """Dose, regimen, clock time and days → plasma curves, with 50 mg on the same regimen for comparison."""
    pk = PKParameters() if pk is None else pk
    receptor = ReceptorParameters() if receptor is None else receptor
    controls = _regimen_controls(dose_mg, days)
    first = _simulate_choice({k: c.value for k, c in controls.items()}, dose_mg, pk, receptor)
    figure, artists = plotting.plasma_figure(first, first)
    state: dict = {}

    def update(values):
        state["result"] = result = _simulate_choice(values, values["dose_mg"], pk, receptor)
        reference = _simulate_choice(values, _REFERENCE_DOSE_MG, pk, receptor)
        plotting.update_plasma(artists, result, reference)
        plotting.set_legend_label(artists, "naltrexone", f"{values['dose_mg']:.2g} mg")

    def summary(values):
        result = state["result"]
        return (f"<b>peak naltrexone</b> {result.naltrexone_ng_ml.max():.3g} ng/mL &nbsp; "
                f"<b>peak 6β-naltrexol</b> {result.naltrexol_ng_ml.max():.3g} ng/mL")

    return Explorer(controls, figure, artists, update, summary)


def blockade_explorer(dose_mg: float = 4.5, days: int = 7, level: float = 0.5, pk: PKParameters | None = None,
                      receptor: ReceptorParameters | None = None) -> Explorer:
    """Dose, regimen, clock time, days and a blockade level → blockade over time and hours per day above the level."""
    pk = PKParameters() if pk is None else pk
    receptor = ReceptorParameters() if receptor is None else receptor
    controls = _regimen_controls(dose_mg, days)
    controls["level"] = widgets.FloatSlider(value=level, min=0.05, max=0.95, step=0.05, readout_format=".0%",
                                            description="blockade level", style={"description_width": "initial"})
    first = _simulate_choice({k: c.value for k, c in controls.items()}, dose_mg, pk, receptor)
    figure, artists = plotting.blockade_figure(first, level, first)
    state: dict = {}

    def update(values):
        state["result"] = _simulate_choice(values, values["dose_mg"], pk, receptor)
        reference = _simulate_choice(values, _REFERENCE_DOSE_MG, pk, receptor)
        plotting.update_blockade(artists, state["result"], values["level"], reference)
        plotting.set_legend_label(artists, "occupancy", f"{values['dose_mg']:.2g} mg")

    def summary(values):
        result = state["result"]
        hours = hours_above_per_day(result.t_h, result.mor_occupancy, values["level"])
        per_day = ", ".join(f"{h:.1f}" for h in hours)
        return (f"<b>hours per day above {values['level']:.0%}:</b> {per_day} &nbsp; "
                f"<b>blockade at the end:</b> {result.mor_occupancy[-1]:.0%}")

    return Explorer(controls, figure, artists, update, summary)
