r"""The up-and-down dose finding (Bruun-Plesner 2020) as its actual procedure, scored as evidence.

The study gave each woman one dose for two weeks (single-blind, no placebo) from 0.75 to 6 mg in 0.75 mg steps;
a responder (30 % less pain, **or** a global impression of at least "minimally improved") sent the next woman one
step down, a non-responder one step up. 11 of 25 responded and the ED50 was estimated at 3.88 mg.

Here the procedure is run exactly on the probabilities of response a hypothesis predicts at each dose: the joint
distribution of (responders, sum of dose steps) over 25 women is propagated step by step (a Markov chain), averaged
over the unknown starting dose. The term is the probability of what was published: 11 responders and a mean dose
within half a step of 3.88 mg (the mean dose is the design's simplest estimate of its target; the study's own
estimator, from pairs of reversals, is not in reach).

The design's limits, stated with the term: it **assumes** a monotone dose–response to read an ED50 from the walk; it
cannot show that benefit rises with dose or rule out an inverted U; with no placebo, the placebo response and the
expectation of women who know they take a drug are inside every response.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from .cohort import Cohort, Course, daily_course
from .predictions import PatientEffects, arm_moments, mechanistic_change

__all__ = ["DOSES_MG", "walk_distribution", "DoseFindingTerm"]

#: The doses of the study, mg naltrexone HCl.
DOSES_MG = tuple(round(0.75 * k, 2) for k in range(1, 9))


def walk_distribution(response_probability, n_patients: int, max_responders: int | None = None,
                      max_sum: int | None = None) -> np.ndarray:
    """Joint distribution of (responders, sum of dose steps) after an up-and-down walk.

    Parameters
    ----------
    response_probability : array_like, shape (levels,)
        Probability of a response at each dose level, 0-1.
    n_patients : int
        Patients in the walk.
    max_responders, max_sum : int, optional
        Track only up to these (both only grow along the walk, so the probabilities up to them are exact and the
        walk is faster); default all.

    Returns
    -------
    ndarray, shape (max_responders + 1, max_sum + 1)
        Probability of each (responders, sum of the 0-based level of every patient), averaged over a starting level
        drawn uniformly.
    """
    p = np.clip(np.asarray(response_probability, dtype=float), 0.0, 1.0)
    levels = p.size
    max_r = n_patients if max_responders is None else max_responders
    max_s = n_patients * (levels - 1) if max_sum is None else max_sum
    state = np.zeros((levels, max_r + 1, max_s + 1))
    state[:, 0, 0] = 1.0 / levels
    moved = np.empty((levels, max_r + 1, max_s + 1))
    for _ in range(n_patients):
        for level in range(levels):      # this patient's level enters the sum
            moved[level, :, :level] = 0.0
            moved[level, :, level:] = state[level, :, : max_s + 1 - level]
        responded = np.zeros_like(moved)
        responded[:, 1:] = moved[:, :-1] * p[:, None, None]          # one more responder: one step down
        stayed = moved * (1.0 - p)[:, None, None]                       # none: one step up
        state = np.zeros_like(moved)
        state[:-1] += responded[1:]
        state[0] += responded[0]
        state[1:] += stayed[:-1]
        state[-1] += stayed[-1]
    return state.sum(axis=0)


@dataclass(frozen=True)
class DoseFindingTerm:
    """The dose-finding study as a likelihood term.

    Parameters
    ----------
    key : str
    n_patients : int
        Women evaluated (25).
    responders : int
        Responders among them (11).
    ed50_mg : float
        The published ED50, mg (3.88).
    response_reduction_fraction : float
        The pain reduction the model counts as a response: the study's "30 % less pain or at least minimally
        improved" taken as the smaller threshold, a minimally important reduction.
    treatment_days : int
        Days on each dose before the response was judged (14).
    """

    key: str
    n_patients: int
    responders: int
    ed50_mg: float
    response_reduction_fraction: float
    treatment_days: int = 14
    effect_statistic: str = "responders"

    @property
    def effect(self) -> float:
        """The published number the left-out check predicts: the responders."""
        return float(self.responders)

    def courses(self) -> list[Course]:
        """One course per dose: the last week of the two weeks is the outcome window."""
        days = self.treatment_days
        return [daily_course(f"{self.key}:{dose:g}", dose, days, [(days - 7, days)]) for dose in DOSES_MG]

    def response_probabilities(self, effects: PatientEffects, theta: dict, cohort: Cohort) -> np.ndarray:
        """Probability that a woman responds at each dose of :data:`DOSES_MG` (placebo and expectation included).

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
        ndarray, shape (len(DOSES_MG),)
            Probability of a response after ``treatment_days`` on each dose, 0-1, averaged over the cohort.
        """
        tau = float(theta["placebo_time_constant_days"])
        level = float(np.mean(1.0 - np.exp(-(np.arange(self.treatment_days - 7, self.treatment_days) + 1) / tau)))
        out = []
        for dose in DOSES_MG:
            mech = mechanistic_change(effects, cohort, f"{self.key}:{dose:g}", 0)
            moments = arm_moments(mech, theta, cohort, level, True, 7, 7, level)
            threshold = -self.response_reduction_fraction * cohort.baseline_pain_nrs
            out.append(float(ndtr((threshold - moments.mean) / np.sqrt(moments.variance)).mean()))
        return np.array(out)

    def _sums(self) -> tuple[int, int]:
        """The range of the sum of 0-based levels whose mean dose lies within half a step of the ED50."""
        step = DOSES_MG[0]
        low = (self.ed50_mg - step / 2) / step - 1.0
        high = (self.ed50_mg + step / 2) / step - 1.0
        return math.ceil(low * self.n_patients), math.floor(high * self.n_patients)

    def log_likelihood(self, effects: PatientEffects, theta: dict, cohort: Cohort) -> float:
        """log P(the published responders and a mean dose within half a step of the published ED50).

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
        float
            The log probability (natural log), at least log(1e-300).
        """
        low, high = self._sums()
        walk = walk_distribution(self.response_probabilities(effects, theta, cohort), self.n_patients,
                                 self.responders, high)
        return float(np.log(max(walk[self.responders, low: high + 1].sum(), 1e-300)))

    def draw_effect(self, effects: PatientEffects, theta: dict, cohort: Cohort, rng: np.random.Generator) -> float:
        """The number of responders in a new walk of the study's size, drawn from its exact distribution.

        Parameters
        ----------
        effects, theta, cohort
            As for :meth:`log_likelihood`.
        rng : numpy.random.Generator
            Source of the walk's randomness.

        Returns
        -------
        float
            Responders, 0 to ``n_patients``.
        """
        distribution = walk_distribution(self.response_probabilities(effects, theta, cohort),
                                         self.n_patients).sum(axis=1)
        return float(rng.choice(distribution.size, p=distribution / distribution.sum()))
