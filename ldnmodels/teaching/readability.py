"""Figures readable in greyscale and by colour-blind viewers: series must differ in more than hue.

Okabe–Ito colours stay apart for the common colour-vision deficiencies, but several of them have about the same
lightness (blue, vermilion, green and the reference grey lie within 12 units of CIE L* of each other), so a
greyscale print or projector, and some viewers, see two such solid lines as one. :func:`clashes` lists the pairs of
lines in one axes that only hue tells apart: the same line style and marker, widths within a factor of 1.8, and
lightness closer than :data:`MIN_LIGHTNESS_GAP` — and the pairs of bar series with the same hatch and such close
lightness.

With ``LDN_CHECK_FIGURES=1`` (set by the test suite, so that nbval checks every notebook figure),
:func:`ldnmodels.teaching.plotting.show` refuses a figure with a clash.
"""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # matplotlib is imported when a figure is checked, not with the package
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

__all__ = ["MIN_LIGHTNESS_GAP", "lightness", "clashes"]

#: Smallest CIE L* difference (0-100) at which two lines of the same style count as distinct in greyscale.
MIN_LIGHTNESS_GAP = 15.0
_WIDTH_RATIO = 1.8


def lightness(color) -> float:
    """CIE L* (0 black … 100 white) of a matplotlib colour: what a greyscale rendering keeps of it."""
    from matplotlib.colors import to_rgb
    rgb = np.array(to_rgb(color))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    y = float(linear @ [0.2126, 0.7152, 0.0722])
    return 116.0 * y ** (1 / 3) - 16.0 if y > (6 / 29) ** 3 else y * (29 / 3) ** 3


def clashes(figure: Figure) -> list[str]:
    """Pairs of visible lines in one axes told apart by hue alone, as readable descriptions (empty when none)."""
    found = []
    for index, ax in enumerate(figure.axes):
        lines = [line for line in ax.get_lines() if _is_series(line)]
        for first, second in itertools.combinations(lines, 2):
            if _same_look(first, second) and abs(lightness(first.get_color()) - lightness(second.get_color())) \
                    < MIN_LIGHTNESS_GAP:
                found.append(f"axes {index}: {first.get_label()!r} ({first.get_color()}) and {second.get_label()!r} "
                             f"({second.get_color()}) differ only in hue")
        # bar series (histograms, bar charts): one face colour and hatch per container
        bars = [(container.get_label(), container.patches[0]) for container in ax.containers
                if getattr(container, "patches", None)]
        for (first_label, first), (second_label, second) in itertools.combinations(bars, 2):
            first_face, second_face = first.get_facecolor()[:3], second.get_facecolor()[:3]
            if first_face != second_face and first.get_hatch() == second.get_hatch() \
                    and abs(lightness(first_face) - lightness(second_face)) < MIN_LIGHTNESS_GAP:
                found.append(f"axes {index}: bars {first_label!r} and {second_label!r} differ only in hue")
    return found


def _is_series(line: Line2D) -> bool:
    """A visible line with at least two finite points (not an empty placeholder or a single marker)."""
    if not line.get_visible():
        return False
    x, y = (np.asarray(values, dtype=float) for values in line.get_data())
    return int(np.count_nonzero(np.isfinite(x) & np.isfinite(y))) >= 2


def _same_look(first: Line2D, second: Line2D) -> bool:
    from matplotlib.colors import to_rgb
    if to_rgb(first.get_color()) == to_rgb(second.get_color()):
        return False  # one series drawn in parts, or two meant to look alike
    if _dashes(first) != _dashes(second) or first.get_marker() != second.get_marker():
        return False
    widths = sorted((first.get_linewidth(), second.get_linewidth()))
    return widths[1] < _WIDTH_RATIO * widths[0]


def _dashes(line: Line2D) -> tuple:
    """The line's dash pattern: ``get_linestyle()`` calls every custom pattern "--"."""
    offset, sequence = getattr(line, "_unscaled_dash_pattern", (0, None))
    return line.get_linestyle(), offset, tuple(sequence) if sequence is not None else None
