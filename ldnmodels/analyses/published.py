"""The published trials and meta-analyses of LDN in fibromyalgia: one record per study.

``ldnmodels/data/published_trials.json`` holds one record per study (:class:`PublishedStudy`): its citation (a key
of ``ldnmodels/data/references.bib`` and the short label tables print), the published numbers (the effect in its
measure with its interval and p value, n, dose, weeks, the change within each arm where reported, and a second
measure where the study gave one, such as FINAL's d), the confidence code and note, the design of the simulated trial
that mirrors it, and the published numbers the calibration scores. Everything else is generated from the records:
the evidence table and the simulated counterparts (:mod:`ldnmodels.analyses.evidence`), the coverage check, and the
calibration targets (:mod:`ldnmodels.analyses.calibration`). A new study is one new record.

>>> final = study("bruun_2024")
>>> final.effect, final.second_measure.measure, final.second_measure.effect
(-0.34, 'SMD', -0.23)
>>> final.published_value("change_drug_nrs")
-1.3
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..core.bibliography import entry
from ..core.validation import number
from .trial_power import significant_for_drug
from .trials import TrialDesign, TrialResult

__all__ = ["RECORDS", "MEASURE_KEYS", "ARM_CHANGES", "STATISTICS", "PublishedEffect", "PublishedStudy", "Target",
           "studies", "study", "parse_studies", "replicate_statistics"]

#: The records file in ``ldnmodels/data``.
RECORDS = "published_trials.json"

#: Which simulated statistic (:func:`replicate_statistics`) matches each published measure.
MEASURE_KEYS = {"percent points": "percent", "SMD": "smd", "NRS points": "nrs"}

#: A record's published change within an arm -> the simulated statistic it is compared with.
ARM_CHANGES = {"ldn_change_percent": "percent_drug", "placebo_change_percent": "percent_placebo",
               "ldn_change_nrs": "change_drug_nrs", "placebo_change_nrs": "change_placebo_nrs"}

#: The per-replicate statistics of :func:`replicate_statistics`, with their units.
STATISTICS = {
    "percent": "mean change on drug minus on placebo, % of baseline (% points)",
    "smd": "standardised mean difference of the changes, drug minus placebo (no unit)",
    "nrs": "difference in the change in pain, drug minus placebo, points (0-10 scale)",
    "p": "p value of that difference",
    "percent_drug": "mean change on drug, % of baseline",
    "percent_placebo": "mean change on placebo, % of baseline",
    "change_drug_nrs": "mean change on drug from the baseline week, points",
    "change_placebo_nrs": "mean change on placebo from the baseline week, points",
    "significant": "p < 0.05 with the difference favouring the drug (bool)",
}

_KINDS = ("trial", "meta-analysis", "dose finding", "single dose")
_CONFIDENCE = ("Q", "A", "D", "R")
_TEXT = ("key", "reference", "study", "kind", "design", "measure", "confidence", "note")
_NUMBERS = ("n", "dose_mg", "weeks", "effect", "ci_low", "ci_high", "p_value", *ARM_CHANGES)
_FIELDS = {*_TEXT, *_NUMBERS, "second_measure", "counterpart", "counterpart_note", "targets", "likelihood"}


class Target(NamedTuple):
    """A published number and the simulated statistic it is compared with."""

    trial: str        #: key of the record (:func:`studies`)
    statistic: str    #: key of :data:`STATISTICS` (per replicate, :func:`replicate_statistics`)
    value: float      #: the published number, in the statistic's units
    what: str         #: in words, with its source


@dataclass(frozen=True)
class PublishedEffect:
    """One published effect: LDN minus placebo in one measure (negative favours LDN).

    Parameters
    ----------
    measure : str
        ``percent points`` (difference in % change from baseline), ``SMD`` (standardised mean difference, no unit),
        ``NRS points`` or ``MD pain points`` (difference in pain, points on the 0-10 scale).
    effect : float
        In the units of ``measure``.
    ci_low, ci_high : float or None
        95 % confidence interval, same units (None where not reported).
    p_value : float or None
        None where not reported.
    note : str
        What the source says of this effect (empty: the study's note covers it).
    """

    measure: str
    effect: float
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    note: str = ""


@dataclass(frozen=True)
class PublishedStudy:
    """One published trial or meta-analysis: citation, published numbers, simulated counterpart, targets.

    Parameters
    ----------
    key : str
        The study's key everywhere in the kit (e.g. ``bruun_2024``).
    reference : str
        Key of ``ldnmodels/data/references.bib``.
    study : str
        Short label printed in tables (``Bruun et al. 2024 (FINAL)``).
    kind : {"trial", "meta-analysis", "dose finding", "single dose"}
    design : str
        The design in words (``double-blind parallel``, ``8 trials``).
    measure, effect, ci_low, ci_high, p_value
        The main published effect, as in :class:`PublishedEffect`.
    confidence : {"Q", "A", "D", "R"}
        Quoted, abstract or secondary summary, derived here, recalled.
    note : str
        What else the source says.
    n : float or None
        Patients (randomised or pooled).
    dose_mg : float or None
        Daily dose, mg naltrexone HCl.
    weeks : float or None
        Weeks of LDN.
    ldn_change_percent, placebo_change_percent : float or None
        Mean change within each arm, % of baseline.
    ldn_change_nrs, placebo_change_nrs : float or None
        Mean change within each arm, pain points (0-10 scale).
    second_measure : PublishedEffect or None
        The same study's effect on a second scale (FINAL's d).
    counterpart : TrialDesign or None
        The simulated trial mirroring the study (trials only).
    counterpart_note : str
        Where the counterpart approximates the real design.
    targets : tuple of (statistic, what)
        The published numbers the calibration scores, each named by its simulated statistic (:data:`STATISTICS`);
        the value is the record's own number (:meth:`published_value`).
    likelihood : dict or None
        How a study that is not a controlled trial with targets enters the hypotheses' likelihood
        (:mod:`ldnmodels.analyses.hypotheses.likelihood`): ``term`` (``single_dose`` or ``dose_finding``) and its
        numbers.
    """

    key: str
    reference: str
    study: str
    kind: str
    design: str
    measure: str
    effect: float
    confidence: str
    note: str
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    n: float | None = None
    dose_mg: float | None = None
    weeks: float | None = None
    ldn_change_percent: float | None = None
    placebo_change_percent: float | None = None
    ldn_change_nrs: float | None = None
    placebo_change_nrs: float | None = None
    second_measure: PublishedEffect | None = None
    counterpart: TrialDesign | None = None
    counterpart_note: str = ""
    targets: tuple[tuple[str, str], ...] = ()
    likelihood: dict | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"{self.key}: kind must be one of {_KINDS}, got {self.kind!r}")
        if self.confidence not in _CONFIDENCE:
            raise ValueError(f"{self.key}: confidence must be one of {_CONFIDENCE}, got {self.confidence!r}")
        if self.counterpart is not None and self.statistic is None:
            raise ValueError(f"{self.key}: a simulated counterpart needs a measure of {tuple(MEASURE_KEYS)}, "
                             f"got {self.measure!r}")
        for statistic, _ in self.targets:
            self.published_value(statistic)

    @property
    def citation(self) -> str:
        """Short citation from the bibliography: ``Bruun et al. 2024, Lancet Rheumatol 6:e31–e39``."""
        fields = entry(self.reference).fields
        where = fields.get("journal", "").replace("{", "").replace("}", "")
        if "volume" in fields:
            where += f" {fields['volume']}" + (f":{fields['pages'].replace('--', '–')}" if "pages" in fields else "")
        return f"{entry(self.reference).short}, {where}" if where else entry(self.reference).short

    @property
    def statistic(self) -> str | None:
        """The simulated statistic of the main measure (:data:`MEASURE_KEYS`); None if it has none."""
        return MEASURE_KEYS.get(self.measure)

    def effects(self) -> tuple[PublishedEffect, ...]:
        """The main effect, then the second measure if reported."""
        main = PublishedEffect(self.measure, self.effect, self.ci_low, self.ci_high, self.p_value, self.note)
        return (main,) if self.second_measure is None else (main, self.second_measure)

    def published_value(self, statistic: str) -> float:
        """The published number compared with the simulated ``statistic`` (a key of :data:`STATISTICS`).

        Raises
        ------
        KeyError
            If the study reported no such number.
        """
        for field, arm_statistic in ARM_CHANGES.items():
            if arm_statistic == statistic and getattr(self, field) is not None:
                return getattr(self, field)
        for effect in self.effects():
            if MEASURE_KEYS.get(effect.measure) == statistic:
                return effect.effect
        raise KeyError(f"{self.key} reports no number to compare with the simulated {statistic!r}")

    @property
    def calibration_targets(self) -> tuple[Target, ...]:
        """The study's calibration targets with their published values."""
        return tuple(Target(self.key, statistic, self.published_value(statistic), what)
                     for statistic, what in self.targets)


