"""How much the comparison rests on the single 50 mg dose study's derived number.

Younger, Zautra & Cummins (2009) measured laboratory pain sensitivity and mood after one 50 mg dose, not daily pain.
The likelihood reads it, by a derived step, as a change of 0 points of daily pain with a sampling SD (0.5 points in
the shipped records); it is the only term that brakes the opioid route. :func:`run` refits every hypothesis (one
structure, standard priors, no leave-one-out) with that SD widened, and :func:`sensitivity` sets the evidence beside
the shipped comparison's. ``scripts/hypotheses_sensitivity.py`` (``make sensitivity``) writes
``ldnmodels/data/hypotheses_sensitivity.json``.
"""
from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..published import RECORDS
from .catalogue import HYPOTHESES
from .comparison import main_fits, shipped
from .comparison import run as run_comparison

__all__ = ["SINGLE_DOSE_KEY", "RESULTS", "records_with_sd", "run", "shipped_sensitivity", "SensitivityRow",
           "sensitivity", "sensitivity_markdown"]

#: The single-dose study's record key.
SINGLE_DOSE_KEY = "younger_zautra_2009"
#: The results file in ``ldnmodels/data``.
RESULTS = "hypotheses_sensitivity.json"


def records_with_sd(sd_nrs: float, folder: Path) -> Path:
    """A copy of the shipped records in ``folder`` with the single-dose study's SD set to ``sd_nrs`` points; its path.

    Parameters
    ----------
    sd_nrs : float
        The sampling SD of the single 50 mg dose study's change in daily pain, points.
    folder : Path
        Where to write the copy (``published_trials.json``).

    Returns
    -------
    Path
        The copy's path.
    """
    records = json.loads(resources.files("ldnmodels.data").joinpath(RECORDS).read_text(encoding="utf-8"))
    found = [study for study in records["studies"] if study["key"] == SINGLE_DOSE_KEY]
    if not found:
        raise ValueError(f"no record {SINGLE_DOSE_KEY!r} in the shipped records")
    found[0]["likelihood"]["sd_nrs"] = float(sd_nrs)
    path = folder / RECORDS
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def run(sd_nrs: float = 1.0, structure: str = "two_phase", progress=None, **settings) -> dict:
    """Refit every hypothesis with the single-dose study's SD set to ``sd_nrs`` points.

    Parameters
    ----------
    sd_nrs : float, default 1.0
        The sampling SD of the single 50 mg dose study's change in daily pain, points (shipped: 0.5); above 0.
    structure : str, default "two_phase"
        The receptor structure fitted.
    progress : callable, optional
        Called with a line of text after each fit.
    **settings
        Further overrides of :data:`.comparison.SETTINGS` (e.g. ``n_patients``, ``live_points``).

    Returns
    -------
    dict
        ``single_dose_sd_nrs``, ``structure``, ``date``, ``seconds`` and ``fits``: per hypothesis its
        ``log_evidence``, ``log_evidence_error``, ``max_log_likelihood`` and posterior ``quantiles``.
    """
    if not sd_nrs > 0:
        raise ValueError(f"sd_nrs must be above 0 points, got {sd_nrs!r}")
    with tempfile.TemporaryDirectory(prefix="ldn-sensitivity-") as folder:
        path = records_with_sd(sd_nrs, Path(folder))
        results = run_comparison({"records": str(path), "structures": (structure,), "widths": ("standard",),
                                  "min_effective_points": 0, "predictive_draws": 1, **settings}, progress)
    keep = ("hypothesis", "log_evidence", "log_evidence_error", "max_log_likelihood", "quantiles")
    return {"single_dose_sd_nrs": float(sd_nrs), "structure": structure, "date": results["date"],
            "seconds": results["seconds"],
            "fits": [{k: fit[k] for k in keep} for fit in results["fits"] if fit["leave_out"] is None]}


def shipped_sensitivity() -> dict:
    """The shipped sensitivity run (``ldnmodels/data/hypotheses_sensitivity.json``)."""
    return json.loads(resources.files("ldnmodels.data").joinpath(RESULTS).read_text(encoding="utf-8"))


class SensitivityRow(NamedTuple):
    """One hypothesis's log Bayes factor against no drug effect at the shipped and the widened single-dose SD."""

    hypothesis: str
    shipped_sd_nrs: float
    log_bayes_factor_shipped: float
    widened_sd_nrs: float
    log_bayes_factor_widened: float
    opioid_weight_widened: tuple[float, float, float] | None   #: 5 %, median, 95 % with the widened SD


def sensitivity(results: dict | None = None, comparison_results: dict | None = None) -> list[SensitivityRow]:
    """The comparison's log Bayes factors against no drug effect, shipped beside the widened single-dose SD.

    Parameters
    ----------
    results : dict, optional
        A :func:`run`; default the shipped sensitivity run.
    comparison_results : dict, optional
        The comparison's results; default the shipped ones.

    Returns
    -------
    list of SensitivityRow
        One per hypothesis, in the comparison's order (natural logs).
    """
    results = shipped_sensitivity() if results is None else results
    comparison_results = shipped() if comparison_results is None else comparison_results
    structure = results["structure"]
    main = main_fits(comparison_results["fits"], structure)
    wide = {f["hypothesis"]: f for f in results["fits"]}
    from .likelihood import terms

    shipped_sd = next(t.sd_nrs for t in terms() if t.key == SINGLE_DOSE_KEY)
    null, null_wide = main["no_drug_effect"]["log_evidence"], wide["no_drug_effect"]["log_evidence"]
    return [SensitivityRow(name, shipped_sd, main[name]["log_evidence"] - null, results["single_dose_sd_nrs"],
                           wide[name]["log_evidence"] - null_wide,
                           tuple(wide[name]["quantiles"]["opioid_weight"])
                           if "opioid_weight" in wide[name]["quantiles"] else None)
            for name in (h.name for h in HYPOTHESES) if name in main and name in wide]


def sensitivity_markdown(rows: list[SensitivityRow]) -> str:
    """:func:`sensitivity` as a Markdown table."""
    first = rows[0]
    lines = [f"| hypothesis | log BF vs no drug effect, single-dose SD {first.shipped_sd_nrs:g} points (shipped) | "
             f"SD {first.widened_sd_nrs:g} points | opioid weight with SD {first.widened_sd_nrs:g}: median (90 %) |",
             "|---|---|---|---|"]
    for row in rows:
        weight = "—" if row.opioid_weight_widened is None else (
            f"{row.opioid_weight_widened[1]:.2f} ({row.opioid_weight_widened[0]:.2f} to "
            f"{row.opioid_weight_widened[2]:.2f})")
        lines.append(f"| {row.hypothesis} | {row.log_bayes_factor_shipped:.1f} | {row.log_bayes_factor_widened:.1f} | "
                     f"{weight} |")
    return "\n".join(lines)
