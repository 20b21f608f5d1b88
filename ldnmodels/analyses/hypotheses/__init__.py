"""Hypotheses on trial: the proposed mechanisms of LDN compared against every published study, none built in.

Five hypotheses (:mod:`ldnmodels.analyses.hypotheses.catalogue`): ``no_drug_effect`` (placebo, expectation,
functional unblinding and the designs explain the trials), ``rebound`` (the endorphin rebound only),
``microglia_measured`` (microglia at the measured TLR4 potency: a sanity check), ``microglia_required`` (microglia at
whatever potency the trials require) and ``both`` — each under each receptor structure that fits the PET data
(``two_phase``, ``binding``).

The likelihood (:mod:`.likelihood`) scores every published number with its study's real design: the pilot (single
blind, placebo first), Younger 2013 (12 weeks of LDN against 4 of placebo, counterbalanced), Bested 2023 (3-week
periods, 10-day washout, pain), FINAL (parallel, titrated to 6 mg), the single 50 mg dose and the up-and-down dose
finding run as its own procedure (a term, not a constraint). Expected values come from a virtual cohort prepared
once (:mod:`.cohort`), so that nested sampling (dynesty) can compute each hypothesis's evidence (:mod:`.sampling`).

:func:`compare`, :func:`leave_one_out` and :func:`unblinding` read the shipped results of ``make hypotheses``
(``ldnmodels/data/hypotheses_comparison.json``); :func:`.comparison.run` reruns them.

Educational, not medical advice.
"""
from __future__ import annotations

from typing import NamedTuple

from .catalogue import HYPOTHESES, PRIORS, WIDTHS, Hypothesis, Prior, hypothesis, prior_rows
from .claims import Claim, claims, claims_markdown
from .comparison import STRUCTURES, log_bayes_factor, shipped
from .decisive import DecisiveTrial, decisive_trial
from .defaults import DefaultAgainstPosterior, defaults_against_posterior, defaults_markdown
from .sensitivity import SensitivityRow, sensitivity, sensitivity_markdown
from .tables import comparison_markdown, decisive_markdown, evidence_words, leave_one_out_markdown, required_potency
from .unblinding import UnblindingRow, unblinding, unblinding_markdown

__all__ = ["compare", "leave_one_out", "ComparisonRow", "LeftOut", "HYPOTHESES", "PRIORS", "WIDTHS", "STRUCTURES",
           "Hypothesis", "Prior", "hypothesis", "prior_rows", "comparison_markdown", "leave_one_out_markdown",
           "required_potency", "evidence_words", "readme_block", "decisive_trial", "DecisiveTrial",
           "decisive_markdown", "claims", "Claim", "claims_markdown", "unblinding", "UnblindingRow",
           "unblinding_markdown", "dose_responses", "defaults_against_posterior", "DefaultAgainstPosterior",
           "defaults_markdown", "sensitivity", "SensitivityRow", "sensitivity_markdown"]


def readme_block(results: dict | None = None) -> str:
    """The README's generated section: the comparison table and the leave-one-out table (shipped results).

    Parameters
    ----------
    results : dict, optional
        Results of :func:`ldnmodels.analyses.hypotheses.comparison.run`; default the shipped ones.

    Returns
    -------
    str
        Markdown.
    """
    results = shipped() if results is None else results
    rows = compare(results)
    computed = sum("fitted_under" not in fit for fit in results["fits"])
    return (f"{comparison_markdown(rows)}\n\n{decisive_markdown(decisive_trial(rows))}\n\n"
            f"{claims_markdown(claims(results))}\n\n"
            f"{leave_one_out_markdown(leave_one_out(results))}\n\n"
            f"Run of {results['date']}: {results['settings']['n_patients']} virtual patients per structure, "
            f"{results['settings']['live_points']} live points, {computed} nested-sampling runs in "
            f"{results['seconds'] / 60:.0f} min on {results['settings']['workers']} cores (hypotheses without the "
            f"opioid route do not read the receptor structure: fitted once, shown under both).")


