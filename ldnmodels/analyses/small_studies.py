"""A small-study effect made live: if only the small trials that came out significant are published, pooling them
overstates the effect — with the trial simulator and the calibrated population, nothing assumed about the drug
beyond the default model.
"""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import numpy as np

from ..core.validation import whole
from .evidence import simulated_counterparts
from .trial_power import significant_for_drug
from .trials import TrialPool, prepare_pool, run_trials

__all__ = ["SmallStudyEffect", "small_study_effect", "pooled_difference"]

#: z for a two-sided 95 % interval.
Z95 = 1.959963984540054


class SmallStudyEffect(NamedTuple):
    """Small trials of one design, all of them pooled and only the significant ones pooled (points, negative favours
    the drug)."""

    n_per_arm: int
    n_trials: int
    all_pooled: float             #: inverse-variance pooled difference of every simulated trial, points
    published_pooled: float       #: the same over the trials significant for the drug only, points (nan if none)
    published_share: float        #: share of trials significant for the drug (the power), 0–1
    differences: np.ndarray       #: each trial's difference, points
    published: np.ndarray         #: True where the trial was significant for the drug


def pooled_difference(differences, ci_low, ci_high) -> float:
    """Fixed-effect (inverse-variance) pooled difference, the standard errors read from 95 % intervals.

    Parameters
    ----------
    differences, ci_low, ci_high : array_like
        Each trial's difference and its 95 % interval, points.

    Returns
    -------
    float
        The pooled difference, points (nan for no trials).
    """
    differences = np.asarray(differences, dtype=float)
    if differences.size == 0:
        return float("nan")
    se = (np.asarray(ci_high, dtype=float) - np.asarray(ci_low, dtype=float)) / (2 * Z95)
    weights = 1.0 / se ** 2
    return float(np.sum(weights * differences) / np.sum(weights))


def small_study_effect(n_per_arm: int = 15, n_trials: int = 200, seed: int = 0,
                       pool: TrialPool | None = None) -> SmallStudyEffect:
    """Run ``n_trials`` small parallel trials like FINAL (6 mg titrated, 12 weeks) with ``n_per_arm`` women per arm in
    the calibrated population, and pool them all, then only those significant for the drug.

    Parameters
    ----------
    n_per_arm : int, default 15
        Patients per arm, 5 to 500.
    n_trials : int, default 200
        Simulated trials, 10 to 2000.
    seed : int, default 0
        Random seed of the trials (and of the pool when it is made here).
    pool : TrialPool, optional
        Virtual patients prepared for FINAL's design (:func:`ldnmodels.analyses.trials.prepare_pool`); default: 4000.

    Returns
    -------
    SmallStudyEffect
    """
    n_per_arm = whole(n_per_arm, "n_per_arm", 5, 500)
    n_trials = whole(n_trials, "n_trials", 10, 2000)
    design = replace(simulated_counterparts()["bruun_2024"], n_per_arm=n_per_arm)
    pool = prepare_pool(design, pool_size=4000, seed=seed) if pool is None else pool
    trials = run_trials(design, n_trials, seed=seed, pool=pool)
    estimates = [trial.estimate for trial in trials]
    differences = np.array([e.difference for e in estimates])
    low, high = np.array([e.ci_low for e in estimates]), np.array([e.ci_high for e in estimates])
    published = np.array([bool(significant_for_drug(e.p_value, e.difference)) for e in estimates])
    return SmallStudyEffect(n_per_arm, n_trials, pooled_difference(differences, low, high),
                            pooled_difference(differences[published], low[published], high[published]),
                            float(published.mean()), differences, published)
