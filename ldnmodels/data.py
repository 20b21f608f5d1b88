"""Published data shipped with the package (CSV files in ``ldnmodels/data`` with citations)."""
from __future__ import annotations

import csv
from importlib import resources

import numpy as np

__all__ = ["pet_occupancy", "label_pk_50mg", "blockade_half_time_range_h"]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("ldnmodels").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def pet_occupancy() -> tuple[np.ndarray, np.ndarray]:
    """Rabiner 2011 PET: doses (mg naltrexone HCl) and occupancy fractions within 8 h of one dose."""
    rows = _rows("pet_occupancy.csv")
    return (np.array([float(r["dose_mg"]) for r in rows]),
            np.array([float(r["occupancy_fraction"]) for r in rows]))


def label_pk_50mg() -> dict[str, float]:
    """Label values after one 50 mg dose, keyed by quantity (units in the CSV)."""
    return {r["quantity"]: float(r["value"]) for r in _rows("label_pk_50mg.csv")}


def blockade_half_time_range_h() -> tuple[float, float]:
    """Lee 1988: range of the half-time of blockade after 50 mg, h."""
    row = _rows("blockade_duration.csv")[0]
    return float(row["low"]), float(row["high"])
