"""Helpers for the tests of notebook 02's tables: the shipped comparison file, independent of the code under test."""
import math
import re

from ldnmodels import data
from ldnmodels.model.structures import comparison

COMPARISON = {row["structure"]: row for row in comparison()}  # ldnmodels/data/receptor_comparison.csv
PRINTED = 5e-3  # the file prints fitted parameters to 3 significant figures
LABEL = data.label_pk_50mg()


def phi(x: float) -> float:
    """Standard normal cumulative distribution, from the error function (independent of scipy.stats.norm)."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def shipped_parameter(structure: str, field: str) -> float:
    """A point fit as printed in the comparison file's parameters column ("field = value [low–high]")."""
    return float(re.search(rf"{field} = ([0-9.e+-]+)", COMPARISON[structure]["parameters"]).group(1))
