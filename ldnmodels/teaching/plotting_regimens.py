"""Figures that compare regimens: titration schedules, the time of day of the dose, hours of blockade a day against
net signalling, and peak plasma levels against the concentrations that act on TLR4.

Each ``*_figure`` draws once and returns ``(figure, artists)``; the matching ``update_*`` points the artists at new
results, so an explorer never rebuilds a figure.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from ..model.simulation import SimulationResult
from .plotting_style import (
    COLORS,
    PERCENT_AXIS,
    SERIES_COLORS,
    SERIES_LINESTYLES,
    SERIES_MARKERS,
    reference_line,
    style,
)
from .plotting_timecourses import PANELS

__all__ = ["schedules_figure", "update_schedules", "day_profile_figure", "update_day_profile",
           "signaling_versus_blockade_figure", "concentration_gap_figure"]

#: The quantities of :func:`day_profile_figure`, top to bottom.
_DAY_PROFILE = ("mor_occupancy", "endorphin_tone", "opioid_signaling")


def schedules_figure(schedules: dict):
    """Several schedules side by side over days: daily dose (mg), blockade (%), and the nightly vivid-dream index.

    Parameters
    ----------
    schedules : dict
        ``name -> (SimulationResult, SideEffects)``, at most five.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"dose"``, ``"blockade"``, ``"dreams"`` (dicts of lines by name) and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 9), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        artists = {"axes": list(axes), "dose": {}, "blockade": {}, "dreams": {}}
        # line style and marker differ too: blue and vermilion have about the same lightness in greyscale;
        # at most five schedules: zip stops at the last schedule, not at the last look
        for name, color, linestyle, marker in zip(schedules, SERIES_COLORS, SERIES_LINESTYLES, SERIES_MARKERS,
                                                  strict=False):
            (artists["dose"][name],) = axes[0].plot([], [], drawstyle="steps-post", color=color, linestyle=linestyle,
                                                    label=name)
            (artists["blockade"][name],) = axes[1].plot([], [], color=color, linewidth=1.8, linestyle=linestyle)
            (artists["dreams"][name],) = axes[2].plot([], [], color=color, marker=marker, markersize=4,
                                                      linewidth=1.5, linestyle=linestyle)
        axes[0].set_ylabel("daily dose (mg)")
        axes[1].set_ylabel("mu receptors\nblocked")
        axes[1].set_ylim(0, 1)
        axes[1].yaxis.set_major_formatter(PERCENT_AXIS)
        axes[2].set_ylabel("vivid-dream index\n(per night, conceptual)")
        axes[2].set_ylim(0, 0.6)
        axes[2].yaxis.set_major_formatter(PERCENT_AXIS)
        axes[2].set_xlabel("time (days from midnight before day 1)")
        axes[0].legend(loc="lower right")
        update_schedules(artists, schedules)
    return fig, artists


