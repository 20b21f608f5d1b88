"""Published data shipped with the package (CSV files in ``ldnmodels/data`` with citations), and the fitted and
calibrated defaults the pipeline writes (``fitted_defaults.csv``: :func:`fitted_default`,
:func:`write_fitted_defaults`)."""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["pet_occupancy", "label_pk_50mg", "blockade_half_time_range_h", "lee_decline", "naltrexol_central_potency",
           "receptor_kinetics", "rows", "FITTED_DEFAULTS", "FITTED_DEFAULT_COLUMNS", "PIPELINE_STEPS",
           "fitted_defaults", "fitted_default", "fitted_default_row", "write_fitted_defaults"]


def rows(name: str) -> list[dict[str, str]]:
    """Rows of a shipped CSV file in ``ldnmodels/data`` (``#`` lines are its citation header)."""
    text = resources.files("ldnmodels.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def pet_occupancy() -> tuple[np.ndarray, np.ndarray]:
    """Rabiner 2011 PET: doses (mg naltrexone HCl) and occupancy fractions within 8 h of one dose."""
    table = rows("pet_occupancy.csv")
    return (np.array([float(r["dose_mg"]) for r in table]),
            np.array([float(r["occupancy_fraction"]) for r in table]))


def label_pk_50mg() -> dict[str, float]:
    """Label values after one 50 mg dose, keyed by quantity (units in the CSV)."""
    return {r["quantity"]: float(r["value"]) for r in rows("label_pk_50mg.csv")}


def blockade_half_time_range_h() -> tuple[float, float]:
    """Lee 1988: range of the half-time of blockade after 50 mg, h."""
    row = rows("blockade_duration.csv")[0]
    return float(row["low"]), float(row["high"])


def lee_decline() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lee 1988: times after 50 mg (h), blockade relative to the 1 h scan, and its SEM (secondary transcription)."""
    table = rows("lee_1988_decline.csv")
    return tuple(np.array([float(r[key]) for r in table]) for key in ("time_h", "relative_blockade", "sem"))


def naltrexol_central_potency() -> list[dict[str, str]]:
    """In-vivo central potency of 6β-naltrexol relative to naltrexone, one row per study (with citations)."""
    return rows("naltrexol_central_potency.csv")


def receptor_kinetics() -> list[dict[str, str]]:
    """Evidence on how fast antagonists leave brain mu receptors (with citations)."""
    return rows("receptor_kinetics.csv")


#: The file of fitted and calibrated defaults in ``ldnmodels/data``.
FITTED_DEFAULTS = "fitted_defaults.csv"
#: Its columns: the parameter class and field, the value (as the pipeline wrote it), the key of
#: ``ldnmodels.core.sources.SOURCES``, the pipeline step that owns the row, what computed it, and when.
FITTED_DEFAULT_COLUMNS = ("owner", "field", "value", "source", "step", "produced_by", "date")
#: The steps that write the file, in the order its rows are kept; each rewrites only its own rows.
PIPELINE_STEPS = ("fit", "calibration")
_FITTED_HEADER = (
    "# Fitted and calibrated defaults of the parameter classes, one row per field. The classes read their defaults",
    "# from here (ldnmodels.data.fitted_default, through ldnmodels.core.sources.fitted / calibrated); the pipeline",
    "# writes it: rows with step 'fit' by scripts/fit_parameters.py (make fit), rows with step 'calibration' by",
    "# scripts/calibrate_population.py (make calibrate), each replacing only its own rows. source: key of",
    "# ldnmodels.core.sources.SOURCES; produced_by: script and function that computed the value; date: when it ran.",
    "# Generated file: do not edit by hand.",
)


def _shipped_path() -> Path:
    return Path(str(resources.files("ldnmodels.data").joinpath(FITTED_DEFAULTS)))


def fitted_defaults(path: str | Path | None = None) -> list[dict[str, str]]:
    """Rows of the fitted and calibrated defaults (columns :data:`FITTED_DEFAULT_COLUMNS`, values as text).

    Parameters
    ----------
    path : str or Path, optional
        Another copy of the file (e.g. one a test wrote); default the shipped ``ldnmodels/data/fitted_defaults.csv``.
    """
    if path is None:
        return [dict(row) for row in _shipped_rows()]
    return _parse(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _shipped_rows() -> tuple[dict[str, str], ...]:
    return tuple(rows(FITTED_DEFAULTS))


def _parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


def fitted_default_row(owner: str, field: str) -> dict[str, str]:
    """The shipped row of one fitted or calibrated default (``owner`` the parameter class name, ``field`` its field).

    Parameters
    ----------
    owner : str
        Name of the parameter class, e.g. ``"PKParameters"``.
    field : str
        Name of its field, e.g. ``"ka_per_h"``.

    Returns
    -------
    dict of str to str
        A copy of the row: the columns :data:`FITTED_DEFAULT_COLUMNS`, values as text.

    Raises
    ------
    KeyError
        If the file has no such row (run the pipeline step that produces it).
    """
    for row in _shipped_rows():
        if row["owner"] == owner and row["field"] == field:
            return dict(row)
    raise KeyError(f"no fitted default {owner}.{field} in ldnmodels/data/{FITTED_DEFAULTS}; "
                   "rerun scripts/fit_parameters.py or scripts/calibrate_population.py")


def fitted_default(owner: str, field: str) -> float:
    """The shipped fitted or calibrated default of ``owner.field`` (in the field's own units).

    Parameters
    ----------
    owner : str
        Name of the parameter class, e.g. ``"TwoPhaseReceptorParameters"``.
    field : str
        Name of its field, e.g. ``"ke0_per_h"``.

    Returns
    -------
    float
        The value, in the unit the field's name states (e.g. 1/h for ``ke0_per_h``).

    Raises
    ------
    KeyError
        If the file has no such row (see :func:`fitted_default_row`).

    Examples
    --------
    >>> fitted_default("TwoPhaseReceptorParameters", "ke0_per_h") > 0
    True
    """
    return float(fitted_default_row(owner, field)["value"])


def write_fitted_defaults(new_rows: list[dict], step: str, path: str | Path | None = None) -> Path:
    """Replace the rows of one pipeline ``step`` in the file of fitted defaults, keeping every other step's rows.

    Parameters
    ----------
    new_rows : list of dict
        Rows with the columns :data:`FITTED_DEFAULT_COLUMNS`, every one with ``step`` equal to ``step``;
        ``value`` is written as given (format numbers before).
    step : str
        One of :data:`PIPELINE_STEPS`.
    path : str or Path, optional
        The file to rewrite (created if missing); default the shipped one in ``ldnmodels/data``.

    Returns
    -------
    Path
        The file written.
    """
    if step not in PIPELINE_STEPS:
        raise ValueError(f"step must be one of {PIPELINE_STEPS}, got {step!r}")
    for row in new_rows:
        if set(row) != set(FITTED_DEFAULT_COLUMNS) or row["step"] != step:
            raise ValueError(f"each row needs exactly the columns {FITTED_DEFAULT_COLUMNS} and step {step!r}: {row}")
    path = _shipped_path() if path is None else Path(path)
    kept = [row for row in (_parse(path.read_text(encoding="utf-8")) if path.exists() else []) if row["step"] != step]
    merged = sorted(kept + [dict(row) for row in new_rows], key=lambda row: PIPELINE_STEPS.index(row["step"]))
    buffer = io.StringIO()
    buffer.write("\n".join(_FITTED_HEADER) + "\n")
    writer = csv.DictWriter(buffer, fieldnames=FITTED_DEFAULT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(merged)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    if path == _shipped_path():
        _shipped_rows.cache_clear()
    return path
