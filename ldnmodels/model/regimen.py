"""Dosing regimens: when doses are taken and how much.

A regimen is a sorted list of dose events: time in hours since time zero and amount
in mg of naltrexone **hydrochloride** (the form on labels and prescriptions). Time
zero is midnight before the first dosing day, so the clock time of any moment is
``t_h % 24``. Regimens are immutable; methods that change one return a new one.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..core.validation import number, number_sequence, whole

__all__ = ["Regimen", "MAX_DOSE_MG", "MAX_DAYS", "check_dose", "clock_text"]

#: Largest single dose accepted, mg naltrexone HCl (the label's highest studied daily dose is 800 mg).
MAX_DOSE_MG = 1000.0
#: Longest regimen accepted, days (ten years).
MAX_DAYS = 3650


@dataclass(frozen=True)
class Regimen:
    """Dose events of naltrexone hydrochloride.

    Parameters
    ----------
    times_h : sequence of float
        Dose times, hours since midnight before the first dosing day; strictly
        increasing, each >= 0 and finite.
    doses_mg : sequence of float
        Dose amounts, mg naltrexone HCl, each in (0, 1000]. Same length as
        ``times_h``. Two empty sequences mean "no drug".

    Examples
    --------
    >>> Regimen.daily(4.5, days=3, clock_h=21.0).times_h
    (21.0, 45.0, 69.0)
    >>> Regimen.titration([1.5, 3.0], days_per_step=1, total_days=3).doses_mg
    (1.5, 3.0, 3.0)
    """

    times_h: tuple[float, ...] = ()
    doses_mg: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        times = _as_float_tuple(self.times_h, "times_h")
        doses = _as_float_tuple(self.doses_mg, "doses_mg")
        if len(times) != len(doses):
            raise ValueError(f"times_h and doses_mg must have the same length, got "
                             f"{len(times)} and {len(doses)}")
        for i, t in enumerate(times):
            if not (math.isfinite(t) and t >= 0.0):
                raise ValueError(f"times_h[{i}] must be finite and >= 0 h, got {t}")
        for i, d in enumerate(doses):
            if not (math.isfinite(d) and 0.0 < d <= MAX_DOSE_MG):
                raise ValueError(f"doses_mg[{i}] must be > 0 and <= {MAX_DOSE_MG:g} mg, got {d}")
        for i in range(1, len(times)):
            if times[i] <= times[i - 1]:
                raise ValueError(f"times_h must be strictly increasing (no duplicates); "
                                 f"times_h[{i}]={times[i]} follows {times[i - 1]}")
        object.__setattr__(self, "times_h", times)
        object.__setattr__(self, "doses_mg", doses)

    # ------------------------------------------------------------------ builders
    @classmethod
    def single(cls, dose_mg: float, at_h: float = 0.0) -> Regimen:
        """One dose of ``dose_mg`` mg naltrexone HCl (0 < dose <= 1000) at ``at_h`` hours (>= 0).

        Parameters
        ----------
        dose_mg : float
            The dose, mg naltrexone HCl, in (0, 1000].
        at_h : float, default 0.0
            Its time, hours since midnight before day 1, >= 0.

        Returns
        -------
        Regimen
            One dose event.
        """
        return cls(times_h=(number(at_h, "at_h", 0.0, unit="h"),), doses_mg=(check_dose(dose_mg, "dose_mg"),))

    @classmethod
    def daily(cls, dose_mg: float, days: int, clock_h: float = 21.0) -> Regimen:
        """The same dose once a day at clock time ``clock_h`` (0 <= clock_h < 24) for ``days`` days (1 to 3650).

        Parameters
        ----------
        dose_mg : float
            Daily dose, mg naltrexone HCl, in (0, 1000].
        days : int
            Days of dosing, 1 to 3650; the first dose is on day 1 (t < 24 h).
        clock_h : float, default 21.0
            Clock time of each dose, hours in [0, 24).

        Returns
        -------
        Regimen
            ``days`` dose events, 24 h apart.
        """
        days = whole(days, "days", 1, MAX_DAYS)
        return cls.titration([check_dose(dose_mg, "dose_mg")], days_per_step=days, total_days=days, clock_h=clock_h)

    @classmethod
    def titration(cls, steps_mg: Sequence[float], days_per_step: int, total_days: int,
                  clock_h: float = 21.0) -> Regimen:
        """Rising daily doses: each step for ``days_per_step`` days, the last held to ``total_days``.

        Parameters
        ----------
        steps_mg : sequence of float
            Daily dose of each step, mg naltrexone HCl, e.g. ``[1.5, 3.0, 4.5]``.
        days_per_step : int
            Days on each step before the next, 1 to 3650.
        total_days : int
            Days of dosing in all, 1 to 3650. Steps that would start after it are dropped.
        clock_h : float, default 21.0
            Clock time of each daily dose, hours in [0, 24).

        Returns
        -------
        Regimen
            ``total_days`` dose events, 24 h apart.
        """
        _check_int(days_per_step, "days_per_step", 1, MAX_DAYS)
        _check_int(total_days, "total_days", 1, MAX_DAYS)
        clock_h = number(clock_h, "clock_h", 0.0, 24.0, closed_high=False, unit="h")
        steps = tuple(check_dose(step, f"steps_mg[{i}]")
                      for i, step in enumerate(_as_float_tuple(steps_mg, "steps_mg")))
        if not steps:
            raise ValueError("steps_mg must hold at least one dose")
        doses = [steps[min(day // days_per_step, len(steps) - 1)] for day in range(total_days)]
        times = [24.0 * day + clock_h for day in range(total_days)]
        return cls(times_h=tuple(times), doses_mg=tuple(doses))

    # ------------------------------------------------------------ missed doses
    def without(self, indices: Iterable[int]) -> Regimen:
        """The regimen with the doses at ``indices`` (0-based) missed."""
        drop = set()
        for i in indices:
            if not (isinstance(i, (int, np.integer)) and -len(self) <= i < len(self)):
                raise ValueError(f"indices must be whole numbers in [0, {len(self) - 1}], got {i!r}")
            drop.add(int(i) % len(self))
        keep = [k for k in range(len(self)) if k not in drop]
        return Regimen(times_h=tuple(self.times_h[k] for k in keep),
                       doses_mg=tuple(self.doses_mg[k] for k in keep))

    def without_days(self, days: Iterable[int]) -> Regimen:
        """The regimen with every dose on the given days (0 = first day) missed."""
        days = set(days)
        for d in days:
            if not (isinstance(d, (int, np.integer)) and d >= 0):
                raise ValueError(f"days must be whole numbers >= 0, got {d!r}")
        return self.without([k for k, t in enumerate(self.times_h) if int(t // 24) in days])

    def with_missed_doses(self, fraction: float, seed: int = 0) -> Regimen:
        """Each dose missed independently with probability ``fraction`` (0–1), reproducibly for a ``seed``.

        Parameters
        ----------
        fraction : float
            Probability of missing each dose, 0–1 (both ends allowed).
        seed : int, default 0
            Seed of :func:`numpy.random.default_rng`; the same seed misses the same doses.

        Returns
        -------
        Regimen
            The doses taken (times and amounts unchanged).
        """
        _check_fraction(fraction, "fraction")
        missed = np.random.default_rng(seed).random(len(self)) < fraction
        return self.without(np.nonzero(missed)[0].tolist())

    # --------------------------------------------------------- compounded doses
    def with_content_variation(self, fraction: float = 0.10, seed: int = 0) -> Regimen:
        """Compounded capsules: each dose's content uniform within ±``fraction`` of its label (seeded).

        Parameters
        ----------
        fraction : float, default 0.10
            Half-width of the content range, 0 <= fraction < 1 (0.10 means ±10 %).
        seed : int, default 0
            Random seed; the same seed gives the same capsules.

        Returns
        -------
        Regimen
            The same dose times; each dose in mg naltrexone HCl scaled by its capsule's content.
        """
        _check_fraction(fraction, "fraction", upper_open=True)
        factors = 1.0 + fraction * np.random.default_rng(seed).uniform(-1.0, 1.0, len(self))
        return Regimen(times_h=self.times_h, doses_mg=tuple(d * f for d, f in zip(self.doses_mg, factors)))

    def as_liquid(self, concentration_mg_per_ml: float = 1.0, volume_error_ml: float = 0.1,
                  seed: int = 0) -> Regimen:
        """Liquid LDN measured by volume: each dose is ``dose / concentration`` mL measured with an
        error uniform within ±``volume_error_ml`` (seeded), so the error in mg is the same at every dose.

        Parameters
        ----------
        concentration_mg_per_ml : float, default 1.0
            Strength of the solution, mg naltrexone HCl per mL, in (0, 100].
        volume_error_ml : float, default 0.1
            Half-width of the measuring error, mL, >= 0 and smaller than the smallest volume.
        seed : int, default 0
            Random seed; the same seed gives the same measured volumes.

        Returns
        -------
        Regimen
            The same dose times; each dose the measured volume times the concentration, mg naltrexone HCl.
        """
        if not (math.isfinite(concentration_mg_per_ml) and 0.0 < concentration_mg_per_ml <= 100.0):
            raise ValueError(f"concentration_mg_per_ml must be > 0 and <= 100, got {concentration_mg_per_ml}")
        volumes = np.array(self.doses_mg) / concentration_mg_per_ml
        if not (math.isfinite(volume_error_ml) and volume_error_ml >= 0.0
                and (volumes.size == 0 or volume_error_ml < volumes.min())):
            smallest = f"{volumes.min():.3g}" if volumes.size else "any"
            raise ValueError(f"volume_error_ml must be >= 0 and smaller than the smallest volume ({smallest} mL), "
                             f"got {volume_error_ml}")
        measured = volumes + volume_error_ml * np.random.default_rng(seed).uniform(-1.0, 1.0, len(self))
        return Regimen(times_h=self.times_h, doses_mg=tuple(measured * concentration_mg_per_ml))

    # ------------------------------------------------------------------ views
    def __len__(self) -> int:
        return len(self.times_h)

    def describe(self) -> str:
        """One line for people: number of doses, amounts and timing (clock time and day; day 1 starts at t = 0 h,
        as on the figures' time axes).

        >>> Regimen.daily(4.5, days=7, clock_h=21.0).describe()
        '7 daily doses of 4.5 mg naltrexone HCl at 21:00, days 1–7'
        >>> Regimen.single(50.0, at_h=8.0).describe()
        '1 dose of 50 mg naltrexone HCl on day 1 at 08:00'
        """
        if not self.times_h:
            return "no doses"
        amounts = sorted(set(self.doses_mg))
        if len(amounts) <= 4:
            amount_text = "/".join(f"{d:g}" for d in amounts)
        else:
            amount_text = f"{amounts[0]:.3g}–{amounts[-1]:.3g}"
        first, last = self.times_h[0], self.times_h[-1]
        what = f"of {amount_text} mg naltrexone HCl"
        if len(self) == 1:
            return f"1 dose {what} on {_day_clock(first)}"
        gaps = np.diff(self.times_h)
        if np.allclose(gaps, 24.0):
            return (f"{len(self)} daily doses {what} at {clock_text(first)}, "
                    f"days {int(first // 24) + 1}–{int(last // 24) + 1}")
        return f"{len(self)} doses {what} from {_day_clock(first)} to {_day_clock(last)}"


def clock_text(hours: float) -> str:
    """``21:00`` for 21.0 h (or 45.0 h): the clock time of a time in hours since midnight before day 1.

    >>> clock_text(31.5)
    '07:30'
    """
    minutes = int(round((hours % 24.0) * 60.0)) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_clock(hours: float) -> str:
    return f"day {int(hours // 24) + 1} at {clock_text(hours)}"


def _as_float_tuple(values, name: str) -> tuple[float, ...]:
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be a 1-D sequence of numbers, got shape {values.shape}")
    return number_sequence(values, name)


def check_dose(value, name: str = "dose_mg") -> float:
    """The one dose rule: a number in (0, 1000] mg naltrexone HCl; the error names ``name``.

    Parameters
    ----------
    value : int or float
        The dose, mg naltrexone HCl, in (0, :data:`MAX_DOSE_MG`].
    name : str, default "dose_mg"
        The argument's name, for the error message.

    Returns
    -------
    float
        The dose, mg naltrexone HCl.

    Raises
    ------
    TypeError, ValueError
        If ``value`` is not a number, or not in the range (see :func:`ldnmodels.core.validation.number`).
    """
    return number(value, name, 0.0, MAX_DOSE_MG, closed_low=False, unit="mg naltrexone HCl")


def _check_fraction(value, name: str, upper_open: bool = False) -> None:
    number(value, name, 0.0, 1.0, closed_high=not upper_open)


def _check_int(value, name: str, low: int, high: int) -> None:
    whole(value, name, low, high)
