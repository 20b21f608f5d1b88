r"""A virtual cohort prepared once, so that a sampler can ask thousands of hypotheses about it quickly.

What does not depend on the mechanism parameters is computed once per receptor structure and drug course: each
virtual patient's plasma naltrexone and mu-receptor blockade (exact, from
:func:`ldnmodels.model.receptor.solve_upstream`), and from them two sets of *bases* whose combination gives the
mechanisms for any parameters:

* the opioid route: signalling is :math:`r(t)(1-o)(1 + g\bar o)^2` with both rebound gains :math:`g`
  (:mod:`ldnmodels.model.endorphin`), a quadratic in :math:`g`; the day-averaged tone that pain reads is a linear
  filter of it, so :math:`\text{tone} - 1 = T_0 + g\,T_1 + g^2\,T_2` exactly, with the three bases from the model
  run at :math:`g = 0, 1, 2`;
* the microglial route: activation and sensitisation are two linear lags of the TLR4 inhibition
  :math:`i = c/(c + IC_{50})` (:mod:`ldnmodels.model.inflammation`), so sensitisation is
  :math:`z = 1 - (1 - 1/\rho)\,L(IC_{50})` with :math:`L` the twice-lagged inhibition, computed on a grid of
  :data:`IC50_GRID_LOG10_UM` and interpolated (log-linearly) between.

Only the means over each outcome window are kept. Pain is then
:math:`10\,\sigma(\operatorname{logit}(p_0/10) + 2\log z - w\,(\text{tone} - 1))` from the window means
(:mod:`ldnmodels.model.symptoms`): the one approximation, whose error against the full simulation is measured in
the tests (below 0.02 points for the trials' windows).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np
from scipy.special import logit

from ...model.endorphin import ReboundParameters, rebound_from_blockade
from ...model.inflammation import InflammationParameters, inflammation_from_plasma
from ...model.receptor import solve_upstream
from ...model.regimen import Regimen
from ...model.structures import structure_named
from ...model.symptoms import SymptomParameters, pain_from_mechanisms
from ..population import PopulationParameters, make_population

__all__ = ["IC50_GRID_LOG10_UM", "Course", "WindowBases", "Cohort", "prepare_cohort", "STEP_H"]

#: log10 of the microglial IC50s (µM) at which the twice-lagged inhibition is computed: 1 pM to 1 mM.
IC50_GRID_LOG10_UM = np.round(np.arange(-6.0, 3.0 + 1e-9, 0.25), 6)
#: Grid step of the precomputation, h (doses at 21:00 lie on it; the same step the population simulation uses).
STEP_H = 0.5
_CHUNK = 200
_GAINS = (0.0, 1.0, 2.0)
_REFERENCE_DRIVE = 2.0     # any drive > 1 gives L = (1 - z) / (1 - 1/drive)


@dataclass(frozen=True)
class Course:
    """One drug course and the windows of it whose mean mechanisms are needed.

    Parameters
    ----------
    key : str
        Name of the course (e.g. ``younger_2013:drug_first``).
    regimen : Regimen
        The doses, hours from the first treatment day's midnight.
    days : int
        Days simulated.
    windows : tuple of (float, float)
        (start, end) hours of each window.
    """

    key: str
    regimen: Regimen
    days: int
    windows: tuple[tuple[float, float], ...]


class WindowBases(NamedTuple):
    """Window means of the bases, one column per patient."""

    tone: np.ndarray          #: shape (3, n): tone − 1 = tone[0] + g tone[1] + g² tone[2]
    inhibition: np.ndarray    #: shape (len(IC50_GRID_LOG10_UM), n): twice-lagged TLR4 inhibition, 0-1


@dataclass(frozen=True)
class Cohort:
    """Virtual patients of one receptor structure with their bases for every window of every course."""

    structure: str
    baseline_pain_nrs: np.ndarray      #: (n,) untreated pain, points
    trait: np.ndarray                  #: (n,) latent responder trait (standard normal)
    drive_z: np.ndarray                #: (n,) standard normal draws of the microglial drive's spread
    gain_z: np.ndarray                 #: (n,) standard normal draws of the rebound gains' spread
    bases: dict = field(repr=False)    #: (course key, window index) -> WindowBases
    population: PopulationParameters = field(default_factory=PopulationParameters, repr=False)

    def __len__(self) -> int:
        return int(self.baseline_pain_nrs.size)

    def window(self, course: str, index: int = 0) -> WindowBases:
        """The bases of window ``index`` of ``course``.

        Parameters
        ----------
        course : str
            Key of a course the cohort was prepared with (:attr:`Course.key`).
        index : int, default 0
            Position of the window in that course's ``windows``.

        Returns
        -------
        WindowBases
            Window means of the tone and inhibition bases, one column per patient.

        Raises
        ------
        KeyError
            If the cohort was not prepared with that window.
        """
        if (course, index) not in self.bases:
            raise KeyError(f"the cohort has no window {index} of course {course!r}; prepare it with that course")
        return self.bases[(course, index)]


def _window_means(t_h: np.ndarray, values: np.ndarray, windows) -> list[np.ndarray]:
    return [values[:, (t_h >= start) & (t_h < end)].mean(axis=1) for start, end in windows]


def _course_bases(course: Course, chunk) -> list[WindowBases]:
    """The bases of every window of ``course`` for one chunk of patients."""
    n_points = int(round(24.0 * course.days / STEP_H)) + 1
    t_h = np.arange(n_points) * STEP_H
    upstream = solve_upstream(course.regimen, n_points, STEP_H, chunk.pk, chunk.receptor)
    occupancy = np.atleast_2d(upstream.blockade.mor_occupancy)
    plasma = np.atleast_2d(upstream.naltrexone_ng_ml)
    even = SymptomParameters(baseline_pain_nrs=5.0, opioid_weight=1.0)   # logit(0.5) = 0: log-odds = -(tone - 1)
    tones = []
    for gain in _GAINS:
        rebound = replace(ReboundParameters(), release_gain=gain, receptor_gain=gain)
        signaling = rebound_from_blockade(t_h, occupancy, rebound).opioid_signaling
        pain = pain_from_mechanisms(t_h, signaling, np.ones(t_h.size), even, rebound)
        tones.append(_window_means(t_h, -logit(pain / 10.0), course.windows))
    inhibition = []
    for log10_ic50 in IC50_GRID_LOG10_UM:
        params = replace(InflammationParameters(), tlr4_ic50_um=float(10.0 ** log10_ic50),
                         fibromyalgia_drive_ratio=_REFERENCE_DRIVE)
        sensitization = inflammation_from_plasma(t_h, plasma, params).sensitization
        lagged = (1.0 - sensitization) / (params.sensitization_coupling_fraction * (1.0 - 1.0 / _REFERENCE_DRIVE))
        inhibition.append(_window_means(t_h, np.atleast_2d(lagged), course.windows))
    out = []
    for w in range(len(course.windows)):
        t0, t1, t2 = (tones[k][w] for k in range(3))
        # tone(g) = T0 + g T1 + g^2 T2 from g = 0, 1, 2
        basis = np.stack([t0, (4.0 * t1 - t2 - 3.0 * t0) / 2.0, (t2 - 2.0 * t1 + t0) / 2.0])
        out.append(WindowBases(basis, np.stack([inhibition[g][w] for g in range(len(IC50_GRID_LOG10_UM))])))
    return out


def prepare_cohort(structure: str, courses, n_patients: int = 1000, seed: int = 0) -> Cohort:
    """Draw ``n_patients`` virtual patients of ``structure`` and compute their bases for ``courses``.

    Parameters
    ----------
    structure : str
        A receptor structure's name (:func:`ldnmodels.receptor_structures`); its potency varies between patients.
    courses : iterable of Course
        The drug courses and their windows.
    n_patients : int, default 1000
        Virtual patients (between-person spreads of bioavailability, clearance and potency as in
        :class:`~ldnmodels.analyses.population.PopulationParameters`).
    seed : int, default 0
        The same seed gives the same patients.

    Returns
    -------
    Cohort
    """
    population = make_population(n_patients, seed=seed, receptor=structure_named(structure))
    rng = np.random.default_rng(seed + 1)
    drive_z, gain_z = rng.standard_normal(n_patients), rng.standard_normal(n_patients)
    bases = {}
    for course in courses:
        parts = [_course_bases(course, population.subset(slice(start, start + _CHUNK)))
                 for start in range(0, n_patients, _CHUNK)]
        for w in range(len(course.windows)):
            bases[(course.key, w)] = WindowBases(np.concatenate([part[w].tone for part in parts], axis=1),
                                                 np.concatenate([part[w].inhibition for part in parts], axis=1))
    return Cohort(structure, np.asarray(population.symptoms.baseline_pain_nrs, dtype=float), population.trait,
                  drive_z, gain_z, bases, population.params)


def daily_course(key: str, dose_mg: float, days: int, windows, start_day: int = 0,
                 steps_mg: tuple = ()) -> Course:
    """A course of ``dose_mg`` at 21:00 daily from ``start_day`` (weekly ``steps_mg`` first) for the rest of ``days``.

    Parameters
    ----------
    key : str
    dose_mg : float
        Target daily dose, mg naltrexone HCl.
    days : int
        Days simulated from the first treatment day.
    windows : iterable of (float, float)
        (start, end) days of each window.
    start_day : int, default 0
    steps_mg : tuple of float
        Weekly titration steps before ``dose_mg``.

    Returns
    -------
    Course
    """
    steps = list(steps_mg) + [dose_mg]
    doses = [steps[min(d // 7, len(steps) - 1)] for d in range(days - start_day)]
    regimen = Regimen(times_h=tuple(24.0 * (start_day + d) + 21.0 for d in range(len(doses))), doses_mg=tuple(doses))
    return Course(key, regimen, days, tuple((24.0 * a, 24.0 * b) for a, b in windows))
