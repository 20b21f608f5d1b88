"""Time-course figures of one simulation: plasma levels, receptor blockade, and stacked panels of any output.

Each ``*_figure`` draws once and returns ``(figure, artists)``; the matching ``update_*`` points the artists at a
new result, so an explorer never rebuilds a figure. Time axes are in days from midnight before day 1 (or weeks).
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from ..core.metrics import daily_means
from ..core.outputs import OUTPUTS
from ..model.simulation import SimulationResult
from .plotting_style import COLORS, PERCENT_AXIS, reference_line, set_legend_label, style

__all__ = ["PANELS", "plasma_figure", "update_plasma", "blockade_figure", "update_blockade", "summary_figure",
           "panels_figure", "update_panels", "set_panels_label"]

#: How each simulated quantity is drawn in a time-course panel: y label, y limits (None = auto), percent axis
#: (built from :data:`ldnmodels.core.outputs.OUTPUTS`).
PANELS = {row.name: (row.label, row.limits, row.percent) for row in OUTPUTS}

_PLASMA_LIMITS_NG_ML = (0.005, 300.0)
#: Panels with a dotted line at 1, the untreated level.
_RELATIVE_TO_UNTREATED = ("endorphin_tone", "opioid_signaling", "receptor_density", "microglial_activation",
                          "sensitization")


def _log_concentration_axis(ax) -> None:
    """Log y axis with plain-number labels (0.01 … 100) and no minor ticks: readable, and fast to redraw."""
    ax.set_yscale("log")
    ax.set_ylim(*_PLASMA_LIMITS_NG_ML)
    ticks = [0.01, 0.1, 1, 10, 100]
    ax.set_yticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax.yaxis.set_minor_locator(NullLocator())


def _time_days(result: SimulationResult) -> np.ndarray:
    return result.t_h / 24.0


def _days_axis(ax, result: SimulationResult) -> None:
    ax.set_xlim(0, max(result.t_h[-1] / 24.0, 1e-3))
    ax.set_xlabel("time (days from midnight before day 1)")


def plasma_figure(result: SimulationResult, reference: SimulationResult | None = None,
                  label: str = "chosen dose", reference_label: str = "50 mg (standard dose)"):
    """Plasma naltrexone and 6β-naltrexol (ng/mL, log scale) over days, the chosen regimen beside a reference.

    Parameters
    ----------
    result : SimulationResult
        The chosen regimen.
    reference : SimulationResult, optional
        Drawn dashed grey; hidden when None.
    label, reference_label : str
        Legend labels of the two.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"naltrexone"``, ``"naltrexol"``, ``"naltrexone_ref"``, ``"naltrexol_ref"`` lines and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 5), layout="constrained")
        axes = fig.subplots(1, 2, sharex=True)
        artists = {"axes": axes}
        for ax, name, title in zip(axes, ("naltrexone", "naltrexol"), ("naltrexone", "6β-naltrexol"), strict=True):
            values = getattr(result, f"{name}_ng_ml")
            (artists[name],) = ax.plot(_time_days(result), values, color=COLORS[name], label=label)
            shown = reference if reference is not None else result
            (artists[f"{name}_ref"],) = ax.plot(_time_days(shown), getattr(shown, f"{name}_ng_ml"),
                                                color=COLORS["reference"], linestyle="--", label=reference_label)
            artists[f"{name}_ref"].set_visible(reference is not None)
            _log_concentration_axis(ax)
            ax.set_title(f"plasma {title}")
            ax.set_ylabel("ng/mL (log scale)")
            _days_axis(ax, result)
        axes[0].legend(loc="upper right")
    return fig, artists


def update_plasma(artists: dict, result: SimulationResult, reference: SimulationResult | None = None) -> None:
    """Point the plasma figure's lines at new results (no redraw).

    Parameters
    ----------
    artists : dict
        What :func:`plasma_figure` returned.
    result : SimulationResult
        The new chosen regimen.
    reference : SimulationResult, optional
        The new reference; hidden when None.
    """
    for name in ("naltrexone", "naltrexol"):
        artists[name].set_data(_time_days(result), getattr(result, f"{name}_ng_ml"))
        if reference is not None:
            artists[f"{name}_ref"].set_data(_time_days(reference), getattr(reference, f"{name}_ng_ml"))
        artists[f"{name}_ref"].set_visible(reference is not None)
    _days_axis(artists["axes"][0], result)


def _time_above(ax, result: SimulationResult, level: float):
    """Shade the times when blockade is above ``level`` (a fraction), over the axes' whole height."""
    return ax.fill_between(_time_days(result), 0, 1, where=result.mor_occupancy > level, color=COLORS["occupancy"],
                           alpha=0.12, linewidth=0, transform=ax.get_xaxis_transform())


