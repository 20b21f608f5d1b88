"""Explorers of LDN in practice (notebooks 06 and 07): titration, dose timing, adherence, an opioid painkiller
taken alongside, and liver function."""
from __future__ import annotations

import numpy as np

from ..analyses.side_effects import SideEffectParameters, side_effects
from ..analyses.titration import HOLD_INDICES, TitrationPlan, titrate_with_hold
from ..model.opioids import OpioidCoMedication
from ..model.pharmacokinetics import PKParameters
from ..model.regimen import Regimen, clock_text
from ..model.simulation import simulate
from ..model.structures import STRUCTURES
from . import plotting
from .explorer import (
    STEP_H,
    WEEKS_STEP_H,
    Explorer,
    ExplorerDeclaration,
    chosen_and_reference,
    clock_slider,
    dose_clock_slider,
    dose_slider,
    dropdown,
    float_slider,
    int_slider,
    log_slider,
    structure_dropdown,
)

__all__ = ["RECEPTOR_MODELS", "titration_explorer", "timing_explorer", "adherence_explorer", "opioid_explorer",
           "liver_explorer"]

#: Receptor structures offered where timing matters (names of :func:`ldnmodels.receptor_structures`).
RECEPTOR_MODELS = tuple(cls.name for cls in STRUCTURES)
#: The titration explorer's "hold" option meaning no hold rule.
NO_HOLD_RULE = "no hold rule"
#: Clock time of the reference dosing in the timing explorer, h after midnight.
EVENING_CLOCK_H = 21.0


def titration_explorer(weeks: int = 6) -> Explorer:
    """A custom titration (start, step, target, days per step, clock time, optional hold rule) beside the
    default 1.5 → 3 → 4.5 mg plan: daily dose, blockade and the nightly vivid-dream index.

    Parameters
    ----------
    weeks : int
        Weeks simulated and shown (fixed: no control changes them).

    Returns
    -------
    Explorer
        Controls ``start_mg``, ``step_mg``, ``target_mg``, ``days_per_step``, ``clock_h``, ``hold`` and
        ``threshold``; its artists are those of :func:`~ldnmodels.teaching.plotting_regimens.schedules_figure`
        for "your schedule" and "default 1.5/3/4.5 mg"; the summary gives the side-effect indices of both.
    """
    controls = {
        "start_mg": float_slider(0.75, 0.25, 6.0, 0.25, "start (mg)"),
        "step_mg": float_slider(0.75, 0.25, 3.0, 0.25, "step (mg)"),
        "target_mg": float_slider(4.5, 0.5, 6.0, 0.25, "target (mg)"),
        "days_per_step": int_slider(7, 1, 14, "days per step"),
        "clock_h": dose_clock_slider(),
        "hold": dropdown((NO_HOLD_RULE,) + HOLD_INDICES, NO_HOLD_RULE, "hold when"),
        "threshold": float_slider(0.33, 0.0, 0.6, 0.01, "index above", ".2f"),
    }
    total_days = 7 * weeks
    default_result = simulate(TitrationPlan.default().regimen(total_days), hours=24.0 * total_days, step_h=STEP_H)
    default = (default_result, side_effects(default_result))

    def run(values):
        start = min(values["start_mg"], values["target_mg"])
        plan = TitrationPlan(start_mg=start, step_mg=values["step_mg"], target_mg=values["target_mg"],
                             days_per_step=values["days_per_step"], clock_h=values["clock_h"])
        if values["hold"] == NO_HOLD_RULE:
            # a plan too slow for the run is shown as far as it gets (the explorer never errors)
            regimen = Regimen.titration(list(plan.steps_mg), plan.days_per_step, total_days, plan.clock_h)
        else:
            regimen = titrate_with_hold(plan, total_days, values["hold"], values["threshold"]).regimen
        result = simulate(regimen, hours=24.0 * total_days, step_h=STEP_H)
        return result, side_effects(result)

    def schedules(chosen):
        return {"your schedule": chosen, "default 1.5/3/4.5 mg": default}

    def summary(chosen, values):
        (result, effects), (_, base) = chosen, default
        return (f"<b>your schedule:</b> vivid dreams {effects.vivid_dreams:.0%}, "
                f"headache/nausea {effects.headache:.0%}, flare index {effects.flare:.2f}, "
                f"reaches {max(result.regimen.doses_mg):g} mg &nbsp; "
                f"<b>default:</b> {base.vivid_dreams:.0%}, {base.headache:.0%}, {base.flare:.2f} "
                f"&nbsp; <i>conceptual indices</i>")

    return ExplorerDeclaration(
        controls=controls, run=run,
        build_figure=lambda chosen, values: plotting.schedules_figure(schedules(chosen)),
        update_figure=lambda artists, chosen, values: plotting.update_schedules(artists, schedules(chosen)),
        summary=summary,
        description=('daily dose, blockade and the nightly vivid-dream index over six weeks for your schedule '
                     'and the default 1.5/3/4.5 mg plan; side-effect indices below.'),
    ).explorer()


