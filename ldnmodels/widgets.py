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
from dataclasses import replace

from .endorphin import ReboundParameters
from .experiments import theory_blockade
from .inflammation import InflammationParameters
from .metrics import daily_means, hours_above_per_day, weeks_to_reduction
from .pharmacokinetics import PKParameters
from .receptor import ReceptorParameters
from .regimen import Regimen
from .simulation import SimulationResult, simulate
from .symptoms import SymptomParameters

__all__ = ["Explorer", "regimen_from_choice", "REGIMEN_CHOICES", "plasma_explorer", "blockade_explorer",
           "rebound_explorer", "tlr4_explorer", "symptoms_explorer", "BLOCKADE_CHOICES", "DOSE_RANGE_MG", "STEP_H",
           "WEEKS_STEP_H"]

#: Dose sliders span this range, mg naltrexone HCl (log scale).
DOSE_RANGE_MG = (0.5, 100.0)
#: Time step of explorer simulations, h.
STEP_H = 0.1
#: Time step of the explorers that show weeks (results change by < 0.2 % of their range; see tests).
WEEKS_STEP_H = 0.25
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


#: Blockade sources offered by the symptoms explorer.
BLOCKADE_CHOICES = ("PET-calibrated model", "theory: a few hours a day")
_STYLE = {"description_width": "initial"}


def _float_slider(value, low, high, step, description, fmt=".2f"):
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               readout_format=fmt, style=_STYLE)


def _log_slider(value, low, high, description, fmt=".3g"):
    return widgets.FloatLogSlider(value=value, base=10, min=np.log10(low), max=np.log10(high), step=0.05,
                                  description=description, readout_format=fmt, style=_STYLE)


def _daily(dose_mg: float, weeks: int, clock_h: float) -> Regimen:
    return Regimen.daily(dose_mg, days=7 * weeks, clock_h=clock_h)


def _memo(function):
    """Remember results by the control values except the dose (for the fixed 50 mg reference curves)."""
    cache: dict = {}

    def wrapper(values: dict, dose: float):
        key = (dose, tuple(sorted((k, v) for k, v in values.items() if k != "dose_mg")))
        if key not in cache:
            cache.clear()
            cache[key] = function(values, dose)
        return cache[key]
    return wrapper


def rebound_explorer(dose_mg: float = 4.5, weeks: int = 4) -> Explorer:
    """Dose, clock time and the illustrative rebound gains → blockade, endorphin tone and net signalling.

    The grey dashed lines are 50 mg daily with the same gains.
    """
    controls = {
        "dose_mg": _dose_slider(dose_mg),
        "clock_h": _float_slider(21.0, 0.0, 23.5, 0.5, "dose clock time (h)", ".1f"),
        "release_gain": _float_slider(1.0, 0.0, 5.0, 0.1, "release gain (illustrative)", ".1f"),
        "receptor_gain": _float_slider(1.0, 0.0, 5.0, 0.1, "receptor gain (illustrative)", ".1f"),
        "upregulation_days": _float_slider(3.0, 0.5, 30.0, 0.5, "up-regulation time constant (days, illustrative)", ".1f"),
        "weeks": widgets.IntSlider(value=weeks, min=1, max=12, description="weeks shown", style=_STYLE),
    }
    state: dict = {}

    def run(values, dose):
        rebound = ReboundParameters(release_gain=values["release_gain"], receptor_gain=values["receptor_gain"],
                                    upregulation_time_constant_h=24.0 * values["upregulation_days"])
        return simulate(_daily(dose, values["weeks"], values["clock_h"]), hours=168.0 * values["weeks"],
                        step_h=WEEKS_STEP_H, rebound=rebound)

    reference_run = _memo(run)

    first = run({k: c.value for k, c in controls.items()}, dose_mg)
    figure, artists = plotting.panels_figure(first, ["mor_occupancy", "endorphin_tone", "opioid_signaling"], first,
                                             daily=("opioid_signaling",))

    def update(values):
        state["result"] = result = run(values, values["dose_mg"])
        state["reference"] = reference = reference_run(values, _REFERENCE_DOSE_MG)
        plotting.update_panels(artists, result, reference)
        plotting.set_legend_label(artists, "mor_occupancy", f"{values['dose_mg']:.2g} mg daily")

    def summary(values):
        result, reference = state["result"], state["reference"]
        mine = daily_means(result.t_h, result.opioid_signaling)[-7:].mean()
        theirs = daily_means(reference.t_h, reference.opioid_signaling)[-7:].mean()
        hours = hours_above_per_day(result.t_h, result.mor_occupancy, 0.5)[-1]
        return (f"<b>net signalling, last week:</b> {mine:.2f} at {values['dose_mg']:.2g} mg, {theirs:.2f} at 50 mg "
                f"(untreated = 1.00) &nbsp; <b>hours above 50 % blockade, last day:</b> {hours:.1f}")

    return Explorer(controls, figure, artists, update, summary)


