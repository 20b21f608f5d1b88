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

from ..teaching import plotting

from ..model.endorphin import ReboundParameters
from ..analyses.experiments import theory_blockade
from ..model.inflammation import InflammationParameters
from ..core.metrics import daily_means, hours_above_per_day, weeks_to_reduction
from ..model.pharmacokinetics import PKParameters
from ..analyses.ensembles import ensemble
from ..model.structures import DEFAULT_STRUCTURE, STRUCTURES, comparison, structure_name
from ..model.regimen import Regimen, clock_text
from .rendering import FigureRenderer
from ..model.simulation import SimulationResult, simulate
from ..model.symptoms import SymptomParameters

__all__ = ["Explorer", "regimen_from_choice", "REGIMEN_CHOICES", "plasma_explorer", "blockade_explorer",
           "rebound_explorer", "tlr4_explorer", "symptoms_explorer", "BLOCKADE_CHOICES", "DOSE_RANGE_MG", "CLINICAL_DOSES_MG", "STEP_H",
           "WEEKS_STEP_H", "structure_options"]

#: The doses a dose slider offers, mg naltrexone HCl: LDN's 0.5 mg steps to 6 mg, then towards the approved 50–100 mg.
CLINICAL_DOSES_MG = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 12.5, 25.0, 50.0, 100.0)
#: Dose sliders span this range, mg naltrexone HCl.
DOSE_RANGE_MG = (CLINICAL_DOSES_MG[0], CLINICAL_DOSES_MG[-1])
#: Time step of explorer simulations, h.
STEP_H = 0.1
#: Time step of the explorers that show weeks (results change by < 0.2 % of their range; see tests).
WEEKS_STEP_H = 0.25
#: The regimen dropdown. Titration climbs weekly in thirds of the chosen dose (1.5 → 3 → 4.5 mg at 4.5 mg,
#: 2 → 4 → 6 mg at 6 mg); the label says so rather than naming the 4.5 mg plan's steps.
REGIMEN_CHOICES = ("daily", "single", "titration: ⅓ → ⅔ → full dose, weekly")
_REFERENCE_DOSE_MG = 50.0


