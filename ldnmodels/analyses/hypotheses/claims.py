"""What survives: the support for each claim the kit makes, with and without the dose-finding study.

Each (hypothesis, receptor structure) gets an equal prior probability; its posterior probability is proportional to
its evidence (with every study, or with the dose-finding study left out: the reweighted evidence of
:mod:`.comparison`). A claim's support is the total probability of the hypotheses in which it holds. Because the
prior is equal per slot, a claim that holds in more slots starts higher: each claim carries its prior probability
and its Bayes factor (posterior odds over prior odds), which does not depend on that starting point, and its support
with the wide priors too.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["Claim", "claims", "claims_markdown", "DOSE_FINDING"]

#: The dose-finding study's record key.
DOSE_FINDING = "bruun_plesner_2020"


class Claim(NamedTuple):
    """One claim and its posterior support (probability 0-1)."""

    claim: str
    with_all: float
    without_dose_finding: float
    holds_in: str          #: in which hypotheses it holds, in words
    prior: float = float("nan")           #: its probability before the studies (share of equally likely slots)
    with_all_wide: float = float("nan")   #: support with the wide priors, every study
    bayes_factor: float = float("nan")    #: posterior odds / prior odds, standard priors, every study


def _probabilities(fits: list[dict], leave_out: str | None, width: str = "standard") -> dict[tuple[str, str], float]:
    main = [f for f in fits if f["width"] == width and f["leave_out"] is None]
    log_z = {}
    for fit in main:
        key = (fit["hypothesis"], fit["structure"])
        log_z[key] = fit["log_evidence"] if leave_out is None else fit["left_out"][leave_out]["log_evidence"]
    for fit in fits:                    # a refit without the study replaces the reweighted evidence
        if leave_out is not None and fit["leave_out"] == leave_out:
            log_z[(fit["hypothesis"], fit["structure"])] = fit["log_evidence"]
    values = np.array(list(log_z.values()))
    weights = np.exp(values - values.max())
    return dict(zip(log_z, weights / weights.sum()))


def claims(results: dict | None = None) -> list[Claim]:
    """The support for each claim, with every study and without the dose-finding study.

    Parameters
    ----------
    results : dict, optional
        Results of :func:`ldnmodels.analyses.hypotheses.comparison.run`; default the shipped ones.

    Returns
    -------
    list of Claim
    """
    from .comparison import shipped

    results = shipped() if results is None else results
    fits = results["fits"]
    rising = {(f["hypothesis"], f["structure"]): f["dose_response"]["6"][1] < f["dose_response"]["3"][1]
              for f in fits if "dose_response" in f}
    tests = [
        ("LDN beats placebo at all (a drug effect beyond placebo, expectation and unblinding)",
         lambda h, s: h in ("rebound", "microglia_required", "both"), "rebound, microglia_required, both"),
        ("a non-opioid (\"microglial\") effect at a potency nobody has measured", lambda h, s: h in
         ("microglia_required", "both"), "microglia_required, both"),
        ("no endorphin-rebound route", lambda h, s: h not in ("rebound", "both"),
         "every hypothesis without the rebound"),
        ("benefit rises with dose (3 to 6 mg, posterior median)", lambda h, s: rising.get((h, s), False),
         "the hypotheses whose median benefit is larger at 6 mg"),
    ]
    out = []
    slots = list(_probabilities(fits, None))
    for text, holds, where in tests:
        support = []
        for leave_out, width in ((None, "standard"), (DOSE_FINDING, "standard"), (None, "wide")):
            probability = _probabilities(fits, leave_out, width) if any(f["width"] == width for f in fits) else {}
            support.append(float(sum(p for (h, s), p in probability.items() if holds(h, s))) if probability
                           else float("nan"))
        prior = sum(holds(h, s) for h, s in slots) / len(slots)
        out.append(Claim(text, support[0], support[1], where, prior, support[2],
                         _odds(support[0]) / _odds(prior)))
    out.append(Claim("a responder subgroup exists", float("nan"), float("nan"),
                     "not testable here: the trials published means, and many small responders or few large ones "
                     "give the same means"))
    return out


def _odds(probability: float) -> float:
    return probability / (1.0 - probability) if probability < 1.0 else float("inf")


def claims_markdown(rows: list[Claim]) -> str:
    """The claims as a Markdown table: prior, support (standard and wide priors, without the dose-finding study),
    Bayes factor, and the hypotheses in which each holds."""
    lines = ["| claim | prior (equal per hypothesis and structure) | support, all studies | wide priors | without the "
             "dose-finding study | Bayes factor | holds in |", "|---|---|---|---|---|---|---|"]
    for row in rows:
        if row.with_all != row.with_all:     # NaN: not testable
            lines.append(f"| {row.claim} | — | — | — | — | — | {row.holds_in} |")
        else:
            lines.append(f"| {row.claim} | {row.prior:.0%} | {row.with_all:.0%} | {row.with_all_wide:.0%} | "
                         f"{row.without_dose_finding:.0%} | {row.bayes_factor:.1f} | {row.holds_in} |")
    return "\n".join(lines)