def update_schedules(artists: dict, schedules: dict) -> None:
    """Point the schedule figure at new results (no redraw).

    Parameters
    ----------
    artists : dict
        What :func:`schedules_figure` returned.
    schedules : dict
        ``name -> (SimulationResult, SideEffects)``, with the names the figure was built with.
    """
    top_mg, end_d = 0.0, 0.0
    for name, (result, effects) in schedules.items():
        dose_days = np.array([t // 24 for t in result.regimen.times_h])
        doses_mg = np.array(result.regimen.doses_mg)
        n_days = int(round(result.t_h[-1] / 24.0))
        daily_mg = np.zeros(n_days + 1)
        np.add.at(daily_mg, dose_days.astype(int).clip(0, n_days), doses_mg)
        artists["dose"][name].set_data(np.arange(n_days + 1), daily_mg)
        artists["blockade"][name].set_data(result.t_h / 24.0, result.mor_occupancy)
        nights_d = np.arange(effects.vivid_dreams_nightly.size) + 22.0 / 24.0
        artists["dreams"][name].set_data(nights_d, effects.vivid_dreams_nightly)
        top_mg, end_d = max(top_mg, float(daily_mg.max())), max(end_d, result.t_h[-1] / 24.0)
    artists["axes"][0].set_ylim(0, 1.15 * max(top_mg, 1e-3))
    artists["axes"][0].set_xlim(0, end_d)


def day_profile_figure(result: SimulationResult, reference: SimulationResult | None, night: tuple[float, float],
                       label: str = "chosen time", reference_label: str = "21:00"):
    """The last whole day of a simulation against the clock: blockade, endorphin release and net signalling,
    with the night window shaded.

    Parameters
    ----------
    result : SimulationResult
        The chosen regimen.
    reference : SimulationResult or None
        Drawn dashed grey; hidden when None.
    night : (float, float)
        Start and end of the night, clock hours (0–24; the start may be later than the end).
    label, reference_label : str
        Legend labels of the two.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        Lines ``"<name>"`` and ``"<name>_ref"`` for ``mor_occupancy``, ``endorphin_tone`` and ``opioid_signaling``,
        the night spans ``"night"`` and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 8), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        artists = {"axes": list(axes), "night": []}
        for ax, name in zip(axes, _DAY_PROFILE, strict=True):
            (artists[f"{name}_ref"],) = ax.plot([], [], color=COLORS["reference"], linestyle="--",
                                                label=reference_label)
            (artists[name],) = ax.plot([], [], color=COLORS["occupancy"], label=label)
            ylabel, _, percent = PANELS[name]
            ax.set_ylabel(ylabel)
            if percent:
                ax.yaxis.set_major_formatter(PERCENT_AXIS)
        axes[0].set_ylim(0, 1)
        axes[1].set_ylim(0, 2.5)
        axes[2].set_ylim(0, 2.0)
        axes[2].set_xlim(0, 24)
        axes[2].set_xticks(range(0, 25, 3), labels=[f"{h:02d}:00" for h in range(0, 25, 3)])
        axes[2].set_xlabel("clock time on the last day")
        axes[0].legend(loc="lower left", ncols=2)
        update_day_profile(artists, result, reference, night)
    return fig, artists


def update_day_profile(artists: dict, result: SimulationResult, reference: SimulationResult | None,
                       night: tuple[float, float]) -> None:
    """Point the day profile at new results and night window (no redraw).

    Parameters
    ----------
    artists : dict
        What :func:`day_profile_figure` returned.
    result : SimulationResult
        The new chosen regimen.
    reference : SimulationResult or None
        The new reference; hidden when None.
    night : (float, float)
        Start and end of the night, clock hours (0–24; the start may be later than the end).
    """
    for span in artists["night"]:
        span.remove()
    artists["night"] = []
    start_h, end_h = night
    pieces = [(start_h, end_h)] if start_h < end_h else [(start_h, 24.0), (0.0, end_h)]
    for ax in artists["axes"]:
        for left, right in pieces:
            artists["night"].append(ax.axvspan(left, right, color="#000000", alpha=0.07, linewidth=0))
    for run, suffix in ((result, ""), (reference, "_ref")):
        for name in _DAY_PROFILE:
            line = artists[f"{name}{suffix}"]
            line.set_visible(run is not None)
            if run is None:
                continue
            steps_per_day = int(round(24.0 / run.step_h))
            last_day = slice(run.t_h.size - 1 - steps_per_day, run.t_h.size)
            line.set_data(run.t_h[last_day] - run.t_h[last_day][0], getattr(run, name)[last_day])


def signaling_versus_blockade_figure(hours_blocked: np.ndarray, net_signaling: np.ndarray, labels,
                                     wave_hours: np.ndarray, wave_signaling: np.ndarray,
                                     doses_label: str = "daily doses, default receptor structure"):
    """Net daily opioid signalling against hours per day of blockade above 50 %.

    Points: daily regimens at several doses (from a receptor structure, named by ``doses_label``); line: a
    square wave of full blockade lasting a given number of hours a day (the theory's picture).

    Parameters
    ----------
    hours_blocked : ndarray
        Per regimen, hours a day (0–24) with more than half the receptors blocked.
    net_signaling : ndarray
        Per regimen, net opioid signalling (mean of week 4, untreated = 1).
    labels : sequence of str
        Per regimen, the text written beside its point.
    wave_hours, wave_signaling : ndarray
        The square wave's hours of full blockade a day (0–24) and its net signalling (untreated = 1).
    doses_label : str
        Legend label of the points.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"doses"``, ``"wave"`` and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(9, 6), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        (artists["wave"],) = ax.plot(wave_hours, wave_signaling, color=COLORS["direct"],
                                     label="full blockade for N hours a day (theory)")
        artists["doses"] = ax.scatter(hours_blocked, net_signaling, color=COLORS["occupancy"], zorder=3, s=90,
                                      label=doses_label)
        for x, y, text in zip(hours_blocked, net_signaling, labels, strict=True):
            ax.annotate(text, (x, y), textcoords="offset points", xytext=(8, 6), fontsize=12)
        reference_line(ax, 1.0)
        ax.set_xlim(-0.5, 24.5)
        ax.set_xticks([0, 4, 8, 12, 16, 20, 24])
        ax.set_ylim(0, max(1.6, 1.1 * float(np.max(wave_signaling))))
        ax.set_xlabel("hours per day with more than half the receptors blocked")
        ax.set_ylabel("net opioid signalling\n(mean of week 4, untreated = 1)")
        ax.legend(loc="upper right", fontsize=11)
    return fig, artists


def concentration_gap_figure(ldn_peak_um: float, standard_peak_um: float, ic50_um: float,
                             active_range_um: tuple[float, float] = (1.0, 100.0), what_if_ic50_um: float | None = None):
    """Plasma naltrexone at LDN and at 50 mg against TLR4-active concentrations, on one log axis.

    Parameters
    ----------
    ldn_peak_um, standard_peak_um : float
        Peak plasma naltrexone after 4.5 mg and after 50 mg, µM.
    ic50_um : float
        The TLR4 IC50 the model uses, µM.
    active_range_um : (float, float)
        Concentrations at which TLR4 effects were reported in vitro, µM (shaded).
    what_if_ic50_um : float, optional
        A what-if potency, µM, drawn dashed; not drawn when None.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"what_if"`` (the what-if potency line, if drawn) and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 3.8), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        ax.axvspan(*active_range_um, color=COLORS["naltrexol"], alpha=0.18, linewidth=0)
        ax.text(np.sqrt(active_range_um[0] * active_range_um[1]), 0.82,
                "TLR4 effects reported\nin vitro, (+)-naltrexone", ha="center", va="top", fontsize=12)
        ax.axvline(ic50_um, color=COLORS["naltrexol"], linewidth=2.5)
        ax.text(ic50_um * 1.15, 0.18, f"IC50 used\n{ic50_um:g} µM", fontsize=12, color=COLORS["naltrexol"])
        for value_um, name, y in ((ldn_peak_um, "LDN 4.5 mg peak", 0.55), (standard_peak_um, "50 mg peak", 0.3)):
            ax.plot([value_um], [y], marker="v", markersize=14, color=COLORS["naltrexone"])
            ax.text(value_um, y + 0.08, f"{name}\n{1000 * value_um:.2g} nM", ha="center", va="bottom", fontsize=12)
        ax.annotate("", xy=(ic50_um, 0.6), xytext=(ldn_peak_um, 0.6),
                    arrowprops={"arrowstyle": "<->", "color": COLORS["data"], "linewidth": 1.5})
        ax.text(np.sqrt(ic50_um * ldn_peak_um), 0.63, f"× {ic50_um / ldn_peak_um:,.0f}", ha="center", fontsize=13)
        if what_if_ic50_um is not None:
            artists["what_if"] = ax.axvline(what_if_ic50_um, color=COLORS["direct"], linewidth=2.5, linestyle="--",
                                            label="what-if potency")
            ax.legend(loc="upper right")
        ax.set_xscale("log")
        ax.set_xlim(1e-4, 1e3)
        ticks_um = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]
        ax.set_xticks(ticks_um, labels=["0.1 nM", "1 nM", "10 nM", "100 nM", "1 µM", "10 µM", "100 µM", "1 mM"])
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("naltrexone concentration (log scale)")
        ax.set_title("the concentration gap: plasma levels versus TLR4-active concentrations")
    return fig, artists
