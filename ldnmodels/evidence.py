"""The published evidence on LDN in fibromyalgia, and the approved medicines, as shipped data files.

``ldnmodels/data/published_trials.csv`` holds each trial and meta-analysis of the project's
reference facts with its design, effect, interval and citation; ``ldnmodels/data/medicines.csv``
compares LDN with pregabalin and duloxetine, each statement with a source and a confidence code.
:func:`simulated_counterparts` gives the trial designs that mirror the published trials.
"""
from __future__ import annotations

import numpy as np

from .data import rows
from .trials import TrialDesign, prepare_pool, run_trials

__all__ = ["published_trials", "medicines", "medicines_markdown", "simulated_counterparts", "simulate_counterparts"]


def published_trials() -> list[dict]:
    """Rows of the published-evidence file; numbers as floats (``None`` where not reported)."""
    parsed_rows = []
    for row in rows("published_trials.csv"):
        parsed = dict(row)
        for key in ("n", "dose_mg", "weeks", "effect", "ci_low", "ci_high", "p_value", "ldn_change_percent",
                    "placebo_change_percent"):
            parsed[key] = float(row[key]) if row[key] else None
        parsed_rows.append(parsed)
    return parsed_rows


def medicines() -> list[dict[str, str]]:
    """Rows of the medicines comparison (medicine, aspect, value, confidence, source)."""
    return rows("medicines.csv")


def medicines_markdown() -> str:
    """The medicines comparison as a Markdown table: one row per aspect, one column per medicine."""
    rows = medicines()
    names = list(dict.fromkeys(r["medicine"] for r in rows))
    aspects = list(dict.fromkeys(r["aspect"] for r in rows))
    cell = {(r["medicine"], r["aspect"]): f"{r['value']} *({r['confidence']}: {r['source']})*" for r in rows}
    lines = ["| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for aspect in aspects:
        lines.append(f"| **{aspect}** | " + " | ".join(cell.get((m, aspect), "—") for m in names) + " |")
    lines.append("")
    lines.append("Confidence: Q quoted, A abstract or secondary summary, R recalled and not verified here.")
    return "\n".join(lines)


def simulated_counterparts() -> dict[str, TrialDesign]:
    """Trial designs that mirror the published trials (keys as in the data file).

    Approximations: Younger 2013 had 12 weeks of LDN and 4 of placebo (here two 12-week periods
    with a 2-week washout); Younger 2009 had a 2-week placebo phase (here two 8-week periods);
    Bested 2023 is modelled as two 3-week periods with a 1-week washout; dropout is set to 5 %.
    """
    return {
        "younger_2009": TrialDesign(design="crossover", n_per_arm=10, dose_mg=4.5, weeks=8, washout_weeks=2,
                                    dropout_fraction=0.05),
        "younger_2013": TrialDesign(design="crossover", n_per_arm=31, dose_mg=4.5, weeks=12, washout_weeks=2,
                                    dropout_fraction=0.05),
        "bested_2023": TrialDesign(design="crossover", n_per_arm=58, dose_mg=4.5, weeks=3, washout_weeks=1,
                                   dropout_fraction=0.05),
        "bruun_2024": TrialDesign(design="parallel", n_per_arm=50, dose_mg=6.0, titration_steps_mg=(1.5, 3.0, 4.5),
                                  weeks=12, dropout_fraction=0.05),
    }


def simulate_counterparts(n_trials: int = 200, pool_size: int = 1500, seed: int = 0,
                          population_params=None) -> dict[str, dict[str, np.ndarray]]:
    """Replicate each published trial's design ``n_trials`` times on the virtual population.

    Returns ``key -> {"percent": ..., "smd": ..., "nrs": ..., "p": ...}``: per replicate, the difference in %
    change, the standardised mean difference, the difference in points and the p-value.
    """
    out = {}
    for key, design in simulated_counterparts().items():
        pool = prepare_pool(design, pool_size=pool_size, seed=seed, population_params=population_params)
        results = run_trials(design, n_trials, seed=seed, pool=pool)
        out[key] = {"percent": np.array([r.percent_drug - r.percent_placebo for r in results]),
                    "smd": np.array([r.smd for r in results]),
                    "nrs": np.array([r.estimate.difference for r in results]),
                    "p": np.array([r.estimate.p_value for r in results])}
    return out
