"""The likelihood's terms: each published study with its real design, scored on what it published.

Each term holds the published numbers and knows how to predict them (expected values and sampling covariance) for a
parameter set, from the prepared cohort (:mod:`.cohort`, :mod:`.predictions`):

* :class:`TrialTerm` — a controlled trial (the pilot, Younger 2013, Bested 2023, FINAL), its design the record's
  counterpart (:class:`ldnmodels.analyses.trials.TrialDesign`: periods, washout, outcome window, baseline), the
  targets the record lists, a multivariate normal over them;
* :class:`SingleDoseTerm` — one 50 mg dose against placebo the next day (Younger, Zautra & Cummins 2009);
* :class:`DoseFindingTerm` — the up-and-down dose finding (Bruun-Plesner 2020), :mod:`.dose_finding`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from ...model.regimen import Regimen
from ..trial_timeline import expectation_profile, expectation_spans, outcome_window, periods, total_days
from ..trials import TrialDesign
from .cohort import Cohort, Course, daily_course
from .predictions import PatientEffects, arm_moments, mechanistic_change, shared_covariance

__all__ = ["Prediction", "LikelihoodTerm", "GaussianTerm", "TrialTerm", "SingleDoseTerm",
           "multivariate_normal_log_density"]


@dataclass(frozen=True)
class Prediction:
    """A term's predicted statistics: means and covariance, and the study's main effect (mean and SD)."""

    mean: np.ndarray
    covariance: np.ndarray
    effect_mean: float
    effect_sd: float


def multivariate_normal_log_density(y: np.ndarray, mean: np.ndarray, covariance: np.ndarray) -> float:
    """log N(y; mean, covariance) (natural log).

    Parameters
    ----------
    y : array_like, shape (k,)
        The observed values.
    mean : ndarray, shape (k,)
        The predicted means, in the units of ``y``.
    covariance : ndarray, shape (k, k)
        The predicted covariance, in the squared units of ``y``.

    Returns
    -------
    float
        The log density (natural log); -inf when ``covariance`` is not positive definite (its determinant <= 0).
    """
    residual = np.asarray(y, dtype=float) - mean
    sign, log_det = np.linalg.slogdet(covariance)
    if sign <= 0:
        return -np.inf
    quadratic = residual @ np.linalg.solve(covariance, residual)
    return float(-0.5 * (quadratic + log_det + residual.size * math.log(2 * math.pi)))


@runtime_checkable
class LikelihoodTerm(Protocol):
    """What every term of the likelihood provides (:class:`TrialTerm`, :class:`SingleDoseTerm`,
    :class:`~.dose_finding.DoseFindingTerm`)."""

    key: str                 #: the study's record key
    effect_statistic: str    #: the unit of :attr:`effect`: ``percent``, ``nrs``, ``smd`` or ``responders``

    @property
    def effect(self) -> float:
        """The study's main published effect (what leave-one-out predicts)."""

    def courses(self) -> list[Course]:
        """The drug courses and windows the cohort must be prepared with."""

    def log_likelihood(self, effects: PatientEffects, theta: dict, cohort: Cohort) -> float:
        """log probability of the published numbers (natural log).

        Parameters
        ----------
        effects : PatientEffects
            What the parameters mean for each patient of ``cohort`` (:func:`~.predictions.patient_effects`).
        theta : dict
            Parameter values keyed by name (units in the names, :data:`~.catalogue.PRIORS`).
        cohort : Cohort
            The virtual patients, prepared with this term's :meth:`courses`.

        Returns
        -------
        float
        """

    def draw_effect(self, effects: PatientEffects, theta: dict, cohort: Cohort, rng: np.random.Generator) -> float:
        """One draw of the study's main effect as a new study of its design would find it.

        Parameters
        ----------
        effects, theta, cohort
            As for :meth:`log_likelihood`.
        rng : numpy.random.Generator
            Source of the study's sampling noise.

        Returns
        -------
        float
            In the unit of :attr:`effect_statistic`.
        """


