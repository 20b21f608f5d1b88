"""The one table of simulation outputs: name (with unit), description, figure label and range.

:class:`ldnmodels.model.simulation.SimulationResult`, :class:`ldnmodels.model.simulation.Mechanisms`, the
CLI's CSV columns and the figure panels (:data:`ldnmodels.teaching.plotting.PANELS`) are all built from
:data:`OUTPUTS`, so a new output is one row here (plus the code that computes it).
"""
from __future__ import annotations

from typing import NamedTuple

__all__ = ["Output", "OUTPUTS", "output", "names"]


class Output(NamedTuple):
    """One output array of a simulation."""

    name: str                    #: attribute name, unit as suffix
    stage: str                   #: "plasma", "receptor" or "mechanism" (the stage that computes it)
    description: str             #: one line for docs, with the unit
    label: str                   #: figure panel label
    limits: tuple                #: (low, high) of the panel's y axis; None = automatic
    percent: bool                #: show as a percentage
    in_csv: bool = True          #: written by ``python -m ldnmodels simulate``


#: The one table of outputs, one row per output: name (with its unit), unit, label, figure range.
OUTPUTS: tuple[Output, ...] = (
    Output("naltrexone_ng_ml", "plasma", "plasma naltrexone (free base), ng/mL", "plasma naltrexone\n(ng/mL)",
           (0.0, None), False),
    Output("naltrexol_ng_ml", "plasma", "plasma 6β-naltrexol, ng/mL", "plasma 6β-naltrexol\n(ng/mL)",
           (0.0, None), False),
    Output("mor_occupancy", "receptor", "fraction (0–1) of brain mu-opioid receptors blocked by naltrexone and "
           "6β-naltrexol", "mu receptors\nblocked", (0.0, 1.0), True),
    Output("kor_occupancy", "receptor", "fraction (0–1) of brain kappa-opioid receptors blocked, from the mu blockade "
           "of the same drive at half the potency (ldnmodels.model.kappa)", "kappa receptors\nblocked", (0.0, 1.0),
           True),
    Output("naltrexone_biophase_nm", "receptor", "naltrexone concentration that drives blockade in the structure "
           "used (biophase, or plasma), nM", "naltrexone driving\nblockade (nM)", (0.0, None), False, False),
    Output("naltrexol_biophase_nm", "receptor", "6β-naltrexol concentration that drives blockade (times its brain "
           "entry), nM", "6β-naltrexol driving\nblockade (nM)", (0.0, None), False, False),
    Output("agonist_occupancy", "receptor", "fraction (0–1) of mu receptors held by a co-medicated opioid (0 without "
           "one)", "receptors held\nby the opioid", (0.0, 1.0), True),
    Output("endorphin_tone", "mechanism", "endogenous opioid release relative to the untreated daily mean (1.0)",
           "endorphin release\n(untreated = 1)", (0.0, None), False),
    Output("receptor_density", "mechanism", "mu-receptor number relative to untreated (1.0)",
           "receptor number\n(untreated = 1)", (0.0, None), False, False),
    Output("opioid_signaling", "mechanism", "endogenous signalling through unblocked mu receptors, relative to "
           "untreated (daily mean 1.0)", "opioid signalling\n(untreated = 1)", (0.0, None), False),
    Output("tlr4_inhibition", "mechanism", "fraction (0–1) of TLR4 signalling blocked", "TLR4 signalling\nblocked",
           (0.0, None), True),
    Output("microglial_activation", "mechanism", "microglial activation relative to the untreated fibromyalgia "
           "baseline (1.0)", "microglial activation\n(untreated FM = 1)", (0.0, 1.1), False),
    Output("sensitization", "mechanism", "central pain-amplification gain, relative to untreated (1.0)",
           "pain amplification\n(untreated = 1)", (0.0, 1.1), False),
    Output("pain_nrs", "mechanism", "conceptual pain score, 0–10 (a teaching construct, not a validated outcome)",
           "pain score\n(0-10, conceptual)", (0.0, 10.0), False),
)


def output(name: str) -> Output:
    """The row of :data:`OUTPUTS` called ``name``."""
    for row in OUTPUTS:
        if row.name == name:
            return row
    raise ValueError(f"output must be one of {names()}, got {name!r}")


def names(stage: str | None = None) -> tuple[str, ...]:
    """Output names in table order, optionally of one stage."""
    return tuple(row.name for row in OUTPUTS if stage is None or row.stage == stage)
