"""Helpers for parameter sets whose fields may be arrays over patients (leading axis)."""
from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import numpy as np

__all__ = ["patient_count", "patient", "as_column", "field_names"]

P = TypeVar("P")


def field_names(params) -> list[str]:
    """The instance fields of a parameter dataclass (class-level constants excluded)."""
    return [f.name for f in dataclasses.fields(params)]


def patient_count(*param_sets: Any) -> int | None:
    """Number of patients in the parameter sets (``None`` if every field is a scalar).

    Raises
    ------
    ValueError
        If array fields differ in length.
    """
    sizes = {np.size(getattr(p, name)) for p in param_sets for name in field_names(p)
             if np.ndim(getattr(p, name)) == 1}
    if len(sizes) > 1:
        raise ValueError(f"parameter arrays must all have the same length (one value per patient), "
                         f"got lengths {sorted(sizes)}")
    return sizes.pop() if sizes else None


def patient(params: P, index: int) -> P:
    """The scalar parameter set of patient ``index``.

    Parameters
    ----------
    params : dataclass instance
        A parameter set (e.g. ``PKParameters``) whose fields are scalars or arrays of shape ``(n_patients,)``.
    index : int
        The patient, 0-based (negative counts from the end, as for arrays).

    Returns
    -------
    Same type as ``params``
        Every array field replaced by that patient's value (a float, in the field's unit); scalar
        fields kept as they are.
    """
    values = {name: (float(np.asarray(getattr(params, name))[index]) if np.ndim(getattr(params, name))
                     else getattr(params, name)) for name in field_names(params)}
    return type(params)(**values)


def as_column(value) -> np.ndarray:
    """A parameter as a column ``(n_patients, 1)`` when it is per patient, so it broadcasts against
    ``(n_patients, N)`` time courses; scalars are returned unchanged."""
    array = np.asarray(value, dtype=float)
    return array[:, None] if array.ndim == 1 else array