def _record(raw: dict, where: str) -> PublishedStudy:
    name = f"{where}: {raw.get('key', '?')}"
    unknown, missing = set(raw) - _FIELDS, {*_TEXT, "effect"} - set(raw)
    if unknown or missing:
        raise ValueError(f"{name}: unknown fields {sorted(unknown)}, missing fields {sorted(missing)}")
    values = {field: raw[field] for field in _TEXT}
    values.update({field: number(raw[field], f"{name}: {field}") for field in _NUMBERS if field in raw})
    if "second_measure" in raw:
        second = raw["second_measure"]
        unknown = set(second) - {"measure", "effect", "ci_low", "ci_high", "p_value", "note"}
        if unknown or not {"measure", "effect"} <= set(second):
            raise ValueError(f"{name}: second_measure needs measure and effect, unknown fields {sorted(unknown)}")
        values["second_measure"] = PublishedEffect(
            second["measure"], *(number(second[field], f"{name}: second_measure {field}") if field in second
                                 else None for field in ("effect", "ci_low", "ci_high", "p_value")),
            second.get("note", ""))
    if "counterpart" in raw:
        values["counterpart"] = TrialDesign(**{field: tuple(value) if isinstance(value, list) else value
                                               for field, value in raw["counterpart"].items()})
        values["counterpart_note"] = raw.get("counterpart_note", "")
    values["targets"] = tuple((target["statistic"], target["what"]) for target in raw.get("targets", ()))
    if "likelihood" in raw:
        values["likelihood"] = dict(raw["likelihood"])
    return PublishedStudy(**values)