def regimen_from_choice(choice: str, dose_mg: float, days: int, clock_h: float) -> Regimen:
    """The regimen a dropdown choice means.

    ``"titration …"`` steps up weekly through a third, two thirds and all of ``dose_mg`` (1.5 → 3 → 4.5 mg for
    4.5 mg).
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
        for control in controls.values():
            control.observe(self._on_change, names="value")
            _size_control(control)
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
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self) -> None:
        """Update the artists for the current values and re-render the figure."""
        values = self.values
        self._update(values)
        if self._summary is not None:
            self.summary.value = self._summary(values)
        self.image.value = self._renderer.png()

    def _on_change(self, _change) -> None:
        self.refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display
        display(self.widget)


def _dose_slider(value: float) -> widgets.SelectionSlider:
    """A slider through the clinical doses only: it lands on 4.5 mg exactly, and an arrow key moves one dose."""
    value = float(value)
    if value not in CLINICAL_DOSES_MG:
        raise ValueError(f"dose_mg must be one of the clinical doses {', '.join(f'{d:g}' for d in CLINICAL_DOSES_MG)} "
                         f"mg, got {value:g}")
    return widgets.SelectionSlider(options=[(f"{dose:g}", dose) for dose in CLINICAL_DOSES_MG], value=value,
                                   description="dose (mg)", continuous_update=True,
                                   style={"description_width": "initial"})


def _regimen_controls(dose_mg: float, days: int, choice: str = "daily") -> dict:
    style = {"description_width": "initial"}
    return {
        "dose_mg": _dose_slider(dose_mg),
        "regimen": widgets.Dropdown(options=REGIMEN_CHOICES, value=choice, description="regimen", style=style),
        "clock_h": _clock_slider(21.0, 0.0, 23.5, "dose clock time"),
        "days": widgets.IntSlider(value=days, min=1, max=28, description="days shown", style=style),
    }


def structure_options() -> list[tuple[str, str]]:
    """Dropdown options ``(label, name)`` for the receptor structures, best fit first, each labelled with its fit."""
    rows = sorted(comparison(), key=lambda row: row["aicc"])
    return [(f"{row['structure']} ({'fits' if row['fits_acceptably'] else 'poor fit'})", row["structure"])
            for row in rows]


def _structure_dropdown(value=DEFAULT_STRUCTURE) -> widgets.Dropdown:
    """A structure dropdown; ``value`` is a structure name or a parameter set (added as a "your parameters" option)."""
    options = structure_options()
    if not isinstance(value, str):
        options.append((f"your parameters ({type(value).__name__})", value))
    return widgets.Dropdown(options=options, value=value, description="receptor structure",
                            style={"description_width": "initial"})


def _name(receptor) -> str:
    return receptor if isinstance(receptor, str) else structure_name(receptor)


def _simulate_choice(values: dict, dose_mg: float, pk: PKParameters, receptor) -> SimulationResult:
    regimen = regimen_from_choice(values["regimen"], dose_mg, values["days"], values["clock_h"])
    receptor = values.get("receptor", receptor)
    return simulate(regimen, hours=24.0 * values["days"], step_h=STEP_H, pk=pk, receptor=receptor)


def plasma_explorer(dose_mg: float = 4.5, days: int = 7, pk: PKParameters | None = None,
                    receptor=DEFAULT_STRUCTURE) -> Explorer:
    """Dose, regimen, clock time and days → plasma curves, with 50 mg on the same regimen for comparison."""
    pk = PKParameters() if pk is None else pk
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

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'plasma naltrexone (left) and 6β-naltrexol (right) on a log scale over the days shown, the '
                    'chosen dose coloured and 50 mg on the same schedule grey dashed; key numbers below.'))


def blockade_explorer(dose_mg: float = 4.5, days: int = 7, level: float = 0.5, pk: PKParameters | None = None,
                      receptor=DEFAULT_STRUCTURE, band_draws: int = 4) -> Explorer:
    """Dose, regimen, clock time, days, a blockade level and a receptor structure → blockade over time, the band of
    every structure that fits (with ``band_draws`` parameter draws each), and hours per day above the level."""
    pk = PKParameters() if pk is None else pk
    controls = _regimen_controls(dose_mg, days)
    controls["level"] = widgets.FloatSlider(value=level, min=0.05, max=0.95, step=0.05, readout_format=".0%",
                                            description="blockade level", style={"description_width": "initial"})
    controls["receptor"] = _structure_dropdown(receptor)

    def band(values):
        regimen = regimen_from_choice(values["regimen"], values["dose_mg"], values["days"], values["clock_h"])
        return ensemble(regimen, hours=24.0 * values["days"], step_h=STEP_H, n_draws=band_draws, pk=pk)

    first_values = {k: c.value for k, c in controls.items()}
    first = _simulate_choice(first_values, dose_mg, pk, receptor)
    figure, artists = plotting.blockade_figure(first, level, first, band=band(first_values).band("mor_occupancy"))
    state: dict = {}

    def update(values):
        state["result"] = _simulate_choice(values, values["dose_mg"], pk, receptor)
        reference = _simulate_choice(values, _REFERENCE_DOSE_MG, pk, receptor)
        state["band"] = band(values).band("mor_occupancy")
        plotting.update_blockade(artists, state["result"], values["level"], reference, state["band"])
        plotting.set_legend_label(artists, "occupancy", f"{values['dose_mg']:.2g} mg ({_name(values['receptor'])})")

    def summary(values):
        result = state["result"]
        hours = hours_above_per_day(result.t_h, result.mor_occupancy, values["level"])
        per_day = ", ".join(f"{h:.1f}" for h in hours)
        low, high = state["band"]
        return (f"<b>hours per day above {values['level']:.0%} ({_name(values['receptor'])}):</b> {per_day} &nbsp; "
                f"<b>blockade at the end:</b> {result.mor_occupancy[-1]:.0%} (band of the structures that fit: "
                f"{low[-1]:.0%}–{high[-1]:.0%})")

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'the share of brain mu receptors blocked over the days shown for the chosen structure and dose '
                    '(green) and 50 mg (grey dashed), the grey band spanning every structure that fits the data, '
                    'the chosen level dotted with the time above it shaded; hours above it per day below.'))


#: Blockade sources offered by the symptoms explorer.
BLOCKADE_CHOICES = ("fitted receptor structure", "theory: a few hours a day")
_STYLE = {"description_width": "initial"}
_SLIDERS = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider, widgets.SelectionSlider)


def _size_control(control) -> None:
    """Give a slider room for its label *and* a track of at least ~220 px: ipywidgets' default 300 px width
    left long labels overlapping a track a few dozen pixels long."""
    if isinstance(control, _SLIDERS):
        label_px = 8 * len(control.description)  # ~8 px per character at the widgets' 13 px font
        control.layout.width = f"{max(400, label_px + 280)}px"
        control.layout.max_width = "100%"
        control.style.description_width = "initial"


def _float_slider(value, low, high, step, description, fmt=".2f"):
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               readout_format=fmt, style=_STYLE)


def _clock_slider(value: float, low: float, high: float, description: str) -> widgets.SelectionSlider:
    """A slider over clock times every half hour, shown as ``21:00``; its value is the hour (21.0)."""
    hours = np.arange(low, high + 0.25, 0.5)
    return widgets.SelectionSlider(options=[(clock_text(hour), float(hour)) for hour in hours], value=float(value),
                                   description=description, continuous_update=True, style=_STYLE)


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
    """Dose, clock time, the illustrative rebound gains and a receptor structure → blockade, endorphin tone and net
    signalling.

    The grey dashed lines are 50 mg daily with the same gains and structure.
    """
    controls = {
        "dose_mg": _dose_slider(dose_mg),
        "clock_h": _clock_slider(21.0, 0.0, 23.5, "dose clock time"),
        "release_gain": _float_slider(1.0, 0.0, 5.0, 0.1, "release gain (illustrative)", ".1f"),
        "receptor_gain": _float_slider(1.0, 0.0, 5.0, 0.1, "receptor gain (illustrative)", ".1f"),
        "upregulation_days": _float_slider(3.0, 0.5, 30.0, 0.5, "up-regulation time constant (days, illustrative)", ".1f"),
        "weeks": widgets.IntSlider(value=weeks, min=1, max=12, description="weeks shown", style=_STYLE),
        "receptor": _structure_dropdown(),
    }
    state: dict = {}

    def run(values, dose):
        rebound = ReboundParameters(release_gain=values["release_gain"], receptor_gain=values["receptor_gain"],
                                    upregulation_time_constant_h=24.0 * values["upregulation_days"])
        return simulate(_daily(dose, values["weeks"], values["clock_h"]), hours=168.0 * values["weeks"],
                        step_h=WEEKS_STEP_H, rebound=rebound, receptor=values["receptor"])

    reference_run = _memo(run)

    first = run({k: c.value for k, c in controls.items()}, dose_mg)
    figure, artists = plotting.panels_figure(first, ["mor_occupancy", "endorphin_tone", "opioid_signaling"], first,
                                             daily=("opioid_signaling",))

    def update(values):
        state["result"] = result = run(values, values["dose_mg"])
        state["reference"] = reference = reference_run(values, _REFERENCE_DOSE_MG)
        plotting.update_panels(artists, result, reference)
        plotting.set_panels_label(artists, f"{values['dose_mg']:.2g} mg daily")

    def summary(values):
        result, reference = state["result"], state["reference"]
        mine = daily_means(result.t_h, result.opioid_signaling)[-7:].mean()
        theirs = daily_means(reference.t_h, reference.opioid_signaling)[-7:].mean()
        hours = hours_above_per_day(result.t_h, result.mor_occupancy, 0.5)[-1]
        return (f"<b>net signalling, last week:</b> {mine:.2f} at {values['dose_mg']:.2g} mg, {theirs:.2f} at 50 mg "
                f"(untreated = 1.00) &nbsp; <b>hours above 50 % blockade, last day:</b> {hours:.1f}")

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'blockade, endorphin release and net opioid signalling over the weeks shown, the chosen '
                    'dose coloured and 50 mg grey dashed, daily means of signalling in bold; net signalling '
                    'below.'))


def tlr4_explorer(dose_mg: float = 4.5, weeks: int = 12) -> Explorer:
    """Dose and a what-if TLR4 potency → TLR4 inhibition, microglial activation and sensitisation over weeks.

    The potency slider starts at the default, the potency calibrated to the trials (nanomolar); the measured TLR4
    potency of (+)-naltrexone (:data:`ldnmodels.model.inflammation.MEASURED_TLR4_IC50_UM`, 100 µM) is far to the right.
    """
    sourced_ic50 = InflammationParameters().tlr4_ic50_um
    controls = {
        "dose_mg": _dose_slider(dose_mg),
        "ic50_um": _log_slider(sourced_ic50, 1e-4, 1e3, "microglial IC50 (µM)"),
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
                + (" &nbsp; <i>(the default: calibrated to the trials, not measured)</i>"
                   if np.isclose(values["ic50_um"], sourced_ic50) else
                   " &nbsp; <i>(near the measured TLR4 potency)</i>" if values["ic50_um"] >= 1.0 else
                   " &nbsp; <i>(a what-if potency)</i>"))

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'TLR4 inhibition, microglial activation and sensitisation over the weeks shown, the chosen '
                    'dose coloured and 50 mg grey dashed; the potency gap in numbers below.'))


def symptoms_explorer(dose_mg: float = 4.5, weeks: int = 12) -> Explorer:
    """Both mechanisms together, each switchable, with the blockade from a receptor structure or the theory's picture.

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
        "ic50_um": _log_slider(InflammationParameters().tlr4_ic50_um, 1e-4, 1e3, "microglial IC50 (µM)"),
        "receptor": _structure_dropdown(),
    }
    state: dict = {}
    hours = 168.0 * weeks

    def run(values, dose):
        symptoms = SymptomParameters(
            opioid_weight=SymptomParameters().opioid_weight if values["rebound_on"] else 0.0,
            sensitization_exponent=SymptomParameters().sensitization_exponent if values["tlr4_on"] else 0.0)
        inflammation = InflammationParameters(tlr4_ic50_um=values["ic50_um"])
        result = simulate(_daily(dose, weeks, 21.0), hours=hours, step_h=WEEKS_STEP_H, inflammation=inflammation,
                          symptoms=symptoms, receptor=values["receptor"])
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
        plotting.set_panels_label(artists, f"{values['dose_mg']:.2g} mg daily")

    def summary(values):
        result = state["result"]
        weeks_needed = weeks_to_reduction(result.t_h, result.pain_nrs, 0.3, baseline=result.symptoms.baseline_pain_nrs)
        when = f"{weeks_needed:.1f} weeks" if np.isfinite(weeks_needed) else f"not within {weeks} weeks"
        last = daily_means(result.t_h, result.pain_nrs)[-7:].mean()
        return (f"<b>30 % lower pain score:</b> {when} &nbsp; <b>mean score, last week:</b> {last:.2f} / 10 "
                f"(untreated {result.symptoms.baseline_pain_nrs:g}) &nbsp; <i>conceptual score, not a prediction</i>")

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'blockade, net opioid signalling, sensitisation and the conceptual pain score over twelve '
                    'weeks, the chosen settings coloured and untreated grey dashed, daily means in bold; weeks '
                    'to a 30 % reduction below.'))


