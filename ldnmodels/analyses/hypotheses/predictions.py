r"""What a hypothesis with given parameters predicts for the cohort: per-patient pain, then trial statistics.

Per patient :math:`i` and outcome window, the mechanistic pain (:mod:`.cohort`) is

.. math::

    p_i = 10\,\sigma\!\big(\operatorname{logit}(b_i/10) + 2\log z_i - w\,(T_{0i} + g_i T_{1i} + g_i^2 T_{2i})\big),
    \qquad z_i = 1 - (1 - 1/\rho_i)\,L_i(IC_{50})

with :math:`w` the opioid weight (0 when the opioid route is off), :math:`g_i` the patient's rebound gains (the
hypothesis's median times a lognormal spread), :math:`\rho_i` the patient's microglial drive (responders — the top
``responder_fraction`` of the latent trait — around ``responder_drive_ratio``, the others around the illustrative
non-responder drive) and :math:`z_i = 1` when the microglial route is off.

A trial's observed change in a condition adds the placebo response (each patient's full response times the
expectation profile of :mod:`ldnmodels.analyses.trial_timeline`), the extra expectation of unblinded patients on
LDN, and day-to-day noise averaged over the outcome and baseline windows. :func:`arm_moments` returns, per patient,
the expected change and the variance of what is random within a patient, and the covariance between two conditions
of the same patient, from which the trial statistics' expected values and sampling (co)variances follow.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy.special import expit, logit

from .catalogue import UNBLINDED_EXCESS_FRACTION, Hypothesis
from .cohort import IC50_GRID_LOG10_UM, Cohort

__all__ = ["PatientEffects", "patient_effects", "mechanistic_change", "ArmMoments", "arm_moments", "shared_covariance",
           "THETA_DEFAULTS"]

#: Values of parameters a hypothesis leaves out (its route is off).
THETA_DEFAULTS = {"opioid_weight": 0.0, "rebound_gain": 1.0, "expectation_nrs": 0.0}


class PatientEffects(NamedTuple):
    """What a parameter set means for each patient of a cohort (computed once per parameter set)."""

    opioid_weight: float
    gains: np.ndarray                 #: (n,) rebound gains
    reducible: np.ndarray | None      #: (n,) 1 - 1/drive, or None when the microglial route is off
    grid_index: int                   #: IC50 grid interval
    grid_fraction: float              #: position inside it (0-1)
    log_odds_baseline: np.ndarray     #: (n,) logit(b/10)


def _lognormal(median, cv: float, z: np.ndarray) -> np.ndarray:
    return median * np.exp(math.sqrt(math.log(1.0 + cv ** 2)) * z)


def patient_effects(theta: dict, hypothesis: Hypothesis, cohort: Cohort) -> PatientEffects:
    """Per-patient gains and microglial drive for parameters ``theta`` of ``hypothesis``.

    Parameters
    ----------
    theta : dict
        A value for each of ``hypothesis.parameters`` (units in the names).
    hypothesis : Hypothesis
    cohort : Cohort

    Returns
    -------
    PatientEffects
    """
    params = cohort.population
    weight = float(theta["opioid_weight"]) if hypothesis.opioid_route else 0.0
    gain = float(theta.get("rebound_gain", THETA_DEFAULTS["rebound_gain"]))
    gains = _lognormal(gain, params.gain_cv_fraction, cohort.gain_z)
    reducible, index, fraction = None, 0, 0.0
    if hypothesis.microglial_route:
        fraction_responders = float(theta["responder_fraction"])
        cut = np.quantile(cohort.trait, 1.0 - fraction_responders) if fraction_responders < 1.0 else -np.inf
        median = np.where(cohort.trait >= cut, float(theta["responder_drive_ratio"]), params.nonresponder_drive_ratio)
        drive = np.maximum(1.0, _lognormal(median, params.drive_ratio_cv_fraction, cohort.drive_z))
        reducible = 1.0 - 1.0 / drive
        log10_ic50 = float(theta.get("log10_tlr4_ic50_um", theta.get("measured_log10_tlr4_ic50_um")))
        position = np.interp(log10_ic50, IC50_GRID_LOG10_UM, np.arange(IC50_GRID_LOG10_UM.size))
        index = int(min(math.floor(position), IC50_GRID_LOG10_UM.size - 2))
        fraction = float(position - index)
    return PatientEffects(weight, gains, reducible, index, fraction, logit(cohort.baseline_pain_nrs / 10.0))


def mechanistic_change(effects: PatientEffects, cohort: Cohort, course: str, window: int = 0) -> np.ndarray:
    """Mechanistic pain in a window minus untreated pain, points, per patient (negative = better).

    Parameters
    ----------
    effects : PatientEffects
        What the parameters mean for each patient of ``cohort`` (:func:`patient_effects`).
    cohort : Cohort
        The virtual patients, prepared with ``course``.
    course : str
        Key of the drug course (:attr:`~.cohort.Course.key`).
    window : int, default 0
        Index of the outcome window in that course.

    Returns
    -------
    ndarray, shape (n,)
        Change in pain from the mechanisms alone (no placebo, no noise), points, one per patient.
    """
    bases = cohort.window(course, window)
    log_odds = effects.log_odds_baseline.copy()
    if effects.opioid_weight:
        tone = bases.tone[0] + effects.gains * bases.tone[1] + effects.gains ** 2 * bases.tone[2]
        log_odds -= effects.opioid_weight * tone
    if effects.reducible is not None:
        low, high = bases.inhibition[effects.grid_index], bases.inhibition[effects.grid_index + 1]
        # log-linear between grid points (L ~ 1/IC50 where IC50 is far above the concentration)
        lagged = np.exp((1.0 - effects.grid_fraction) * np.log(np.maximum(low, 1e-300))
                        + effects.grid_fraction * np.log(np.maximum(high, 1e-300)))
        log_odds += 2.0 * np.log1p(-effects.reducible * lagged)
    return 10.0 * expit(log_odds) - cohort.baseline_pain_nrs


class ArmMoments(NamedTuple):
    """One condition of a trial, per patient."""

    mean: np.ndarray        #: (n,) expected change from baseline, points
    variance: np.ndarray    #: (n,) variance of what is random within the patient (placebo, unblinding, noise)


def arm_moments(mechanistic: np.ndarray, theta: dict, cohort: Cohort, expectation: float, on_drug: bool,
                outcome_days: int, baseline_days: int, drug_expectation: float = 0.0) -> ArmMoments:
    """Expected change and within-patient variance of one condition.

    Parameters
    ----------
    mechanistic : ndarray, shape (n,)
        :func:`mechanistic_change` in the outcome window, points.
    theta : dict
        Needs ``placebo_mean_nrs``, ``placebo_time_constant_days`` and (when unblinding is modelled)
        ``expectation_nrs``.
    cohort : Cohort
    expectation : float
        Mean of the expectation profile over the outcome window, 0-1.
    on_drug : bool
        True in a drug condition: unblinded patients add their extra expectation.
    outcome_days, baseline_days : int
        Days averaged at the outcome and at baseline (the noise they leave).
    drug_expectation : float
        Mean over the window of the expectation built up in drug periods only (the unblinded patients'), 0-1.

    Returns
    -------
    ArmMoments
    """
    params = cohort.population
    extra = float(theta.get("expectation_nrs", 0.0))
    share = UNBLINDED_EXCESS_FRACTION if on_drug else 0.0
    mean = mechanistic + float(theta["placebo_mean_nrs"]) * expectation - extra * share * drug_expectation
    variance = (params.placebo_sd_nrs ** 2 * expectation ** 2 + extra ** 2 * share * (1.0 - share)
                * drug_expectation ** 2 + params.daily_noise_sd_nrs ** 2 * (1.0 / outcome_days + 1.0 / baseline_days))
    return ArmMoments(mean, np.broadcast_to(variance, mean.shape))


def shared_covariance(cohort: Cohort, expectation_a: float, expectation_b: float, baseline_days: int) -> float:
    """Within-patient covariance of the changes in two conditions (the same placebo response, the same baseline).

    Parameters
    ----------
    cohort : Cohort
        Its population's placebo spread and daily noise (points) are used.
    expectation_a, expectation_b : float
        Mean of the expectation profile over each condition's outcome window, 0-1.
    baseline_days : int
        Days averaged at baseline (their noise is shared by both changes).

    Returns
    -------
    float
        Covariance, points².
    """
    params = cohort.population
    return params.placebo_sd_nrs ** 2 * expectation_a * expectation_b + params.daily_noise_sd_nrs ** 2 / baseline_days
