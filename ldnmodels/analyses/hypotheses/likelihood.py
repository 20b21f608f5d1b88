"""The likelihood over every published number, for any hypothesis and receptor structure.

The terms are generated from the study records (``ldnmodels/data/published_trials.json``): every trial with
``targets`` (:class:`~.terms.TrialTerm`, its real design the record's counterpart), and the records with a
``likelihood`` entry (the single 50 mg dose, :class:`~.terms.SingleDoseTerm`; the dose finding,
:class:`~.dose_finding.DoseFindingTerm`). The terms are treated as independent (different patients).

>>> sorted(term.key for term in terms())      # doctest: +NORMALIZE_WHITESPACE
['bested_2023', 'bruun_2024', 'bruun_plesner_2020', 'younger_2009', 'younger_2013', 'younger_zautra_2009']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..published import MEASURE_KEYS, studies
from .catalogue import Hypothesis
from .cohort import Cohort, daily_course, prepare_cohort
from .dose_finding import DoseFindingTerm
from .predictions import patient_effects
from .terms import LikelihoodTerm, SingleDoseTerm, TrialTerm

__all__ = ["terms", "Likelihood", "PREDICTION_DOSES_MG", "PREDICTION_WEEKS"]

#: Daily doses whose 12-week benefit every hypothesis predicts, mg.
PREDICTION_DOSES_MG = (1.5, 3.0, 4.5, 6.0, 9.0, 50.0)
#: Weeks of daily dosing for those predictions.
PREDICTION_WEEKS = 12


def terms(path: str | Path | None = None) -> tuple[LikelihoodTerm, ...]:
    """The likelihood's terms, one per study that enters it, generated from the records.

    Parameters
    ----------
    path : str or Path, optional
        Another records file; default the shipped one.

    Returns
    -------
    tuple of LikelihoodTerm
        :class:`TrialTerm`, :class:`SingleDoseTerm` or :class:`DoseFindingTerm`, in the records' order.
    """
    out = []
    for record in studies(path):
        if record.kind == "trial" and record.calibration_targets:
            targets = record.calibration_targets
            out.append(TrialTerm(record.key, record.counterpart, tuple(t.statistic for t in targets),
                                 tuple(t.value for t in targets), MEASURE_KEYS[record.measure], record.effect))
        elif record.likelihood:
            spec = dict(record.likelihood)
            kind = spec.pop("term")
            out.append({"single_dose": SingleDoseTerm, "dose_finding": DoseFindingTerm}[kind](record.key, **spec))
    return tuple(out)


def _prediction_course(dose_mg: float):
    days = 7 * PREDICTION_WEEKS
    return daily_course(f"prediction:{dose_mg:g}", dose_mg, days, [(days - 7, days)])


@dataclass
class Likelihood:
    """The likelihood for one receptor structure: a prepared cohort and the terms.

    Parameters
    ----------
    structure : str
        Receptor structure (``two_phase``, ``binding``, ...).
    n_patients : int, default 1000
        Virtual patients the expected values are averaged over.
    seed : int, default 0
    path : str or Path, optional
        Another records file.
    """

    structure: str
    n_patients: int = 1000
    seed: int = 0
    path: str | Path | None = None
    terms: tuple[LikelihoodTerm, ...] = field(init=False)
    cohort: Cohort = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.terms = terms(self.path)
        courses = [course for term in self.terms for course in term.courses()]
        courses += [_prediction_course(dose) for dose in PREDICTION_DOSES_MG]
        self.cohort = prepare_cohort(self.structure, courses, self.n_patients, self.seed)

    def per_term(self, theta: dict, hypothesis: Hypothesis) -> dict[str, float]:
        """log-likelihood of each study's published numbers: ``{record key: value}`` (natural log).

        Parameters
        ----------
        theta : dict
            A value for each of ``hypothesis.parameters``, keyed by name (units in the names).
        hypothesis : Hypothesis
            The hypothesis, which says which routes are on.

        Returns
        -------
        dict of str to float
            The log-likelihood of each term (natural log), keyed by the study's record key.
        """
        effects = patient_effects(theta, hypothesis, self.cohort)
        return {term.key: term.log_likelihood(effects, theta, self.cohort) for term in self.terms}

    def __call__(self, theta: dict, hypothesis: Hypothesis, leave_out: str | None = None) -> float:
        """Total log-likelihood, without the study ``leave_out`` when given."""
        return float(sum(value for key, value in self.per_term(theta, hypothesis).items() if key != leave_out))

    def dose_response(self, theta: dict, hypothesis: Hypothesis) -> dict[float, float]:
        """Drug-only change in mechanistic pain after 12 weeks of each of :data:`PREDICTION_DOSES_MG`, points.

        Parameters
        ----------
        theta : dict
            A value for each of ``hypothesis.parameters``, keyed by name (units in the names).
        hypothesis : Hypothesis
            The hypothesis, which says which routes are on.

        Returns
        -------
        dict of float to float
            Daily dose, mg, to the cohort's mean change in mechanistic pain over the last week of
            :data:`PREDICTION_WEEKS`, points (negative = better; no placebo).
        """
        from .predictions import mechanistic_change

        effects = patient_effects(theta, hypothesis, self.cohort)
        return {dose: float(mechanistic_change(effects, self.cohort, f"prediction:{dose:g}", 0).mean())
                for dose in PREDICTION_DOSES_MG}

    def term(self, key: str):
        """The term of study ``key``."""
        for term in self.terms:
            if term.key == key:
                return term
        raise KeyError(f"no likelihood term for {key!r}; terms: {', '.join(t.key for t in self.terms)}")

    def predicted_effect(self, theta: dict, hypothesis: Hypothesis, key: str, rng: np.random.Generator) -> float:
        """One draw of study ``key``'s published effect as a new trial of its design would find it.

        Parameters
        ----------
        theta : dict
            A value for each of ``hypothesis.parameters``, keyed by name (units in the names).
        hypothesis : Hypothesis
            The hypothesis, which says which routes are on.
        key : str
            The study's record key (one of :attr:`terms`).
        rng : numpy.random.Generator
            Source of the trial's sampling noise.

        Returns
        -------
        float
            The effect in the term's ``effect_statistic`` unit: % of baseline, points or SMD (drug minus placebo),
            or the number of responders for the dose finding.
        """
        return self.term(key).draw_effect(patient_effects(theta, hypothesis, self.cohort), theta, self.cohort, rng)