#: Receptor structures offered where timing matters (names of :func:`ldnmodels.receptor_structures`).
RECEPTOR_MODELS = tuple(cls.name for cls in STRUCTURES)


def titration_explorer(weeks: int = 6) -> Explorer:
    """A custom titration (start, step, target, days per step, clock time, optional hold rule) beside the
    default 1.5 → 3 → 4.5 mg plan: daily dose, blockade and the nightly vivid-dream index."""
    from ..analyses.side_effects import side_effects
    from ..analyses.titration import HOLD_INDICES, TitrationPlan, titrate_with_hold

    controls = {
        "start_mg": _float_slider(0.75, 0.25, 6.0, 0.25, "start (mg)"),
        "step_mg": _float_slider(0.75, 0.25, 3.0, 0.25, "step (mg)"),
        "target_mg": _float_slider(4.5, 0.5, 6.0, 0.25, "target (mg)"),
        "days_per_step": widgets.IntSlider(value=7, min=1, max=14, description="days per step", style=_STYLE),
        "clock_h": _clock_slider(21.0, 0.0, 23.5, "dose clock time"),
        "hold": widgets.Dropdown(options=("no hold rule",) + HOLD_INDICES, value="no hold rule",
                                 description="hold when", style=_STYLE),
        "threshold": _float_slider(0.33, 0.0, 0.6, 0.01, "index above", ".2f"),
    }
    total_days = 7 * weeks
    default_result = simulate(TitrationPlan.default().regimen(total_days), hours=24.0 * total_days, step_h=STEP_H)
    default = (default_result, side_effects(default_result))
    state: dict = {}

    def run(values):
        start = min(values["start_mg"], values["target_mg"])
        plan = TitrationPlan(start_mg=start, step_mg=values["step_mg"], target_mg=values["target_mg"],
                             days_per_step=values["days_per_step"], clock_h=values["clock_h"])
        if values["hold"] == "no hold rule":
            # a plan too slow for the run is shown as far as it gets (the explorer never errors)
            regimen = Regimen.titration(list(plan.steps_mg), plan.days_per_step, total_days, plan.clock_h)
        else:
            regimen = titrate_with_hold(plan, total_days, values["hold"], values["threshold"]).regimen
        result = simulate(regimen, hours=24.0 * total_days, step_h=STEP_H)
        return result, side_effects(result)

    state["chosen"] = run({k: c.value for k, c in controls.items()})
    figure, artists = plotting.schedules_figure({"your schedule": state["chosen"], "default 1.5/3/4.5 mg": default})

    def update(values):
        state["chosen"] = run(values)
        plotting.update_schedules(artists, {"your schedule": state["chosen"], "default 1.5/3/4.5 mg": default})

    def summary(values):
        (result, effects), (_, base) = state["chosen"], default
        return (f"<b>your schedule:</b> vivid dreams {effects.vivid_dreams:.0%}, headache/nausea {effects.headache:.0%}, "
                f"flare index {effects.flare:.2f}, reaches {max(result.regimen.doses_mg):g} mg &nbsp; "
                f"<b>default:</b> {base.vivid_dreams:.0%}, {base.headache:.0%}, {base.flare:.2f} "
                f"&nbsp; <i>conceptual indices</i>")

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'daily dose, blockade and the nightly vivid-dream index over six weeks for your schedule '
                    'and the default 1.5/3/4.5 mg plan; side-effect indices below.'))


