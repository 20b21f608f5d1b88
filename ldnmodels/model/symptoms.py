r"""A conceptual daily pain score built from the two proposed mechanisms (a teaching construct).

**This is not a validated outcome model.** It only shows how the time constants of the
mechanisms would translate into a time course of pain if the mechanisms worked as proposed.

.. math::

    a(t) = \frac{\overline{s}(t)}{\overline{r}(t)},\qquad
    x = x_0\, z^{w_z}\, e^{-w_s (a - 1)},\qquad
    \text{pain\_nrs} = \frac{10\,x}{1 + x},\qquad x_0 = \frac{p_0}{10 - p_0}

``s`` is endogenous opioid signalling and ``r`` the untreated endorphin rhythm, both averaged
over about a day (``signaling_averaging_h``), so ``a`` is the day's analgesic tone relative to
untreated; ``z`` is the central sensitisation gain. The score stays within 0–10, equals the
baseline ``p0`` without treatment, falls when signalling rises or sensitisation falls, and
rises in the opposite case. Setting a weight or exponent to 0 switches that mechanism off.
The exponential keeps the opioid route bounded: even with no endogenous signalling at all
the odds of pain rise at most by :math:`e^{w_s}`.

Evidence level: a teaching construct. The weight of opioid signalling is **calibrated** to the trials
(:mod:`ldnmodels.analyses.calibration`), with one constraint from a measurement: a single 50 mg dose, which
blocks nearly all mu receptors for a day, changed neither pain sensitivity nor mood in women with
fibromyalgia (Younger, Zautra & Cummins 2009), so endogenous opioid tone cannot weigh heavily on pain at
rest. Everything else is **illustrative**.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.linear import check_time_course, first_order_lag
from ..core.patients import as_column
from ..core.sources import calibrated, check_fields, sourced
from .endorphin import ReboundParameters, endorphin_rhythm

__all__ = ["SymptomParameters", "pain_from_mechanisms", "averaged_rhythm"]


@dataclass(frozen=True, kw_only=True)
class SymptomParameters:
    """How mechanisms map onto the conceptual 0–10 pain score (all illustrative)."""

    baseline_pain_nrs: float = sourced(6.5, "illustrative", "untreated pain on the 0-10 scale")
    opioid_weight: float = calibrated(
        "SymptomParameters", "opioid_weight", "how strongly endogenous opioid signalling lowers pain (0 = "
        "switched off); one 50 mg dose must move the score by < 0.5 points (Younger, Zautra & Cummins 2009)")
    sensitization_exponent: float = sourced(
        2.0, "illustrative", "how strongly central sensitisation raises pain (0 = switched off)")
    signaling_averaging_h: float = sourced(24.0, "illustrative", "pain reflects signalling over about a day")

    def __post_init__(self) -> None:
        check_fields(self, {
            "baseline_pain_nrs": (0.0, 10.0),
            "opioid_weight": (0.0, 10.0, "closed"),
            "sensitization_exponent": (0.0, 10.0, "closed"),
            "signaling_averaging_h": (0.0, 1e4),
        })
        if np.any(np.asarray(self.baseline_pain_nrs) >= 10.0):
            raise ValueError(f"baseline_pain_nrs must be > 0 and < 10, got {self.baseline_pain_nrs}")


def pain_from_mechanisms(t_h, opioid_signaling, sensitization, params: SymptomParameters | None = None,
                         rebound: ReboundParameters | None = None) -> np.ndarray:
    """Conceptual pain score (0–10) from opioid signalling and sensitisation on a uniform grid.

    Parameters
    ----------
    t_h : array_like, shape (N,)
    opioid_signaling : array_like, shape (N,) or (n_patients, N)
        Relative to untreated (daily mean 1.0), >= 0.
    sensitization : array_like, shape (N,) or (n_patients, N)
        Relative to untreated (1.0), > 0.
    params : SymptomParameters, optional
    rebound : ReboundParameters, optional
        For the untreated endorphin rhythm that signalling is compared with.

    Returns
    -------
    ndarray
        Pain score, 0–10, same shape as the inputs broadcast together.
    """
    params = SymptomParameters() if params is None else params
    rebound = ReboundParameters() if rebound is None else rebound
    t_h, signaling, step_h = check_time_course(t_h, opioid_signaling, "opioid_signaling", low=0.0, high=1e6)
    _, gain, _ = check_time_course(t_h, sensitization, "sensitization", low=1e-12, high=1e6)
    rate = 1.0 / np.asarray(params.signaling_averaging_h, dtype=float)
    rhythm = endorphin_rhythm(t_h, rebound)
    untreated = averaged_rhythm(t_h, rebound, params.signaling_averaging_h)
    # The system is untreated at t = 0 and has been for ever: the day's average of the rhythm is its periodic
    # steady state, and only the departure from the rhythm is lagged from zero. A dose given later therefore
    # shifts every curve unchanged (time invariance; a zero-started average would not).
    departure = signaling - np.broadcast_to(rhythm, np.broadcast_shapes(signaling.shape, rhythm.shape))
    tone = (first_order_lag(departure, rate, step_h) + untreated) / untreated
    baseline = as_column(params.baseline_pain_nrs)
    odds = baseline / (10.0 - baseline) * gain ** as_column(params.sensitization_exponent)
    odds = odds * np.exp(-as_column(params.opioid_weight) * (tone - 1.0))
    return 10.0 * odds / (1.0 + odds)


def averaged_rhythm(t_h: np.ndarray, rebound: ReboundParameters, averaging_h) -> np.ndarray:
    r"""The untreated endorphin rhythm averaged over about a day: what :func:`pain_from_mechanisms` compares with.

    The periodic steady state of the rhythm :math:`1 + A\cos(\omega(t - t_p))`
    (:func:`ldnmodels.model.endorphin.endorphin_rhythm`) through a first-order lag with time constant
    :math:`\tau` = ``averaging_h``:

    .. math::

        1 + \frac{A\cos(\omega(t - t_p) - \varphi)}{\sqrt{1 + (\omega\tau)^2}},\qquad
        \varphi = \arctan(\omega\tau),\qquad \omega = 2\pi/24\ \text{per hour}

    (the state of a system untreated for ever, so a lag started at t = 0 needs no warm-up).

    Parameters
    ----------
    t_h : array_like, shape (N,)
        Times, h since midnight before the first dosing day.
    rebound : ReboundParameters
        Rhythm amplitude (fraction) and peak clock time (h); scalars or arrays of shape ``(n_patients,)``.
    averaging_h : float or ndarray, shape (n_patients,)
        Averaging time constant, h, > 0 (``SymptomParameters.signaling_averaging_h``).

    Returns
    -------
    ndarray, shape (N,) or (n_patients, N)
        The averaged rhythm relative to its daily mean (dimensionless; mean 1).
    """
    omega = 2.0 * np.pi / 24.0
    omega_tau = omega * as_column(np.asarray(averaging_h, dtype=float))
    amplitude = as_column(rebound.rhythm_amplitude_fraction) / np.sqrt(1.0 + omega_tau ** 2)
    return 1.0 + amplitude * np.cos(omega * (np.asarray(t_h) - as_column(rebound.rhythm_peak_clock_h))
                                    - np.arctan(omega_tau))
