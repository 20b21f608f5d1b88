"""Clinical context for the evidence notebooks: safety topics, the appraisal of the evidence (GRADE-style), placebo
and nocebo, place in therapy, sex differences and central sensitisation — sourced statements from
``ldnmodels/data/clinical_context.csv`` — and the kit's calibrated placebo beside the published placebo responses.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..data import rows
from .evidence import published_trials
from .population import PopulationParameters, make_population

__all__ = ["SECTIONS", "context", "context_markdown", "PlaceboRow", "placebo_beside_published"]

#: The sections of the data file, in the order the notebooks use them.
SECTIONS = ("safety", "appraisal", "placebo_nocebo", "place_in_therapy", "sex", "sensitisation")


def context(section: str) -> list[dict[str, str]]:
    """The sourced statements of one section (topic, statement, confidence, source).

    Parameters
    ----------
    section : str
        One of :data:`SECTIONS`.

    Returns
    -------
    list of dict
        Rows of ``clinical_context.csv`` in file order.
    """
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {SECTIONS}, got {section!r}")
    return [row for row in rows("clinical_context.csv") if row["section"] == section]


def context_markdown(section: str, topic_header: str = "topic") -> str:
    """One section as a Markdown table: topic, what is known, confidence and source.

    Parameters
    ----------
    section : str
        One of :data:`SECTIONS`.
    topic_header : str, default "topic"
        Header of the first column (``"domain"`` for the appraisal).

    Returns
    -------
    str
        A Markdown table, one row per statement.
    """
    lines = [f"| {topic_header} | what is known | conf. | source |", "|---|---|---|---|"]
    for row in context(section):
        lines.append(f"| **{row['topic']}** | {row['statement']} | {row['confidence']} | {row['source']} |")
    return "\n".join(lines)


class PlaceboRow(NamedTuple):
    """One placebo figure: published, or the kit's virtual placebo arm."""

    label: str
    value: float          #: points on the 0–10 scale (improvement positive), or a share 0–1
    kind: str             #: "points" or "share"
    source: str           #: citation, or "calibrated (kit)"


def placebo_beside_published(n_patients: int = 4000, seed: int = 0) -> list[PlaceboRow]:
    """The published placebo responses in fibromyalgia beside the kit's calibrated virtual placebo arm.

    The kit's placebo arm: each virtual patient's full placebo response (``PopulationParameters.placebo_mean_nrs``,
    calibrated to the LDN trials, spread ``placebo_sd_nrs``) against her baseline pain.

    Parameters
    ----------
    n_patients : int, default 4000
        Virtual patients, 100 to 100 000.
    seed : int, default 0
        Random seed.

    Returns
    -------
    list of PlaceboRow
        Mean improvement (points) and the shares with at least 30 % and 50 % less pain, published then model.
    """
    population = make_population(n_patients, seed=seed)
    change = population.placebo_response_nrs          # negative = better
    relative = -change / population.symptoms.baseline_pain_nrs
    params = PopulationParameters()
    final = next(row for row in published_trials() if row["key"] == "bruun_2024" and row["primary"])
    return [
        PlaceboRow("mean improvement on placebo, 72 FM trials", 7.69 / 10.0, "points", "Häuser et al. 2011 Pain"),
        PlaceboRow("improvement on placebo, FINAL (12 weeks)", -final["placebo_change_nrs"], "points",
                   "Bruun et al. 2024"),
        PlaceboRow("mean improvement, the kit's virtual placebo arm", float(-np.mean(change)), "points",
                   f"calibrated (kit): placebo_mean_nrs {params.placebo_mean_nrs:g}"),
        PlaceboRow("at least 30 % less pain on placebo, 30 FM trials", 0.308, "share", "Häuser et al. 2011 Schmerz"),
        PlaceboRow("at least 30 % less pain, the kit's virtual placebo arm", float(np.mean(relative >= 0.3)), "share",
                   "calibrated (kit)"),
        PlaceboRow("at least 50 % less pain on placebo, 30 FM trials", 0.188, "share", "Häuser et al. 2011 Schmerz"),
        PlaceboRow("at least 50 % less pain, the kit's virtual placebo arm", float(np.mean(relative >= 0.5)), "share",
                   "calibrated (kit)"),
    ]