def timing_explorer(dose_mg: float = 4.5, days: int = 14) -> Explorer:
    """Dose clock time (any hour), night window and receptor structure → the last day against the clock,
    beside 21:00 dosing, with hours of blockade in the night and the vivid-dream index."""
    from ..analyses.side_effects import SideEffectParameters, side_effects

    controls = {
        "clock_h": _clock_slider(7.0, 0.0, 23.5, "dose clock time"),
        "dose_mg": _dose_slider(dose_mg),
        "night_start": _clock_slider(22.0, 18.0, 23.5, "night from"),
        "night_end": _clock_slider(6.0, 4.0, 10.0, "night until"),
        "model": _structure_dropdown(),
    }
    state: dict = {}

    def run(values, clock_h):
        return simulate(Regimen.daily(values["dose_mg"], days=days, clock_h=clock_h), hours=24.0 * days,
                        step_h=STEP_H, receptor=values["model"])

    reference_run = _memo(lambda values, dose: run(values, 21.0))

    def update(values):
        state["result"] = run(values, values["clock_h"])
        state["reference"] = reference_run({k: v for k, v in values.items() if k != "clock_h"}, 0.0)
        plotting.update_day_profile(artists, state["result"], state["reference"],
                                    (values["night_start"], values["night_end"]))
        plotting.set_legend_label(artists, "mor_occupancy", f"dose at {clock_text(values['clock_h'])}")

    def summary(values):
        params = SideEffectParameters(night_start_clock_h=values["night_start"], night_end_clock_h=values["night_end"])
        mine, base = side_effects(state["result"], params), side_effects(state["reference"], params)
        return (f"<b>last night, hours above 50 % blockade:</b> {mine.night_blockade_hours[-1]:.1f} "
                f"(21:00 dosing: {base.night_blockade_hours[-1]:.1f}) &nbsp; <b>vivid-dream index:</b> "
                f"{mine.vivid_dreams:.0%} (21:00: {base.vivid_dreams:.0%}) &nbsp; <i>model consequences, "
                f"not trial results</i>")

    first_values = {k: c.value for k, c in controls.items()}
    figure, artists = plotting.day_profile_figure(run(first_values, first_values["clock_h"]), None,
                                                  (first_values["night_start"], first_values["night_end"]),
                                                  reference_label="dose at 21:00")
    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'the last day against the clock: blockade, endorphin release and net signalling for the '
                    'chosen dose time (coloured) and 21:00 (grey dashed), with the night shaded; night hours of '
                    'blockade below.'))


