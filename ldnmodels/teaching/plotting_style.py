"""The look shared by every figure, and showing a figure in a notebook.

* the style files (:data:`STYLE`, :data:`PRESENTATION_STYLE`) and :func:`style`, the context every builder draws in;
* the presentation mode (:func:`use_presentation`, :func:`presentation_on`) and what it scales outside the style
  files (:func:`reference_linewidth`, :func:`text_size`), and the dotted line of a reference level
  (:func:`reference_line`);
* colours and line looks: :data:`COLORS` by meaning (and :data:`NOT_SIGNIFICANT_COLOR`); :data:`SERIES_COLORS`,
  :data:`SERIES_LINESTYLES` and :data:`SERIES_MARKERS` for up to five series told apart by order;
  :data:`PERCENT_AXIS` for axes of fractions;
* display: :func:`figure_png`, :func:`show` and :func:`set_legend_label`.

Module state: whether the presentation mode is on is the only mutable state of the plotting modules, and it lives
here alone (a private module variable, read through :func:`presentation_on`, changed through
:func:`use_presentation`). It starts on when the environment variable ``LDN_PRESENTATION`` is ``"1"`` (app mode) and
applies to figures built after it changes; figures already built keep their look.
"""
from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from matplotlib import style as mpl_style
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..core.memory import release_freed_memory

__all__ = ["STYLE", "PRESENTATION_STYLE", "COLORS", "NOT_SIGNIFICANT_COLOR", "SERIES_COLORS", "SERIES_LINESTYLES",
           "SERIES_MARKERS", "PERCENT_AXIS", "style", "use_presentation", "presentation_on", "reference_linewidth",
           "reference_line", "failure_label", "FAILURE_COLOR", "text_size", "figure_png", "show", "set_legend_label"]

#: The package's matplotlib style files: the notebook style and the larger presentation style.
STYLE = str(resources.files("ldnmodels.teaching").joinpath("ldn.mplstyle"))
#: The presentation (projector) style file: larger text and lines.
PRESENTATION_STYLE = str(resources.files("ldnmodels.teaching").joinpath("ldn-presentation.mplstyle"))

#: Okabe–Ito colours by meaning.
COLORS = {"naltrexone": "#0072B2", "naltrexol": "#D55E00", "occupancy": "#009E73",
          "reference": "#7f7f7f", "data": "#000000", "direct": "#CC79A7"}