def timing_explorer(dose_mg: float = 4.5, days: int = 14) -> Explorer:
    """Dose clock time (any hour), night window and receptor structure → the last day against the clock,
    beside 21:00 dosing of the same dose, with hours of blockade in the night and the vivid-dream index.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    days : int
        Days of daily dosing simulated (fixed); the last is shown.

    Returns
    -------
    Explorer
        Controls ``clock_h`` (starting at 07:00), ``dose_mg``, ``night_start``, ``night_end`` and ``model`` (a
        receptor structure); its artists are those of
        :func:`~ldnmodels.teaching.plotting_regimens.day_profile_figure` against the clock (0–24 h), the 21:00
        dose being the reference; the summary gives the last night's hours above 50 % blockade.
    """
    controls = {
        "clock_h": dose_clock_slider(7.0),
        "dose_mg": dose_slider(dose_mg),
        "night_start": clock_slider(22.0, 18.0, 23.5, "night from"),
        "night_end": clock_slider(6.0, 4.0, 10.0, "night until"),
        "model": structure_dropdown(),
    }

    def simulate_at(settings, clock_h):
        return simulate(Regimen.daily(settings["dose_mg"], days=days, clock_h=clock_h), hours=24.0 * days,
                        step_h=STEP_H, receptor=settings["model"])

    def update_figure(artists, outputs, values):
        plotting.update_day_profile(artists, *outputs, (values["night_start"], values["night_end"]))
        plotting.set_legend_label(artists, "mor_occupancy", f"dose at {clock_text(values['clock_h'])}")

    def summary(outputs, values):
        params = SideEffectParameters(night_start_clock_h=values["night_start"], night_end_clock_h=values["night_end"])
        mine, base = (side_effects(result, params) for result in outputs)
        return (f"<b>last night, hours above 50 % blockade:</b> {mine.night_blockade_hours[-1]:.1f} "
                f"(21:00 dosing: {base.night_blockade_hours[-1]:.1f}) &nbsp; <b>vivid-dream index:</b> "
                f"{mine.vivid_dreams:.0%} (21:00: {base.vivid_dreams:.0%}) &nbsp; <i>model consequences, "
                f"not trial results</i>")

    return ExplorerDeclaration(
        # the 21:00 run ignores the night window: moving it costs no simulation
        controls=controls, run=chosen_and_reference(simulate_at, "clock_h", EVENING_CLOCK_H, ("dose_mg", "model")),
        # built without the reference, as this explorer always was: its legend entry keeps no line swatch
        build_figure=lambda outputs, values: plotting.day_profile_figure(
            outputs[0], None, (values["night_start"], values["night_end"]), reference_label="dose at 21:00"),
        update_figure=update_figure, summary=summary,
        description=('the last day against the clock: blockade, endorphin release and net signalling for the '
                     'chosen dose time (coloured) and 21:00 (grey dashed), with the night shaded; night hours of '
                     'blockade below.'),
    ).explorer()