def adherence_explorer(dose_mg: float = 4.5, weeks: int = 4) -> Explorer:
    """Missed doses (random, seeded) and compounded-dose variation → blockade and net signalling,
    beside taking every dose exactly."""
    controls = {
        "dose_mg": _dose_slider(dose_mg),
        "missed": _float_slider(0.2, 0.0, 1.0, 0.05, "missed doses (fraction)"),
        "variation": _float_slider(0.1, 0.0, 0.5, 0.05, "capsule content ± (fraction)"),
        "seed": widgets.IntSlider(value=0, min=0, max=20, description="random seed", style=_STYLE),
    }
    days = 7 * weeks
    state: dict = {}

    def exact(values, dose):
        return simulate(Regimen.daily(dose, days=days), hours=24.0 * days, step_h=WEEKS_STEP_H)

    def run(values):
        regimen = (Regimen.daily(values["dose_mg"], days=days)
                   .with_missed_doses(values["missed"], seed=values["seed"])
                   .with_content_variation(min(values["variation"], 0.99), seed=values["seed"]))
        return simulate(regimen, hours=24.0 * days, step_h=WEEKS_STEP_H)

    first = run({k: c.value for k, c in controls.items()})
    figure, artists = plotting.panels_figure(first, ["mor_occupancy", "opioid_signaling"], first,
                                             label="as taken", reference_label="every dose, exact",
                                             daily=("opioid_signaling",))

    def update(values):
        state["result"] = run(values)
        state["reference"] = exact(values, values["dose_mg"])
        plotting.update_panels(artists, state["result"], state["reference"])

    def summary(values):
        result, reference = state["result"], state["reference"]
        taken = len(result.regimen)
        return (f"<b>doses taken:</b> {taken} of {days} &nbsp; <b>mean blockade, last week:</b> "
                f"{result.mor_occupancy[-int(168 / WEEKS_STEP_H):].mean():.0%} "
                f"(exact: {reference.mor_occupancy[-int(168 / WEEKS_STEP_H):].mean():.0%}) &nbsp; "
                f"<b>lowest blockade after day 3:</b> {result.mor_occupancy[int(72 / WEEKS_STEP_H):].min():.0%}")

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'blockade and net signalling over the weeks shown with doses missed and capsule variation '
                    '(coloured) against every dose taken exactly (grey dashed); doses taken and lowest blockade '
                    'below.'))