def tlr4_explorer(dose_mg: float = 4.5, weeks: int = 12) -> Explorer:
    """Dose and a what-if TLR4 potency → TLR4 inhibition, microglial activation and sensitisation over weeks.

    The potency slider is a what-if: the sourced value is the in-vitro IC50 of (+)-naltrexone.
    """
    sourced_ic50 = InflammationParameters().tlr4_ic50_um
    controls = {
        "dose_mg": _dose_slider(dose_mg),
        "ic50_um": _log_slider(sourced_ic50, 1e-4, 1e3, "what-if TLR4 IC50 (µM)"),
        "weeks": widgets.IntSlider(value=weeks, min=1, max=24, description="weeks shown", style=_STYLE),
    }
    state: dict = {}

    def run(values, dose):
        inflammation = InflammationParameters(tlr4_ic50_um=values["ic50_um"])
        return simulate(_daily(dose, values["weeks"], 21.0), hours=168.0 * values["weeks"], step_h=WEEKS_STEP_H,
                        inflammation=inflammation)

    reference_run = _memo(run)

    first = run({k: c.value for k, c in controls.items()}, dose_mg)
    figure, artists = plotting.panels_figure(first, ["tlr4_inhibition", "microglial_activation", "sensitization"],
                                             first, daily=(), unit="weeks")

    def update(values):
        state["result"] = result = run(values, values["dose_mg"])
        plotting.update_panels(artists, result, reference_run(values, _REFERENCE_DOSE_MG))
        plotting.set_legend_label(artists, "tlr4_inhibition", f"{values['dose_mg']:.2g} mg daily")

    def summary(values):
        result = state["result"]
        peak_um = result.naltrexone_ng_ml.max() / 341.4
        return (f"<b>peak plasma naltrexone</b> {1000 * peak_um:.3g} nM = IC50 / {values['ic50_um'] / peak_um:,.0f} "
                f"&nbsp; <b>mean TLR4 blocked</b> {result.tlr4_inhibition.mean():.2%} &nbsp; "
                f"<b>sensitisation at the end</b> {result.sensitization[-1]:.3f}"
                + (" &nbsp; <i>(what-if potency, not the sourced value)</i>"
                   if not np.isclose(values["ic50_um"], sourced_ic50) else ""))

    return Explorer(controls, figure, artists, update, summary)


def symptoms_explorer(dose_mg: float = 4.5, weeks: int = 12) -> Explorer:
    """Both mechanisms together, each switchable, with the blockade from the model or the theory's picture.

    Shows opioid signalling, sensitisation and the conceptual pain score; the summary gives the
    weeks to a 30 % reduction of the daily pain score.
    """
    controls = {
        "dose_mg": _dose_slider(dose_mg),
        "blockade": widgets.Dropdown(options=BLOCKADE_CHOICES, value=BLOCKADE_CHOICES[0], description="blockade",
                                     style=_STYLE),
        "theory_hours": _float_slider(5.0, 0.0, 24.0, 0.5, "theory: hours blocked a day", ".1f"),
        "rebound_on": widgets.Checkbox(value=True, description="endorphin rebound"),
        "tlr4_on": widgets.Checkbox(value=True, description="microglia / TLR4"),
        "ic50_um": _log_slider(InflammationParameters().tlr4_ic50_um, 1e-4, 1e3, "what-if TLR4 IC50 (µM)"),
    }
    state: dict = {}
    hours = 168.0 * weeks

    def run(values, dose):
        symptoms = SymptomParameters(
            opioid_weight=SymptomParameters().opioid_weight if values["rebound_on"] else 0.0,
            sensitization_exponent=SymptomParameters().sensitization_exponent if values["tlr4_on"] else 0.0)
        inflammation = InflammationParameters(tlr4_ic50_um=values["ic50_um"])
        result = simulate(_daily(dose, weeks, 21.0), hours=hours, step_h=WEEKS_STEP_H, inflammation=inflammation,
                          symptoms=symptoms)
        if values["blockade"] == BLOCKADE_CHOICES[1]:
            result = theory_blockade(result, values["theory_hours"])
        return result

    first = run({k: c.value for k, c in controls.items()}, dose_mg)
    figure, artists = plotting.panels_figure(first, ["mor_occupancy", "opioid_signaling", "sensitization", "pain_nrs"],
                                             None, unit="weeks", reference_label="untreated")
    untreated = simulate(Regimen(), hours=hours, step_h=WEEKS_STEP_H)

    def update(values):
        state["result"] = result = run(values, values["dose_mg"])
        plotting.update_panels(artists, result, untreated)
        plotting.set_legend_label(artists, "mor_occupancy", f"{values['dose_mg']:.2g} mg daily")

    def summary(values):
        result = state["result"]
        weeks_needed = weeks_to_reduction(result.t_h, result.pain_nrs, 0.3, baseline=result.symptoms.baseline_pain_nrs)
        when = f"{weeks_needed:.1f} weeks" if np.isfinite(weeks_needed) else f"not within {weeks} weeks"
        last = daily_means(result.t_h, result.pain_nrs)[-7:].mean()
        return (f"<b>30 % lower pain score:</b> {when} &nbsp; <b>mean score, last week:</b> {last:.1f} / 10 "
                f"(untreated {result.symptoms.baseline_pain_nrs:g}) &nbsp; <i>conceptual score, not a prediction</i>")

    return Explorer(controls, figure, artists, update, summary)
