"""Explorers of the mechanisms (notebooks 03–05): endorphin rebound, microglia / TLR4, and both → symptoms."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..analyses.experiments import theory_blockade
from ..core.constants import NALTREXONE_BASE_G_PER_MOL
from ..core.metrics import daily_means, hours_above_per_day, weeks_to_reduction
from ..model.endorphin import ReboundParameters
from ..model.inflammation import InflammationParameters
from ..model.regimen import Regimen
from ..model.simulation import SimulationResult, simulate
from ..model.symptoms import SymptomParameters
from . import plotting
from .explorer import (
    REFERENCE_DOSE_MG,
    WEEKS_STEP_H,
    Explorer,
    ExplorerDeclaration,
    chosen_and_reference,
    dose_clock_slider,
    dose_slider,
    dropdown,
    float_slider,
    int_slider,
    log_slider,
    structure_dropdown,
)

__all__ = ["BLOCKADE_CHOICES", "REBOUND_PANELS", "rebound_explorer", "tlr4_explorer", "symptoms_explorer"]

#: Blockade sources offered by the symptoms explorer.
BLOCKADE_CHOICES = ("fitted receptor structure", "theory: a few hours a day")


def simulate_weeks(dose_mg: float, weeks: int, clock_h: float, **models) -> SimulationResult:
    """``dose_mg`` (mg) every day for ``weeks`` weeks at ``clock_h`` (h after midnight), simulated over those weeks
    at :data:`~ldnmodels.teaching.explorer.WEEKS_STEP_H`; ``models`` are :func:`simulate`'s parameter sets."""
    return simulate(Regimen.daily(dose_mg, days=7 * weeks, clock_h=clock_h), hours=168.0 * weeks,
                    step_h=WEEKS_STEP_H, **models)


REBOUND_PANELS = ("mor_occupancy", "endorphin_tone", "opioid_signaling")
_PANEL_WORDS = {"mor_occupancy": "blockade", "endorphin_tone": "endorphin release",
                "opioid_signaling": "net opioid signalling"}


