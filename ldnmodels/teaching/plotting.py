"""Figure builders: each ``*_figure`` draws once and returns ``(figure, artists)``; the
matching ``update_*`` changes the artists' data for a new result, so an explorer never
rebuilds a figure.

Figures are :class:`matplotlib.figure.Figure` objects not managed by pyplot (no stray
copies in notebooks); show one with :func:`show`.
"""
from __future__ import annotations

import base64
import html
import io
import os
from contextlib import contextmanager
from importlib import resources
from typing import Iterator

import numpy as np
from matplotlib import style as mpl_style
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from ..core.metrics import daily_means
from ..core.outputs import OUTPUTS
from ..model.simulation import SimulationResult

__all__ = ["STYLE", "PRESENTATION_STYLE", "COLORS", "style", "use_presentation", "presentation_on", "figure_png",
           "show", "set_legend_label", "set_panels_label", "reference_linewidth", "text_size", "plasma_figure", "update_plasma", "blockade_figure",
           "update_blockade", "dose_occupancy_figure", "update_dose_occupancy", "direct_model_figure", "summary_figure", "PANELS", "panels_figure", "update_panels",
           "concentration_gap_figure", "signaling_versus_blockade_figure", "schedules_figure", "update_schedules",
           "day_profile_figure", "update_day_profile", "population_bands_figure", "power_figure", "evidence_figure",
           "replicates_figure"]

#: The package's matplotlib style files: the notebook style and the larger presentation style.
STYLE = str(resources.files("ldnmodels.teaching").joinpath("ldn.mplstyle"))
PRESENTATION_STYLE = str(resources.files("ldnmodels.teaching").joinpath("ldn-presentation.mplstyle"))
#: Whether new figures use the presentation style (on by default when LDN_PRESENTATION=1, as in app mode).
_PRESENTATION = [os.environ.get("LDN_PRESENTATION", "") == "1"]
#: Okabe–Ito colours by meaning.
COLORS = {"naltrexone": "#0072B2", "naltrexol": "#D55E00", "occupancy": "#009E73",
          "reference": "#7f7f7f", "data": "#000000", "direct": "#CC79A7"}

_PLASMA_LIMITS_NG_ML = (0.005, 300.0)
_PERCENT = FuncFormatter(lambda y, _: f"{100 * y:.0f} %")


def use_presentation(on: bool = True) -> None:
    """Switch the presentation style (larger fonts, thicker lines) on or off for figures built from now on.

    App mode (``make app``) switches it on for every notebook through ``LDN_PRESENTATION=1``.
    """
    _PRESENTATION[0] = bool(on)


def presentation_on() -> bool:
    """True when new figures use the presentation style."""
    return _PRESENTATION[0]


def reference_linewidth(normal: float = 1.0) -> float:
    """Width of dotted reference lines (untreated = 1, a threshold): thin on paper, 2.5× on a projector, where
    1-px dotted lines vanish."""
    return normal * (2.5 if _PRESENTATION[0] else 1.0)


def text_size(normal: float) -> float:
    """Font size in points for text set outside :func:`style` (explorer texts and legends made on update):
    ``normal`` on paper, 1.5× on a projector."""
    return normal * (1.5 if _PRESENTATION[0] else 1.0)


@contextmanager
def style() -> Iterator[None]:
    """Context in which figures get the package style (or the presentation style, when switched on)."""
    with mpl_style.context(PRESENTATION_STYLE if _PRESENTATION[0] else STYLE):
        yield


def figure_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render a figure to PNG bytes with Agg (in process; no pyplot, no GUI)."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    # Light compression: encoding at the default level took a third of an explorer's redraw time.
    if dpi is None:
        fig.canvas.print_png(buffer, pil_kwargs={"compress_level": 1})
    else:
        fig.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def show(fig: Figure, description: str = "") -> None:
    """Display a figure in a notebook as a PNG image, with a one-sentence text description.

    The description becomes the image's alt text (read by screen readers) and a caption under it.
    """
    from IPython.display import HTML, display

    if os.environ.get("LDN_CHECK_FIGURES") == "1":
        from .readability import clashes
        found = clashes(fig)
        if found:
            raise ValueError("fig has series that only hue tells apart (unreadable in greyscale): " + "; ".join(found))
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    alt = html.escape(description or "figure")
    caption = f'<figcaption style="font-size:0.95em;color:#444">{alt}</figcaption>' if description else ""
    display(HTML(f'<figure style="margin:0"><img src="data:image/png;base64,{data}" alt="{alt}" '
                 f'style="max-width:100%">{caption}</figure>'))


