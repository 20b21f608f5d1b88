"""ldnmodels: a teaching kit on how low-dose naltrexone (LDN) is thought to work.

Educational, not medical advice.

Data flows one way: :class:`Regimen` → plasma (:mod:`~ldnmodels.pharmacokinetics`) →
mu-receptor blockade (one of several fitted structures, :mod:`~ldnmodels.structures`) → endorphin rebound
(:mod:`~ldnmodels.endorphin`) and microglia/TLR4 (:mod:`~ldnmodels.inflammation`) →
a conceptual pain score (:mod:`~ldnmodels.symptoms`), composed by :func:`simulate`.
"""
from . import exercises
from .endorphin import ReboundParameters, rebound_from_blockade
from .inflammation import InflammationParameters, inflammation_from_plasma
from .opioids import OpioidCoMedication
from .pharmacokinetics import PKParameters, plasma_concentrations
from .receptor import DirectReceptorParameters, ReceptorParameters, receptor_blockade, regimen_blockade
from .receptor_binding import BindingReceptorParameters
from .receptor_tissue import TissueReceptorParameters
from .receptor_two_phase import TwoPhaseReceptorParameters
from . import structures
from .structures import Ensemble, ensemble, receptor_structures
from .regimen import Regimen
from .simulation import Mechanisms, SimulationResult, mechanisms, simulate, with_mechanisms
from .sources import SOURCES, provenance_markdown, provenance_rows
from .symptoms import SymptomParameters, pain_from_mechanisms
# Submodules the README and notebooks reach as ``ldn.<module>`` after ``import ldnmodels as ldn``.
from . import (bibliography, calibration, evidence, experiments, fitting, lecture, metrics,  # noqa: E402
               population, readability, side_effects, titration, trials)

__version__ = "0.1.0"

__all__ = [
    # inputs
    "Regimen", "PKParameters", "ReceptorParameters", "DirectReceptorParameters", "BindingReceptorParameters",
    "TissueReceptorParameters", "TwoPhaseReceptorParameters", "ReboundParameters", "InflammationParameters",
    "SymptomParameters", "OpioidCoMedication",
    # running
    "simulate", "SimulationResult", "plasma_concentrations", "regimen_blockade", "receptor_blockade",
    "mechanisms", "Mechanisms", "receptor_structures", "ensemble", "Ensemble", "structures", "with_mechanisms", "rebound_from_blockade", "inflammation_from_plasma", "pain_from_mechanisms",
    # teaching
    "exercises", "lecture", "bibliography", "calibration", "evidence", "experiments", "fitting", "metrics", "population", "readability",
    "side_effects", "titration", "trials",
    # provenance
    "SOURCES", "provenance_rows", "provenance_markdown",
]
