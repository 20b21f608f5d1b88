r"""The timeline of a trial design: its treatment periods, outcome windows and the build-up of expectation.

One place for what happens when in a trial, used by the trial simulator (:mod:`ldnmodels.analyses.trials`, noisy
replicate trials) and by the hypotheses' likelihood (:mod:`ldnmodels.analyses.hypotheses`, expected values over a
large virtual population), so that both simulate the same design.

Days count from the first treatment day (drug or placebo), after ``baseline_days`` untreated days. A **period** is
the days of one condition (``drug`` or ``placebo``); its **outcome window** is its last ``outcome_days`` days. What a
patient expects builds up in every treatment period, drug or placebo alike, with the placebo response's time constant
:math:`\tau`, and fades after it:

.. math::

    e(d) = 1 - e^{-(d - d_0 + 1)/\tau}\ \text{inside a period starting on } d_0,\qquad
    e(d) = e(d_1 - 1)\, e^{-(d - d_1 + 1)/\tau}\ \text{after it ends on } d_1

A single-blind fixed order (``placebo_first``: the first pilot) is one period of expectation from the first placebo
day to the end: patients expect treatment throughout.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["Period", "periods", "outcome_window", "expectation_profile", "expectation_spans", "total_days",
           "drug_start_day", "ObservedPain"]


class Period(NamedTuple):
    """Days of one condition, counted from the first treatment day; ``end_day`` is the first day after it."""

    condition: str    #: ``drug`` or ``placebo``
    start_day: int
    end_day: int


def _lengths(design) -> tuple[int, int, int]:
    """Days of drug, of placebo and of washout in ``design`` (a :class:`~ldnmodels.analyses.trials.TrialDesign`)."""
    drug = 7 * design.weeks
    placebo = 7 * (design.placebo_weeks or design.weeks) if design.design != "parallel" else drug
    washout = 7 * design.washout_weeks + design.washout_days
    return drug, placebo, washout


def periods(design, drug_first: bool = True) -> tuple[Period, ...]:
    """The treatment periods of one patient, in order.

    Parameters
    ----------
    design : TrialDesign
        ``parallel``: one period, ``drug`` if ``drug_first`` (the drug arm) else ``placebo``; ``placebo_first``:
        placebo then drug, no break; ``crossover``: the order ``drug_first`` says, ``washout`` days between
        (the placebo period lasts ``placebo_weeks`` when given, else ``weeks``).
    drug_first : bool, default True

    Returns
    -------
    tuple of Period
    """
    drug, placebo, washout = _lengths(design)
    if design.design == "parallel":
        return (Period("drug" if drug_first else "placebo", 0, drug),)
    if design.design == "placebo_first":
        return Period("placebo", 0, placebo), Period("drug", placebo, placebo + drug)
    first, second = (("drug", drug), ("placebo", placebo)) if drug_first else (("placebo", placebo), ("drug", drug))
    return Period(first[0], 0, first[1]), Period(second[0], first[1] + washout, first[1] + washout + second[1])


def total_days(design) -> int:
    """Days from the first treatment day to the last outcome day (the same for either crossover order)."""
    return periods(design)[-1].end_day


def drug_start_day(design, drug_first: bool = True) -> int:
    """First day of the drug period of a patient (:func:`periods`).

    Parameters
    ----------
    design : TrialDesign
    drug_first : bool, default True
        The patient's order in a crossover; in a parallel trial the drug arm (True), which is the only arm with a
        drug period.

    Returns
    -------
    int
        Days from the first treatment day.
    """
    return next(period.start_day for period in periods(design, drug_first) if period.condition == "drug")


def outcome_window(design, period: Period) -> tuple[int, int]:
    """The days (start, first day after) whose mean pain is the period's outcome: its last ``outcome_days``.

    Parameters
    ----------
    design : TrialDesign
        Gives ``outcome_days``.
    period : Period
        One of :func:`periods`.

    Returns
    -------
    tuple of (int, int)
        (start, end) days from the first treatment day; ``end`` is the first day after the window.
    """
    return period.end_day - design.outcome_days, period.end_day


def expectation_profile(spans, days: int, time_constant_days: float) -> np.ndarray:
    """How much of a patient's full placebo response is present on each day, 0–1.

    Parameters
    ----------
    spans : sequence of (int, int)
        The (start, end) days of each period of expectation.
    days : int
        Days of the timeline.
    time_constant_days : float
        Build-up time constant, days (> 0).

    Returns
    -------
    ndarray, shape (days,)
    """
    profile = np.zeros(days)
    day = np.arange(days)
    for start, end in spans:
        inside = (day >= start) & (day < end)
        profile[inside] = 1.0 - np.exp(-(day[inside] - start + 1) / time_constant_days)
        after = day >= end
        profile[after] = np.maximum(profile[after], (1.0 - np.exp(-(end - start) / time_constant_days))
                                    * np.exp(-(day[after] - end + 1) / time_constant_days))
    return profile


def expectation_spans(design, drug_first: bool = True) -> list[tuple[int, int]]:
    """The periods of expectation: each treatment period, or one from start to end for a single-blind fixed order.

    Parameters
    ----------
    design : TrialDesign
    drug_first : bool, default True
        The patient's order (:func:`periods`).

    Returns
    -------
    list of (int, int)
        (start, end) days of each period of expectation, from the first treatment day, for
        :func:`expectation_profile`.
    """
    spans = [(period.start_day, period.end_day) for period in periods(design, drug_first)]
    return [(spans[0][0], spans[-1][1])] if design.design == "placebo_first" else spans


class ObservedPain:
    """Observed daily pain of a trial's patients along its design's timeline, for the trial simulator.

    Parameters
    ----------
    design : TrialDesign
    baseline : ndarray, shape (n,)
        Untreated pain, points.
    placebo : ndarray, shape (n,)
        Each patient's full placebo response, points (negative = better).
    noise : ndarray, shape (n, baseline_days + days)
        Day-to-day noise, points.
    time_constant_days : float
        Build-up time constant of the placebo response, days.
    """

    def __init__(self, design, baseline, placebo, noise, time_constant_days: float) -> None:
        self.design, self.baseline, self.placebo, self.noise = design, baseline, placebo, noise
        self.tau, self.unblinded = time_constant_days, None

    def draw_unblinded(self, rng: np.random.Generator, on_drug: np.ndarray):
        """Which patients on the drug infer it (None without unblinding: no draw, the other draws unchanged).

        Parameters
        ----------
        rng : numpy.random.Generator
            Draws one uniform number per patient when the design has unblinding.
        on_drug : ndarray of bool, shape (n,)
            Patients who receive the drug at some point of the trial.

        Returns
        -------
        ndarray of bool, shape (n,), or None
            True for the patients on the drug who are unblinded (each with probability ``unblinded_fraction``);
            None when ``unblinded_fraction`` or ``expectation_nrs`` is 0.
        """
        if self.design.unblinded_fraction == 0.0 or self.design.expectation_nrs == 0.0:
            return None
        return on_drug & (rng.random(on_drug.size) < self.design.unblinded_fraction)

    def observed(self, mechanistic: np.ndarray, drug_first: bool) -> np.ndarray:
        """Daily observed pain: the baseline days, then mechanistic pain plus the placebo response (built up in each
        treatment period and fading afterwards), the unblinded patients' extra expectation, and daily noise.

        Parameters
        ----------
        mechanistic : ndarray, shape (n, days)
            Daily pain from the mechanistic model alone, points, from the first treatment day.
        drug_first : bool
            The order of the periods (:func:`periods`), which sets when the placebo response builds up.

        Returns
        -------
        ndarray, shape (n, baseline_days + days)
            Observed daily pain, points (0-10 scale, not clipped), the ``baseline_days`` untreated days first.
        """
        days = mechanistic.shape[1]
        profile = expectation_profile(expectation_spans(self.design, drug_first), days, self.tau)
        treated = mechanistic + self.placebo[:, None] * profile[None, :]
        if self.unblinded is not None:
            drug = next(p for p in periods(self.design, drug_first) if p.condition == "drug")
            extra = expectation_profile([(drug.start_day, drug.end_day)], days, self.tau)
            treated = treated - (self.design.expectation_nrs * self.unblinded)[:, None] * extra[None, :]
        before = np.repeat(self.baseline[:, None], self.design.baseline_days, axis=1)
        return np.concatenate([before, treated], axis=1) + self.noise

    def baseline_mean(self, observed: np.ndarray) -> np.ndarray:
        """Mean observed pain over the baseline days."""
        return observed[:, : self.design.baseline_days].mean(axis=1)

    def change(self, observed: np.ndarray, period) -> np.ndarray:
        """Mean observed pain over the period's outcome window minus the baseline mean.

        Parameters
        ----------
        observed : ndarray, shape (n, baseline_days + days)
            Observed daily pain, points (:meth:`observed`).
        period : Period
            The treatment period whose outcome window (:func:`outcome_window`) is averaged.

        Returns
        -------
        ndarray, shape (n,)
            Change from baseline of each patient, points (negative = less pain).
        """
        start, end = outcome_window(self.design, period)
        offset = self.design.baseline_days
        return observed[:, offset + start: offset + end].mean(axis=1) - self.baseline_mean(observed)
