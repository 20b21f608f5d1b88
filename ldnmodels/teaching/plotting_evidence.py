"""Figures of what virtual patients and trials show: pain over time in groups of patients, the power of a trial
design, the spread of replicate trials, and published effects beside simulated ones.

Each builder draws once and returns ``(figure, artists)``.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..analyses.trial_power import significant_for_drug
from .plotting_style import (
    COLORS,
    NOT_SIGNIFICANT_COLOR,
    PERCENT_AXIS,
    SERIES_COLORS,
    SERIES_LINESTYLES,
    SERIES_MARKERS,
    failure_label,
    reference_line,
    style,
)

__all__ = ["population_bands_figure", "power_figure", "evidence_figure", "replicates_figure", "placebo_figure"]


def population_bands_figure(days: np.ndarray, groups: dict, baseline: float | None = None):
    """Daily pain scores of groups of patients over weeks: median line and 5–95 % band per group.

    Parameters
    ----------
    days : ndarray, shape (n_days,)
        Days on treatment.
    groups : dict
        ``name -> array (n_patients, n_days)`` of pain scores (0–10), at most five.
    baseline : float, optional
        A pain score (0–10) drawn as a dotted line, e.g. the untreated level.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"median"`` and ``"band"`` (dicts by name) and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 5.5), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax], "median": {}, "band": {}}
        # at most five groups: zip stops at the last group, not at the last look
        for (name, values), color, linestyle in zip(groups.items(), SERIES_COLORS, SERIES_LINESTYLES, strict=False):
            low, mid, high = np.percentile(values, [5, 50, 95], axis=0)
            artists["band"][name] = ax.fill_between(days / 7.0, low, high, color=color, alpha=0.18, linewidth=0)
            (artists["median"][name],) = ax.plot(days / 7.0, mid, color=color, linestyle=linestyle,
                                                 label=f"{name} (median, 5-95 %)")
        if baseline is not None:
            reference_line(ax, baseline)
        ax.set_ylim(0, 10)
        ax.set_xlim(0, days[-1] / 7.0)
        ax.set_xlabel("weeks on treatment")
        ax.set_ylabel("pain score (0-10, conceptual)")
        ax.legend(loc="lower left", fontsize=11)
    return fig, artists


def power_figure(n_values, curves: dict):
    """Power (share of simulated trials with p < 0.05 favouring the drug, drawn as %) against patients per arm.

    Parameters
    ----------
    n_values : sequence of int
        Patients per arm.
    curves : dict
        ``label -> powers`` (fractions, 0–1, one per value of ``n_values``), at most five.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        Lines by label and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(9, 5.5), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        # at most five curves: zip stops at the last curve, not at the last look
        for (label, powers), color, linestyle, marker in zip(curves.items(), SERIES_COLORS, SERIES_LINESTYLES,
                                                             SERIES_MARKERS, strict=False):
            (artists[label],) = ax.plot(n_values, powers, color=color, linestyle=linestyle, marker=marker,
                                        label=label)
        reference_line(ax, 0.8)
        ax.text(n_values[0], 0.82, "80 % power", fontsize=11)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(PERCENT_AXIS)
        ax.set_xlabel("patients per arm")
        ax.set_ylabel("power")
        ax.legend(loc="upper left", fontsize=11)
    return fig, artists


def _fitted_note(row: dict, simulated: dict, simulated_key: str, fitted) -> str:
    """The second line of a published row's label: whether its agreement is by construction."""
    if row["key"] not in fitted or not _inside(row, simulated, simulated_key):
        return ""
    return "\n(fitted: inside by construction)" if row["primary"] else "\n(second measure of a fitted study)"


def _inside(row: dict, simulated: dict, simulated_key: str) -> bool:
    """Whether a published effect lies inside the 2.5–97.5 % range of its simulated counterpart."""
    if row["key"] not in simulated:
        return False
    low, high = np.percentile(simulated[row["key"]][simulated_key], [2.5, 97.5])
    return bool(low <= row["effect"] <= high)


