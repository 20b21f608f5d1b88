"""Figures that compare the receptor structures: fits to the data, bands, and the decisive scan.

Builders return ``(figure, artists)``; ``update_*`` functions point the artists at new data
(explorers call them, then redraw). The style is :mod:`ldnmodels.teaching.plotting_style`'s.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..analyses.ensembles import Ensemble, FitCurves, ScanTimes
from .plotting_style import (
    COLORS,
    PERCENT_AXIS,
    SERIES_COLORS,
    failure_label,
    reference_line,
    reference_linewidth,
    style,
)

__all__ = ["STRUCTURE_COLORS", "STRUCTURE_LINESTYLES", "structure_look", "structure_fits_figure", "band_figure",
           "update_band", "scan_time_figure", "dose_response_figure"]

#: One colour per structure (Okabe–Ito), the same in every figure.
STRUCTURE_COLORS = {"two_phase": "#009E73", "binding": "#0072B2", "biophase": "#E69F00", "tissue": "#CC79A7",
                    "direct": "#595959"}
#: And one line style: the colours of two_phase, binding and biophase have about the same lightness, so in greyscale
#: (and for some colour-blind viewers) only the style tells them apart (:mod:`ldnmodels.teaching.readability`).
STRUCTURE_LINESTYLES = {"two_phase": "-", "binding": "--", "biophase": "-.", "tissue": (0, (1, 1.2)),
                        "direct": (0, (6, 1.5, 1, 1.5, 1, 1.5))}


def structure_look(name: str) -> dict:
    """``color`` and ``linestyle`` of a structure's line (keyword arguments of ``Axes.plot``); a variant such as
    ``"direct, fitted to PET alone"`` is grey in its structure's style, anything else grey and solid."""
    base = name.split(",")[0].strip()
    return {"color": STRUCTURE_COLORS.get(name, COLORS["reference"]),
            "linestyle": STRUCTURE_LINESTYLES.get(name, STRUCTURE_LINESTYLES.get(base, "-"))}