def parse_studies(text: str, where: str = RECORDS) -> tuple[PublishedStudy, ...]:
    """The records of a records file's text (the format of ``ldnmodels/data/published_trials.json``).

    Parameters
    ----------
    text : str
        JSON text with a ``studies`` list, one object per study (the fields of :class:`PublishedStudy`).
    where : str, default RECORDS
        Where the text came from, for error messages.

    Returns
    -------
    tuple of PublishedStudy
        One per study, in the file's order.

    Raises
    ------
    ValueError
        On an unknown or missing field, a repeated key, or a number that is not one (the message names the study).
    """
    records = tuple(_record(raw, where) for raw in json.loads(text)["studies"])
    keys = [record.key for record in records]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{where}: repeated study keys {sorted({k for k in keys if keys.count(k) > 1})}")
    return records


@lru_cache(maxsize=1)
def _shipped() -> tuple[PublishedStudy, ...]:
    text = resources.files("ldnmodels.data").joinpath(RECORDS).read_text(encoding="utf-8")
    return parse_studies(text, f"ldnmodels/data/{RECORDS}")


def studies(path: str | Path | None = None) -> tuple[PublishedStudy, ...]:
    """Every published study, in the file's order.

    Parameters
    ----------
    path : str or Path, optional
        Another records file (e.g. one a test wrote); default the shipped ``ldnmodels/data/published_trials.json``.
    """
    if path is None:
        return _shipped()
    return parse_studies(Path(path).read_text(encoding="utf-8"), str(path))


def study(key: str, path: str | Path | None = None) -> PublishedStudy:
    """The record ``key`` (a ``KeyError`` listing the known keys if there is none).

    Parameters
    ----------
    key : str
        The study's key, e.g. ``"bruun_2024"``.
    path : str or Path, optional
        Another records file (:func:`studies`); default the shipped one.

    Returns
    -------
    PublishedStudy
    """
    for record in studies(path):
        if record.key == key:
            return record
    raise KeyError(f"no published study {key!r}; known: {[record.key for record in studies(path)]}")


def replicate_statistics(results: Sequence[TrialResult]) -> dict[str, np.ndarray]:
    """Per replicate trial, every statistic a published number is compared with.

    Parameters
    ----------
    results : sequence of TrialResult
        Replicate trials (:func:`ldnmodels.analyses.trials.run_trials`).

    Returns
    -------
    dict
        Each key of :data:`STATISTICS` (units there) -> one value per replicate.
    """
    out = {"percent": np.array([r.percent_drug - r.percent_placebo for r in results]),
           "smd": np.array([r.smd for r in results]),
           "nrs": np.array([r.estimate.difference for r in results]),
           "p": np.array([r.estimate.p_value for r in results]),
           "percent_drug": np.array([r.percent_drug for r in results]),
           "percent_placebo": np.array([r.percent_placebo for r in results]),
           "change_drug_nrs": np.array([r.change_drug_nrs for r in results]),
           "change_placebo_nrs": np.array([r.change_placebo_nrs for r in results])}
    out["significant"] = significant_for_drug(out["p"], out["nrs"])
    return out