class GaussianTerm:
    """A term whose published numbers are normal around its ``predict`` (the trials and the single dose):
    ``log_likelihood`` and ``draw_effect`` of :class:`LikelihoodTerm`, once for both."""

    def log_likelihood(self, effects: PatientEffects, theta: dict, cohort: Cohort) -> float:
        """log N(published; predicted means, sampling covariance) (natural log).

        Parameters
        ----------
        effects, theta, cohort
            As for :meth:`LikelihoodTerm.log_likelihood`.

        Returns
        -------
        float
        """
        prediction = self.predict(effects, theta, cohort)
        return multivariate_normal_log_density(self.observed_values, prediction.mean, prediction.covariance)

    def draw_effect(self, effects: PatientEffects, theta: dict, cohort: Cohort, rng: np.random.Generator) -> float:
        """The predicted main effect plus its sampling noise.

        Parameters
        ----------
        effects, theta, cohort, rng
            As for :meth:`LikelihoodTerm.draw_effect`.

        Returns
        -------
        float
        """
        prediction = self.predict(effects, theta, cohort)
        return float(prediction.effect_mean + prediction.effect_sd * rng.standard_normal())


_KINDS = {"percent_drug": ("percent", "drug"), "percent_placebo": ("percent", "placebo"),
          "change_drug_nrs": ("nrs", "drug"), "change_placebo_nrs": ("nrs", "placebo")}