def adherence_explorer(dose_mg: float = 4.5, weeks: int = 4) -> Explorer:
    """Missed doses (random, seeded) and compounded-dose variation → blockade and net signalling,
    beside taking every dose exactly.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    weeks : int
        Weeks of daily dosing simulated and shown (fixed).

    Returns
    -------
    Explorer
        Controls ``dose_mg``, ``missed`` (fraction of doses, 0–1), ``variation`` (capsule content ± fraction,
        0–0.5) and ``seed``; its artists are those of :func:`~ldnmodels.teaching.plotting_timecourses.panels_figure`
        for blockade and net signalling against days, "as taken" beside "every dose, exact".
    """
    controls = {
        "dose_mg": dose_slider(dose_mg),
        "missed": float_slider(0.2, 0.0, 1.0, 0.05, "missed doses (fraction)"),
        "variation": float_slider(0.1, 0.0, 0.5, 0.05, "capsule content ± (fraction)"),
        "seed": int_slider(0, 0, 20, "random seed"),
    }
    days = 7 * weeks
    week_steps = int(168 / WEEKS_STEP_H)

    def run(values):
        exact = Regimen.daily(values["dose_mg"], days=days)
        as_taken = (exact.with_missed_doses(values["missed"], seed=values["seed"])
                    .with_content_variation(min(values["variation"], 0.99), seed=values["seed"]))
        return (simulate(as_taken, hours=24.0 * days, step_h=WEEKS_STEP_H),
                simulate(exact, hours=24.0 * days, step_h=WEEKS_STEP_H))

    def summary(outputs, values):
        result, reference = outputs
        return (f"<b>doses taken:</b> {len(result.regimen)} of {days} &nbsp; <b>mean blockade, last week:</b> "
                f"{result.mor_occupancy[-week_steps:].mean():.0%} "
                f"(exact: {reference.mor_occupancy[-week_steps:].mean():.0%}) &nbsp; "
                f"<b>lowest blockade after day 3:</b> {result.mor_occupancy[int(72 / WEEKS_STEP_H):].min():.0%}")

    return ExplorerDeclaration(
        controls=controls, run=run,
        build_figure=lambda outputs, values: plotting.panels_figure(
            outputs[0], ["mor_occupancy", "opioid_signaling"], outputs[1], label="as taken",
            reference_label="every dose, exact", daily=("opioid_signaling",)),
        update_figure=lambda artists, outputs, values: plotting.update_panels(artists, *outputs),
        summary=summary,
        description=('blockade and net signalling over the weeks shown with doses missed and capsule variation '
                     '(coloured) against every dose taken exactly (grey dashed); doses taken and lowest blockade '
                     'below.'),
    ).explorer()


def opioid_explorer(weeks: int = 2) -> Explorer:
    """An opioid painkiller taken throughout, and naltrexone started on day 1 → the share of receptors
    the opioid holds (analgesia), beside the opioid alone.

    Parameters
    ----------
    weeks : int
        Weeks simulated and shown (fixed).

    Returns
    -------
    Explorer
        Controls ``dose_mg``, ``opioid`` (morphine or oxycodone) and ``level`` (its plasma level, 1–300 ng/mL);
        its artists are those of :func:`~ldnmodels.teaching.plotting_timecourses.panels_figure` for the receptors
        held by the opioid and blocked by naltrexone (fractions) against days, beside the opioid alone.
    """
    controls = {
        "dose_mg": dose_slider(4.5),
        "opioid": dropdown(("morphine", "oxycodone"), "morphine", "opioid"),
        "level": log_slider(20.0, 1.0, 300.0, "opioid plasma level (ng/mL)"),
    }
    days = 7 * weeks
    steps_to_first_dose = int(round(21.0 / STEP_H))

    def simulate_with(values, regimen):
        opioid = getattr(OpioidCoMedication, values["opioid"])(plasma_ng_ml=values["level"])
        return simulate(regimen, hours=24.0 * days, step_h=STEP_H, opioid=opioid)

    def update_figure(artists, outputs, values):
        plotting.update_panels(artists, *outputs)
        plotting.set_legend_label(artists, "agonist_occupancy", f"with naltrexone {values['dose_mg']:.2g} mg daily")

    def summary(outputs, values):
        result, alone = outputs
        base = alone.agonist_occupancy[-1]
        after_6h = result.agonist_occupancy[steps_to_first_dose + int(6 / STEP_H)]
        return (f"<b>receptors held by the opioid:</b> {base:.0%} alone, {after_6h:.0%} six hours after the first "
                f"naltrexone dose, {result.agonist_occupancy[-1]:.0%} at the end &nbsp; <b>analgesia kept:</b> "
                f"{result.agonist_occupancy[-1] / base:.0%} (if analgesia follows occupancy)")

    return ExplorerDeclaration(
        controls=controls,
        run=lambda values: (simulate_with(values, Regimen.daily(values["dose_mg"], days=days)),
                            simulate_with(values, Regimen())),
        build_figure=lambda outputs, values: plotting.panels_figure(
            outputs[0], ["agonist_occupancy", "mor_occupancy"], outputs[1], reference_label="opioid alone",
            daily=()),
        update_figure=update_figure, summary=summary,
        description=('the share of receptors held by the opioid and blocked by naltrexone over the weeks shown, '
                     'with naltrexone (coloured) and the opioid alone (grey dashed); analgesia kept below.'),
    ).explorer()


