"""ldnmodels: a teaching kit on how low-dose naltrexone (LDN) is thought to work.

Educational, not medical advice.

Data flows one way: :class:`Regimen` → plasma (:mod:`~ldnmodels.pharmacokinetics`) →
mu-receptor blockade (:mod:`~ldnmodels.receptor`) → endorphin rebound
(:mod:`~ldnmodels.endorphin`) and microglia/TLR4 (:mod:`~ldnmodels.inflammation`) →
a conceptual pain score (:mod:`~ldnmodels.symptoms`), composed by :func:`simulate`.
"""
from . import exercises
from .endorphin import ReboundParameters, rebound_from_blockade
from .inflammation import InflammationParameters, inflammation_from_plasma
from .opioids import OpioidCoMedication
from .pharmacokinetics import PKParameters, plasma_concentrations
from .receptor import ReceptorParameters, receptor_blockade, regimen_blockade
from .regimen import Regimen
from .simulation import Mechanisms, SimulationResult, mechanisms, simulate, with_mechanisms
from .sources import SOURCES, provenance_markdown, provenance_rows
from .symptoms import SymptomParameters, pain_from_mechanisms

__version__ = "0.1.0"

__all__ = [
    # inputs
    "Regimen", "PKParameters", "ReceptorParameters", "ReboundParameters", "InflammationParameters",
    "SymptomParameters", "OpioidCoMedication",
    # running
    "simulate", "SimulationResult", "plasma_concentrations", "regimen_blockade", "receptor_blockade",
    "mechanisms", "Mechanisms", "with_mechanisms", "rebound_from_blockade", "inflammation_from_plasma", "pain_from_mechanisms",
    # teaching
    "exercises",
    # provenance
    "SOURCES", "provenance_rows", "provenance_markdown",
]
