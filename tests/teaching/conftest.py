"""Fixtures shared by the teaching tests."""
import pytest

from ldnmodels import Regimen, simulate


@pytest.fixture(scope="module")
def runs():
    """Two short runs of different lengths: 4.5 mg daily for 3 days and 50 mg daily for 4 days."""
    return simulate(Regimen.daily(4.5, days=3), 72.0), simulate(Regimen.daily(50.0, days=4), 96.0)