def _joined(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def rebound_explorer(dose_mg: float = 4.5, weeks: int = 4, panels: tuple[str, ...] = REBOUND_PANELS) -> Explorer:
    """Dose, clock time, the illustrative rebound gains and a receptor structure → blockade, endorphin tone and net
    signalling.

    The grey dashed lines are 50 mg daily with the same gains and structure.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    weeks : int
        Weeks shown at first (the slider spans 1–12).
    panels : tuple of str
        The quantities drawn, each in its own panel: any of ``"mor_occupancy"``, ``"endorphin_tone"`` and
        ``"opioid_signaling"``, which must be among them (a lecture page drops the middle one to fit a screen).

    Returns
    -------
    Explorer
        Controls ``dose_mg``, ``clock_h``, ``release_gain``, ``receptor_gain``, ``upregulation_days``, ``weeks`` and
        ``receptor``; its artists are those of :func:`~ldnmodels.teaching.plotting_timecourses.panels_figure` for
        blockade (fraction), endorphin tone and net signalling (untreated = 1) against weeks; the summary compares
        the last week's net signalling with 50 mg daily.
    """
    panels = tuple(panels)
    if not panels or len(set(panels)) != len(panels) or not set(panels) <= set(REBOUND_PANELS) \
            or "opioid_signaling" not in panels:
        raise ValueError(f"panels must be distinct names among {REBOUND_PANELS} including 'opioid_signaling', "
                         f"got {panels!r}")
    controls = {
        "dose_mg": dose_slider(dose_mg),
        "clock_h": dose_clock_slider(),
        "release_gain": float_slider(1.0, 0.0, 5.0, 0.1, "release gain (illustrative)", ".1f"),
        "receptor_gain": float_slider(1.0, 0.0, 5.0, 0.1, "receptor gain (illustrative)", ".1f"),
        "upregulation_days": float_slider(3.0, 0.5, 30.0, 0.5, "up-regulation time constant (days, illustrative)",
                                          ".1f"),
        "weeks": int_slider(weeks, 1, 12, "weeks shown"),
        "receptor": structure_dropdown(),
    }

    def simulate_at(settings, dose_mg):
        rebound = ReboundParameters(release_gain=settings["release_gain"], receptor_gain=settings["receptor_gain"],
                                    upregulation_time_constant_h=24.0 * settings["upregulation_days"])
        return simulate_weeks(dose_mg, settings["weeks"], settings["clock_h"], rebound=rebound,
                              receptor=settings["receptor"])

    def update_figure(artists, outputs, values):
        plotting.update_panels(artists, *outputs)
        plotting.set_panels_label(artists, f"{values['dose_mg']:.2g} mg daily")

    def summary(outputs, values):
        result, reference = outputs
        mine = daily_means(result.t_h, result.opioid_signaling)[-7:].mean()
        theirs = daily_means(reference.t_h, reference.opioid_signaling)[-7:].mean()
        hours = hours_above_per_day(result.t_h, result.mor_occupancy, 0.5)[-1]
        return (f"<b>net signalling, last week:</b> {mine:.2f} at {values['dose_mg']:.2g} mg, {theirs:.2f} at 50 mg "
                f"(untreated = 1.00) &nbsp; <b>hours above 50 % blockade, last day:</b> {hours:.1f}")

    return ExplorerDeclaration(
        controls=controls, run=chosen_and_reference(simulate_at, "dose_mg", REFERENCE_DOSE_MG),
        build_figure=lambda outputs, values: plotting.panels_figure(
            outputs[0], list(panels), outputs[1], daily=("opioid_signaling",)),
        update_figure=update_figure, summary=summary,
        description=(f'{_joined(_PANEL_WORDS[name] for name in panels)} over the weeks shown, the chosen dose '
                     'coloured and 50 mg grey dashed, daily means of signalling in bold; net signalling below.'),
    ).explorer()


def tlr4_explorer(dose_mg: float = 4.5, weeks: int = 12) -> Explorer:
    """Dose and a what-if TLR4 potency → TLR4 inhibition, microglial activation and sensitisation over weeks.

    The potency slider starts at the default, the potency calibrated to the trials (nanomolar); the measured TLR4
    potency of (+)-naltrexone (:data:`ldnmodels.model.inflammation.MEASURED_TLR4_IC50_UM`, 100 µM) is far to the right.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    weeks : int
        Weeks shown at first (the slider spans 1–24).

    Returns
    -------
    Explorer
        Controls ``dose_mg``, ``ic50_um`` (a log slider over 0.0001–1000 µM) and ``weeks``; its artists are those of
        :func:`~ldnmodels.teaching.plotting_timecourses.panels_figure` for TLR4 inhibition (fraction), microglial
        activation and sensitisation (untreated = 1) against weeks; the summary puts the peak plasma level (nM)
        beside the IC50.
    """
    sourced_ic50_um = InflammationParameters().tlr4_ic50_um
    controls = {
        "dose_mg": dose_slider(dose_mg),
        "ic50_um": log_slider(sourced_ic50_um, 1e-4, 1e3, "microglial IC50 (µM)"),
        "weeks": int_slider(weeks, 1, 24, "weeks shown"),
    }

    def simulate_at(settings, dose_mg):
        inflammation = InflammationParameters(tlr4_ic50_um=settings["ic50_um"])
        return simulate_weeks(dose_mg, settings["weeks"], 21.0, inflammation=inflammation)

    def update_figure(artists, outputs, values):
        plotting.update_panels(artists, *outputs)
        plotting.set_legend_label(artists, "tlr4_inhibition", f"{values['dose_mg']:.2g} mg daily")

    def summary(outputs, values):
        result, _reference = outputs
        peak_um = result.naltrexone_ng_ml.max() / NALTREXONE_BASE_G_PER_MOL
        return (f"<b>peak plasma naltrexone</b> {1000 * peak_um:.3g} nM = IC50 / {values['ic50_um'] / peak_um:,.0f} "
                f"&nbsp; <b>mean TLR4 blocked</b> {result.tlr4_inhibition.mean():.2%} &nbsp; "
                f"<b>sensitisation at the end</b> {result.sensitization[-1]:.3f}"
                + (" &nbsp; <i>(the default: calibrated to the trials, not measured)</i>"
                   if np.isclose(values["ic50_um"], sourced_ic50_um) else
                   " &nbsp; <i>(near the measured TLR4 potency)</i>" if values["ic50_um"] >= 1.0 else
                   " &nbsp; <i>(a what-if potency)</i>"))

    return ExplorerDeclaration(
        controls=controls, run=chosen_and_reference(simulate_at, "dose_mg", REFERENCE_DOSE_MG),
        build_figure=lambda outputs, values: plotting.panels_figure(
            outputs[0], ["tlr4_inhibition", "microglial_activation", "sensitization"], outputs[1], daily=(),
            unit="weeks"),
        update_figure=update_figure, summary=summary,
        description=('TLR4 inhibition, microglial activation and sensitisation over the weeks shown, the chosen '
                     'dose coloured and 50 mg grey dashed; the potency gap in numbers below.'),
    ).explorer()


def symptoms_explorer(dose_mg: float = 4.5, weeks: int = 12) -> Explorer:
    """Both mechanisms together, each switchable, with the blockade from a receptor structure or the theory's picture.

    Shows opioid signalling, sensitisation and the conceptual pain score; the summary gives the
    weeks to a 30 % reduction of the daily pain score.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    weeks : int
        Weeks simulated and shown (fixed: no control changes them).

    Returns
    -------
    Explorer
        Controls ``dose_mg``, ``blockade`` (:data:`BLOCKADE_CHOICES`), ``theory_hours``, ``rebound_on``, ``tlr4_on``,
        ``ic50_um`` and ``receptor``; its artists are those of
        :func:`~ldnmodels.teaching.plotting_timecourses.panels_figure` for blockade, net signalling, sensitisation
        and the conceptual pain score (0–10) against weeks, beside the untreated run.
    """
    controls = {
        "dose_mg": dose_slider(dose_mg),
        "blockade": dropdown(BLOCKADE_CHOICES, BLOCKADE_CHOICES[0], "blockade"),
        "theory_hours": float_slider(5.0, 0.0, 24.0, 0.5, "theory: hours blocked a day", ".1f"),
        "rebound_on": widgets.Checkbox(value=True, description="endorphin rebound"),
        "tlr4_on": widgets.Checkbox(value=True, description="microglia / TLR4"),
        "ic50_um": log_slider(InflammationParameters().tlr4_ic50_um, 1e-4, 1e3, "microglial IC50 (µM)"),
        "receptor": structure_dropdown(),
    }
    hours = 168.0 * weeks
    untreated = simulate(Regimen(), hours=hours, step_h=WEEKS_STEP_H)

    def run(values):
        symptoms = SymptomParameters(
            opioid_weight=SymptomParameters().opioid_weight if values["rebound_on"] else 0.0,
            sensitization_exponent=SymptomParameters().sensitization_exponent if values["tlr4_on"] else 0.0)
        inflammation = InflammationParameters(tlr4_ic50_um=values["ic50_um"])
        result = simulate_weeks(values["dose_mg"], weeks, 21.0, inflammation=inflammation, symptoms=symptoms,
                                receptor=values["receptor"])
        if values["blockade"] == BLOCKADE_CHOICES[1]:
            result = theory_blockade(result, values["theory_hours"])
        return result

    def update_figure(artists, result, values):
        plotting.update_panels(artists, result, untreated)
        plotting.set_panels_label(artists, f"{values['dose_mg']:.2g} mg daily")

    def summary(result, values):
        weeks_needed = weeks_to_reduction(result.t_h, result.pain_nrs, 0.3, baseline=result.symptoms.baseline_pain_nrs)
        when = f"{weeks_needed:.1f} weeks" if np.isfinite(weeks_needed) else f"not within {weeks} weeks"
        last = daily_means(result.t_h, result.pain_nrs)[-7:].mean()
        return (f"<b>30 % lower pain score:</b> {when} &nbsp; <b>mean score, last week:</b> {last:.2f} / 10 "
                f"(untreated {result.symptoms.baseline_pain_nrs:g}) &nbsp; <i>conceptual score, not a prediction</i>")

    return ExplorerDeclaration(
        controls=controls, run=run,
        # built without the reference, as this explorer always was: its legend entry keeps no line swatch
        build_figure=lambda result, values: plotting.panels_figure(
            result, ["mor_occupancy", "opioid_signaling", "sensitization", "pain_nrs"], None, unit="weeks",
            reference_label="untreated"),
        update_figure=update_figure, summary=summary,
        description=('blockade, net opioid signalling, sensitisation and the conceptual pain score over twelve '
                     'weeks, the chosen settings coloured and untreated grey dashed, daily means in bold; weeks '
                     'to a 30 % reduction below.'),
    ).explorer()
