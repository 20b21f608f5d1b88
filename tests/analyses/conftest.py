"""Fixtures shared by the analyses tests."""
import pytest

import ldnmodels as ldn


@pytest.fixture(scope="module")
def daily():
    """4.5 mg every evening at 21:00 for 14 days through the structures that fit, 8 draws each."""
    return ldn.ensemble(ldn.Regimen.daily(4.5, days=14, clock_h=21.0), hours=14 * 24.0)
