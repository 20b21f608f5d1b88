"""The trial explorer's figure: one simulated trial's estimate beside a histogram of replicate trials.

:func:`trial_figure` builds the axes once; :func:`update_trial_figure` points the data artists at a new trial and
new replicates (no redraw), so that the explorer's renderer keeps the axes and redraws only the data.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from . import plotting

__all__ = ["DIFFERENCE_BINS_NRS", "trial_figure", "update_trial_figure", "histogram_ylim_top"]

#: Histogram bins of the replicates' drug-minus-placebo differences, pain points (NRS 0–10): 0.2 wide, −3 to 3.
DIFFERENCE_BINS_NRS = np.linspace(-3, 3, 31)


def trial_figure(n_replicates: int = 100):
    """Left, one trial's drug-minus-placebo difference with its 95 % CI; right, a stacked histogram of the
    differences of ``n_replicates`` replicate trials, significant ones green. Empty until
    :func:`update_trial_figure`.

    Returns
    -------
    figure : matplotlib.figure.Figure
    artists : dict
        ``"axes"`` (trial, replicates), ``"trial_text"``, ``"power_text"``, ``"significant_bars"`` and
        ``"other_bars"`` (one bar per bin of :data:`DIFFERENCE_BINS_NRS`), ``"reps_legend"``.
    """
    with plotting.style():
        figure = Figure(figsize=(12, 4.6), layout="constrained")
        ax_trial, ax_reps = figure.subplots(1, 2)
    artists = {"axes": [ax_trial, ax_reps]}
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
    ax_reps.set_title(f"{n_replicates} replicate trials")
    artists["power_text"] = ax_reps.text(0.98, 0.95, "", transform=ax_reps.transAxes, ha="right", va="top",
                                         fontsize=plotting.text_size(13))
    # Stacked, so that a bin holding both kinds shows both (overlaid bars hid one behind the other). The bars are
    # made once and only change height: making new ones with ax.hist on every move took half the redraw.
    bins = DIFFERENCE_BINS_NRS
    centres, width = (bins[:-1] + bins[1:]) / 2, np.diff(bins)
    artists["significant_bars"] = ax_reps.bar(centres, np.zeros_like(centres), width,
                                              color=plotting.COLORS["occupancy"], label="p < 0.05 for drug")
    artists["other_bars"] = ax_reps.bar(centres, np.zeros_like(centres), width, color=plotting.NOT_SIGNIFICANT_COLOR,
                                        label="not significant")
    artists["reps_legend"] = ax_reps.legend(loc="upper left", fontsize=plotting.text_size(11))
    ax_reps.set_ylim(0, 20)
    return figure, artists


def update_trial_figure(artists: dict, estimate, seed: int, differences: np.ndarray, significant: np.ndarray,
                        not_analysable: int) -> None:
    """Point the trial figure at one trial and its replicates (no redraw).

    Parameters
    ----------
    artists : dict
        From :func:`trial_figure`.
    estimate : ldnmodels.analyses.trial_statistics.Estimate or None
        The trial's drug-minus-placebo difference in pain points, with its 95 % CI and p value; None when the trial
        cannot be analysed (dropout left fewer than 2 patients in an arm), which the figure then says.
    seed : int
        The trial's seed, named in the figure.
    differences : numpy.ndarray
        Drug-minus-placebo difference of each analysable replicate, pain points.
    significant : numpy.ndarray of bool
        Whether each replicate was significant for the drug.
    not_analysable : int
        Replicates that could not be analysed; they count as not significant in the power.
    """
    ax_trial, ax_reps = artists["axes"]
    for artist in artists.pop("data", []):
        artist.remove()
    data = []
    if estimate is None:
        artists["trial_text"].set_text(f"seed {seed}: cannot be analysed: dropout left fewer than 2 patients\n"
                                       "in an arm; lower dropout or add patients")
    else:
        below, above = estimate.difference - estimate.ci_low, estimate.ci_high - estimate.difference
        bars = ax_trial.errorbar([estimate.difference], [0], xerr=[[below], [above]], fmt="o",
                                 color=plotting.COLORS["naltrexone"], capsize=6, markersize=10)
        data += [bars.lines[0], *bars.lines[1], *bars.lines[2]]
        artists["trial_text"].set_text(f"seed {seed}: p = {estimate.p_value:.3f}")
    significant = np.asarray(significant, dtype=bool)
    differences = np.asarray(differences, dtype=float)
    # a difference outside −3 to 3 points is not shown (as ax.hist would not)
    low = np.histogram(differences[significant], DIFFERENCE_BINS_NRS)[0]
    high = np.histogram(differences[~significant], DIFFERENCE_BINS_NRS)[0]
    for bar, height in zip(artists["significant_bars"], low, strict=True):
        bar.set_height(height)
    for bar, bottom, height in zip(artists["other_bars"], low, high, strict=True):
        bar.set_y(bottom)
        bar.set_height(height)
    ax_reps.set_ylim(0, histogram_ylim_top(ax_reps.get_ylim()[1], int(np.max(low + high))))
    n_replicates = differences.size + not_analysable
    lost = f", {not_analysable} not analysable" if not_analysable else ""
    power = f"power {significant.sum() / n_replicates:.0%}{lost}" if n_replicates else "no replicate trials"
    artists["power_text"].set_text(power)
    artists["data"] = data


def histogram_ylim_top(top: float, tallest: int) -> float:
    """The replicate histogram's y limit (replicate trials): steps of 10, raised when the tallest bar nears it,
    lowered only when the bars fill less than half of it.

    Without the gap the limit flipped on every move of a slider whose neighbouring values put the tallest bar either
    side of a step, and each flip cost a full redraw (measured: 140 ms, not 100, with notebook 08's pool).

    Parameters
    ----------
    top : float
        The current limit, replicate trials.
    tallest : int
        The tallest stacked bar, replicate trials (≥ 0).

    Returns
    -------
    float
        The limit, replicate trials: ``top`` unchanged while the tallest bar fits under it and fills at least half
        of it; else the smallest multiple of 10 (at least 20) that leaves room above the tallest bar.
    """
    needed = 10 * max(2, int(np.ceil(tallest / 10 + 0.05)))
    return float(needed) if needed > top or tallest < top / 2 else float(top)