def opioid_explorer(weeks: int = 2) -> Explorer:
    """An opioid painkiller taken throughout, and naltrexone started on day 1 → the share of receptors
    the opioid holds (analgesia), beside the opioid alone."""
    from ..model.opioids import OpioidCoMedication

    controls = {
        "dose_mg": _dose_slider(4.5),
        "opioid": widgets.Dropdown(options=("morphine", "oxycodone"), value="morphine", description="opioid",
                                   style=_STYLE),
        "level": _log_slider(20.0, 1.0, 300.0, "opioid plasma level (ng/mL)"),
    }
    days = 7 * weeks
    state: dict = {}

    def opioid_for(values):
        return getattr(OpioidCoMedication, values["opioid"])(plasma_ng_ml=values["level"])

    def run(values, dose):
        regimen = Regimen() if dose is None else Regimen.daily(dose, days=days)
        return simulate(regimen, hours=24.0 * days, step_h=STEP_H, opioid=opioid_for(values))

    first_values = {k: c.value for k, c in controls.items()}
    figure, artists = plotting.panels_figure(run(first_values, first_values["dose_mg"]),
                                             ["agonist_occupancy", "mor_occupancy"], run(first_values, None),
                                             reference_label="opioid alone", daily=())

    def update(values):
        state["result"] = run(values, values["dose_mg"])
        state["alone"] = run(values, None)
        plotting.update_panels(artists, state["result"], state["alone"])
        plotting.set_legend_label(artists, "agonist_occupancy", f"with naltrexone {values['dose_mg']:.2g} mg daily")

    def summary(values):
        result, alone = state["result"], state["alone"]
        base = alone.agonist_occupancy[-1]
        first_dose = int(round(21.0 / STEP_H))
        after_6h = result.agonist_occupancy[first_dose + int(6 / STEP_H)]
        return (f"<b>receptors held by the opioid:</b> {base:.0%} alone, {after_6h:.0%} six hours after the first "
                f"naltrexone dose, {result.agonist_occupancy[-1]:.0%} at the end &nbsp; <b>analgesia kept:</b> "
                f"{result.agonist_occupancy[-1] / base:.0%} (if analgesia follows occupancy)")

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'the share of receptors held by the opioid and blocked by naltrexone over the weeks shown, '
                    'with naltrexone (coloured) and the opioid alone (grey dashed); analgesia kept below.'))


def liver_explorer(dose_mg: float = 4.5, days: int = 14) -> Explorer:
    """Liver function as naltrexone exposure (1–10× normal) → plasma naltrexone, 6β-naltrexol and blockade,
    beside normal liver function; then stopping the drug shows how long blockade lasts."""
    controls = {
        "dose_mg": _dose_slider(dose_mg),
        "exposure": _float_slider(5.0, 1.0, 10.0, 0.5, "naltrexone exposure (× normal)", ".1f"),
    }
    hours = 24.0 * (days + 7)  # a week after the last dose shows how long blockade lasts
    state: dict = {}

    def run(values, exposure):
        pk = PKParameters(hepatic_exposure_factor=exposure)
        return simulate(Regimen.daily(values["dose_mg"], days=days), hours=hours, step_h=STEP_H, pk=pk)

    reference_run = _memo(lambda values, dose: run(values, 1.0))
    first_values = {k: c.value for k, c in controls.items()}
    figure, artists = plotting.panels_figure(run(first_values, first_values["exposure"]),
                                             ["naltrexone_ng_ml", "naltrexol_ng_ml", "mor_occupancy"],
                                             run(first_values, 1.0), reference_label="normal liver", daily=())

    def update(values):
        state["result"] = run(values, values["exposure"])
        state["reference"] = reference_run({"dose_mg": values["dose_mg"]}, values["dose_mg"])
        plotting.update_panels(artists, state["result"], state["reference"])
        plotting.set_legend_label(artists, "naltrexone_ng_ml", f"exposure × {values['exposure']:g}")

    def summary(values):
        result, reference = state["result"], state["reference"]
        per_day = int(round(24.0 / STEP_H))
        on = slice((days - 1) * per_day, days * per_day)
        above = lambda res: float(np.count_nonzero(res.mor_occupancy[on] > 0.8) * STEP_H)  # noqa: E731
        return (f"<b>peak naltrexone:</b> {result.naltrexone_ng_ml.max():.2g} vs {reference.naltrexone_ng_ml.max():.2g} "
                f"ng/mL &nbsp; <b>hours above 80 % blockade on the last dosing day:</b> {above(result):.1f} vs "
                f"{above(reference):.1f} &nbsp; <b>blockade 7 days after stopping:</b> "
                f"{result.mor_occupancy[-1]:.0%} vs {reference.mor_occupancy[-1]:.0%}")

    return Explorer(controls, figure, artists, update, summary,
                    description=(
                    'plasma naltrexone, 6β-naltrexol and blockade with the chosen liver exposure (coloured) '
                    'against a normal liver (grey dashed), dosing then a week without; numbers below.'))


__all__ += ["RECEPTOR_MODELS", "titration_explorer", "timing_explorer", "adherence_explorer", "opioid_explorer",
            "liver_explorer"]


