"""Fast re-rendering of an explorer's figure: the static part is drawn once, only the data artists on each change.

Most of an explorer's redraw went into the axes themselves (tick labels, axis labels, titles, grids: about three
quarters of the draw time, measured on notebook 05's four-panel figure), which do not change when a slider moves
a curve within fixed limits. :class:`FigureRenderer` keeps an image of the figure without its data artists and,
while nothing static has changed, restores it and draws the data artists on top (matplotlib's "blitting", here for
Agg images rather than a GUI window). Anything that changes the static part — limits, scales, ticks, titles, axis
labels, axes positions, figure texts — is detected from a key and triggers a full draw.
"""
from __future__ import annotations

import io

from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.spines import Spine
from PIL import Image

__all__ = ["FigureRenderer"]


class FigureRenderer:
    """PNG images of one figure, redrawing only its data artists while the axes stay as they were.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        Rendered with Agg (a canvas is attached if it has none).
    """

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        if not isinstance(figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(figure)
        self._key = None
        self._background = None
        self.full_draws = 0  #: how many renders drew everything (for tests and benchmarks)

    def png(self) -> bytes:
        """The figure as PNG bytes, exactly as a full Agg draw would show it (data artists above the axes)."""
        canvas = self.figure.canvas
        key = self._static_key()
        if self._background is None or key != self._key:
            self._full_draw()
        else:
            canvas.restore_region(self._background)
            self._draw_dynamic()
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        # Light compression: encoding at the default level took a third of an explorer's redraw time.
        image.save(buffer, format="png", compress_level=1, dpi=(self.figure.dpi, self.figure.dpi))
        return buffer.getvalue()

    def _full_draw(self) -> None:
        dynamic = self._dynamic_artists()
        for artist in dynamic:
            artist.set_animated(True)
        try:
            self.figure.canvas.draw()
        finally:
            for artist in dynamic:
                artist.set_animated(False)
        self._background = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        self._key = self._static_key()  # after the draw: a layout engine may have moved the axes
        self._draw_dynamic()
        self.full_draws += 1

    def _draw_dynamic(self) -> None:
        for artist in self._dynamic_artists():
            self.figure.draw_artist(artist)

    def _dynamic_artists(self) -> list:
        """Every visible artist of every axes except the axes' own furniture, and the figure's legends, in drawing
        order."""
        found = []
        for ax in self.figure.axes:
            if not ax.get_visible():
                continue
            static = {ax.patch, ax.title, ax._left_title, ax._right_title}
            for child in ax.get_children():
                if child in static or isinstance(child, (Axis, Spine)) or not child.get_visible():
                    continue
                found.append(child)
        # figure-level legends too: their labels follow the sliders (a dose in the text), which must not cost a
        # full draw on every move (measured: every move of 03's dose slider was one)
        found += [legend for legend in self.figure.legends if legend.get_visible()]
        return sorted(found, key=lambda artist: artist.get_zorder())

    def _static_key(self) -> tuple:
        """Everything a full draw depends on that the data artists do not."""
        parts = [tuple(self.figure.get_size_inches()), self.figure.dpi,
                 tuple(text.get_text() for text in self.figure.texts),
                 getattr(self.figure, "_suptitle", None) and self.figure._suptitle.get_text()]
        for ax in self.figure.axes:
            parts.append((ax.get_visible(), ax.axison, tuple(ax.get_position().bounds), ax.get_xlim(), ax.get_ylim(),
                          ax.get_xscale(), ax.get_yscale(), ax.get_title("left"), ax.get_title("center"),
                          ax.get_title("right"), ax.get_xlabel(), ax.get_ylabel(),
                          tuple(ax.get_xticks()), tuple(ax.get_yticks()),
                          tuple(getattr(ax.xaxis.get_major_formatter(), "seq", ()) or ()),
                          tuple(getattr(ax.yaxis.get_major_formatter(), "seq", ()) or ())))
        return tuple(parts)
