"""Titration plans and a rule-based titration that holds the dose when a side effect runs high.

The usual LDN start (1.5 mg in week 1, 3 mg in week 2, 4.5 mg from week 3) is
:meth:`TitrationPlan.default`. Slower and faster variants, and any start, step and target,
are one call away. :func:`titrate_with_hold` simulates as it goes and only steps up when the
chosen side-effect index is at or below a threshold on the last day of the step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..core.validation import number, whole
from ..model.pharmacokinetics import PKParameters
from ..model.receptor import ReceptorStructure
from ..model.regimen import MAX_DAYS, Regimen, check_dose
from ..model.simulation import simulate
from .side_effects import SideEffectParameters, side_effects

__all__ = ["TitrationPlan", "HOLD_INDICES", "HeldTitration", "titrate_with_hold"]

#: Side-effect indices a hold rule can watch (their largest value over the step just completed).
HOLD_INDICES = ("vivid_dreams", "headache")


@dataclass(frozen=True, kw_only=True)
class TitrationPlan:
    """Daily doses rising from ``start_mg`` by ``step_mg`` every ``days_per_step`` days up to ``target_mg``.

    Parameters
    ----------
    start_mg, step_mg, target_mg : float
        mg naltrexone HCl; 0 < start <= target <= 1000, step > 0.
    days_per_step : int
        Days on each dose before the next step, >= 1.
    clock_h : float
        Clock time of the daily dose, hours in [0, 24).
    """

    start_mg: float = 1.5
    step_mg: float = 1.5
    target_mg: float = 4.5
    days_per_step: int = 7
    clock_h: float = 21.0

    def __post_init__(self) -> None:
        for name in ("start_mg", "step_mg", "target_mg"):
            check_dose(getattr(self, name), name)
        if self.start_mg > self.target_mg:
            raise ValueError(f"start_mg ({self.start_mg}) must not exceed target_mg ({self.target_mg})")
        whole(self.days_per_step, "days_per_step", 1, MAX_DAYS)
        number(self.clock_h, "clock_h", 0.0, 24.0, closed_high=False, unit="h")
        # No plan may need more steps than the longest allowed run has days (a tiny step would build billions).
        if self._n_steps > MAX_DAYS:
            smallest = (self.target_mg - self.start_mg) / (MAX_DAYS - 1)
            raise ValueError(f"step_mg must be at least {smallest:.4g} mg for a plan from {self.start_mg:g} to "
                             f"{self.target_mg:g} mg (at most {MAX_DAYS} steps), got {self.step_mg!r}")

    @classmethod
    def default(cls, clock_h: float = 21.0) -> TitrationPlan:
        """1.5 mg week 1, 3 mg week 2, 4.5 mg from week 3."""
        return cls(clock_h=clock_h)

    @classmethod
    def slow(cls, clock_h: float = 21.0) -> TitrationPlan:
        """0.75 mg steps every 7 days from 0.75 mg to 4.5 mg (6 weeks)."""
        return cls(start_mg=0.75, step_mg=0.75, target_mg=4.5, days_per_step=7, clock_h=clock_h)

    @classmethod
    def fast(cls, clock_h: float = 21.0) -> TitrationPlan:
        """1.5 mg steps every 3 days from 1.5 mg to 4.5 mg."""
        return cls(start_mg=1.5, step_mg=1.5, target_mg=4.5, days_per_step=3, clock_h=clock_h)

    @property
    def steps_mg(self) -> tuple[float, ...]:
        """The daily dose of each step, ending exactly at the target."""
        return tuple(min(self.start_mg + k * self.step_mg, self.target_mg) for k in range(self._n_steps))

    @property
    def _n_steps(self) -> int:
        return int(math.ceil((self.target_mg - self.start_mg) / self.step_mg - 1e-9)) + 1

    @property
    def days_to_target(self) -> int:
        """Day (0-based) on which the target dose is first taken."""
        return (len(self.steps_mg) - 1) * self.days_per_step

    def regimen(self, total_days: int) -> Regimen:
        """The regimen over ``total_days`` days; an error if the target is not reached within them."""
        if not (isinstance(total_days, (int, np.integer)) and 1 <= total_days <= MAX_DAYS):
            raise ValueError(f"total_days must be a whole number from 1 to {MAX_DAYS}, got {total_days!r}")
        if total_days <= self.days_to_target:
            raise ValueError(f"total_days must be > {self.days_to_target} for this plan to reach its target of "
                             f"{self.target_mg:g} mg (it gets there on day {self.days_to_target + 1}), "
                             f"got {total_days}")
        return Regimen.titration(list(self.steps_mg), days_per_step=self.days_per_step, total_days=total_days,
                                 clock_h=self.clock_h)


class HeldTitration(NamedTuple):
    """Result of :func:`titrate_with_hold`."""

    regimen: Regimen
    daily_dose_mg: np.ndarray   #: dose taken on each day
    decision_days: np.ndarray   #: days on which the rule looked at the index
    index_at_decision: np.ndarray
    held: np.ndarray            #: True where the rule held instead of stepping up


def titrate_with_hold(plan: TitrationPlan, total_days: int, index: str = "vivid_dreams", threshold: float = 0.3,
                      pk: PKParameters | None = None, receptor: ReceptorStructure | None = None,
                      effects: SideEffectParameters | None = None, step_h: float = 0.1) -> HeldTitration:
    """Follow ``plan``, but at the end of each step hold the current dose for another step whenever
    the chosen side-effect index is above ``threshold``.

    Parameters
    ----------
    plan : TitrationPlan
    total_days : int
        Days of dosing, 1 to 3650. The target may not be reached: that is the rule's outcome.
    index : {"vivid_dreams", "headache"}
        The largest value over the step just completed of the nightly vivid-dream index, or of the
        headache index implied by each day's rise in blockade.
    threshold : float
        Hold while the index is above this, in [0, 1].
    pk, receptor, effects : optional parameter sets
    step_h : float
        Grid step of the simulations, h; must divide 24 h.

    Returns
    -------
    HeldTitration

    Notes
    -----
    Time is linear in ``total_days``: the past never depends on future doses, so one simulation with the current
    dose held to the end answers every decision until the rule steps up; only a step up needs a new simulation
    (at most one per step of the plan).
    """
    if index not in HOLD_INDICES:
        raise ValueError(f"index must be one of {HOLD_INDICES}, got {index!r}")
    if not (isinstance(threshold, (int, float)) and 0.0 <= threshold <= 1.0):
        raise ValueError(f"threshold must be in [0, 1], got {threshold!r}")
    if not (isinstance(total_days, (int, np.integer)) and 1 <= total_days <= MAX_DAYS):
        raise ValueError(f"total_days must be a whole number from 1 to {MAX_DAYS}, got {total_days!r}")
    effects = SideEffectParameters() if effects is None else effects
    steps = plan.steps_mg
    daily = np.empty(total_days)
    step_index, day = 0, 0
    decisions, values, held = [], [], []
    found, found_for = None, None
    while day < total_days:
        length = min(plan.days_per_step, total_days - day)
        daily[day: day + length] = steps[step_index]
        day += length
        if day >= total_days or step_index == len(steps) - 1:
            continue
        if found_for != step_index:   # a new dose: simulate once, holding it to the end of the run
            daily[day:] = steps[step_index]
            regimen = Regimen(times_h=tuple(24.0 * d + plan.clock_h for d in range(total_days)),
                              doses_mg=tuple(daily))
            result = simulate(regimen, hours=24.0 * total_days + 24.0, step_h=step_h, pk=pk, receptor=receptor)
            found, found_for = side_effects(result, effects), step_index
        value = _step_index(found, index, effects, day - length, day)
        decisions.append(day)
        values.append(value)
        held.append(value > threshold)
        if value <= threshold:
            step_index += 1
    if day < total_days:  # reached the target: hold it to the end
        daily[day:] = steps[step_index]
    regimen = Regimen(times_h=tuple(24.0 * d + plan.clock_h for d in range(total_days)), doses_mg=tuple(daily))
    return HeldTitration(regimen, daily, np.array(decisions, dtype=int), np.array(values), np.array(held, dtype=bool))


def _step_index(found, index: str, effects: SideEffectParameters, first_day: int, end_day: int) -> float:
    """The largest value of the index over the days of the step just completed."""
    if index == "vivid_dreams":
        return float(found.vivid_dreams_nightly[first_day:end_day].max())
    rise = max(float(found.daily_rise[first_day:end_day].max()), 0.0)
    return 1.0 - (1.0 - effects.headache_placebo_fraction) * math.exp(-effects.headache_per_daily_rise * rise)