class ComparisonRow(NamedTuple):
    """One (hypothesis, receptor structure) of the comparison (natural logs)."""

    hypothesis: str
    structure: str
    parameters: tuple[str, ...]          #: its free parameters
    max_log_likelihood: float            #: best fit found by the sampler
    log_evidence: float                  #: log marginal likelihood, standard priors
    log_evidence_error: float            #: the sampler's estimate of its error
    log_bayes_factor_vs_null: float      #: log evidence minus that of no_drug_effect (same structure, standard priors)
    log_bayes_factor_vs_null_wide: float #: the same with the wide priors: how much the answer rests on the priors
    posteriors: dict                     #: parameter -> (5 %, median, 95 %) of the posterior, standard priors
    dose_response: dict                  #: dose (mg) -> (5 %, median, 95 %) drug-only change at 12 weeks, points


def compare(results: dict | None = None) -> list[ComparisonRow]:
    """The comparison table: one row per (hypothesis, receptor structure).

    Parameters
    ----------
    results : dict, optional
        Results of :func:`ldnmodels.analyses.hypotheses.comparison.run`; default the shipped ones.

    Returns
    -------
    list of ComparisonRow
        In the order of :data:`STRUCTURES`, then :data:`HYPOTHESES`.
    """
    results = shipped() if results is None else results
    fits = [f for f in results["fits"] if f["leave_out"] is None]
    rows = []
    for structure in results["settings"]["structures"]:
        for name in results["settings"]["hypotheses"]:
            main = next(f for f in fits if (f["hypothesis"], f["structure"], f["width"]) == (name, structure,
                                                                                               "standard"))
            wide = [f for f in fits if (f["hypothesis"], f["structure"], f["width"]) == (name, structure, "wide")]
            rows.append(ComparisonRow(
                name, structure, tuple(main["parameters"]), main["max_log_likelihood"], main["log_evidence"],
                main["log_evidence_error"], log_bayes_factor(fits, name, structure),
                log_bayes_factor(fits, name, structure, "wide") if wide else float("nan"),
                {k: tuple(v) for k, v in main["quantiles"].items()},
                {float(k): tuple(v) for k, v in main.get("dose_response", {}).items()}))
    return rows


class LeftOut(NamedTuple):
    """One study predicted by the fits that did not see it."""

    study: str            #: record key
    published: float      #: its published effect (the record's measure; responders for the dose finding)
    low: float            #: 2.5 % of the evidence-weighted prediction from the fits without it
    high: float           #: 97.5 %
    inside: bool          #: published within [low, high]
    weights: dict         #: hypothesis/structure -> its weight in that prediction


def leave_one_out(results: dict | None = None) -> list[LeftOut]:
    """Each published study's effect against the prediction of the fits that left it out (the kit's self-test).

    Parameters
    ----------
    results : dict, optional
        Default the shipped results.

    Returns
    -------
    list of LeftOut
    """
    results = shipped() if results is None else results
    return [LeftOut(r["study"], r["published"], r["low"], r["high"], r["inside"], r["weights"])
            for r in results["leave_one_out"]]


def dose_responses(names=("microglia_required", "both"), structure: str = "two_phase",
                   results: dict | None = None) -> dict[str, dict[float, tuple[float, float, float]]]:
    """Posterior drug-only change after 12 weeks by daily dose, per hypothesis (standard priors).

    Parameters
    ----------
    names : sequence of str
        Hypotheses (:data:`HYPOTHESES`).
    structure : str, default "two_phase"
        The receptor structure (one of :data:`STRUCTURES`).
    results : dict, optional
        Default the shipped results.

    Returns
    -------
    dict
        ``{name: {dose_mg: (5 %, median, 95 %)}}``, changes in points (negative = less pain).
    """
    rows = {(row.hypothesis, row.structure): row for row in compare(results)}
    return {name: rows[(name, structure)].dose_response for name in names}