def set_legend_label(artists: dict, key: str, label: str) -> None:
    """Rename a line in its axes' legend without rebuilding the legend."""
    line = artists[key]
    line.set_label(label)
    legends = [line.axes.get_legend(), *line.figure.legends]
    for handle, text in ((h, t) for legend in legends if legend is not None
                         for h, t in zip(legend.legend_handles, legend.get_texts())):
        if not hasattr(handle, "get_color"):  # a patch (band), never the line being renamed
            continue
        if handle.get_color() == line.get_color() and handle.get_linestyle() == line.get_linestyle():
            text.set_text(label)


def set_panels_label(artists: dict, label: str) -> None:
    """Rename the chosen run in a :func:`panels_figure` legend: its line and its bold daily mean."""
    set_legend_label(artists, artists["names"][0], label)
    daily = [name for name in artists["names"] if name in artists["daily"]]
    if daily:
        set_legend_label(artists, f"{daily[0]}_daily", f"{label}, daily mean")


def _log_concentration_axis(ax) -> None:
    """Log y axis with plain-number labels (0.01 … 100) and no minor ticks: readable, and fast to redraw."""
    ax.set_yscale("log")
    ax.set_ylim(*_PLASMA_LIMITS_NG_ML)
    ticks = [0.01, 0.1, 1, 10, 100]
    ax.set_yticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax.yaxis.set_minor_locator(NullLocator())


def _days(result: SimulationResult) -> np.ndarray:
    return result.t_h / 24.0


def _time_axis(ax, result: SimulationResult) -> None:
    ax.set_xlim(0, max(result.t_h[-1] / 24.0, 1e-3))
    ax.set_xlabel("time (days from midnight before day 1)")


def plasma_figure(result: SimulationResult, reference: SimulationResult | None = None,
                  label: str = "chosen dose", reference_label: str = "50 mg (standard dose)"):
    """Plasma naltrexone and 6β-naltrexol (log scale), the chosen regimen beside a reference.

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
        for ax, name, title in zip(axes, ("naltrexone", "naltrexol"), ("naltrexone", "6β-naltrexol")):
            values = getattr(result, f"{name}_ng_ml")
            (artists[name],) = ax.plot(_days(result), values, color=COLORS[name], label=label)
            ref = reference if reference is not None else result
            (artists[f"{name}_ref"],) = ax.plot(_days(ref), getattr(ref, f"{name}_ng_ml"), color=COLORS["reference"],
                                                linestyle="--", label=reference_label)
            artists[f"{name}_ref"].set_visible(reference is not None)
            _log_concentration_axis(ax)
            ax.set_title(f"plasma {title}")
            ax.set_ylabel("ng/mL (log scale)")
            _time_axis(ax, result)
        axes[0].legend(loc="upper right")
    return fig, artists


def update_plasma(artists: dict, result: SimulationResult, reference: SimulationResult | None = None) -> None:
    """Point the plasma figure's lines at new results (no redraw)."""
    for name in ("naltrexone", "naltrexol"):
        artists[name].set_data(_days(result), getattr(result, f"{name}_ng_ml"))
        if reference is not None:
            artists[f"{name}_ref"].set_data(_days(reference), getattr(reference, f"{name}_ng_ml"))
        artists[f"{name}_ref"].set_visible(reference is not None)
    _time_axis(artists["axes"][0], result)