def structure_fits_figure(curves: dict[str, FitCurves], pet_doses_mg, pet_occupancy, lee_time_h, lee_relative,
                          lee_sem):
    """Each structure against the two data sets it was fitted to.

    Left: occupancy within 8 h of one dose against dose (PET, Rabiner 2011). Right: blockade in the
    week after 50 mg relative to 1 h after the dose (Lee 1988, mean ± SEM).

    Parameters
    ----------
    curves : dict
        ``name -> FitCurves`` (:func:`ldnmodels.analyses.ensembles.fit_curves`), one per structure.
    pet_doses_mg, pet_occupancy : ndarray
        The PET data: single doses, mg naltrexone HCl, and the fraction of receptors blocked (0–1) 1–8 h after.
    lee_time_h, lee_relative, lee_sem : ndarray
        The decline after 50 mg: hours after the dose, blockade relative to 1 h after it, and its standard error
        (same unit).

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``artists[name]`` is ``(dose line, decline line)`` for each structure; and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(13, 5), layout="constrained")
        left, right = fig.subplots(1, 2)
        artists = {"axes": (left, right)}
        for name, curve in curves.items():
            look = structure_look(name)
            (dose_line,) = left.plot(curve.doses_mg, curve.pet_window, label=name, **look)
            (decline_line,) = right.plot(curve.t_h, curve.relative_blockade, label=name, **look)
            artists[name] = (dose_line, decline_line)
        left.plot(pet_doses_mg, pet_occupancy, "o", color=COLORS["data"], label="PET, Rabiner 2011")
        left.set_xscale("log")
        left.set_xticks([1, 2, 5, 10, 20, 50, 100], labels=["1", "2", "5", "10", "20", "50", "100"])
        left.set_xlabel("single dose (mg naltrexone HCl)")
        left.set_ylabel("mu receptors blocked\n(mean 1–8 h after the dose)")
        left.set_ylim(0, 1.02)
        left.yaxis.set_major_formatter(PERCENT_AXIS)
        left.set_title("dose and blockade within 8 h")
        right.errorbar(lee_time_h, lee_relative, yerr=lee_sem, fmt="o", color=COLORS["data"], capsize=4,
                       label="PET, Lee 1988 (± SEM)")
        right.set_xlim(0, 192)
        right.set_xticks([0, 24, 48, 72, 96, 120, 144, 168, 192])
        right.set_xlabel("hours after one 50 mg dose")
        right.set_ylabel("blockade relative to 1 h")
        right.set_ylim(0, 1.3)
        right.set_title("the week after 50 mg")
        left.legend(loc="upper left", fontsize="small")
        right.legend(loc="upper right", fontsize="small")
    return fig, artists


def band_figure(ensemble: Ensemble, output: str = "mor_occupancy", ylabel: str = "mu receptors blocked",
                percent: bool = True, days: float | None = None, reference: float | None = None,
                reference_label: str = "untreated", ylim: tuple | None = None, legend_loc: str = "best",
                people=None, unseen_above: str | None = None):
    """An output's envelope of fits over an ensemble (shaded) with each structure's point fit as a line.

    The envelope spans every member (each structure's point fit and parameter draws) at each time: it shows how far
    the fits disagree, not an interval with a stated probability.

    Parameters
    ----------
    ensemble : Ensemble
        The runs of every structure and parameter draw.
    output : str
        A result attribute.
    ylabel : str
        The y-axis label (with the output's unit).
    percent : bool
        Whether the output is a fraction (0–1) drawn as %, on a 0–100 % axis.
    days : float, optional
        Show only the last ``days`` days.
    reference : float, optional
        A level drawn as a dotted line (e.g. the untreated value), labelled ``reference_label``.
    ylim : (low, high), optional
        y-axis limits (default: 0–100 % for percentages, automatic otherwise).
    legend_loc : str
        Where the legend goes (matplotlib location).
    people : PeopleBand, optional
        A between-people band (:func:`ldnmodels.analyses.receptor_predictions.between_people_band`), drawn hatched
        in its structure's colour beside the envelope.
    unseen_above : str, optional
        With ``reference``: where a point fit rises above the reference, the highest such point gets this text as a
        failure label (:func:`~.plotting_style.failure_label`), e.g. ``"above untreated: no trial reports this"``.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"band"`` (a fill), one line per structure by name, ``"reference"`` (if drawn), ``"axes"``, and the
        ``"output"`` and ``"days"`` it was built with.
    """
    with style():
        fig = Figure(figsize=(12, 4.5), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": ax, "output": output, "days": days}
        low, high = ensemble.band(output)
        t_d = ensemble.t_h / 24.0
        members = sum(np.atleast_2d(getattr(run, output)).shape[0] for run in ensemble.members.values())
        artists["band"] = ax.fill_between(t_d, low, high, color=COLORS["reference"], alpha=0.3, linewidth=0,
                                          label=f"envelope of {members} fits ({len(ensemble.members)} structures "
                                                "× point fit and draws): not an interval")
        if people is not None:
            colour = structure_look(people.structure)["color"]
            artists["people"] = ax.fill_between(people.t_h / 24.0, people.low, people.high, facecolor="none",
                                                edgecolor=colour, hatch="//", linewidth=0.0,
                                                label=f"between people, {people.structure}: 90 % of "
                                                      f"{people.n_people} (bioavailability, clearance, potency)")
        for name, curve in ensemble.by_structure(output).items():
            (artists[name],) = ax.plot(t_d, curve, label=name, **structure_look(name))
        if reference is not None:
            artists["reference"] = reference_line(ax, reference, label=reference_label)
            if unseen_above is not None:
                shown = t_d >= t_d[-1] - days if days is not None else np.ones_like(t_d, dtype=bool)
                curves = ensemble.by_structure(output)
                name = max(curves, key=lambda n: curves[n][shown].max())
                index = int(np.argmax(np.where(shown, curves[name], -np.inf)))
                if curves[name][index] > reference:
                    artists["unseen"] = failure_label(ax, (t_d[index], curves[name][index]), unseen_above,
                                                      offset_points=(30, 18))
        ax.set_ylabel(ylabel)
        ax.set_xlabel("time (days from midnight before day 1)")
        if percent:
            ax.set_ylim(0, 1)
            ax.yaxis.set_major_formatter(PERCENT_AXIS)
        if ylim is not None:
            ax.set_ylim(*ylim)
        _days_window(ax, t_d, days)
        ax.legend(loc=legend_loc, fontsize="small")
    return fig, artists


def update_band(artists: dict, ensemble: Ensemble) -> None:
    """Point a band figure at a new ensemble with the same structures (no redraw).

    Parameters
    ----------
    artists : dict
        What :func:`band_figure` returned.
    ensemble : Ensemble
        The new runs, of the structures the figure was built with.
    """
    low, high = ensemble.band(artists["output"])
    t_d = ensemble.t_h / 24.0
    artists["band"].set_data(t_d, low, high)
    for name, curve in ensemble.by_structure(artists["output"]).items():
        artists[name].set_data(t_d, curve)
    _days_window(artists["axes"], t_d, artists["days"])


def _days_window(ax, t_d: np.ndarray, days: float | None) -> None:
    ax.set_xlim(t_d[-1] - days if days else 0.0, t_d[-1])


def scan_time_figure(scan: ScanTimes, ensemble: Ensemble, dose_clock_h: float):
    """The decisive experiment: blockade through a day of daily LDN per structure, and how well a scan at
    each time tells them apart.

    Parameters
    ----------
    scan : ScanTimes
        Blockade by structure and its separation, per hour after the dose
        (:func:`ldnmodels.analyses.ensembles.scan_time_separation`).
    ensemble : Ensemble
        The runs the scan came from (their spread is drawn as bands).
    dose_clock_h : float
        Clock time of the daily dose, hours (0–24).

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        One line per structure, ``"separation"``, ``"threshold"``, ``"best"`` (a vertical line), ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 7), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True)
        artists = {"axes": (top, bottom)}
        t_h = ensemble.t_h
        start = dose_clock_h + 24.0 * np.floor((t_h[-1] - 24.0 - dose_clock_h) / 24.0)
        window = (t_h >= start - 1e-9) & (t_h < start + 24.0 - 1e-9)
        for name, result in ensemble.members.items():
            look = structure_look(name)
            members = np.atleast_2d(result.mor_occupancy)[:, window]
            top.fill_between(scan.hours_after_dose, members.min(axis=0), members.max(axis=0), color=look["color"],
                             alpha=0.2, linewidth=0)
            (artists[name],) = top.plot(scan.hours_after_dose, scan.by_structure[name],
                                        label=f"{name} (band: its parameter draws)", **look)
        top.set_ylim(0, 1)
        top.yaxis.set_major_formatter(PERCENT_AXIS)
        top.set_ylabel("mu receptors blocked")
        top.set_title("a day of daily LDN at steady state, per structure")
        top.legend(loc="lower left", fontsize="small")
        (artists["separation"],) = bottom.plot(scan.hours_after_dose, scan.separation, color=COLORS["data"])
        artists["threshold"] = bottom.axhline(3.0, color=COLORS["reference"], linestyle=":",
                                              linewidth=reference_linewidth(), label="3 units: a clear answer")
        artists["best"] = bottom.axvline(scan.best_hours_after_dose, color=COLORS["naltrexol"], linestyle="--",
                                         label=f"best scan: {scan.best_hours_after_dose:.1f} h after the dose")
        bottom.set_ylim(0, max(3.5, float(scan.separation.max()) * 1.15))
        bottom.set_ylabel("difference between structures\n(in units of uncertainty)")
        bottom.set_xlabel("hours after the daily dose")
        bottom.set_xlim(0, 24)
        bottom.set_xticks(range(0, 25, 3))
        bottom.legend(loc="lower right", fontsize="small")
    return fig, artists