def blockade_figure(result: SimulationResult, level: float = 0.5, reference: SimulationResult | None = None,
                    label: str = "chosen dose", reference_label: str = "50 mg (standard dose)", band=None):
    """Brain mu-receptor blockade (fraction of receptors, drawn as %) over days, with a horizontal line at ``level``.

    Parameters
    ----------
    result : SimulationResult
        The chosen regimen.
    level : float
        Blockade level (fraction, 0–1) drawn as a dotted line; the time above it is shaded.
    reference : SimulationResult, optional
        Drawn dashed grey; hidden when None.
    label, reference_label : str
        Legend labels of the two.
    band : (ndarray, ndarray), optional
        Lowest and highest blockade (fractions, on ``result``'s time points) over several receptor structures,
        drawn as a grey band; hidden when None.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"occupancy"``, ``"reference"``, ``"level"``, ``"above"`` (the shaded time above the level), ``"band"``
        and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 4.8), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        shown = reference if reference is not None else result
        (artists["reference"],) = ax.plot(_time_days(shown), shown.mor_occupancy, color=COLORS["reference"],
                                          linestyle="--", label=reference_label)
        artists["reference"].set_visible(reference is not None)
        low, high = (result.mor_occupancy, result.mor_occupancy) if band is None else band
        artists["band"] = ax.fill_between(_time_days(result), low, high, color=COLORS["reference"], alpha=0.25,
                                          linewidth=0, label="band: every receptor structure that fits")
        artists["band"].set_visible(band is not None)
        (artists["occupancy"],) = ax.plot(_time_days(result), result.mor_occupancy, color=COLORS["occupancy"],
                                          label=label)
        artists["level"] = reference_line(ax, level, 1.2, label="chosen blockade level")
        artists["above"] = _time_above(ax, result, level)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(PERCENT_AXIS)
        ax.set_ylabel("mu receptors blocked")
        ax.set_title("brain mu-opioid receptor blockade")
        _days_axis(ax, result)
        ax.legend(loc="lower right")
    return fig, artists


def update_blockade(artists: dict, result: SimulationResult, level: float,
                    reference: SimulationResult | None = None, band=None) -> None:
    """Point the blockade figure at a new result, level and band (no redraw).

    Parameters
    ----------
    artists : dict
        What :func:`blockade_figure` returned.
    result : SimulationResult
        The new chosen regimen.
    level : float
        The new blockade level (fraction, 0–1).
    reference : SimulationResult, optional
        The new reference; hidden when None.
    band : (ndarray, ndarray), optional
        The new band of blockade (fractions, on ``result``'s time points); hidden when None.
    """
    ax = artists["axes"][0]
    artists["occupancy"].set_data(_time_days(result), result.mor_occupancy)
    if band is not None:
        artists["band"].set_data(_time_days(result), *band)
    artists["band"].set_visible(band is not None)
    if reference is not None:
        artists["reference"].set_data(_time_days(reference), reference.mor_occupancy)
    artists["reference"].set_visible(reference is not None)
    artists["level"].set_ydata([level, level])
    artists["above"].remove()
    artists["above"] = _time_above(ax, result, level)
    _days_axis(ax, result)


def summary_figure(result: SimulationResult):
    """Plasma naltrexone, 6β-naltrexol (ng/mL) and blockade (%) over days in one tall figure (for slides and the CLI).

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"naltrexone"``, ``"naltrexol"``, ``"occupancy"`` lines and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(11, 10), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        artists = {"axes": axes}
        for ax, name, title in zip(axes[:2], ("naltrexone", "naltrexol"), ("naltrexone", "6β-naltrexol"),
                                   strict=True):
            (artists[name],) = ax.plot(_time_days(result), getattr(result, f"{name}_ng_ml"), color=COLORS[name])
            ax.set_ylabel(f"plasma {title}\nng/mL")
        (artists["occupancy"],) = axes[2].plot(_time_days(result), result.mor_occupancy, color=COLORS["occupancy"])
        axes[2].set_ylim(0, 1)
        axes[2].yaxis.set_major_formatter(PERCENT_AXIS)
        axes[2].set_ylabel("mu receptors\nblocked")
        _days_axis(axes[2], result)
        fig.suptitle(f"{result.regimen.describe()} (educational model, not medical advice)", fontsize=14)
    return fig, artists


def panels_figure(result: SimulationResult, names, reference: SimulationResult | None = None,
                  label: str = "chosen dose", reference_label: str = "50 mg (standard dose)",
                  daily: tuple = ("opioid_signaling", "pain_nrs"), unit: str = "days"):
    """Stacked time-course panels of simulated quantities, with daily means where they matter.

    Parameters
    ----------
    result, reference : SimulationResult
        What to draw; the reference (dashed grey) is optional.
    names : sequence of str
        Result attributes, keys of :data:`PANELS` (each drawn in its own units, given there).
    label, reference_label : str
        Legend labels of the two.
    daily : tuple of str
        Quantities that also get a bold line of their mean over each whole day.
    unit : {"days", "weeks"}
        Unit of the time axis.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        Per name, lines ``name``, ``name + "_ref"`` and, for daily quantities, ``name + "_daily"`` and
        ``name + "_daily_ref"``; and ``"axes"``, ``"unit"``, ``"names"``, ``"daily"``.
    """
    names = list(names)
    with style():
        fig = Figure(figsize=(12, 2.05 * len(names) + 0.8), layout="constrained")
        axes = np.atleast_1d(fig.subplots(len(names), 1, sharex=True))
        artists = {"axes": list(axes), "unit": unit, "names": names, "daily": daily}
        for ax, name in zip(axes, names, strict=True):
            ylabel, ylim, percent = PANELS[name]
            (artists[f"{name}_ref"],) = ax.plot([], [], color=COLORS["reference"], linestyle="--", linewidth=1.6,
                                                label=reference_label)
            (artists[name],) = ax.plot([], [], color=COLORS["occupancy"], linewidth=1.6, label=label)
            if name in daily:
                # dashed like its curve: in greyscale the grey and the blue daily means have about the same lightness
                (artists[f"{name}_daily_ref"],) = ax.plot([], [], color=COLORS["reference"], linewidth=3.2,
                                                          linestyle="--", drawstyle="steps-post",
                                                          label=f"{reference_label}, daily mean")
                (artists[f"{name}_daily"],) = ax.plot([], [], color=COLORS["naltrexone"], linewidth=3.2,
                                                      drawstyle="steps-post", label=f"{label}, daily mean")
            if name in _RELATIVE_TO_UNTREATED:
                reference_line(ax, 1.0)
            ax.set_ylabel(ylabel)
            ax.set_ylim(*ylim)
            if percent:
                ax.yaxis.set_major_formatter(PERCENT_AXIS)
        # above the panels, never on a curve; with the bold daily means wherever they are drawn
        handles = {}
        for ax in axes:
            for line in ax.get_lines():
                if not line.get_label().startswith("_"):
                    handles.setdefault(line.get_label(), line)
        fig.legend(handles=list(handles.values()), loc="outside upper center", ncols=min(4, len(handles)),
                   fontsize=11, frameon=False)
        axes[-1].set_xlabel(f"time ({unit} from midnight before day 1)")
        update_panels(artists, result, reference)
    return fig, artists


def update_panels(artists: dict, result: SimulationResult, reference: SimulationResult | None = None) -> None:
    """Point the panels at new results; rescale open-ended y axes (no redraw).

    Parameters
    ----------
    artists : dict
        What :func:`panels_figure` returned.
    result : SimulationResult
        The new chosen run.
    reference : SimulationResult, optional
        The new reference; hidden when None.
    """
    hours_per_unit = 24.0 if artists["unit"] == "days" else 168.0
    for ax, name in zip(artists["axes"], artists["names"], strict=True):
        top = 0.0
        for suffix, run in (("", result), ("_ref", reference)):
            line = artists[f"{name}{suffix}"]
            line.set_visible(run is not None)
            if run is None:
                continue
            values = getattr(run, name)
            line.set_data(run.t_h / hours_per_unit, values)
            top = max(top, float(np.max(values)))
            if name in artists["daily"]:
                means = daily_means(run.t_h, values)
                starts = np.arange(means.size + 1) * 24.0 / hours_per_unit
                artists[f"{name}_daily{suffix}"].set_data(starts, np.append(means, means[-1:]))
        if name in artists["daily"]:
            artists[f"{name}_daily_ref"].set_visible(reference is not None)
        _, ylim, _ = PANELS[name]
        if ylim[1] is None:
            ax.set_ylim(0.0, max(1.2, 1.1 * top))
        ax.set_xlim(0, result.t_h[-1] / hours_per_unit)


def set_panels_label(artists: dict, label: str) -> None:
    """Rename the chosen run in a :func:`panels_figure` legend: its line and its bold daily mean.

    Parameters
    ----------
    artists : dict
        What :func:`panels_figure` returned.
    label : str
        The chosen run's new label (its daily mean becomes ``label + ", daily mean"``).
    """
    set_legend_label(artists, artists["names"][0], label)
    daily = [name for name in artists["names"] if name in artists["daily"]]
    if daily:
        set_legend_label(artists, f"{daily[0]}_daily", f"{label}, daily mean")
