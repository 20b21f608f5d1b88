"""ldnmodels: a teaching kit on how low-dose naltrexone (LDN) is thought to work.

Educational, not medical advice.

The package is layered; each layer imports only the layers below it (``tests/test_architecture.py`` checks it):

* :mod:`ldnmodels.data` — the published data shipped with the package, and the defaults the fits write;
* :mod:`ldnmodels.core` — validation, sources, linear algebra, metrics, the table of outputs;
* :mod:`ldnmodels.model` — one way: :class:`Regimen` → plasma (:mod:`~ldnmodels.model.pharmacokinetics`) →
  mu-receptor blockade (one of several fitted structures, :mod:`~ldnmodels.model.structures`) → endorphin rebound
  (:mod:`~ldnmodels.model.endorphin`) and microglia/TLR4 (:mod:`~ldnmodels.model.inflammation`) → a conceptual
  pain score (:mod:`~ldnmodels.model.symptoms`), composed by :func:`simulate`;
* :mod:`ldnmodels.analyses` — ensembles, virtual populations, trials, evidence, calibration, fitting, titration;
* :mod:`ldnmodels.teaching` — figures, explorers, exercises, the lecture, the command line.

The modules of the upper layers are reached as ``ldn.<module>`` after ``import ldnmodels as ldn`` (imported on
first use, so ``import ldnmodels`` stays light).
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from . import compat
from .core.sources import SOURCES, provenance_markdown, provenance_rows
from .core.version import __version__ as __version__
from .model.endorphin import ReboundParameters, rebound_from_blockade
from .model.inflammation import InflammationParameters, inflammation_from_plasma
from .model.opioids import OpioidCoMedication
from .model.pharmacokinetics import PKParameters, plasma_concentrations
from .model.receptor import regimen_blockade
from .model.receptor_binding import BindingReceptorParameters
from .model.receptor_biophase import DirectReceptorParameters, ReceptorParameters, receptor_blockade
from .model.receptor_tissue import TissueReceptorParameters
from .model.receptor_two_phase import TwoPhaseReceptorParameters
from .model.regimen import Regimen
from .model.simulation import Mechanisms, SimulationResult, mechanisms, simulate, with_mechanisms
from .model.structures import receptor_structures
from .model.symptoms import SymptomParameters, pain_from_mechanisms

LAYERS = ("core", "model", "analyses", "teaching")
#: ``ldn.<name>`` -> the module it names, for every module of every layer (imported on first use).
MODULES = {info.name: f"{__name__}.{layer}.{info.name}" for layer in LAYERS
           for info in pkgutil.iter_modules([str(Path(__file__).parent / layer)])}
#: Names re-exported from an upper layer (imported on first use).
_LAZY_NAMES = {"ensemble": "ldnmodels.analyses.ensembles", "Ensemble": "ldnmodels.analyses.ensembles"}


def __getattr__(name: str):
    if name in LAYERS or name == "data":
        return importlib.import_module(f"{__name__}.{name}")
    if name in MODULES:
        return importlib.import_module(MODULES[name])
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(_LAZY_NAMES[name]), name)
    raise AttributeError(f"module 'ldnmodels' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(LAYERS) | set(MODULES) | set(_LAZY_NAMES))


# ldnmodels.trials, ldnmodels.cli, ...: the paths from before the layers still import (ldnmodels/compat.py)
compat.install()

__all__ = [
    # inputs
    "Regimen", "PKParameters", "ReceptorParameters", "DirectReceptorParameters", "BindingReceptorParameters",
    "TissueReceptorParameters", "TwoPhaseReceptorParameters", "ReboundParameters", "InflammationParameters",
    "SymptomParameters", "OpioidCoMedication",
    # running
    "simulate", "SimulationResult", "plasma_concentrations", "regimen_blockade", "receptor_blockade",
    "mechanisms", "Mechanisms", "receptor_structures", "ensemble", "Ensemble", "with_mechanisms",
    "rebound_from_blockade", "inflammation_from_plasma", "pain_from_mechanisms",
    # provenance
    "SOURCES", "provenance_rows", "provenance_markdown",
]