def liver_explorer(dose_mg: float = 4.5, days: int = 14) -> Explorer:
    """Liver function as naltrexone exposure (1–10× normal) → plasma naltrexone, 6β-naltrexol and blockade,
    beside normal liver function; then stopping the drug shows how long blockade lasts.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    days : int
        Days of daily dosing (fixed); a week without follows.

    Returns
    -------
    Explorer
        Controls ``dose_mg`` and ``exposure`` (× normal, 1–10); its artists are those of
        :func:`~ldnmodels.teaching.plotting_timecourses.panels_figure` for plasma naltrexone and 6β-naltrexol
        (ng/mL) and blockade (fraction) against days, beside a normal liver.
    """
    controls = {
        "dose_mg": dose_slider(dose_mg),
        "exposure": float_slider(5.0, 1.0, 10.0, 0.5, "naltrexone exposure (× normal)", ".1f"),
    }
    hours = 24.0 * (days + 7)  # a week after the last dose shows how long blockade lasts
    steps_per_day = int(round(24.0 / STEP_H))
    last_dosing_day = slice((days - 1) * steps_per_day, days * steps_per_day)

    def simulate_at(settings, exposure):
        pk = PKParameters(hepatic_exposure_factor=exposure)
        return simulate(Regimen.daily(settings["dose_mg"], days=days), hours=hours, step_h=STEP_H, pk=pk)

    def update_figure(artists, outputs, values):
        plotting.update_panels(artists, *outputs)
        plotting.set_legend_label(artists, "naltrexone_ng_ml", f"exposure × {values['exposure']:g}")

    def hours_above_80_percent(result) -> float:
        return float(np.count_nonzero(result.mor_occupancy[last_dosing_day] > 0.8) * STEP_H)

    def summary(outputs, values):
        result, reference = outputs
        return (f"<b>peak naltrexone:</b> {result.naltrexone_ng_ml.max():.2g} vs "
                f"{reference.naltrexone_ng_ml.max():.2g} ng/mL &nbsp; "
                f"<b>hours above 80 % blockade on the last dosing day:</b> "
                f"{hours_above_80_percent(result):.1f} vs {hours_above_80_percent(reference):.1f} &nbsp; "
                f"<b>blockade 7 days after stopping:</b> {result.mor_occupancy[-1]:.0%} vs "
                f"{reference.mor_occupancy[-1]:.0%}")

    return ExplorerDeclaration(
        controls=controls,
        run=chosen_and_reference(simulate_at, "exposure", 1.0, ("dose_mg",)),
        build_figure=lambda outputs, values: plotting.panels_figure(
            outputs[0], ["naltrexone_ng_ml", "naltrexol_ng_ml", "mor_occupancy"], outputs[1],
            reference_label="normal liver", daily=()),
        update_figure=update_figure, summary=summary,
        description=('plasma naltrexone, 6β-naltrexol and blockade with the chosen liver exposure (coloured) '
                     'against a normal liver (grey dashed), dosing then a week without; numbers below.'),
    ).explorer()
