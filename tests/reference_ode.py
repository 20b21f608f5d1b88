"""The numerical reference for the exact solutions: the pharmacokinetic ODE, written out and integrated.

ldnmodels solves its linear system exactly (matrix exponentials between doses, :mod:`ldnmodels.core.linear`) from
matrices that :func:`ldnmodels.model.pharmacokinetics.system_matrices` builds. The tests check those solutions
against this module, which does not use the package's matrices, constants or derived properties: it writes the
right-hand side out from the equations of the model (the docstring of :mod:`ldnmodels.model.pharmacokinetics`) and
integrates it with :func:`scipy.integrate.solve_ivp`.

What it integrates
------------------
States are amounts, mg: ``g`` naltrexone base in the gut, ``n`` naltrexone in plasma, ``m`` 6β-naltrexol in plasma::

    dg/dt = -ka g
    dn/dt =  f_h ka g - k_n n
    dm/dt =  rho f_m [(1 - f_h) ka g + k_n n] - k_m m

with ``f_h = F / f_a`` (bioavailability over absorbed fraction: what escapes the first pass through the liver),
``k = ln 2 / t½`` for each compound, ``f_m`` the 6β-naltrexol formation fraction and ``rho`` = 343.4 / 341.4, the
ratio of the molar masses of 6β-naltrexol and naltrexone base. A dose of ``D`` mg naltrexone hydrochloride puts
``D · f_a · 341.4 / 377.9`` mg of base into the gut at its time. Plasma concentrations are ``n / V_n`` and
``m / V_m`` (mg/L = 1000 ng/mL), with ``V_n = CL_n · t½_n / ln 2``; nM = ng/mL · 1000 / (g/mol).

Optional additions, each a few more states appended after ``(g, n, m)``:

* ``effect``: receptor states driven by the plasma concentrations in nM (a biophase, a binding fraction, ...):
  ``effect(concentrations_nm, states) -> derivatives``, with ``concentrations_nm = (naltrexone, 6β-naltrexol)``.
* ``tissue = (uptake_per_h, return_per_h)``: a deep tissue amount for each compound, exchanging with plasma
  (``dn/dt -= uptake n - return t_n``, ``dt_n/dt = uptake n - return t_n``; the same for 6β-naltrexol).

Scalar parameters with normal liver function only (``hepatic_exposure_factor`` 1): patient arrays and liver
impairment are checked against scalar runs and against exposure (AUC) in the tests, not here.

Tolerances
----------
:data:`METHOD` LSODA (stiff or not, it switches), relative tolerance :data:`RTOL` = 1e-10 and absolute tolerance
:data:`ATOL` = 1e-12 (in the state's units: mg for amounts, nM or fractions for receptor states). The reference is
then good to about 1e-8 relative, far below the 1e-6 that the tests ask of the exact solutions; a test may pass
tighter values. Doses split the integration: each interval between doses is integrated on its own, and the gut
jumps at the dose time (no integrator ever steps across a dose).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
from scipy.integrate import solve_ivp

__all__ = ["NALTREXONE_BASE_G_PER_MOL", "NALTREXOL_G_PER_MOL", "NALTREXONE_HCL_G_PER_MOL", "METHOD", "RTOL", "ATOL",
           "integrate", "Reference", "solve_pk"]

#: Molar masses, g/mol (naltrexone C20H23NO4, 6β-naltrexol C20H25NO4, naltrexone hydrochloride C20H24ClNO4).
NALTREXONE_BASE_G_PER_MOL = 341.4
NALTREXOL_G_PER_MOL = 343.4
NALTREXONE_HCL_G_PER_MOL = 377.9

METHOD = "LSODA"
RTOL = 1e-10
ATOL = 1e-12


def integrate(rhs: Callable, y0, t_h, *, method: str = METHOD, rtol: float = RTOL, atol: float = ATOL) -> np.ndarray:
    """``solve_ivp`` from ``t_h[0]`` to ``t_h[-1]`` with this module's tolerances; the states at ``t_h``.

    Returns
    -------
    ndarray, shape (n_states, len(t_h))
    """
    t_h = np.asarray(t_h, dtype=float)
    solution = solve_ivp(rhs, (float(t_h[0]), float(t_h[-1])), np.asarray(y0, dtype=float), t_eval=t_h,
                         method=method, rtol=rtol, atol=atol)
    assert solution.success, solution.message
    return solution.y


class Reference(NamedTuple):
    """The reference solution on the requested times."""

    t_h: np.ndarray
    gut_mg: np.ndarray
    naltrexone_mg: np.ndarray
    naltrexol_mg: np.ndarray
    naltrexone_ng_ml: np.ndarray
    naltrexol_ng_ml: np.ndarray
    naltrexone_nm: np.ndarray
    naltrexol_nm: np.ndarray
    effect: np.ndarray        #: the ``effect`` states, shape (n_effect, len(t_h)) (0 rows without one)
    tissue_mg: np.ndarray     #: the tissue amounts (naltrexone, 6β-naltrexol), shape (2, len(t_h)) or (0, len(t_h))


def _scalar(params, name: str) -> float:
    value = np.asarray(getattr(params, name), dtype=float)
    if value.ndim:
        raise ValueError(f"the reference ODE takes scalar parameters; {name} is an array")
    return float(value)


def solve_pk(pk, doses: float | Sequence[tuple[float, float]], t_h, *, effect: Callable | None = None,
             effect_y0: Sequence[float] = (), tissue: tuple[float, float] | None = None, method: str = METHOD,
             rtol: float = RTOL, atol: float = ATOL) -> Reference:
    """Integrate the PK system (plus optional receptor and tissue states) for oral doses of naltrexone HCl.

    Parameters
    ----------
    pk : PKParameters
        Scalar fields; ``hepatic_exposure_factor`` must be 1.
    doses : float or sequence of (time_h, dose_mg)
        One dose (mg naltrexone HCl) at ``t = 0``, or doses at the given times (increasing, within ``t_h``).
    t_h : array_like
        Increasing output times, h, starting at 0.
    effect, effect_y0
        Receptor states: ``effect(concentrations_nm, states) -> derivatives`` and their initial values.
    tissue : (uptake_per_h, return_per_h), optional
        Deep tissue compartments exchanging with plasma.
    """
    if _scalar(pk, "hepatic_exposure_factor") != 1.0:
        raise ValueError("the reference ODE models normal liver function only (hepatic_exposure_factor 1)")
    ka = _scalar(pk, "ka_per_h")
    k_n = math.log(2) / _scalar(pk, "naltrexone_half_life_h")
    k_m = math.log(2) / _scalar(pk, "naltrexol_half_life_h")
    absorbed = _scalar(pk, "absorbed_fraction")
    f_h = _scalar(pk, "bioavailability_fraction") / absorbed
    f_m = _scalar(pk, "naltrexol_formation_fraction")
    rho = NALTREXOL_G_PER_MOL / NALTREXONE_BASE_G_PER_MOL
    v_n = _scalar(pk, "naltrexone_cl_l_per_h") * _scalar(pk, "naltrexone_half_life_h") / math.log(2)
    v_m = _scalar(pk, "naltrexol_v_l")
    n_effect = len(effect_y0)
    uptake, back = tissue if tissue is not None else (0.0, 0.0)
    n_tissue = 2 if tissue is not None else 0

    def nm(n, m):
        return (n / v_n * 1e6 / NALTREXONE_BASE_G_PER_MOL, m / v_m * 1e6 / NALTREXOL_G_PER_MOL)

    def rhs(_, y):
        g, n, m = y[:3]
        dn = f_h * ka * g - k_n * n
        dm = rho * f_m * ((1.0 - f_h) * ka * g + k_n * n) - k_m * m
        derivatives = [-ka * g, dn, dm]
        if effect is not None:
            derivatives += list(effect(nm(n, m), y[3:3 + n_effect]))
        if tissue is not None:
            t_n, t_m = y[3 + n_effect:]
            derivatives[1] -= uptake * n - back * t_n
            derivatives[2] -= uptake * m - back * t_m
            derivatives += [uptake * n - back * t_n, uptake * m - back * t_m]
        return derivatives

    t_h = np.asarray(t_h, dtype=float)
    if t_h[0] != 0.0 or np.any(np.diff(t_h) <= 0):
        raise ValueError("t_h must start at 0 and increase")
    schedule = [(0.0, float(doses))] if np.ndim(doses) == 0 else [(float(t), float(d)) for t, d in doses]
    if schedule[0][0] > 0.0:      # nothing in the gut before the first dose; the receptor states start at effect_y0
        schedule.insert(0, (0.0, 0.0))
    states = np.zeros((3 + n_effect + n_tissue, t_h.size))
    y = np.concatenate([np.zeros(3), np.asarray(effect_y0, dtype=float), np.zeros(n_tissue)])
    bounds = [t for t, _ in schedule] + [float(t_h[-1])]
    for (start, dose), end in zip(schedule, bounds[1:], strict=True):
        y = y.copy()
        y[0] += dose * absorbed * NALTREXONE_BASE_G_PER_MOL / NALTREXONE_HCL_G_PER_MOL
        inside = (t_h >= start) & (t_h <= end) if end == t_h[-1] else (t_h >= start) & (t_h < end)
        if end <= start:        # a dose at the last output time
            states[:, inside] = y[:, None]
            continue
        times = np.concatenate([[start], t_h[inside], [end]])
        solution = solve_ivp(rhs, (start, end), y, t_eval=np.unique(times), method=method, rtol=rtol, atol=atol)
        assert solution.success, solution.message
        states[:, inside] = solution.y[:, np.searchsorted(solution.t, t_h[inside])]
        y = solution.y[:, -1]
    g, n, m = states[:3]
    n_nm, m_nm = nm(n, m)
    return Reference(t_h=t_h, gut_mg=g, naltrexone_mg=n, naltrexol_mg=m, naltrexone_ng_ml=n / v_n * 1000.0,
                     naltrexol_ng_ml=m / v_m * 1000.0, naltrexone_nm=n_nm, naltrexol_nm=m_nm,
                     effect=states[3:3 + n_effect], tissue_mg=states[3 + n_effect:])
