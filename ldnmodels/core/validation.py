"""One validation layer for numbers the caller types: type, finiteness and range, with the caller's name in the error.

Python and numpy numbers are welcome (``21``, ``4.5``, ``np.int64(21)``, ``np.float32(1.5)``); strings, bools and
other objects are refused with a ``TypeError`` naming the argument, so ``"4.5"`` never becomes 4.5 mg and ``True``
never becomes 1 mg. Ranges are refused with a ``ValueError`` that states the allowed range.
"""
from __future__ import annotations

import math
import numbers as _numbers

import numpy as np

__all__ = ["is_number", "number", "whole", "number_array", "number_sequence"]


def is_number(value) -> bool:
    """True for real numbers (Python or numpy), False for bools, strings and everything else."""
    return isinstance(value, (_numbers.Real, np.number)) and not isinstance(value, (bool, np.bool_))


def _range_text(low: float, high: float, closed_low: bool, closed_high: bool) -> str:
    parts = []
    if low > -math.inf:
        parts.append(f"{'>=' if closed_low else '>'} {low:g}")
    if high < math.inf:
        parts.append(f"{'<=' if closed_high else '<'} {high:g}")
    return " and ".join(parts) if parts else "finite"


def number(value, name: str, low: float = -math.inf, high: float = math.inf, *, closed_low: bool = True,
           closed_high: bool = True, unit: str = "") -> float:
    """``value`` as a float, after checking that it is a finite real number in the given range.

    Parameters
    ----------
    value : int or float (Python or numpy)
        The number to check.
    name : str
        The argument's name, for the error messages.
    low, high : float, default -inf and inf
        The allowed range, in the unit of ``value``; infinite bounds mean none (the value must still be finite).
    closed_low, closed_high : bool, default True
        Whether ``low`` and ``high`` themselves are allowed.
    unit : str, optional
        Unit named after the range in the error message (e.g. ``"h"``).

    Returns
    -------
    float
        ``value`` as a float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (a string, a bool, None, a list ...).
    ValueError
        If it is not finite or out of range; the message names ``name`` and the allowed range.
    """
    if not is_number(value):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    result = float(value)
    above = result >= low if closed_low else result > low
    below = result <= high if closed_high else result < high
    if not (math.isfinite(result) and above and below):
        suffix = f" {unit}" if unit else ""
        raise ValueError(f"{name} must be {_range_text(low, high, closed_low, closed_high)}{suffix}, got {value!r}")
    return result


def whole(value, name: str, low: int, high: int) -> int:
    """``value`` as an int, after checking that it is a whole number (int or numpy integer) in ``[low, high]``.

    Parameters
    ----------
    value : int or numpy integer
        The number to check; floats (even ``3.0``) and bools are refused (``TypeError``).
    name : str
        The argument's name, for the error messages.
    low, high : int
        The allowed range, both ends included (``ValueError`` outside it).

    Returns
    -------
    int
        ``value`` as a Python int.
    """
    if not (isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))):
        raise TypeError(f"{name} must be a whole number from {low} to {high}, got {value!r} ({type(value).__name__})")
    if not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return int(value)


def number_array(value, name: str) -> np.ndarray:
    """``value`` (a number or an array of numbers) as a float array; strings, bools and objects refused.

    Parameters
    ----------
    value : number or array_like
        A real number, or anything numpy turns into an array of integers or floats.
    name : str
        The argument's name, for the ``TypeError`` message.

    Returns
    -------
    ndarray
        ``value`` as floats, shape of ``value`` (0-d for a number). Neither finiteness nor range is checked.
    """
    if is_number(value):
        return np.asarray(float(value))
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a number or an array of numbers, got {value!r:.80}")
    return array.astype(float)


def number_sequence(values, name: str) -> tuple[float, ...]:
    """A 1-D sequence of numbers as a tuple of floats (each checked like :func:`number`, without a range).

    Parameters
    ----------
    values : iterable of numbers
        A list, tuple, 1-D array ...; strings, bytes, a lone number and None are refused (``TypeError``).
    name : str
        The argument's name, for the error messages (an item is named ``name[i]``).

    Returns
    -------
    tuple of float
        The items as floats, in order. Their type is checked, not their finiteness.
    """
    if isinstance(values, (str, bytes)) or is_number(values) or values is None:
        raise TypeError(f"{name} must be a sequence of numbers, got {values!r}")
    try:
        items = list(values)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of numbers, got {values!r}") from None
    out = []
    for i, item in enumerate(items):
        if not is_number(item):
            raise TypeError(f"{name}[{i}] must be a number, got {item!r} ({type(item).__name__})")
        out.append(float(item))
    return tuple(out)