def blockade_figure(result: SimulationResult, level: float = 0.5, reference: SimulationResult | None = None,
                    label: str = "chosen dose", reference_label: str = "50 mg (standard dose)", band=None):
    """Brain mu-receptor blockade over time, with a horizontal line at ``level``.

    Returns
    -------
    figure, artists : dict with ``"occupancy"``, ``"reference"``, ``"level"``, ``"above"`` (shaded
    time above the level), ``"band"`` (the ``(low, high)`` band of several receptor structures, hidden
    when ``band`` is None) and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 4.8), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        ref = reference if reference is not None else result
        (artists["reference"],) = ax.plot(_days(ref), ref.mor_occupancy, color=COLORS["reference"],
                                          linestyle="--", label=reference_label)
        artists["reference"].set_visible(reference is not None)
        low, high = (result.mor_occupancy, result.mor_occupancy) if band is None else band
        artists["band"] = ax.fill_between(_days(result), low, high, color=COLORS["reference"], alpha=0.25, linewidth=0,
                                          label="band: every receptor structure that fits")
        artists["band"].set_visible(band is not None)
        (artists["occupancy"],) = ax.plot(_days(result), result.mor_occupancy, color=COLORS["occupancy"],
                                          label=label)
        artists["level"] = ax.axhline(level, color=COLORS["data"], linewidth=reference_linewidth(1.2), linestyle=":",
                                      label="chosen blockade level")
        artists["above"] = ax.fill_between(_days(result), 0, 1, where=result.mor_occupancy > level,
                                           color=COLORS["occupancy"], alpha=0.12, linewidth=0,
                                           transform=ax.get_xaxis_transform())
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(_PERCENT)
        ax.set_ylabel("mu receptors blocked")
        ax.set_title("brain mu-opioid receptor blockade")
        _time_axis(ax, result)
        ax.legend(loc="lower right")
    return fig, artists


def update_blockade(artists: dict, result: SimulationResult, level: float,
                    reference: SimulationResult | None = None, band=None) -> None:
    """Point the blockade figure at a new result, level and band (no redraw)."""
    ax = artists["axes"][0]
    artists["occupancy"].set_data(_days(result), result.mor_occupancy)
    if band is not None:
        artists["band"].set_data(_days(result), *band)
    artists["band"].set_visible(band is not None)
    if reference is not None:
        artists["reference"].set_data(_days(reference), reference.mor_occupancy)
    artists["reference"].set_visible(reference is not None)
    artists["level"].set_ydata([level, level])
    artists["above"].remove()
    artists["above"] = ax.fill_between(_days(result), 0, 1, where=result.mor_occupancy > level,
                                       color=COLORS["occupancy"], alpha=0.12, linewidth=0,
                                       transform=ax.get_xaxis_transform())
    _time_axis(ax, result)


def dose_occupancy_figure(doses_mg: np.ndarray, model_occupancy: np.ndarray, pet_doses_mg: np.ndarray,
                          pet_occupancy: np.ndarray, direct_occupancy: np.ndarray | None = None):
    """Occupancy within 8 h of one dose versus dose: model curve(s) with the PET data drawn on.

    Returns
    -------
    figure, artists : dict with ``"model"``, ``"direct"``, ``"data"`` and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(8, 5.5), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        (artists["model"],) = ax.plot(doses_mg, model_occupancy, color=COLORS["occupancy"],
                                      label="model (slow biophase), mean 1–8 h")
        if direct_occupancy is not None:
            (artists["direct"],) = ax.plot(doses_mg, direct_occupancy, color=COLORS["direct"], linestyle="--",
                                           label="direct model (follows plasma)")
        artists["data"] = ax.scatter(pet_doses_mg, pet_occupancy, color=COLORS["data"], zorder=3,
                                     label="PET, Rabiner 2011 (< 8 h)")
        ax.axvspan(1.5, 6.0, color=COLORS["reference"], alpha=0.12, linewidth=0)
        ax.text(2.9, 0.03, "LDN\n1.5–6 mg", ha="center", va="bottom", fontsize=12)
        ax.set_xscale("log")
        ax.set_xticks([0.5, 1, 2, 5, 10, 20, 50, 100], labels=["0.5", "1", "2", "5", "10", "20", "50", "100"])
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(_PERCENT)
        ax.set_xlabel("single dose (mg naltrexone HCl, log scale)")
        ax.set_ylabel("mu receptors blocked")
        ax.set_title("blockade within 8 h of one dose")
        ax.legend(loc="upper left")
    return fig, artists


def update_dose_occupancy(artists: dict, doses_mg: np.ndarray, model_occupancy: np.ndarray) -> None:
    """Replace the model curve of the dose–occupancy figure (no redraw)."""
    artists["model"].set_data(doses_mg, model_occupancy)


