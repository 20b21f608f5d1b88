"""The hypotheses compared, their free parameters and the priors over them, with the reason for each range.

Every hypothesis shares the parts of a trial that are not the drug: the placebo response (its
size and build-up; regression to the mean and the natural course of the illness are inside it, since no trial in
reach had an untreated arm to tell them apart) and functional unblinding (a share of patients on LDN infer it from
vivid dreams and expect more benefit). The drug's routes are then switched on one at a time:

========================  =====================================================================================
``no_drug_effect``        LDN does nothing; placebo, expectation, unblinding and the designs explain the trials
``rebound``               the endorphin rebound only (opioid route on, microglia off)
``microglia_measured``    the microglial route at the potency measured for TLR4 (micromolar): a sanity check of
                          the machinery, which should behave like no drug effect
``microglia_required``    the microglial route at whatever potency the trials ask for (six decades searched)
``both``                  both routes
========================  =====================================================================================

Each prior has two widths (``standard`` and ``wide``) so that the comparison can show how much its answer depends on
them: a Bayes factor moves with the prior width of a parameter the data do not pin down.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["Prior", "Hypothesis", "PRIORS", "HYPOTHESES", "WIDTHS", "UNBLINDED_EXCESS_FRACTION", "hypothesis",
           "prior_rows", "MEASURED_LOG10_IC50_UM"]

#: Prior widths compared.
WIDTHS = ("standard", "wide")

#: Share of patients on LDN, in excess of those on placebo, who have a side effect that could tell them their arm:
#: vivid dreams 37 % on LDN vs 13 % on placebo (Younger 2013 trial, 2012 meeting report; secondary source). The meta-
#: analyses' relative risk of vivid dreams is about 2.4 (Ann Med Surg 2025). An upper bound on who knows: the same
#: report says patients did not guess their arm accurately.
UNBLINDED_EXCESS_FRACTION = 0.37 - 0.13

#: log10 of the TLR4 potency measured for (+)-naltrexone, µM: effects at about 1-100 µM (``tlr4_in_vitro``).
MEASURED_LOG10_IC50_UM = (0.0, 2.0)


class Prior(NamedTuple):
    """A uniform prior over one free parameter, in two widths."""

    name: str                       #: parameter name (unit in the name)
    standard: tuple[float, float]   #: (low, high) of the standard width
    wide: tuple[float, float]       #: (low, high) of the wide width
    reason: str                     #: why this range
    source: str                     #: key of :data:`ldnmodels.SOURCES`, or ``illustrative``

    def bounds(self, width: str = "standard") -> tuple[float, float]:
        """(low, high) for ``width`` (``standard`` or ``wide``)."""
        if width not in WIDTHS:
            raise ValueError(f"width must be one of {', '.join(map(repr, WIDTHS))}, got {width!r}")
        return getattr(self, width)


#: Every free parameter's prior.
PRIORS: dict[str, Prior] = {prior.name: prior for prior in (
    Prior("placebo_mean_nrs", (-2.5, 0.0), (-4.0, 0.5),
          "full placebo response, points on the 0-10 scale; FINAL's placebo arm fell 0.9 points in 12 weeks, and "
          "placebo arms of fibromyalgia trials seldom fall by more than 2", "bruun_2024"),
    Prior("placebo_time_constant_days", (3.0, 60.0), (1.0, 120.0),
          "build-up of the placebo response; trials report most of it within the first weeks", "illustrative"),
    Prior("expectation_nrs", (0.0, 1.0), (0.0, 2.0),
          "extra benefit when a patient infers from a side effect that she is on LDN (0 = perfect blinding); no "
          "measurement in reach: at most the whole placebo response (about a point, FINAL) in the standard width, "
          "twice that in the wide one; Younger 2013's patients did not guess their arm accurately (2012 meeting "
          "report), so 0 is well inside", "illustrative"),
    Prior("opioid_weight", (0.0, 3.0), (0.0, 6.0),
          "how strongly endogenous opioid signalling lowers pain (0 = the opioid route does nothing); a single 50 mg "
          "dose bounds it through the likelihood, not the prior", "illustrative"),
    Prior("rebound_gain", (0.0, 3.0), (0.0, 6.0),
          "up-regulation of endorphin release and receptors per unit of averaged blockade; mice show its direction, "
          "not its size", "zagon_mclaughlin"),
    Prior("responder_fraction", (0.05, 0.8), (0.01, 1.0),
          "share of patients with reducible microglial activation; Younger 2013 counted 32 % responders on LDN and "
          "11 % on placebo by its own definition", "younger_2013"),
    Prior("responder_drive_ratio", (1.5, 6.0), (1.1, 10.0),
          "responders' microglial drive relative to healthy; no human measurement in reach", "illustrative"),
    Prior("log10_tlr4_ic50_um", (-4.0, 2.0), (-6.0, 3.0),
          "microglial potency of naltrexone, log10 µM: from 0.1 nM (standard; 1 pM wide) to the measured TLR4 range "
          "and beyond; the trials, not a measurement, locate it", "illustrative"),
    Prior("measured_log10_tlr4_ic50_um", MEASURED_LOG10_IC50_UM, MEASURED_LOG10_IC50_UM,
          "the measured TLR4 potency of (+)-naltrexone, 1-100 µM (the same in both widths: a measurement)",
          "tlr4_in_vitro"),
)}

_NUISANCE = ("placebo_mean_nrs", "placebo_time_constant_days", "expectation_nrs")
_REBOUND = ("opioid_weight", "rebound_gain")
_MICROGLIA = ("responder_fraction", "responder_drive_ratio")


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis: which routes are on, and its free parameters (keys of :data:`PRIORS`)."""

    name: str
    description: str
    parameters: tuple[str, ...]

    @property
    def opioid_route(self) -> bool:
        """True when the endorphin rebound (the opioid route) is on."""
        return "opioid_weight" in self.parameters

    @property
    def microglial_route(self) -> bool:
        """True when the microglial route is on."""
        return "responder_fraction" in self.parameters

    def bounds(self, width: str = "standard") -> list[tuple[float, float]]:
        """(low, high) of each free parameter, in the order of :attr:`parameters`."""
        return [PRIORS[name].bounds(width) for name in self.parameters]

    def log_prior_volume(self, width: str = "standard") -> float:
        """log of the prior box's volume (natural log, in the parameters' units)."""
        return sum(math.log(high - low) for low, high in self.bounds(width))


