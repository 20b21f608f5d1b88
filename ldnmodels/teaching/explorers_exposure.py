"""Explorers of exposure (notebooks 01 and 02): a dose regimen → plasma levels, and → receptor blockade."""
from __future__ import annotations

from ..analyses.ensembles import ensemble
from ..core.metrics import hours_above_per_day
from ..model.pharmacokinetics import PKParameters
from ..model.regimen import Regimen
from ..model.simulation import SimulationResult, simulate
from ..model.structures import DEFAULT_STRUCTURE, structure_name
from . import plotting
from .explorer import (
    REFERENCE_DOSE_MG,
    STEP_H,
    Explorer,
    ExplorerDeclaration,
    dose_clock_slider,
    dose_slider,
    dropdown,
    float_slider,
    int_slider,
    structure_dropdown,
)

__all__ = ["REGIMEN_CHOICES", "regimen_from_choice", "regimen_controls", "plasma_explorer", "blockade_explorer"]

#: The regimen dropdown. Titration climbs weekly in thirds of the chosen dose (1.5 → 3 → 4.5 mg at 4.5 mg,
#: 2 → 4 → 6 mg at 6 mg); the label says so rather than naming the 4.5 mg plan's steps.
REGIMEN_CHOICES = ("daily", "single", "titration: ⅓ → ⅔ → full dose, weekly")


def regimen_from_choice(choice: str, dose_mg: float, days: int, clock_h: float) -> Regimen:
    """The regimen a dropdown choice means.

    ``"titration …"`` steps up weekly through a third, two thirds and all of ``dose_mg`` (1.5 → 3 → 4.5 mg for
    4.5 mg).

    Parameters
    ----------
    choice : str
        One of :data:`REGIMEN_CHOICES`.
    dose_mg : float
        The (full) dose, mg naltrexone HCl.
    days : int
        Days of dosing (ignored for a single dose).
    clock_h : float
        Clock time of each dose, h after midnight.

    Returns
    -------
    Regimen
        Doses of mg naltrexone HCl at ``clock_h``: one dose on day 1, ``dose_mg`` every day for ``days`` days, or
        weekly steps of a third, two thirds and all of ``dose_mg`` (the last held) over ``days`` days.

    Raises
    ------
    ValueError
        If ``choice`` is not one of :data:`REGIMEN_CHOICES`.
    """
    if choice == "single":
        return Regimen.single(dose_mg, at_h=clock_h)
    if choice == "daily":
        return Regimen.daily(dose_mg, days=days, clock_h=clock_h)
    if choice.startswith("titration"):
        steps = [dose_mg / 3.0, 2.0 * dose_mg / 3.0, dose_mg]
        return Regimen.titration(steps, days_per_step=7, total_days=days, clock_h=clock_h)
    raise ValueError(f"choice must be one of {REGIMEN_CHOICES}, got {choice!r}")


def regimen_controls(dose_mg: float, days: int, choice: str = "daily") -> dict:
    """Dose (mg), regimen choice, dose clock time and days shown: the controls of a regimen.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of :data:`~ldnmodels.teaching.explorer.CLINICAL_DOSES_MG`.
    days : int
        Days shown at first; the slider spans 1–28 and clips other values.
    choice : str
        Starting regimen, one of :data:`REGIMEN_CHOICES`.

    Returns
    -------
    dict of str -> ipywidgets.ValueWidget
        ``"dose_mg"``, ``"regimen"``, ``"clock_h"`` (starting at 21:00) and ``"days"``, in that order: the
        control values :func:`regimen_from_choice` takes.

    Raises
    ------
    ValueError
        If ``dose_mg`` is not a clinical dose.
    """
    return {
        "dose_mg": dose_slider(dose_mg),
        "regimen": dropdown(REGIMEN_CHOICES, choice, "regimen"),
        "clock_h": dose_clock_slider(),
        "days": int_slider(days, 1, 28, "days shown"),
    }


def simulate_choice(values: dict, dose_mg: float, pk: PKParameters, receptor) -> SimulationResult:
    """The regimen the controls choose, at ``dose_mg`` (mg), simulated over the days shown; the receptor structure
    is the control's if there is one, else ``receptor``."""
    regimen = regimen_from_choice(values["regimen"], dose_mg, values["days"], values["clock_h"])
    receptor = values.get("receptor", receptor)
    return simulate(regimen, hours=24.0 * values["days"], step_h=STEP_H, pk=pk, receptor=receptor)


def chosen_and_standard(values: dict, pk: PKParameters, receptor) -> tuple[SimulationResult, SimulationResult]:
    """The regimen the controls choose at the chosen dose and at the standard 50 mg (:func:`simulate_choice`)."""
    return (simulate_choice(values, values["dose_mg"], pk, receptor),
            simulate_choice(values, REFERENCE_DOSE_MG, pk, receptor))


def receptor_label(receptor) -> str:
    """A structure's name, whether ``receptor`` is a name or a parameter set."""
    return receptor if isinstance(receptor, str) else structure_name(receptor)