def direct_model_figure(biophase: SimulationResult, direct: SimulationResult, half_time_range_h: tuple[float, float]):
    """After one 50 mg dose: plasma falls in hours; blockade by the two models over a week.

    Lee 1988's half-time range is drawn as a band where blockade should fall to half its peak.

    Returns
    -------
    figure, artists : dict with ``"biophase"``, ``"direct"``, ``"naltrexone"``, ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 5), layout="constrained")
        ax_plasma, ax_block = fig.subplots(1, 2, sharex=True)
        artists = {"axes": [ax_plasma, ax_block]}
        (artists["naltrexone"],) = ax_plasma.plot(_days(biophase), biophase.naltrexone_ng_ml,
                                                  color=COLORS["naltrexone"], label="naltrexone")
        ax_plasma.plot(_days(biophase), biophase.naltrexol_ng_ml, color=COLORS["naltrexol"], label="6β-naltrexol")
        _log_concentration_axis(ax_plasma)
        ax_plasma.set_ylabel("plasma, ng/mL (log)")
        ax_plasma.set_title("plasma after one 50 mg dose")
        ax_plasma.legend(loc="upper right")
        (artists["biophase"],) = ax_block.plot(_days(biophase), biophase.mor_occupancy, color=COLORS["occupancy"],
                                               label="slow biophase (fitted)")
        (artists["direct"],) = ax_block.plot(_days(direct), direct.mor_occupancy, color=COLORS["direct"],
                                             linestyle="--", label="direct (follows plasma)")
        peak_time_d = _days(biophase)[np.argmax(biophase.mor_occupancy)]
        ax_block.axvspan(peak_time_d + half_time_range_h[0] / 24, peak_time_d + half_time_range_h[1] / 24,
                         color=COLORS["reference"], alpha=0.2, linewidth=0, label="half blockade, Lee 1988")
        ax_block.set_ylim(0, 1)
        ax_block.yaxis.set_major_formatter(_PERCENT)
        ax_block.set_ylabel("mu receptors blocked")
        ax_block.set_title("blockade after one 50 mg dose")
        ax_block.legend(loc="upper right")
        for ax in (ax_plasma, ax_block):
            _time_axis(ax, biophase)
    return fig, artists


def summary_figure(result: SimulationResult):
    """Plasma naltrexone, 6β-naltrexol and blockade in one tall figure (for slides and the CLI).

    Returns
    -------
    figure, artists : dict with ``"naltrexone"``, ``"naltrexol"``, ``"occupancy"`` and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(11, 10), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        artists = {"axes": axes}
        for ax, name, title in zip(axes[:2], ("naltrexone", "naltrexol"), ("naltrexone", "6β-naltrexol")):
            (artists[name],) = ax.plot(_days(result), getattr(result, f"{name}_ng_ml"), color=COLORS[name])
            ax.set_ylabel(f"plasma {title}\nng/mL")
        (artists["occupancy"],) = axes[2].plot(_days(result), result.mor_occupancy, color=COLORS["occupancy"])
        axes[2].set_ylim(0, 1)
        axes[2].yaxis.set_major_formatter(_PERCENT)
        axes[2].set_ylabel("mu receptors\nblocked")
        _time_axis(axes[2], result)
        fig.suptitle(f"{result.regimen.describe()} (educational model, not medical advice)", fontsize=14)
    return fig, artists


#: How each simulated quantity is drawn in a time-course panel: y label, y limits (None = auto), percent axis
#: (built from :data:`ldnmodels.core.outputs.OUTPUTS`).
PANELS = {row.name: (row.label, row.limits, row.percent) for row in OUTPUTS}