def evidence_figure(published: list, simulated: dict, fitted=()):
    """Published effects beside what the default virtual population gives for the same designs.

    Two panels on their own scales: the difference in % change (LDN minus placebo, % points) and the
    standardised mean difference. Published: black points with their interval where reported;
    simulated: the median and 2.5–97.5 % range over replicate trials.

    Parameters
    ----------
    published : list of dict
        Rows of :func:`ldnmodels.analyses.evidence.published_trials`: one per published effect, so a study that
        reported a second measure (FINAL's d) has a row in each measure's panel under its one key.
    simulated : dict
        ``key -> {"percent": array, "smd": array}`` over replicate trials (% points and SMD), for the trials
        simulated.
    fitted : collection of str
        Keys of the studies the virtual population was calibrated to: a published effect inside its simulated range
        is marked "fitted: inside by construction" under its name, on the figure. An effect outside its range gets
        a failure label (:func:`~.plotting_style.failure_label`) whether fitted or not.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"axes"``.
    """
    panels = (("percent points", "percent", "difference in pain change, % points\n(LDN minus placebo)"),
              ("SMD", "smd", "standardised mean difference\n(LDN minus placebo)"))
    with style():
        fig = Figure(figsize=(13, 6), layout="constrained")
        axes = fig.subplots(1, 2)
        artists = {"axes": list(axes)}
        studies = {row["key"]: row["study"] for row in published}
        for ax, (measure, simulated_key, xlabel) in zip(axes, panels, strict=True):
            rows = [row for row in published if row["measure"] == measure]
            shown = {row["key"] for row in rows}
            keys = [row["key"] for row in rows] + [key for key in simulated if key not in shown]
            labels = [row["study"] + _fitted_note(row, simulated, simulated_key, fitted) for row in rows]
            labels += [f"{studies.get(key, key)}\n(not reported on this scale)" for key in simulated
                       if key not in shown]
            for y, key in enumerate(keys):
                row = next((row for row in rows if row["key"] == key), None)
                if key in simulated:
                    low, mid, high = np.percentile(simulated[key][simulated_key], [2.5, 50, 97.5])
                    ax.plot([low, high], [y - 0.15, y - 0.15], color=COLORS["occupancy"], linewidth=5, alpha=0.6)
                    ax.plot([mid], [y - 0.15], "o", color=COLORS["occupancy"])
                if row is not None:
                    if row["ci_low"] is not None:
                        ax.plot([row["ci_low"], row["ci_high"]], [y + 0.15, y + 0.15], color=COLORS["data"],
                                linewidth=2)
                    marker = "D" if row["kind"] == "meta-analysis" else "s"
                    ax.plot([row["effect"]], [y + 0.15], marker, color=COLORS["data"], markersize=9)
                    if key in simulated and not low <= row["effect"] <= high:
                        failure_label(ax, (row["effect"], y + 0.15), "outside its simulated range",
                                      offset_points=(24, -24))
            ax.axvline(0, color=COLORS["data"], linewidth=1)
            ax.set_yticks(range(len(labels)), labels=labels, fontsize=12)
            ax.set_ylim(len(labels) - 0.5, -0.5)
            ax.set_xlabel(xlabel)
            ax.xaxis.set_major_locator(MaxNLocator(6))
            ax.grid(axis="y", visible=False)
        handles = [axes[0].plot([], [], "s", color=COLORS["data"], label="published (interval if reported)")[0],
                   axes[0].plot([], [], "o-", color=COLORS["occupancy"], linewidth=5, alpha=0.6,
                                label="simulated trials, default virtual population (median, 95 % range)")[0]]
        fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=12)
    return fig, artists


def replicates_figure(differences: np.ndarray, p_values: np.ndarray):
    """Histogram of replicate trial results, significant ones (p < 0.05 favouring the drug) highlighted.

    Parameters
    ----------
    differences : ndarray
        Per trial, drug minus placebo in pain points (0–10 scale; negative favours the drug).
    p_values : ndarray
        Per trial, the p value of that difference.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(9, 5), layout="constrained")
        ax = fig.subplots()
        significant = significant_for_drug(p_values, differences)
        bins = np.linspace(min(-3.0, float(np.min(differences))), max(3.0, float(np.max(differences))), 41)
        # stacked, as in the trial explorer: a bin holding both kinds shows both
        ax.hist([np.asarray(differences)[significant], np.asarray(differences)[~significant]], bins=bins,
                stacked=True, color=[COLORS["occupancy"], NOT_SIGNIFICANT_COLOR],
                label=["p < 0.05 for drug", "not significant"])
        ax.axvline(0, color=COLORS["data"], linewidth=1)
        ax.set_xlabel("drug minus placebo, pain points (negative favours the drug)")
        ax.set_ylabel("replicate trials")
        ax.set_title(f"{len(differences)} simulated trials: power {significant.mean():.0%} (teaching model)")
        ax.legend(loc="upper left")
    return fig, {"axes": [ax]}


def placebo_figure(rows):
    """Published placebo responses in fibromyalgia beside the kit's virtual placebo arm: mean improvement (points) on
    the left, shares of patients with at least 30 % and 50 % less pain on the right. Published bars are solid black,
    the kit's hatched green, so they stay apart in greyscale.

    Parameters
    ----------
    rows : sequence of ldnmodels.analyses.clinical.PlaceboRow
        From :func:`ldnmodels.analyses.clinical.placebo_beside_published`.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        Bars by label and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 5.5), layout="constrained")
        axes = fig.subplots(1, 2)
        artists = {"axes": list(axes)}
        for ax, kind in zip(axes, ("points", "share"), strict=True):
            chosen = [row for row in rows if row.kind == kind]
            for y, row in enumerate(chosen):
                kit = row.source.startswith("calibrated")
                (artists[row.label],) = ax.barh(y, row.value, color=COLORS["occupancy"] if kit else COLORS["data"],
                                                hatch="//" if kit else None, edgecolor=COLORS["data"], height=0.6)
                shown = f"{row.value:.2f}" if kind == "points" else f"{100 * row.value:.0f} %"
                ax.text(row.value, y, f"  {shown}", va="center", fontsize=12)
            ax.set_yticks(range(len(chosen)), [row.label.replace(", ", ",\n", 1) for row in chosen], fontsize=11)
            ax.invert_yaxis()
            ax.margins(x=0.25)
            if kind == "share":
                ax.xaxis.set_major_formatter(PERCENT_AXIS)
                ax.set_xlabel("share of patients on placebo")
            else:
                ax.set_xlabel("improvement on placebo, points (0–10 scale)")
    return fig, artists