#: The hypotheses, in the order tables show them.
HYPOTHESES: tuple[Hypothesis, ...] = (
    Hypothesis("no_drug_effect", "LDN does nothing: placebo, expectation, unblinding and the designs", _NUISANCE),
    Hypothesis("rebound", "the endorphin rebound only", _NUISANCE + _REBOUND),
    Hypothesis("microglia_measured", "microglia at the measured TLR4 potency (micromolar)",
               _NUISANCE + _MICROGLIA + ("measured_log10_tlr4_ic50_um",)),
    Hypothesis("microglia_required", "microglia at whatever potency the trials require",
               _NUISANCE + _MICROGLIA + ("log10_tlr4_ic50_um",)),
    Hypothesis("both", "the endorphin rebound and microglia (free potency)",
               _NUISANCE + _REBOUND + _MICROGLIA + ("log10_tlr4_ic50_um",)),
)


def hypothesis(name: str) -> Hypothesis:
    """The hypothesis called ``name`` (one of :data:`HYPOTHESES`)."""
    for item in HYPOTHESES:
        if item.name == name:
            return item
    raise ValueError(f"hypothesis must be one of {', '.join(h.name for h in HYPOTHESES)}, got {name!r}")


def prior_rows() -> list[dict]:
    """The priors as table rows: parameter, standard and wide ranges, reason, source, and which hypotheses use it."""
    return [{"parameter": prior.name, "standard": prior.standard, "wide": prior.wide, "reason": prior.reason,
             "source": prior.source, "hypotheses": [h.name for h in HYPOTHESES if prior.name in h.parameters]}
            for prior in PRIORS.values()]