def panels_figure(result: SimulationResult, names, reference: SimulationResult | None = None,
                  label: str = "chosen dose", reference_label: str = "50 mg (standard dose)",
                  daily: tuple = ("opioid_signaling", "pain_nrs"), unit: str = "days"):
    """Stacked time-course panels of simulated quantities, with daily means where they matter.

    Parameters
    ----------
    result, reference : SimulationResult
        What to draw; the reference (dashed grey) is optional.
    names : sequence of str
        Result attributes, keys of :data:`PANELS`.
    daily : tuple of str
        Quantities that also get a bold line of their mean over each whole day.
    unit : {"days", "weeks"}
        Unit of the time axis.

    Returns
    -------
    figure, artists : dict with, per name, lines ``name``, ``name + "_ref"`` and, for daily
    quantities, ``name + "_daily"`` and ``name + "_daily_ref"``; and ``"axes"``.
    """
    names = list(names)
    with style():
        fig = Figure(figsize=(12, 2.3 * len(names) + 0.8), layout="constrained")
        axes = np.atleast_1d(fig.subplots(len(names), 1, sharex=True))
        artists = {"axes": list(axes), "unit": unit, "names": names, "daily": daily}
        for ax, name in zip(axes, names):
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
            if name in ("endorphin_tone", "opioid_signaling", "receptor_density", "microglial_activation",
                        "sensitization"):
                ax.axhline(1.0, color=COLORS["data"], linewidth=reference_linewidth(), linestyle=":")
            ax.set_ylabel(ylabel)
            ax.set_ylim(*ylim)
            if percent:
                ax.yaxis.set_major_formatter(_PERCENT)
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
    """Point the panels at new results; rescale open-ended y axes (no redraw)."""
    scale = 24.0 if artists["unit"] == "days" else 168.0
    for ax, name in zip(artists["axes"], artists["names"]):
        pairs = [("", result), ("_ref", reference)]
        top = 0.0
        for suffix, res in pairs:
            line = artists[f"{name}{suffix}"]
            line.set_visible(res is not None)
            if res is None:
                continue
            values = getattr(res, name)
            line.set_data(res.t_h / scale, values)
            top = max(top, float(np.max(values)))
            if name in artists["daily"]:
                means = daily_means(res.t_h, values)
                starts = np.arange(means.size + 1) * 24.0 / scale
                artists[f"{name}_daily{suffix}"].set_data(starts, np.append(means, means[-1:]))
        if name in artists["daily"]:
            artists[f"{name}_daily_ref"].set_visible(reference is not None)
        ylabel, ylim, _ = PANELS[name]
        if ylim[1] is None:
            ax.set_ylim(0.0, max(1.2, 1.1 * top))
        ax.set_xlim(0, result.t_h[-1] / scale)