def dose_response_figure(responses: dict, ed50_mg: float, ed95_mg: float, posterior: dict | None = None):
    """The virtual population's drug-only benefit by daily dose, per receptor structure, beside the dose-finding study.

    Parameters
    ----------
    responses : dict
        ``{name: DoseResponse}`` (:func:`ldnmodels.analyses.evidence.population_dose_response`). Names of receptor
        structures get their colour; any other name (an alternative population) a grey dashed line.
    ed50_mg, ed95_mg : float
        The dose-finding study's effective doses, mg a day (Bruun-Plesner 2020), drawn as a shaded span.
    posterior : dict, optional
        ``{label: {dose_mg: (5 %, median, 95 %)}}`` of a hypothesis's posterior drug-only change, points
        (:func:`ldnmodels.analyses.hypotheses.dose_responses`), drawn as a band (90 %) and a dotted median, up to the
        highest dose of ``responses``.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        One line per structure (benefit = minus the change, pain points), ``"span"``, ``"axes"``, and ``"unseen"``
        (a failure label naming the dose of largest benefit of each line that falls before the highest dose).
    """
    with style():
        fig = Figure(figsize=(10, 5.5), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": ax}
        artists["span"] = ax.axvspan(ed50_mg, ed95_mg, color=COLORS["reference"], alpha=0.2,
                                     label=f"dose-finding study: ED50 {ed50_mg:g} mg to ED95 {ed95_mg:g} mg")
        highest = max(float(r.doses_mg[-1]) for r in responses.values())
        for index, (label, quantiles) in enumerate((posterior or {}).items()):
            doses = np.array([d for d in sorted(quantiles) if d <= highest])
            low, mid, high = (np.array([-quantiles[d][k] for d in doses]) for k in (2, 1, 0))
            colour = SERIES_COLORS[(index + 3) % len(SERIES_COLORS)]
            artists[f"posterior {label}"] = ax.fill_between(doses, low, high, color=colour, alpha=0.15, linewidth=0,
                                                            label=f"{label}: posterior 90 %")
            ax.plot(doses, mid, color=colour, linestyle=":", linewidth=2.5, label=f"{label}: posterior median")
        for name, response in responses.items():
            known = name in STRUCTURE_COLORS
            look = structure_look(name) if known else {"color": COLORS["reference"], "linestyle": "--"}
            (artists[name],) = ax.plot(response.doses_mg, -response.mean_change_nrs, marker="o" if known else "s",
                                       label=f"model, {name}", **look)
        reference_line(ax, 0.0)
        largest = {name: float(r.doses_mg[int(np.argmax(-r.mean_change_nrs))]) for name, r in responses.items()}
        falling = {name: dose for name, dose in largest.items() if dose < float(responses[name].doses_mg[-1])}
        if falling:
            first = next(iter(falling))
            at_ed50 = float(np.interp(ed50_mg, responses[first].doses_mg, -responses[first].mean_change_nrs))
            artists["unseen"] = failure_label(
                ax, (ed50_mg, at_ed50), "these lines do not rise to the study's ED50; largest at\n"
                + ", ".join(f"{dose:g} mg ({name.split(' (')[0]})" for name, dose in falling.items()),
                offset_points=(-260, -70))
        ax.set_xlabel("daily dose (mg naltrexone HCl), 12 weeks")
        ax.set_ylabel("drug-only benefit\n(points of pain score, + = better)")
        ax.set_title("benefit by dose: model versus the dose-finding study")
        fig.legend(loc="outside lower center", ncols=2, fontsize="small", frameon=False)  # below: never on a curve
    return fig, artists
