"""Explorers for the notebooks: sliders wired to a figure that is built once, in one namespace.

``from ldnmodels import widgets``, then ``widgets.<name>_explorer(...)``. This module only re-exports; each
explorer is declared once, in the module for its topic, with the helper of :mod:`~ldnmodels.teaching.explorer`:

* :mod:`~ldnmodels.teaching.explorers_exposure` — plasma levels and receptor blockade (notebooks 01, 02);
* :mod:`~ldnmodels.teaching.explorers_mechanisms` — endorphin rebound, microglia / TLR4, symptoms (03–05);
* :mod:`~ldnmodels.teaching.explorers_practice` — titration, timing, adherence, opioids, the liver (06, 07);
* :mod:`~ldnmodels.teaching.explorers_trials` — designing a trial on the virtual population (08).

On every slider change an explorer simulates, points the existing artists at the new arrays, and renders the
figure into an image widget (Agg, in process). Callbacks print nothing. Explorers work without a running kernel,
so tests drive them directly:

>>> explorer = plasma_explorer()
>>> explorer.controls["dose_mg"].value = 50.0
>>> round(float(explorer.artists["naltrexone"].get_ydata().max()), 0)
14.0
"""
from __future__ import annotations

from .explorer import (
                       CLINICAL_DOSES_MG,
                       DOSE_RANGE_MG,
                       STEP_H,
                       WEEKS_STEP_H,
                       Explorer,
                       ExplorerDeclaration,
                       structure_options,
)
from .explorers_exposure import REGIMEN_CHOICES, blockade_explorer, plasma_explorer, regimen_from_choice
from .explorers_mechanisms import BLOCKADE_CHOICES, rebound_explorer, symptoms_explorer, tlr4_explorer
from .explorers_practice import (
                       RECEPTOR_MODELS,
                       adherence_explorer,
                       liver_explorer,
                       opioid_explorer,
                       timing_explorer,
                       titration_explorer,
)
from .explorers_trials import trial_explorer

__all__ = ["Explorer", "ExplorerDeclaration", "regimen_from_choice", "REGIMEN_CHOICES", "plasma_explorer",
           "blockade_explorer", "rebound_explorer", "tlr4_explorer", "symptoms_explorer", "BLOCKADE_CHOICES",
           "DOSE_RANGE_MG", "CLINICAL_DOSES_MG", "STEP_H", "WEEKS_STEP_H", "structure_options", "RECEPTOR_MODELS",
           "titration_explorer", "timing_explorer", "adherence_explorer", "opioid_explorer", "liver_explorer",
           "trial_explorer"]