def concentration_gap_figure(ldn_peak_um: float, standard_peak_um: float, ic50_um: float,
                             active_range_um: tuple[float, float] = (1.0, 100.0), what_if_ic50_um: float | None = None):
    """Plasma naltrexone at LDN and at 50 mg against TLR4-active concentrations, on one log axis.

    Returns
    -------
    figure, artists : dict with ``"what_if"`` (the what-if potency line, if drawn), ``"what_if_text"`` and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 3.8), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        ax.axvspan(*active_range_um, color=COLORS["naltrexol"], alpha=0.18, linewidth=0)
        ax.text(np.sqrt(active_range_um[0] * active_range_um[1]), 0.82, "TLR4 effects reported\nin vitro, (+)-naltrexone",
                ha="center", va="top", fontsize=12)
        ax.axvline(ic50_um, color=COLORS["naltrexol"], linewidth=2.5)
        ax.text(ic50_um * 1.15, 0.18, f"IC50 used\n{ic50_um:g} µM", fontsize=12, color=COLORS["naltrexol"])
        for value, name, y in ((ldn_peak_um, "LDN 4.5 mg peak", 0.55), (standard_peak_um, "50 mg peak", 0.3)):
            ax.plot([value], [y], marker="v", markersize=14, color=COLORS["naltrexone"])
            ax.text(value, y + 0.08, f"{name}\n{1000 * value:.2g} nM", ha="center", va="bottom", fontsize=12)
        ax.annotate("", xy=(ic50_um, 0.6), xytext=(ldn_peak_um, 0.6),
                    arrowprops={"arrowstyle": "<->", "color": COLORS["data"], "linewidth": 1.5})
        ax.text(np.sqrt(ic50_um * ldn_peak_um), 0.63, f"× {ic50_um / ldn_peak_um:,.0f}", ha="center", fontsize=13)
        if what_if_ic50_um is not None:
            artists["what_if"] = ax.axvline(what_if_ic50_um, color=COLORS["direct"], linewidth=2.5, linestyle="--",
                                            label="what-if potency")
            ax.legend(loc="upper right")
        ax.set_xscale("log")
        ax.set_xlim(1e-4, 1e3)
        ticks = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]
        ax.set_xticks(ticks, labels=["0.1 nM", "1 nM", "10 nM", "100 nM", "1 µM", "10 µM", "100 µM", "1 mM"])
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("naltrexone concentration (log scale)")
        ax.set_title("the concentration gap: plasma levels versus TLR4-active concentrations")
    return fig, artists


def signaling_versus_blockade_figure(hours_blocked: np.ndarray, net_signaling: np.ndarray, labels,
                                     wave_hours: np.ndarray, wave_signaling: np.ndarray,
                                     doses_label: str = "daily doses, default receptor structure"):
    """Net daily opioid signalling against hours per day of blockade above 50 %.

    Points: daily regimens at several doses (from a receptor structure, named by ``doses_label``); line: a
    square wave of full blockade lasting a given number of hours a day (the theory's picture).

    Returns
    -------
    figure, artists : dict with ``"doses"``, ``"wave"`` and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(9, 6), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        (artists["wave"],) = ax.plot(wave_hours, wave_signaling, color=COLORS["direct"],
                                     label="full blockade for N hours a day (theory)")
        artists["doses"] = ax.scatter(hours_blocked, net_signaling, color=COLORS["occupancy"], zorder=3, s=90,
                                      label=doses_label)
        for x, y, text in zip(hours_blocked, net_signaling, labels):
            ax.annotate(text, (x, y), textcoords="offset points", xytext=(8, 6), fontsize=12)
        ax.axhline(1.0, color=COLORS["data"], linewidth=reference_linewidth(), linestyle=":")
        ax.set_xlim(-0.5, 24.5)
        ax.set_xticks([0, 4, 8, 12, 16, 20, 24])
        ax.set_ylim(0, max(1.6, 1.1 * float(np.max(wave_signaling))))
        ax.set_xlabel("hours per day with more than half the receptors blocked")
        ax.set_ylabel("net opioid signalling\n(mean of week 4, untreated = 1)")
        ax.legend(loc="upper right", fontsize=11)
    return fig, artists


_SCHEDULE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
#: With the colours, so that series stay apart in greyscale (blue and vermilion have about the same lightness).
_SCHEDULE_STYLES = ("-", "--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)))
_SCHEDULE_MARKERS = ("o", "s", "^", "D", "v")


def schedules_figure(schedules: dict):
    """Several schedules side by side: daily dose, blockade, and the nightly vivid-dream index.

    Parameters
    ----------
    schedules : dict
        ``name -> (SimulationResult, SideEffects)``, at most five.

    Returns
    -------
    figure, artists : dict with ``"dose"``, ``"blockade"``, ``"dreams"`` (dicts of lines by name) and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 9), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        artists = {"axes": list(axes), "dose": {}, "blockade": {}, "dreams": {}}
        # line style and marker differ too: blue and vermilion have about the same lightness in greyscale
        for (name, _), color, linestyle, marker in zip(schedules.items(), _SCHEDULE_COLORS, _SCHEDULE_STYLES,
                                                        _SCHEDULE_MARKERS):
            (artists["dose"][name],) = axes[0].plot([], [], drawstyle="steps-post", color=color, linestyle=linestyle,
                                                    label=name)
            (artists["blockade"][name],) = axes[1].plot([], [], color=color, linewidth=1.8, linestyle=linestyle)
            (artists["dreams"][name],) = axes[2].plot([], [], color=color, marker=marker, markersize=4,
                                                      linewidth=1.5, linestyle=linestyle)
        axes[0].set_ylabel("daily dose (mg)")
        axes[1].set_ylabel("mu receptors\nblocked")
        axes[1].set_ylim(0, 1)
        axes[1].yaxis.set_major_formatter(_PERCENT)
        axes[2].set_ylabel("vivid-dream index\n(per night, conceptual)")
        axes[2].set_ylim(0, 0.6)
        axes[2].yaxis.set_major_formatter(_PERCENT)
        axes[2].set_xlabel("time (days from midnight before day 1)")
        axes[0].legend(loc="lower right")
        update_schedules(artists, schedules)
    return fig, artists


def update_schedules(artists: dict, schedules: dict) -> None:
    """Point the schedule figure at new results (same names as when built; no redraw)."""
    top, end = 0.0, 0.0
    for name, (result, effects) in schedules.items():
        days = np.array([t // 24 for t in result.regimen.times_h])
        doses = np.array(result.regimen.doses_mg)
        n_days = int(round(result.t_h[-1] / 24.0))
        daily = np.zeros(n_days + 1)
        np.add.at(daily, days.astype(int).clip(0, n_days), doses)
        artists["dose"][name].set_data(np.arange(n_days + 1), daily)
        artists["blockade"][name].set_data(result.t_h / 24.0, result.mor_occupancy)
        nights = np.arange(effects.vivid_dreams_nightly.size) + 22.0 / 24.0
        artists["dreams"][name].set_data(nights, effects.vivid_dreams_nightly)
        top, end = max(top, float(daily.max())), max(end, result.t_h[-1] / 24.0)
    artists["axes"][0].set_ylim(0, 1.15 * max(top, 1e-3))
    artists["axes"][0].set_xlim(0, end)


def day_profile_figure(result: SimulationResult, reference: SimulationResult | None, night: tuple[float, float],
                       label: str = "chosen time", reference_label: str = "21:00"):
    """The last whole day of a simulation against the clock: blockade, endorphin release and net signalling,
    with the night window shaded.

    Returns
    -------
    figure, artists : dict with lines ``"<name>"`` and ``"<name>_ref"`` for ``mor_occupancy``,
    ``endorphin_tone`` and ``opioid_signaling``, the night spans ``"night"`` and ``"axes"``.
    """
    names = ("mor_occupancy", "endorphin_tone", "opioid_signaling")
    with style():
        fig = Figure(figsize=(12, 8), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        artists = {"axes": list(axes), "night": []}
        for ax, name in zip(axes, names):
            (artists[f"{name}_ref"],) = ax.plot([], [], color=COLORS["reference"], linestyle="--", label=reference_label)
            (artists[name],) = ax.plot([], [], color=COLORS["occupancy"], label=label)
            ylabel, ylim, percent = PANELS[name]
            ax.set_ylabel(ylabel)
            if percent:
                ax.yaxis.set_major_formatter(_PERCENT)
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
    """Point the day profile at new results and night window (no redraw)."""
    for span in artists["night"]:
        span.remove()
    artists["night"] = []
    start, end = night
    pieces = [(start, end)] if start < end else [(start, 24.0), (0.0, end)]
    for ax in artists["axes"]:
        for left, right in pieces:
            artists["night"].append(ax.axvspan(left, right, color="#000000", alpha=0.07, linewidth=0))
    for res, suffix in ((result, ""), (reference, "_ref")):
        for name in ("mor_occupancy", "endorphin_tone", "opioid_signaling"):
            line = artists[f"{name}{suffix}"]
            line.set_visible(res is not None)
            if res is None:
                continue
            per_day = int(round(24.0 / res.step_h))
            last = slice(res.t_h.size - 1 - per_day, res.t_h.size)
            line.set_data(res.t_h[last] - res.t_h[last][0], getattr(res, name)[last])


def population_bands_figure(days: np.ndarray, groups: dict, baseline: float | None = None):
    """Daily values of groups of patients over time: median line and 5-95 % band per group.

    Parameters
    ----------
    days : ndarray, shape (n_days,)
    groups : dict
        ``name -> array (n_patients, n_days)``, at most five.

    Returns
    -------
    figure, artists : dict with ``"median"`` and ``"band"`` (dicts by name) and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(12, 5.5), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax], "median": {}, "band": {}}
        for (name, values), color, linestyle in zip(groups.items(), _SCHEDULE_COLORS, _SCHEDULE_STYLES):
            low, mid, high = np.percentile(values, [5, 50, 95], axis=0)
            artists["band"][name] = ax.fill_between(days / 7.0, low, high, color=color, alpha=0.18, linewidth=0)
            (artists["median"][name],) = ax.plot(days / 7.0, mid, color=color, linestyle=linestyle,
                                                 label=f"{name} (median, 5-95 %)")
        if baseline is not None:
            ax.axhline(baseline, color=COLORS["data"], linewidth=reference_linewidth(), linestyle=":")
        ax.set_ylim(0, 10)
        ax.set_xlim(0, days[-1] / 7.0)
        ax.set_xlabel("weeks on treatment")
        ax.set_ylabel("pain score (0-10, conceptual)")
        ax.legend(loc="lower left", fontsize=11)
    return fig, artists


