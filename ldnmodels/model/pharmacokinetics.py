r"""Plasma naltrexone and 6β-naltrexol after oral doses of naltrexone hydrochloride.

Mechanism
---------
A dose (salt converted to base) is absorbed from the gut (fraction ``absorbed_fraction``,
first order, rate ``ka``). On its first pass through the liver most of it is reduced to
6β-naltrexol by dihydrodiol dehydrogenase; the fraction ``bioavailability / absorbed``
reaches the blood as naltrexone. Both compounds are cleared first-order (one compartment
each); naltrexone cleared systemically also becomes 6β-naltrexol.

.. math::

    \dot g = -k_a g,\qquad
    \dot n = f_h k_a g - k_{n} n,\qquad
    \dot m = \rho\,f_m\left[(1 - f_h) k_a g + k_{n} n\right] - k_{m} m

with :math:`f_h = F / f_a`, :math:`k = \ln 2 / t_{1/2}`, :math:`\rho` the molar-mass ratio,
concentrations :math:`n / V_n` and :math:`m / V_m`. The system is linear, so repeated doses
are solved exactly, for every patient at once, by :func:`solve_regimen` (the one solve of the model: the
receptor structures append their own states to this system and go through it too).

Evidence level
--------------
Label values after 50 mg (Cmax, tmax, half-lives) are reproduced by construction (see
``tests/validation``). **No plasma curve after 1–6 mg has been published**; the model
assumes linear kinetics below 50 mg (AUC is linear over 50–200 mg, Meyer 1984).

Not modelled
------------
The slow ~96 h terminal plasma phase of naltrexone (Lee 1988: no amplitudes in reach),
enterohepatic recycling, protein binding (21 %, small), food effects, inter-individual
variability. Liver disease is one number (``hepatic_exposure_factor``): the label reports
5–10× naltrexone exposure in cirrhosis, not how it arises. Kidney disease slows only the renal
share of 6β-naltrexol's clearance (``naltrexol_renal_fraction`` × ``kidney_function_fraction``):
no study of oral naltrexone in renal impairment is in reach, and naltrexone itself is cleared by
the liver (reduced by dihydrodiol dehydrogenases, AKR1C4 above all, not by CYP enzymes).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .. import data
from ..core.constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL, SALT_TO_BASE_FRACTION
from ..core.linear import solve_impulses
from ..core.patients import as_column, patient_count
from ..core.sources import check_fields, fitted, sourced
from ..core.validation import number, whole
from .regimen import Regimen

__all__ = ["PKParameters", "plasma_concentrations", "plasma_ng_ml", "solve_regimen", "system_matrix",
           "system_matrices"]


@dataclass(frozen=True, kw_only=True)
class PKParameters:
    """Oral pharmacokinetics of naltrexone and 6β-naltrexol (defaults: sourced; see provenance).

    Each field may be a float or an array of shape ``(n_patients,)``.
    """

    absorbed_fraction: float = sourced(
        0.96, "us_label", "fraction of the dose absorbed from the gut ('about 96 %')")
    bioavailability_fraction: float = fitted(
        "PKParameters", "bioavailability_fraction", "fraction reaching blood as naltrexone; set by Cmax 13.3 ng/mL "
        f"with clearance {data.label_pk_50mg()['naltrexone_clearance']:g} L/h; inside the US label's 5–40 % "
        "(Meyer 1984 estimated about 5 %)")
    ka_per_h: float = fitted(
        "PKParameters", "ka_per_h", "absorption rate set so that the later tmax (6β-naltrexol) is 1.0 h "
        "('within 1 h'); Licko 1981's 0.72 /h would put tmax near 2.6 h")
    naltrexone_cl_l_per_h: float = sourced(
        data.label_pk_50mg()["naltrexone_clearance"], "meyer_1984",
        "apparent systemic clearance of naltrexone (Licko 1981: ~211 L/h)")
    naltrexone_half_life_h: float = sourced(
        data.label_pk_50mg()["naltrexone_half_life"], "us_label", "elimination half-life")
    naltrexol_half_life_h: float = sourced(
        data.label_pk_50mg()["naltrexol_half_life"], "us_label", "elimination half-life")
    naltrexol_v_l: float = fitted(
        "PKParameters", "naltrexol_v_l", "apparent volume set by 6β-naltrexol Cmax 108 ng/mL (Swiss PI)")
    naltrexol_formation_fraction: float = sourced(
        1.0, "illustrative", "share of metabolised naltrexone that becomes 6β-naltrexol "
        "(label: >98 % metabolised, 'mainly' to it); only naltrexol_v_l divided by it is identifiable")
    hepatic_exposure_factor: float = sourced(
        1.0, "swiss_pi", "liver function: naltrexone exposure (AUC) relative to normal; 5-10 in cirrhosis. "
        "Raises bioavailability first, then lowers clearance")
    naltrexol_renal_fraction: float = sourced(
        0.35, "dunbar_2007", "share of 6β-naltrexol clearance that follows kidney function: 0.229 L/h per mL/min "
        "of creatinine clearance, at 100 mL/min, of 65.1 L/h (population PK of injected naltrexone)")
    kidney_function_fraction: float = sourced(
        1.0, "structure", "creatinine clearance relative to normal (100 mL/min): 0.3 is about 30 mL/min. No study "
        "of oral naltrexone in renal impairment is in reach")

    def __post_init__(self) -> None:
        check_fields(self, {
            "absorbed_fraction": (0.0, 1.0),
            "bioavailability_fraction": (0.0, 1.0),
            # Lower bounds far outside any person, but far enough from 0 that no output can overflow.
            "ka_per_h": (0.01, 100.0, "closed"),
            "naltrexone_cl_l_per_h": (1.0, 10_000.0, "closed"),
            "naltrexone_half_life_h": (0.1, 1000.0, "closed"),
            "naltrexol_half_life_h": (0.1, 1000.0, "closed"),
            "naltrexol_v_l": (1.0, 100_000.0, "closed"),
            "naltrexol_formation_fraction": (0.0, 1.0),
            "hepatic_exposure_factor": (1.0, 20.0, "closed"),
            "naltrexol_renal_fraction": (0.0, 1.0),
            "kidney_function_fraction": (0.05, 1.5, "closed"),
        })
        if np.any(np.asarray(self.bioavailability_fraction) > np.asarray(self.absorbed_fraction)):
            raise ValueError("bioavailability_fraction must be <= absorbed_fraction "
                             f"({self.absorbed_fraction}), got {self.bioavailability_fraction}")

    @property
    def naltrexone_v_l(self):
        """Apparent volume of distribution of naltrexone, L: CL · t½ / ln 2."""
        return np.asarray(self.naltrexone_cl_l_per_h) * np.asarray(self.naltrexone_half_life_h) / math.log(2)


def system_matrices(params: PKParameters, n_patients: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The linear system of each patient: matrices (1/h) and state jumps per mg HCl.

    States are amounts, mg: [gut (naltrexone base), plasma naltrexone, plasma 6β-naltrexol].

    Parameters
    ----------
    params : PKParameters
        Scalars, or arrays of shape ``(n_patients,)``.
    n_patients : int, default 1
        Number of systems to build; array fields must have this length, scalars are repeated.

    Returns
    -------
    a : ndarray, shape (n_patients, 3, 3)
        System matrix, 1/h (``dx/dt = a x``).
    jump : ndarray, shape (n_patients, 3)
        State jump per mg of naltrexone HCl taken: the absorbed base into the gut, mg.
    """
    def field(name):
        return np.broadcast_to(np.asarray(getattr(params, name), dtype=float), (n_patients,))

    ka, absorbed = field("ka_per_h"), field("absorbed_fraction")
    # Liver impairment: first-pass extraction falls first (bioavailability rises up to the absorbed
    # fraction); any exposure beyond that comes from slower systemic clearance.
    wanted = field("bioavailability_fraction") * field("hepatic_exposure_factor")
    bioavailability = np.minimum(wanted, absorbed)
    k_n = math.log(2) / field("naltrexone_half_life_h") / (wanted / bioavailability)
    # kidney function scales the renal share of 6β-naltrexol's clearance (its half-life is the normal kidney's)
    renal = field("naltrexol_renal_fraction")
    k_m = math.log(2) / field("naltrexol_half_life_h") * (1.0 - renal + renal * field("kidney_function_fraction"))
    hepatic = bioavailability / absorbed
    to_naltrexol = field("naltrexol_formation_fraction") * NALTREXOL_G_PER_MOL / NALTREXONE_BASE_G_PER_MOL
    a = np.zeros((n_patients, 3, 3))
    a[:, 0, 0] = -ka
    a[:, 1, 0], a[:, 1, 1] = hepatic * ka, -k_n
    a[:, 2, 0], a[:, 2, 1], a[:, 2, 2] = to_naltrexol * (1.0 - hepatic) * ka, to_naltrexol * k_n, -k_m
    jump = np.zeros((n_patients, 3))
    jump[:, 0] = SALT_TO_BASE_FRACTION * absorbed
    return a, jump


