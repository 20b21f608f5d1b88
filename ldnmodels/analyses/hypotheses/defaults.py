"""Where the kit's default virtual population sits in each hypothesis's posterior.

The defaults (:class:`~ldnmodels.analyses.population.PopulationParameters`, written by ``make calibrate``) are the
grid calibration's most likely point. The comparison of hypotheses (:func:`ldnmodels.analyses.hypotheses.compare`)
fits the same studies with the same parameters, so each default can be read against a hypothesis's posterior: inside
its 90 % interval, outside it, or meaningless because that hypothesis switches the route off. This is how the kit
checks that its default scenario is one the evidence allows, and says which hypothesis it belongs to.
"""
from __future__ import annotations

import math
from typing import NamedTuple

from .comparison import main_fits, shipped

__all__ = ["DefaultAgainstPosterior", "defaults_against_posterior", "defaults_markdown"]


def _default_values() -> dict[str, float]:
    """The default population's value of each comparison parameter (units as in :data:`~.catalogue.PRIORS`)."""
    from ..population import PopulationParameters
    from ..trials import TrialDesign

    population, trial = PopulationParameters(), TrialDesign()
    return {"placebo_mean_nrs": population.placebo_mean_nrs,
            "placebo_time_constant_days": population.placebo_time_constant_h / 24.0,
            "expectation_nrs": trial.expectation_nrs,
            "opioid_weight": population.opioid_weight,
            "rebound_gain": population.responder_gain,
            "responder_fraction": population.responder_fraction,
            "responder_drive_ratio": population.responder_drive_ratio,
            "log10_tlr4_ic50_um": math.log10(population.tlr4_ic50_um)}


class DefaultAgainstPosterior(NamedTuple):
    """One default against one hypothesis's posterior."""

    hypothesis: str
    parameter: str                                  #: a key of :data:`~.catalogue.PRIORS`
    default: float                                  #: the default population's value
    posterior: tuple[float, float, float] | None    #: 5 %, median, 95 %; None when the hypothesis has no such parameter
    inside: bool | None                             #: within the 90 % interval; None when the route is off

    @property
    def verdict(self) -> str:
        """``inside``, ``outside`` or ``route off in this hypothesis``."""
        if self.inside is None:
            return "route off in this hypothesis"
        return "inside" if self.inside else "outside"


def defaults_against_posterior(names=("both", "microglia_required"), structure: str = "two_phase",
                               results: dict | None = None) -> list[DefaultAgainstPosterior]:
    """Each default parameter of the virtual population against each hypothesis's 90 % posterior interval.

    Parameters
    ----------
    names : sequence of str
        Hypotheses (:data:`~.catalogue.HYPOTHESES`), standard priors.
    structure : str, default "two_phase"
        The receptor structure of their fits.
    results : dict, optional
        Results of :func:`.comparison.run`; default the shipped ones.

    Returns
    -------
    list of DefaultAgainstPosterior
        Per hypothesis, one row per parameter the defaults carry (placebo, expectation, opioid route, microglia).
    """
    results = shipped() if results is None else results
    fits = main_fits(results["fits"], structure)
    out = []
    for name in names:
        posteriors = {k: tuple(v) for k, v in fits[name]["quantiles"].items()}
        for parameter, value in _default_values().items():
            quantiles = posteriors.get(parameter)
            inside = None if quantiles is None else bool(quantiles[0] <= value <= quantiles[2])
            out.append(DefaultAgainstPosterior(name, parameter, value, quantiles, inside))
    return out


def defaults_markdown(rows: list[DefaultAgainstPosterior]) -> str:
    """:func:`defaults_against_posterior` as a Markdown table (one column per hypothesis)."""
    names = list(dict.fromkeys(row.hypothesis for row in rows))
    parameters = list(dict.fromkeys(row.parameter for row in rows))
    table = {(row.hypothesis, row.parameter): row for row in rows}
    lines = ["| parameter | default | " + " | ".join(f"`{name}`: posterior median (90 %)" for name in names) + " |",
             "|---|---|" + "---|" * len(names)]
    for parameter in parameters:
        cells = []
        for name in names:
            row = table[(name, parameter)]
            cells.append(row.verdict if row.posterior is None else
                         f"{row.posterior[1]:.3g} ({row.posterior[0]:.3g} to {row.posterior[2]:.3g}): {row.verdict}")
        lines.append(f"| {parameter} | {table[(names[0], parameter)].default:.3g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
