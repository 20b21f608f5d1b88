"""Published data shipped with the package (CSV files in ``ldnmodels/data`` with citations)."""
from __future__ import annotations

import csv
from importlib import resources

import numpy as np

__all__ = ["pet_occupancy", "label_pk_50mg", "blockade_half_time_range_h", "lee_decline", "naltrexol_central_potency",
           "receptor_kinetics", "rows"]


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
