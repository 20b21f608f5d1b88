"""How much of each trial's effect functional unblinding could explain, under the hypotheses' posteriors.

A share of patients on LDN (24 % more than on placebo, :data:`~.catalogue.UNBLINDED_EXCESS_FRACTION`) have vivid
dreams that tell them their arm; their expectation adds ``expectation_nrs`` points of benefit while they know. The
comparison (:func:`.comparison.run`) records, for every standard fit, the posterior of each controlled trial's
predicted main effect and of the part of it unblinding makes (the prediction minus the same one with perfect
blinding). The rest of a trial's predicted effect under ``no_drug_effect`` is its design: the pilot's placebo-first
order, Younger 2013's 4 weeks of placebo against 12 of LDN.
"""
from __future__ import annotations

from typing import NamedTuple

from .comparison import main_fits, shipped

__all__ = ["UnblindingRow", "unblinding", "unblinding_markdown"]

_UNITS = {"younger_2009": "% points", "younger_2013": "% points", "bested_2023": "SMD", "bruun_2024": "points"}


class UnblindingRow(NamedTuple):
    """One trial under one hypothesis: its published effect, what the posterior predicts, and unblinding's part."""

    study: str                                    #: record key
    hypothesis: str
    published: float                              #: the trial's main published effect (unit: :attr:`unit`)
    unit: str                                     #: ``% points``, ``SMD`` or ``points`` (drug minus placebo)
    predicted: tuple[float, float, float]         #: 5 %, median, 95 % of the posterior's predicted effect
    from_unblinding: tuple[float, float, float]   #: 5 %, median, 95 % of the part unblinding makes

    @property
    def share_of_published(self) -> tuple[float, float]:
        """Unblinding's part as a share of the published effect: (median, the 95 % posterior edge towards benefit)."""
        return self.from_unblinding[1] / self.published, self.from_unblinding[0] / self.published


def unblinding(results: dict | None = None, hypotheses=("no_drug_effect", "microglia_required"),
               structure: str = "two_phase") -> list[UnblindingRow]:
    """Per controlled trial and hypothesis, the part of its predicted effect that functional unblinding makes.

    Parameters
    ----------
    results : dict, optional
        Results of :func:`ldnmodels.analyses.hypotheses.comparison.run`; default the shipped ones.
    hypotheses : sequence of str
        Hypotheses to show (their standard-width fits to every study).
    structure : str, default "two_phase"
        The receptor structure of the fits read (hypotheses without the opioid route do not depend on it).

    Returns
    -------
    list of UnblindingRow
        Trial by trial, in the order of the records, each hypothesis in the order given.
    """
    results = shipped() if results is None else results
    published = {r["study"]: r["published"] for r in results["leave_one_out"]}
    fits = main_fits(results["fits"], structure)
    missing = [name for name in hypotheses if name not in fits or "unblinding" not in fits[name]]
    if missing:
        raise ValueError(f"hypotheses {missing} have no unblinding record under {structure!r}; rerun "
                         "`make hypotheses` (records written before unblinding was recorded lack it)")
    keys = list(fits[hypotheses[0]]["unblinding"])
    return [UnblindingRow(key, name, published[key], _UNITS.get(key, ""),
                          tuple(fits[name]["unblinding"][key]["effect"]),
                          tuple(fits[name]["unblinding"][key]["unblinding"]))
            for key in keys for name in hypotheses]


def unblinding_markdown(rows: list[UnblindingRow]) -> str:
    """:func:`unblinding` as a Markdown table: trial, hypothesis, published, predicted, unblinding's part and its
    share of the published effect (the median, and at the posterior's 5 % edge: the most benefit it makes)."""
    lines = ["| trial | hypothesis | published | predicted: median (90 %) | of which unblinding: median (90 %) | "
             "unblinding ÷ published: median (at the 5 % edge) |", "|---|---|---|---|---|---|"]
    for row in rows:
        digits = 2 if row.unit in ("SMD", "points") else 1
        low, mid, high = row.predicted
        u_low, u_mid, u_high = row.from_unblinding
        share, most = row.share_of_published
        lines.append(f"| {row.study} | {row.hypothesis} | {row.published:g} {row.unit} | {mid:.{digits}f} "
                     f"({low:.{digits}f} to {high:.{digits}f}) | {u_mid:.{digits}f} ({u_low:.{digits}f} to "
                     f"{u_high:.{digits}f}) | {share:.0%} ({most:.0%}) |")
    lines += ["", "A share above 100 % means the hypothesis expects more benefit from unblinding alone than the trial "
                  "published: the trial's own result then counts against that much expectation."]
    return "\n".join(lines)
