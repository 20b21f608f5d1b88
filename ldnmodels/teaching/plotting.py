"""The figures of the course, in one namespace: ``from ldnmodels.teaching import plotting``, then ``plotting.<name>``.

This module only re-exports; each name is defined once, in the module for its responsibility:

* :mod:`~ldnmodels.teaching.plotting_style` — style files, presentation mode (the plotting modules' only mutable
  state), colours and line looks, :func:`show`, :func:`figure_png`, :func:`set_legend_label`;
* :mod:`~ldnmodels.teaching.plotting_timecourses` — one simulation over time: plasma, blockade, stacked panels;
* :mod:`~ldnmodels.teaching.plotting_regimens` — regimens compared: schedules, time of day, hours of blockade,
  the concentration gap to TLR4;
* :mod:`~ldnmodels.teaching.plotting_evidence` — virtual populations, trial power, replicate trials, published
  evidence.

Figures comparing the receptor structures are in :mod:`~ldnmodels.teaching.plotting_structures`.

Each ``*_figure`` draws once and returns ``(figure, artists)``; the matching ``update_*`` changes the artists' data
for a new result, so an explorer never rebuilds a figure. Figures are :class:`matplotlib.figure.Figure` objects not
managed by pyplot (no stray copies in notebooks); show one with :func:`show`.
"""
from __future__ import annotations

from . import plotting_evidence, plotting_regimens, plotting_style, plotting_timecourses

# Re-exports: each module's __all__ is the one list of its public names, and a star import takes exactly those
# (tests/teaching/test_plotting.py checks that every one arrives, unchanged). Naming them again here would be a
# second list to keep in step, hence F403 is silenced on these lines only.
from .plotting_evidence import *  # noqa: F403
from .plotting_regimens import *  # noqa: F403
from .plotting_style import *  # noqa: F403
from .plotting_timecourses import *  # noqa: F403

__all__ = [name for module in (plotting_style, plotting_timecourses, plotting_regimens, plotting_evidence)
           for name in module.__all__]
