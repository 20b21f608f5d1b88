r"""Microglia, TLR4 and central sensitisation (a hypothesis, with its potency gap).

Mechanism
---------
In fibromyalgia, microglia are proposed to run "hot": a raised inflammatory drive keeps
them activated and releasing pro-inflammatory cytokines, and over weeks this amplifies pain
signalling in the spinal cord and brain (central sensitisation). Naltrexone is proposed to
calm microglia by blocking Toll-like receptor 4 (TLR4), independently of opioid receptors.

.. math::

    i(t) &= \frac{c^h}{c^h + IC_{50}^h}\qquad(c:\ \text{plasma naltrexone, µM}) \\
    \dot m &= \big(1 - (1 - m_{healthy})\,i - m\big) / \tau_m,\qquad m_{healthy} = 1/\rho \\
    \dot z &= \big(1 + s\,(m - 1) - z\big) / \tau_z

``m`` (microglial activation, with proportional cytokine output) and ``z`` (the
pain-amplification gain) are relative to untreated fibromyalgia (1.0). Blocking all TLR4
signalling would bring activation down to the healthy level ``1/ρ``.

Evidence level
--------------
The potency *measured* for TLR4 comes from cell and animal studies, mostly of **(+)-naltrexone**,
the enantiomer that does not bind opioid receptors; LDN is (−)-naltrexone, but the antagonism was
non-stereoselective ((−)-naloxone was active too; Hutchinson et al. 2008), so the enantiomer alone
decides nothing. Effective concentrations are micromolar (about 1–100 µM; an IC50 near 100 µM,
:data:`MEASURED_TLR4_IC50_UM`, is reported second-hand), and in human blood cells (−)-naltrexone did
not change TLR4-driven IL-6 up to 200 µM (it did lower TLR7/8/9-driven IL-6 and TNF at 200 µM;
Cant et al. 2017). LDN 4.5 mg gives about 3.5 nM
at its peak: **about 300 to 30 000 times lower**. At that potency this route does nothing.

The **default** potency is not that one: it is *calibrated* to the trials
(:mod:`ldnmodels.analyses.calibration`) — the potency this route would need for the model to reproduce the
published effects (:mod:`ldnmodels.analyses.hypotheses` weighs it against no drug effect and the
rebound). It lies in the nanomolar range, where no
TLR4 effect of naltrexone has been measured; the only microglial action of an opioid antagonist
reported at such (or lower) concentrations is naloxone's, through NADPH oxidase rather than TLR4,
in rodent cultures (Qin 2005). Treat it as "what the trials require of this mechanism", not as
evidence that the mechanism exists. Everything else here (drive ratio, time constants, coupling)
is illustrative. Eight women in a single-blind study had lower plasma cytokines after 8 weeks of
LDN (Parkitny & Younger 2017).

Not modelled
------------
6β-naltrexol at TLR4 (no data), brain versus plasma concentration, other cytokine pathways,
and any opioid-receptor route to microglia.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..core.constants import NALTREXONE_BASE_G_PER_MOL, ng_ml_to_nm
from ..core.linear import check_time_course, first_order_lag
from ..core.patients import as_column
from ..core.sources import calibrated, check_fields, sourced

__all__ = ["InflammationParameters", "Inflammation", "inflammation_from_plasma", "tlr4_inhibition",
           "MEASURED_TLR4_IC50_UM"]

#: TLR4 IC50 of (+)-naltrexone (NO inhibition), µM: second-hand and unverified (``SOURCES["tlr4_ic50_unverified"]``);
#: the primary papers in reach report effects at about 1-100 µM.
MEASURED_TLR4_IC50_UM = 100.0


@dataclass(frozen=True, kw_only=True)
class InflammationParameters:
    """Microglial potency (calibrated to the trials; the measured one is far weaker) and microglia/sensitisation
    dynamics (illustrative)."""

    tlr4_ic50_um: float = calibrated(
        "InflammationParameters", "tlr4_ic50_um", "what the trials require of this route, thousands of times below the "
        "measured TLR4 potency of (+)-naltrexone, about 1-100 µM (MEASURED_TLR4_IC50_UM = 100 µM, second-hand and "
        "unverified)")
    tlr4_hill: float = sourced(1.0, "illustrative", "steepness of the TLR4 concentration-response")
    fibromyalgia_drive_ratio: float = sourced(
        2.0, "illustrative", "untreated fibromyalgia microglial activation relative to healthy")
    microglia_time_constant_h: float = sourced(48.0, "illustrative", "how fast activation follows its drive")
    sensitization_coupling_fraction: float = sourced(
        1.0, "illustrative", "share of a change in activation that becomes a change in pain amplification")
    sensitization_time_constant_h: float = sourced(
        504.0, "illustrative", "central sensitisation follows cytokines over weeks (3 weeks)")

    def __post_init__(self) -> None:
        check_fields(self, {
            # a femtomolar floor, a million times below the lowest potency any hypothesis tries: no overflow below it
            "tlr4_ic50_um": (1e-9, 1e6, "closed"),
            "tlr4_hill": (0.0, 10.0),
            "fibromyalgia_drive_ratio": (1.0, 100.0, "closed"),
            "microglia_time_constant_h": (0.01, 1e5, "closed"),
            "sensitization_coupling_fraction": (0.0, 1.0, "closed"),
            "sensitization_time_constant_h": (0.01, 1e5, "closed"),
        })


class Inflammation(NamedTuple):
    """Outputs of :func:`inflammation_from_plasma`."""

    tlr4_inhibition: np.ndarray
    microglial_activation: np.ndarray
    sensitization: np.ndarray


def tlr4_inhibition(naltrexone_ng_ml, params: InflammationParameters) -> np.ndarray:
    """Fraction (0–1) of TLR4 signalling blocked at a plasma naltrexone concentration (ng/mL).

    A Hill curve in µM: ``x / (1 + x)`` with ``x = (c / tlr4_ic50_um) ** tlr4_hill``.

    Parameters
    ----------
    naltrexone_ng_ml : array_like, shape (N,) or (n_patients, N)
        Plasma naltrexone (free base), ng/mL, >= 0 (not checked here).
    params : InflammationParameters
        ``tlr4_ic50_um`` (µM) and ``tlr4_hill`` (dimensionless); scalars or arrays of shape ``(n_patients,)``.

    Returns
    -------
    ndarray, shape (N,) or (n_patients, N)
        Fraction of TLR4 signalling blocked, 0–1.
    """
    concentration_um = ng_ml_to_nm(np.asarray(naltrexone_ng_ml, dtype=float), NALTREXONE_BASE_G_PER_MOL) / 1000.0
    # 1 / (1 + (IC50 / c)^h) rather than r / (1 + r): an overflowing ratio gives 1, not inf / inf
    with np.errstate(divide="ignore", over="ignore"):
        inverse = (as_column(params.tlr4_ic50_um) / concentration_um) ** as_column(params.tlr4_hill)
    return 1.0 / (1.0 + inverse)


def inflammation_from_plasma(t_h, naltrexone_ng_ml, params: InflammationParameters | None = None) -> Inflammation:
    """TLR4 inhibition, microglial activation and sensitisation for a plasma naltrexone time course.

    Parameters
    ----------
    t_h : array_like, shape (N,)
        Uniform time grid, hours. The system starts in its untreated steady state.
    naltrexone_ng_ml : array_like, shape (N,) or (n_patients, N)
        Plasma naltrexone (free base), ng/mL, >= 0; zero at the first time point.
    params : InflammationParameters, optional

    Returns
    -------
    Inflammation
        ``tlr4_inhibition`` (0–1), ``microglial_activation`` and ``sensitization``
        (relative to untreated fibromyalgia, 1.0).
    """
    params = InflammationParameters() if params is None else params
    _, plasma, step_h = check_time_course(t_h, naltrexone_ng_ml, "naltrexone_ng_ml", low=0.0, high=1e6)
    inhibition = tlr4_inhibition(plasma, params)
    reducible = 1.0 - 1.0 / as_column(params.fibromyalgia_drive_ratio)
    inhibition_m = first_order_lag(inhibition, 1.0 / np.asarray(params.microglia_time_constant_h, dtype=float),
                                   step_h)
    activation = 1.0 - reducible * inhibition_m
    inhibition_z = first_order_lag(inhibition_m, 1.0 / np.asarray(params.sensitization_time_constant_h, dtype=float),
                                   step_h)
    sensitization = 1.0 - as_column(params.sensitization_coupling_fraction) * reducible * inhibition_z
    return Inflammation(inhibition, activation, sensitization)