@dataclass(frozen=True)
class TrialTerm(GaussianTerm):
    """A controlled trial scored on its published numbers.

    Parameters
    ----------
    key : str
        The record's key.
    design : TrialDesign
        The real design (the record's counterpart).
    statistics : tuple of str
        What was published: ``percent_drug``/``percent_placebo`` (mean change on each condition, % of baseline),
        ``change_drug_nrs``/``change_placebo_nrs`` (points), or ``smd`` (drug minus placebo, pooled SDs).
    observed : tuple of float
        The published values, in that order.
    effect_statistic : str
        The study's main effect: ``percent``, ``nrs`` (drug minus placebo) or ``smd``.
    effect : float
        Its published value.
    """

    key: str
    design: TrialDesign
    statistics: tuple[str, ...]
    observed: tuple[float, ...]
    effect_statistic: str
    effect: float

    @property
    def within_patient(self) -> bool:
        """True for a crossover or fixed-order design (each patient in both conditions)."""
        return self.design.design != "parallel"

    @property
    def orders(self) -> tuple[bool, ...]:
        """Drug first? for each group of patients (a crossover is counterbalanced: half each)."""
        return (True, False) if self.design.design == "crossover" else (True,)

    def courses(self) -> list[Course]:
        """The drug courses of this design, with the outcome windows of both conditions."""
        design, days = self.design, total_days(self.design)
        out = []
        for drug_first in self.orders:
            spans = periods(design, drug_first)
            drug = next(p for p in spans if p.condition == "drug")
            placebo_windows = [outcome_window(design, p) for p in spans if p.condition == "placebo"]
            windows = [outcome_window(design, drug)] + (placebo_windows if self.within_patient else [])
            out.append(daily_course(self._course(drug_first), design.dose_mg, days, windows, drug.start_day,
                                    tuple(design.titration_steps_mg)))
        return out

    def _course(self, drug_first: bool) -> str:
        return f"{self.key}:{'drug_first' if drug_first else 'placebo_first'}"

    def _conditions(self, effects: PatientEffects, theta: dict, cohort: Cohort):
        """Per order: (drug moments, placebo moments, within-patient covariance)."""
        design, days = self.design, total_days(self.design)
        tau = float(theta["placebo_time_constant_days"])
        out = []
        for drug_first in self.orders:
            spans = periods(design, drug_first)
            profile = expectation_profile(expectation_spans(design, drug_first), days, tau)
            drug_period = next(p for p in spans if p.condition == "drug")
            drug_only = expectation_profile([(drug_period.start_day, drug_period.end_day)], days, tau)
            windows = {p.condition: outcome_window(design, p) for p in spans}
            if not self.within_patient:
                windows["placebo"] = windows["drug"]
            level = {c: float(profile[a:b].mean()) for c, (a, b) in windows.items()}
            drug_level = {c: float(drug_only[a:b].mean()) for c, (a, b) in windows.items()}
            course = self._course(drug_first)
            mech_drug = mechanistic_change(effects, cohort, course, 0)
            mech_placebo = (mechanistic_change(effects, cohort, course, 1) if self.within_patient
                            else np.zeros_like(mech_drug))
            drug = arm_moments(mech_drug, theta, cohort, level["drug"], True, design.outcome_days, design.baseline_days,
                               drug_level["drug"])
            placebo = arm_moments(mech_placebo, theta, cohort, level["placebo"], False, design.outcome_days,
                                  design.baseline_days)
            covariance = (shared_covariance(cohort, level["drug"], level["placebo"], design.baseline_days)
                          if self.within_patient else 0.0)
            out.append((drug, placebo, covariance))
        return out

    def moments(self, effects: PatientEffects, theta: dict, cohort: Cohort, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """Mean (drug, placebo) change over the patients and its per-patient covariance (between plus within).

        ``kind`` is ``percent`` (% of baseline) or ``nrs`` (points). For a parallel design the two arms are different
        patients: the covariance's off-diagonal is 0.

        Parameters
        ----------
        effects : PatientEffects
            What the parameters mean for each patient of ``cohort`` (:func:`~.predictions.patient_effects`).
        theta : dict
            Parameter values keyed by name (units in the names, :data:`~.catalogue.PRIORS`); needs
            ``placebo_mean_nrs``, ``placebo_time_constant_days`` and, when unblinding is modelled, ``expectation_nrs``.
        cohort : Cohort
            The virtual patients, prepared with this term's :meth:`courses`.
        kind : {"percent", "nrs"}
            The unit of the changes: % of each patient's baseline pain, or points.

        Returns
        -------
        mean : ndarray, shape (2,)
            Mean change on (drug, placebo) over the patients (and both orders of a crossover), in ``kind``'s unit.
        covariance : ndarray, shape (2, 2)
            Per-patient covariance of the two changes, in ``kind``'s unit squared; divide by the patients for the
            sampling covariance of the means.
        """
        conditions = self._conditions(effects, theta, cohort)
        factor = np.tile(100.0 / cohort.baseline_pain_nrs if kind == "percent" else np.ones(len(cohort)),
                         len(conditions))
        drug = factor * np.concatenate([d.mean for d, _, _ in conditions])
        placebo = factor * np.concatenate([p.mean for _, p, _ in conditions])
        square = factor ** 2
        shared = np.concatenate([np.broadcast_to(c, d.mean.shape) for d, _, c in conditions])
        within = np.array([[np.mean(square * np.concatenate([d.variance for d, _, _ in conditions])),
                            np.mean(square * shared)],
                           [np.mean(square * shared),
                            np.mean(square * np.concatenate([p.variance for _, p, _ in conditions]))]])
        total = within + np.cov(np.stack([drug, placebo]), ddof=0)
        if not self.within_patient:
            total[0, 1] = total[1, 0] = 0.0
        return np.array([drug.mean(), placebo.mean()]), total

    def predict(self, effects: PatientEffects, theta: dict, cohort: Cohort) -> Prediction:
        """Expected published statistics and their sampling covariance for a trial of the design's size.

        Parameters
        ----------
        effects : PatientEffects
            What the parameters mean for each patient of ``cohort`` (:func:`~.predictions.patient_effects`).
        theta : dict
            Parameter values keyed by name (units in the names, :data:`~.catalogue.PRIORS`); needs
            ``placebo_mean_nrs``, ``placebo_time_constant_days`` and, when unblinding is modelled, ``expectation_nrs``.
        cohort : Cohort
            The virtual patients, prepared with this term's :meth:`courses`.

        Returns
        -------
        Prediction
            Means and sampling covariance of :attr:`statistics` (in their units: % of baseline, points or SMD) for
            ``design.n_per_arm`` patients, and the main effect (drug minus placebo, in ``effect_statistic``'s unit)
            with its sampling SD.

        Raises
        ------
        ValueError
            If the statistics mix percentages and points.
        """
        n = self.design.n_per_arm
        if self.statistics == ("smd",):
            smd, sd = _smd(*self.moments(effects, theta, cohort, "nrs"), n, self.within_patient)
            return Prediction(np.array([smd]), np.array([[sd ** 2]]), smd, sd)
        kinds = {_KINDS[statistic][0] for statistic in self.statistics}
        if len(kinds) != 1:
            raise ValueError(f"{self.key}: targets must share one kind (percent or nrs), got {self.statistics}")
        kind = kinds.pop()
        mean, total = self.moments(effects, theta, cohort, kind)
        index = [0 if _KINDS[statistic][1] == "drug" else 1 for statistic in self.statistics]
        effect_mean, effect_total = (mean, total) if self.effect_statistic == kind else self.moments(
            effects, theta, cohort, self.effect_statistic)
        effect_var = (effect_total[0, 0] + effect_total[1, 1] - 2.0 * effect_total[0, 1]) / n
        return Prediction(mean[index], total[np.ix_(index, index)] / n, float(effect_mean[0] - effect_mean[1]),
                          math.sqrt(effect_var))

    @property
    def observed_values(self) -> np.ndarray:
        """The published numbers, in the order of :attr:`statistics`."""
        return np.array(self.observed, dtype=float)


def _smd(mean: np.ndarray, total: np.ndarray, n: int, paired: bool) -> tuple[float, float]:
    """Standardised mean difference (drug minus placebo over the pooled SD of the changes) and its sampling SD."""
    pooled = math.sqrt((total[0, 0] + total[1, 1]) / 2.0)
    d = float((mean[0] - mean[1]) / pooled)
    if paired:
        difference = total[0, 0] + total[1, 1] - 2.0 * total[0, 1]
        return d, math.sqrt(difference / (n * pooled ** 2) + d ** 2 / (2.0 * n))
    return d, math.sqrt(2.0 / n + d ** 2 / (4.0 * n))


@dataclass(frozen=True)
class SingleDoseTerm(GaussianTerm):
    """One 50 mg dose at 21:00 against placebo: the mean change in pain over the next day (double-blind crossover).

    Parameters
    ----------
    key : str
    observed_nrs : float
        The change seen, points (0: "no change in pain sensitivity or mood").
    sd_nrs : float
        Its sampling SD, points (derived: a 10-patient crossover that saw nothing cannot exclude about half a point).
    """

    key: str
    observed_nrs: float
    sd_nrs: float
    effect_statistic: str = "nrs"

    @property
    def effect(self) -> float:
        """The published effect (the change seen)."""
        return self.observed_nrs

    def courses(self) -> list[Course]:
        """One 50 mg dose at 21:00 on day 0; the window is the next 24 h."""
        return [Course(self.key, Regimen(times_h=(21.0,), doses_mg=(50.0,)), 3, ((21.0, 45.0),))]

    def predict(self, effects: PatientEffects, theta: dict, cohort: Cohort) -> Prediction:
        """The expected change (mechanisms only: placebo cancels in the crossover) and the published SD.

        Parameters
        ----------
        effects : PatientEffects
            What the parameters mean for each patient of ``cohort`` (:func:`~.predictions.patient_effects`).
        theta : dict
            Parameter values keyed by name (units in the names); not used, since placebo cancels.
        cohort : Cohort
            The virtual patients, prepared with this term's :meth:`courses`.

        Returns
        -------
        Prediction
            The mean change in mechanistic pain over the next day (24 h from the dose), points, as the mean and the
            effect, with ``sd_nrs`` as its SD.
        """
        change = float(mechanistic_change(effects, cohort, self.key, 0).mean())
        return Prediction(np.array([change]), np.array([[self.sd_nrs ** 2]]), change, self.sd_nrs)

    @property
    def observed_values(self) -> np.ndarray:
        """The change seen, as a one-element array."""
        return np.array([self.observed_nrs])