def _histogram_top(top: float, tallest: int) -> float:
    """The histogram's y limit: steps of 10, raised when the tallest bar nears it, lowered only when the bars
    fill less than half of it. Without the gap the limit flipped on every move of a slider whose neighbouring
    values put the tallest bar either side of a step, and each flip cost a full redraw (measured: 140 ms, not
    100, with notebook 08's pool)."""
    needed = 10 * max(2, int(np.ceil(tallest / 10 + 0.05)))
    return float(needed) if needed > top or tallest < top / 2 else float(top)


def trial_explorer(pool_size: int = 2000, pool=None) -> Explorer:
    """Design a trial on the virtual population: design, patients per arm, dose, weeks, washout, dropout,
    enrichment by the inflammation marker, seed. Shows each arm's changes in one trial and the spread of
    results over 100 replicate trials (power).

    The controls start on FINAL's design (Bruun 2024: parallel, 50 per arm, 6 mg after weekly steps of 1.5, 3
    and 4.5 mg, 12 weeks; 5 % dropout as in :func:`ldnmodels.analyses.evidence.simulated_counterparts`), so the explorer's
    first power is, up to sampling noise, the one notebook 08 prints for "a FINAL-size trial".

    Controls that change the drug course (design, dose, titration, weeks, washout) re-simulate the virtual
    patients (about half a second), so they update on release; the others are immediate.

    ``pool`` (a :class:`ldnmodels.analyses.trials.TrialPool`, e.g. the one a notebook already prepared for FINAL's design)
    is used, instead of simulating ``pool_size`` new patients, whenever the controls ask for its drug course.
    """
    from ..analyses.trials import (DegenerateTrial, TrialDesign, _pool_key, _replicates, patients_needed, prepare_pool,
                         run_trial, significant_for_drug)

    slow = {"continuous_update": False}
    controls = {
        "design": widgets.Dropdown(options=("parallel", "crossover"), value="parallel", description="design",
                                   style=_STYLE),
        "n_per_arm": widgets.IntSlider(value=50, min=5, max=300, step=5, description="patients per arm", style=_STYLE),
        "dose_mg": widgets.FloatSlider(value=6.0, min=1.5, max=6.0, step=0.5, description="dose (mg)",
                                       style=_STYLE, **slow),
        "titrate": widgets.Checkbox(value=True, description="weekly steps 1.5 → 3 → 4.5 mg first"),
        "weeks": widgets.IntSlider(value=12, min=2, max=16, description="weeks", style=_STYLE, **slow),
        "washout_weeks": widgets.IntSlider(value=0, min=0, max=4, description="washout (crossover)", style=_STYLE,
                                           **slow),
        "dropout": _float_slider(0.05, 0.0, 0.5, 0.05, "dropout"),
        "enrichment": _float_slider(0.0, 0.0, 0.9, 0.1, "enrich: marker above quantile"),
        "seed": widgets.IntSlider(value=0, min=0, max=50, description="seed", style=_STYLE),
    }
    pools: dict = {}
    state: dict = {}

    def design_of(values) -> TrialDesign:
        steps = tuple(step for step in (1.5, 3.0, 4.5) if step < values["dose_mg"]) if values["titrate"] else ()
        return TrialDesign(design=values["design"], n_per_arm=values["n_per_arm"], dose_mg=values["dose_mg"],
                           titration_steps_mg=steps, weeks=values["weeks"],
                           washout_weeks=min(values["washout_weeks"], values["weeks"]) if values["design"] == "crossover" else 0,
                           dropout_fraction=values["dropout"], enrichment_quantile=values["enrichment"])

    def pool_for(design):
        key = _pool_key(design)
        if pool is not None and key == _pool_key(pool.design):
            return pool
        if key not in pools:
            pools.clear()
            pools[key] = prepare_pool(design, pool_size=pool_size, seed=0)
        return pools[key]

    with plotting.style():
        from matplotlib.figure import Figure
        figure = Figure(figsize=(12, 5), layout="constrained")
        ax_trial, ax_reps = figure.subplots(1, 2)
    artists = {"axes": [ax_trial, ax_reps]}
    # The axes are set up once; an update replaces only the data artists and two texts, so that the figure's
    # renderer can keep the axes and redraw the data (ax.clear() on every move cost a full draw each time).
    ax_trial.axvline(0, color="black", linewidth=1)
    ax_trial.set_xlim(-3, 3)
    ax_trial.set_ylim(-1, 1)
    ax_trial.set_yticks([])
    ax_trial.set_xlabel("drug minus placebo, pain points (95 % CI)")
    ax_trial.set_title("this trial")
    artists["trial_text"] = ax_trial.text(0.5, 0.9, "", transform=ax_trial.transAxes, ha="center", va="top",
                                          fontsize=plotting.text_size(13))
    ax_reps.axvline(0, color="black", linewidth=1)
    ax_reps.set_xlim(-3, 3)
    ax_reps.set_xlabel("drug minus placebo, pain points")
    ax_reps.set_ylabel("replicate trials")
    ax_reps.set_title("100 replicate trials")
    artists["power_text"] = ax_reps.text(0.98, 0.95, "", transform=ax_reps.transAxes, ha="right", va="top",
                                         fontsize=plotting.text_size(13))
    bins = np.linspace(-3, 3, 31)
    # Stacked, so that a bin holding both kinds shows both (overlaid bars hid one behind the other). The 60 bars
    # are made once and only change height: making new ones with ax.hist on every move took half the redraw.
    centres, width = (bins[:-1] + bins[1:]) / 2, np.diff(bins)
    artists["significant_bars"] = ax_reps.bar(centres, np.zeros_like(centres), width, color=plotting.COLORS["occupancy"],
                                              label="p < 0.05 for drug")
    # dark grey, not the reference grey: green and the reference grey are equally light in greyscale
    artists["other_bars"] = ax_reps.bar(centres, np.zeros_like(centres), width, color="#595959",
                                        label="not significant")
    artists["reps_legend"] = ax_reps.legend(loc="upper left", fontsize=plotting.text_size(11))
    ax_reps.set_ylim(0, 20)

    def update(values):
        design = design_of(values)
        pool = pool_for(design)
        enough = int(np.count_nonzero(pool.population.esr_mm_h >= np.quantile(pool.population.esr_mm_h,
                                                                              design.enrichment_quantile)))
        need = patients_needed(design)
        if enough < need:  # keep the explorer working: shrink n to what the pool can supply
            from dataclasses import replace
            design = replace(design, n_per_arm=max(2, enough // (2 if design.design == "parallel" else 1)))
        state["design"] = design
        try:
            state["one"] = run_trial(design, seed=values["seed"], pool=pool)
        except DegenerateTrial:   # dropout emptied an arm: say so instead of failing inside the slider callback
            state["one"] = None
        state["reps"], state["lost"] = _replicates(pool, design, 100, 1000)
        for artist in artists.pop("data", []):
            artist.remove()
        data = []
        if state["one"] is None:
            artists["trial_text"].set_text(f"seed {values['seed']}: cannot be analysed: dropout left fewer than 2 "
                                           "patients\nin an arm; lower dropout or add patients")
        else:
            one = state["one"].estimate
            bars = ax_trial.errorbar([one.difference], [0],
                                     xerr=[[one.difference - one.ci_low], [one.ci_high - one.difference]],
                                     fmt="o", color=plotting.COLORS["naltrexone"], capsize=6, markersize=10)
            data += [bars.lines[0], *bars.lines[1], *bars.lines[2]]
            artists["trial_text"].set_text(f"seed {values['seed']}: p = {one.p_value:.3f}")
        differences = np.array([r.estimate.difference for r in state["reps"]])
        significant = np.array([bool(significant_for_drug(r.estimate.p_value, r.estimate.difference))
                                for r in state["reps"]], dtype=bool)
        low = np.histogram(differences[significant], bins)[0]  # outside -3 to 3: not shown, as ax.hist did
        high = np.histogram(differences[~significant], bins)[0]
        for bar, height in zip(artists["significant_bars"], low):
            bar.set_height(height)
        for bar, bottom, height in zip(artists["other_bars"], low, high):
            bar.set_y(bottom)
            bar.set_height(height)
        ax_reps.set_ylim(0, _histogram_top(ax_reps.get_ylim()[1], int(np.max(low + high))))
        lost = f", {state['lost']} not analysable" if state["lost"] else ""
        artists["power_text"].set_text(f"power {significant.sum() / 100:.0%}{lost}")
        artists["data"] = data

    def summary(values):
        one, design = state["one"], state["design"]
        if one is None:
            return (f"<b>this trial cannot be analysed:</b> with {design.n_per_arm} per arm and "
                    f"{design.dropout_fraction:.0%} dropout, an arm kept fewer than 2 patients. Lower the dropout or "
                    f"add patients; {state['lost']} of 100 replicates had the same problem (they count as not "
                    f"significant).")
        return (f"<b>difference</b> {one.estimate.difference:+.2f} points (95 % CI {one.estimate.ci_low:+.2f} to "
                f"{one.estimate.ci_high:+.2f}), p = {one.estimate.p_value:.3f}, SMD {one.smd:+.2f} &nbsp; "
                f"<b>responders</b> {one.responders_drug:.0%} on drug vs {one.responders_placebo:.0%} on placebo "
                f"&nbsp; <b>analysed</b> {one.n_analysed} (n per arm {design.n_per_arm}), true responders among them "
                f"{one.responder_share:.0%}")

    return Explorer(controls, figure, artists, update, summary,
                    description="left, one simulated trial's drug-minus-placebo difference with its 95 % confidence interval; right, a histogram of 100 replicate trials, significant ones green; the trial's numbers below.")


__all__ += ["trial_explorer"]
