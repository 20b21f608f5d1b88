"""ldnmodels: a teaching kit on how low-dose naltrexone (LDN) is thought to work.

Educational, not medical advice.

Data flows one way: :class:`Regimen` → plasma (:mod:`~ldnmodels.pharmacokinetics`) →
mu-receptor blockade (:mod:`~ldnmodels.receptor`), composed by :func:`simulate`.
"""
from .pharmacokinetics import PKParameters, plasma_concentrations
from .receptor import ReceptorParameters, receptor_blockade, regimen_blockade
from .regimen import Regimen
from .simulation import SimulationResult, simulate
from .sources import SOURCES, provenance_markdown, provenance_rows

__version__ = "0.1.0"

__all__ = [
    # inputs
    "Regimen", "PKParameters", "ReceptorParameters",
    # running
    "simulate", "SimulationResult", "plasma_concentrations", "regimen_blockade", "receptor_blockade",
    # provenance
    "SOURCES", "provenance_rows", "provenance_markdown",
]