def power_figure(n_values, curves: dict):
    """Power (share of simulated trials with p < 0.05 favouring the drug) against patients per arm.

    Returns
    -------
    figure, artists : dict with lines by label and ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(9, 5.5), layout="constrained")
        ax = fig.subplots()
        artists = {"axes": [ax]}
        for (label, powers), color, linestyle, marker in zip(curves.items(), _SCHEDULE_COLORS, _SCHEDULE_STYLES,
                                                             _SCHEDULE_MARKERS):
            (artists[label],) = ax.plot(n_values, powers, color=color, linestyle=linestyle, marker=marker,
                                        label=label)
        ax.axhline(0.8, color=COLORS["data"], linewidth=reference_linewidth(), linestyle=":")
        ax.text(n_values[0], 0.82, "80 % power", fontsize=11)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(_PERCENT)
        ax.set_xlabel("patients per arm")
        ax.set_ylabel("power")
        ax.legend(loc="upper left", fontsize=11)
    return fig, artists


def evidence_figure(published: list, simulated: dict):
    """Published effects beside what the default virtual population gives for the same designs.

    Two panels on their own scales: the difference in % change (LDN minus placebo) and the
    standardised mean difference. Published: black points with their interval where reported;
    simulated: the median and 2.5-97.5 % range over replicate trials.

    Parameters
    ----------
    published : list of dict
        Rows of :func:`ldnmodels.analyses.evidence.published_trials`.
    simulated : dict
        ``key -> {"percent": array, "smd": array}`` over replicate trials, for the trials simulated.

    Returns
    -------
    figure, artists : dict with ``"axes"``.
    """
    panels = (("percent points", "percent", "difference in pain change, % points\n(LDN minus placebo)"),
              ("SMD", "smd", "standardised mean difference\n(LDN minus placebo)"))
    with style():
        fig = Figure(figsize=(13, 6), layout="constrained")
        axes = fig.subplots(1, 2)
        artists = {"axes": list(axes)}
        names = {r["key"].replace("_smd", ""): r["study"] for r in published}
        for ax, (measure, sim_key, xlabel) in zip(axes, panels):
            rows = [r for r in published if r["measure"] == measure]
            shown = {r["key"].replace("_smd", "") for r in rows}
            keys = [r["key"].replace("_smd", "") for r in rows] + [k for k in simulated if k not in shown]
            labels = [r["study"] for r in rows] + [f"{names.get(k, k)}\n(not reported on this scale)"
                                                   for k in simulated if k not in shown]
            for y, key in enumerate(keys):
                row = next((r for r in rows if r["key"].replace("_smd", "") == key), None)
                if key in simulated:
                    low, mid, high = np.percentile(simulated[key][sim_key], [2.5, 50, 97.5])
                    ax.plot([low, high], [y - 0.15, y - 0.15], color=COLORS["occupancy"], linewidth=5, alpha=0.6)
                    ax.plot([mid], [y - 0.15], "o", color=COLORS["occupancy"])
                if row is not None:
                    if row["ci_low"] is not None:
                        ax.plot([row["ci_low"], row["ci_high"]], [y + 0.15, y + 0.15], color=COLORS["data"], linewidth=2)
                    marker = "D" if row["kind"] == "meta-analysis" else "s"
                    ax.plot([row["effect"]], [y + 0.15], marker, color=COLORS["data"], markersize=9)
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

    Returns
    -------
    figure, artists : dict with ``"axes"``.
    """
    with style():
        fig = Figure(figsize=(9, 5), layout="constrained")
        ax = fig.subplots()
        from ..analyses.trials import significant_for_drug
        significant = significant_for_drug(p_values, differences)
        bins = np.linspace(min(-3.0, float(np.min(differences))), max(3.0, float(np.max(differences))), 41)
        # stacked, as in the trial explorer: a bin holding both kinds shows both; dark grey, because green and the
        # reference grey are equally light in greyscale
        ax.hist([np.asarray(differences)[significant], np.asarray(differences)[~significant]], bins=bins,
                stacked=True, color=[COLORS["occupancy"], "#595959"], label=["p < 0.05 for drug", "not significant"])
        ax.axvline(0, color=COLORS["data"], linewidth=1)
        ax.set_xlabel("drug minus placebo, pain points (negative favours the drug)")
        ax.set_ylabel("replicate trials")
        ax.set_title(f"{len(differences)} simulated trials: power {significant.mean():.0%} (teaching model)")
        ax.legend(loc="upper left")
    return fig, {"axes": [ax]}