def system_matrix(params: PKParameters) -> tuple[np.ndarray, np.ndarray]:
    """The linear system of one patient (scalar parameters): matrix (3, 3), 1/h, and jump (3,) per mg HCl."""
    a, jump = system_matrices(params, 1)
    return a[0], jump[0]


def plasma_concentrations(regimen: Regimen, n_points: int, step_h: float,
                          params: PKParameters) -> tuple[np.ndarray, np.ndarray]:
    """Plasma naltrexone and 6β-naltrexol on the grid ``t_h = k * step_h``.

    Parameters
    ----------
    regimen : Regimen
        Doses of naltrexone HCl.
    n_points : int
        Number of grid points.
    step_h : float
        Grid spacing, h.
    params : PKParameters
        Scalars, or arrays of shape ``(n_patients,)``.

    Returns
    -------
    naltrexone_ng_ml, naltrexol_ng_ml : ndarray, shape (N,) or (n_patients, N)
        Plasma concentrations (naltrexone as free base), ng/mL.

    Examples
    --------
    >>> c, m = plasma_concentrations(Regimen.single(50.0), 2001, 0.001, PKParameters())
    >>> round(float(c.max()), 1), round(float(m.max()))
    (13.3, 108)
    """
    if not isinstance(regimen, Regimen):
        raise TypeError(f"regimen must be a Regimen, got {type(regimen).__name__}")
    n_points = whole(n_points, "n_points", 1, 2_000_000)
    step_h = number(step_h, "step_h", 0.0, 1e5, closed_low=False, unit="h")
    n_patients = patient_count(params)
    a, jump = system_matrices(params, n_patients or 1)
    naltrexone, naltrexol = plasma_ng_ml(solve_regimen(regimen, n_points, step_h, a, jump), params)
    if n_patients is None:
        return naltrexone[0], naltrexol[0]
    return naltrexone, naltrexol