def plasma_explorer(dose_mg: float = 4.5, days: int = 7, pk: PKParameters | None = None,
                    receptor=DEFAULT_STRUCTURE) -> Explorer:
    """Dose, regimen, clock time and days → plasma curves, with 50 mg on the same regimen for comparison.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    days : int
        Days shown at first (the slider spans 1–28).
    pk : PKParameters, optional
        Pharmacokinetics (default: the package's).
    receptor : str or receptor parameter set
        Receptor structure of the simulations (no control changes it here).

    Returns
    -------
    Explorer
        Controls ``dose_mg``, ``regimen``, ``clock_h`` and ``days`` (:func:`regimen_controls`); its artists are
        those of :func:`~ldnmodels.teaching.plotting_timecourses.plasma_figure` (concentrations in ng/mL against
        days), and the summary gives both peaks in ng/mL.
    """
    pk = PKParameters() if pk is None else pk

    def run(values):
        return chosen_and_standard(values, pk, receptor)

    def update_figure(artists, outputs, values):
        plotting.update_plasma(artists, *outputs)
        plotting.set_legend_label(artists, "naltrexone", f"{values['dose_mg']:.2g} mg")

    def summary(outputs, values):
        result, _reference = outputs
        return (f"<b>peak naltrexone</b> {result.naltrexone_ng_ml.max():.3g} ng/mL &nbsp; "
                f"<b>peak 6β-naltrexol</b> {result.naltrexol_ng_ml.max():.3g} ng/mL")

    return ExplorerDeclaration(
        controls=regimen_controls(dose_mg, days), run=run,
        build_figure=lambda outputs, values: plotting.plasma_figure(*outputs),
        update_figure=update_figure, summary=summary,
        description=('plasma naltrexone (left) and 6β-naltrexol (right) on a log scale over the days shown, the '
                     'chosen dose coloured and 50 mg on the same schedule grey dashed; key numbers below.'),
    ).explorer()


def blockade_explorer(dose_mg: float = 4.5, days: int = 7, level: float = 0.5, pk: PKParameters | None = None,
                      receptor=DEFAULT_STRUCTURE, band_draws: int = 4) -> Explorer:
    """Dose, regimen, clock time, days, a blockade level and a receptor structure → blockade over time, the band of
    every structure that fits (with ``band_draws`` parameter draws each), and hours per day above the level.

    Parameters
    ----------
    dose_mg : float
        Starting dose, mg naltrexone HCl; one of the clinical doses (0.5 … 100 mg), else ``ValueError``.
    days : int
        Days shown at first (the slider spans 1–28).
    level : float
        Starting blockade level, a share of receptors; the slider spans 0.05–0.95 in steps of 0.05.
    pk : PKParameters, optional
        Pharmacokinetics (default: the package's).
    receptor : str or receptor parameter set
        Starting receptor structure; a parameter set is offered as "your parameters".
    band_draws : int
        Parameter draws per structure in the band (each draw is one more simulation per change).

    Returns
    -------
    Explorer
        Controls ``dose_mg``, ``regimen``, ``clock_h``, ``days``, ``level`` and ``receptor``; its artists are those
        of :func:`~ldnmodels.teaching.plotting_timecourses.blockade_figure` (blockade as a fraction, 0–1, against
        days), and the summary gives the hours per day above the level.
    """
    pk = PKParameters() if pk is None else pk
    controls = regimen_controls(dose_mg, days)
    controls["level"] = float_slider(level, 0.05, 0.95, 0.05, "blockade level", readout_format=".0%")
    controls["receptor"] = structure_dropdown(receptor)

    def run(values):
        regimen = regimen_from_choice(values["regimen"], values["dose_mg"], values["days"], values["clock_h"])
        band = ensemble(regimen, hours=24.0 * values["days"], step_h=STEP_H, n_draws=band_draws, pk=pk)
        return (*chosen_and_standard(values, pk, receptor), band.band("mor_occupancy"))

    def build_figure(outputs, values):
        result, reference, band = outputs
        return plotting.blockade_figure(result, values["level"], reference, band=band)

    def update_figure(artists, outputs, values):
        result, reference, band = outputs
        plotting.update_blockade(artists, result, values["level"], reference, band)
        plotting.set_legend_label(artists, "occupancy",
                                  f"{values['dose_mg']:.2g} mg ({receptor_label(values['receptor'])})")

    def summary(outputs, values):
        result, _reference, (low, high) = outputs
        hours = hours_above_per_day(result.t_h, result.mor_occupancy, values["level"])
        per_day = ", ".join(f"{h:.1f}" for h in hours)
        return (f"<b>hours per day above {values['level']:.0%} ({receptor_label(values['receptor'])}):</b> "
                f"{per_day} &nbsp; <b>blockade at the end:</b> {result.mor_occupancy[-1]:.0%} (band of the "
                f"structures that fit: {low[-1]:.0%}–{high[-1]:.0%})")

    return ExplorerDeclaration(
        controls=controls, run=run, build_figure=build_figure, update_figure=update_figure, summary=summary,
        description=('the share of brain mu receptors blocked over the days shown for the chosen structure and dose '
                     '(green) and 50 mg (grey dashed), the grey band spanning every structure that fits the data, '
                     'the chosen level dotted with the time above it shaded; hours above it per day below.'),
    ).explorer()