#: Dark grey of non-significant trials beside green significant ones: green and the reference grey are equally
#: light in greyscale.
NOT_SIGNIFICANT_COLOR = "#595959"
#: Colours of up to five series told apart by their order (schedules, groups of patients, power curves): Okabe–Ito.
SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
#: Colour of a failure label (:func:`failure_label`): the Okabe–Ito vermilion, darkened to read on white.
FAILURE_COLOR = "#A63C00"
#: Line styles going with :data:`SERIES_COLORS`, so that the series stay apart in greyscale (blue and vermilion have
#: about the same lightness, :mod:`ldnmodels.teaching.readability`).
SERIES_LINESTYLES = ("-", "--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)))
#: Markers going with :data:`SERIES_COLORS`, for series drawn with points.
SERIES_MARKERS = ("o", "s", "^", "D", "v")
#: Tick labels of an axis holding fractions (0–1) written as percentages: 0.5 -> "50 %".
PERCENT_AXIS = FuncFormatter(lambda fraction, _position: f"{100 * fraction:.0f} %")

#: Whether new figures use the presentation style: the module's only mutable state (see the module docstring).
_presentation = os.environ.get("LDN_PRESENTATION", "") == "1"


def use_presentation(on: bool = True) -> None:
    """Switch the presentation style (larger fonts, thicker lines) on or off for figures built from now on.

    App mode (``make app``) switches it on for every notebook through ``LDN_PRESENTATION=1``.
    """
    global _presentation
    _presentation = bool(on)


def presentation_on() -> bool:
    """True when new figures use the presentation style."""
    return _presentation


def reference_linewidth(normal: float = 1.0) -> float:
    """Width of dotted reference lines (untreated = 1, a threshold): thin on paper, 2.5× on a projector, where
    1-px dotted lines vanish."""
    return normal * (2.5 if _presentation else 1.0)


def failure_label(ax, xy: tuple[float, float], text: str, offset_points: tuple[float, float] = (12, 12),
                  **options):
    """Mark, on the figure itself, where a model shows what no study saw or misses what one did.

    Draws ``text`` in a framed box with an arrow to ``xy``, in :data:`FAILURE_COLOR`, so that the failure is read
    with the figure (a caption or a printed line can be separated from it; this cannot).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes holding the point.
    xy : (float, float)
        The point the failure is about, in data units.
    text : str
        What fails, in words (e.g. ``"above untreated: no trial saw this"``).
    offset_points : (float, float)
        Where the box sits relative to ``xy``, points.
    **options
        Further ``Axes.annotate`` arguments (e.g. ``ha``).

    Returns
    -------
    matplotlib.text.Annotation
    """
    return ax.annotate(text, xy, textcoords="offset points", xytext=offset_points, color=FAILURE_COLOR,
                       fontsize="small", arrowprops={"arrowstyle": "->", "color": FAILURE_COLOR},
                       bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": FAILURE_COLOR},
                       **options)


def reference_line(ax, y: float, normal_width: float = 1.0, **options):
    """Draw the dotted black horizontal line of a reference level (untreated = 1, a threshold, a chosen level).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw it, across the whole width.
    y : float
        The level, in the y axis' data units.
    normal_width : float
        Line width on paper, points; :func:`reference_linewidth` widens it on a projector.
    **options
        Further ``Axes.axhline`` arguments, e.g. ``label``.

    Returns
    -------
    matplotlib.lines.Line2D
        The line.
    """
    return ax.axhline(y, color=COLORS["data"], linewidth=reference_linewidth(normal_width), linestyle=":", **options)


def text_size(normal: float) -> float:
    """Font size in points for text set outside :func:`style` (explorer texts and legends made on update):
    ``normal`` on paper, 1.5× on a projector."""
    return normal * (1.5 if _presentation else 1.0)


@contextmanager
def style() -> Iterator[None]:
    """Context in which figures get the package style (or the presentation style, when switched on)."""
    with mpl_style.context(PRESENTATION_STYLE if _presentation else STYLE):
        yield


def figure_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render a figure to PNG bytes with Agg (in process; no pyplot, no GUI).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; an Agg canvas is attached if it has none.
    dpi : float, optional
        Resolution in dots per inch; the figure's own when None.

    Returns
    -------
    bytes
        The PNG file's content.
    """
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

    With ``LDN_CHECK_FIGURES=1`` (the test suite), a figure whose series only hue tells apart is refused
    (:func:`ldnmodels.teaching.readability.clashes`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to show.
    description : str
        One sentence saying what the figure shows: the image's alt text (read by screen readers) and a caption
        under it.

    Raises
    ------
    ValueError
        When checking figures, if the figure has series told apart by hue alone.
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
    release_freed_memory()  # the computation's and the drawing's temporaries, as an explorer does after each redraw


def set_legend_label(artists: dict, key: str, label: str) -> None:
    """Rename a line in its axes' legend (and the figure's legends) without rebuilding the legend.

    Parameters
    ----------
    artists : dict
        The artists a figure builder returned.
    key : str
        Which line of ``artists`` to rename.
    label : str
        The new label.
    """
    line = artists[key]
    line.set_label(label)
    legends = [line.axes.get_legend(), *line.figure.legends]
    for handle, text in ((handle, text) for legend in legends if legend is not None
                         for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True)):
        if not hasattr(handle, "get_color"):  # a patch (band), never the line being renamed
            continue
        if handle.get_color() == line.get_color() and handle.get_linestyle() == line.get_linestyle():
            text.set_text(label)