def solve_regimen(regimen: Regimen, n_points: int, step_h: float, a_per_h: np.ndarray,
                  jump_per_mg: np.ndarray) -> np.ndarray:
    """The one exact solve from doses to states: every patient's linear system at once.

    :func:`plasma_concentrations` solves :func:`system_matrices` with it, and
    :func:`ldnmodels.model.receptor.solve_upstream` the same system with a receptor structure's states
    appended (the first three states are always those of :func:`system_matrices`).

    Parameters
    ----------
    regimen : Regimen
        Doses of naltrexone HCl (the same for every patient).
    n_points : int
        Grid size; grid times are ``k * step_h`` for ``k = 0 .. n_points - 1``.
    step_h : float
        Grid spacing, h, > 0.
    a_per_h : ndarray, shape (n_patients, S, S)
        System matrix of each patient, 1/h.
    jump_per_mg : ndarray, shape (n_patients, S)
        State jump per mg of naltrexone HCl (amounts in mg, or nM for receptor states).

    Returns
    -------
    ndarray, shape (n_patients, S, n_points)
        States on the grid (exact: :func:`ldnmodels.core.linear.solve_impulses`). When every patient has the same
        system (e.g. an ensemble over parameters of the binding step only) it is solved once and the result is a
        read-only broadcast view.
    """
    if a_per_h.shape[0] > 1 and np.all(a_per_h == a_per_h[:1]) and np.all(jump_per_mg == jump_per_mg[:1]):
        once = solve_impulses(a_per_h[:1], jump_per_mg[:1], n_points, step_h, regimen.times_h, regimen.doses_mg)
        return np.broadcast_to(once, (a_per_h.shape[0],) + once.shape[1:])
    return solve_impulses(a_per_h, jump_per_mg, n_points, step_h, regimen.times_h, regimen.doses_mg)


def plasma_ng_ml(states: np.ndarray, params: PKParameters) -> tuple[np.ndarray, np.ndarray]:
    """Plasma naltrexone and 6β-naltrexol from solved states of the PK system (or any system extending it).

    Parameters
    ----------
    states : ndarray, shape (n_patients, S, N)
        From :func:`solve_regimen`; states 1 and 2 are the plasma amounts, mg.
    params : PKParameters
        Scalars, or arrays of shape ``(n_patients,)`` (for the volumes of distribution).

    Returns
    -------
    naltrexone_ng_ml, naltrexol_ng_ml : ndarray, shape (n_patients, N)
        Plasma concentrations (naltrexone as free base), ng/mL: amount / volume.
    """
    def volume(value):
        return as_column(np.broadcast_to(np.asarray(value, dtype=float), states.shape[:1]))

    return (states[:, 1] / volume(params.naltrexone_v_l) * 1000.0,
            states[:, 2] / volume(params.naltrexol_v_l) * 1000.0)
