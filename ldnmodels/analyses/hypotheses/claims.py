"""What survives: the support for each claim the kit makes, with and without the dose-finding study.

Each (hypothesis, receptor structure) gets an equal prior probability; its posterior probability is proportional to
its evidence (with every study, or with the dose-finding study left out: the reweighted evidence of
:mod:`.comparison`). A claim's support is the total probability of the hypotheses in which it holds.
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


def _probabilities(fits: list[dict], leave_out: str | None) -> dict[tuple[str, str], float]:
    main = [f for f in fits if f["width"] == "standard" and f["leave_out"] is None]
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
        ("LDN acts through microglia", lambda h, s: h in ("microglia_required", "both"),
         "microglia_required, both"),
        ("the rebound route is ruled out", lambda h, s: h not in ("rebound", "both"),
         "every hypothesis without the rebound"),
        ("benefit rises with dose (3 to 6 mg, posterior median)", lambda h, s: rising.get((h, s), False),
         "the hypotheses whose median benefit is larger at 6 mg"),
    ]
    out = []
    for text, holds, where in tests:
        support = []
        for leave_out in (None, DOSE_FINDING):
            probability = _probabilities(fits, leave_out)
            support.append(float(sum(p for (h, s), p in probability.items() if holds(h, s))))
        out.append(Claim(text, support[0], support[1], where))
    out.append(Claim("a responder subgroup exists", float("nan"), float("nan"),
                     "not testable here: the trials published means, and many small responders or few large ones "
                     "give the same means"))
    return out


def claims_markdown(rows: list[Claim]) -> str:
    """The claims as a Markdown table (support as percentages)."""
    lines = ["| claim | support, all studies | without the dose-finding study | holds in |", "|---|---|---|---|"]
    for row in rows:
        if row.with_all != row.with_all:     # NaN: not testable
            lines.append(f"| {row.claim} | — | — | {row.holds_in} |")
        else:
            lines.append(f"| {row.claim} | {row.with_all:.0%} | {row.without_dose_finding:.0%} | {row.holds_in} |")
    return "\n".join(lines)
