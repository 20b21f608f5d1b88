"""Kappa blockade from the mu blockade of the same drive (ldnmodels.model.kappa): the algebra and the input checks.
The comparison with human PET is in tests/validation/test_kappa.py."""
import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels.model.kappa import kor_occupancy


def test_kappa_is_blocked_less_than_mu_and_follows_it():
    res = ldn.simulate(ldn.Regimen.daily(4.5, days=14, clock_h=21.0), hours=14 * 24.0, step_h=0.1)
    assert np.all(res.kor_occupancy <= res.mor_occupancy + 1e-12)
    rising = np.diff(res.mor_occupancy) > 1e-9
    assert np.all(np.diff(res.kor_occupancy)[rising] > 0)


def test_equal_potency_gives_the_mu_blockade_and_half_potency_the_textbook_value():
    mor = np.array([0.0, 0.25, 0.5, 0.9])
    np.testing.assert_allclose(kor_occupancy(mor, ratio=1.0), mor)
    # drive x = o / (1 - o); at half the potency x / 2: 0.25 -> 1/7, 0.5 -> 1/3, 0.9 -> 4.5 / 5.5
    np.testing.assert_allclose(kor_occupancy(mor, ratio=2.0), [0.0, 1 / 7, 1 / 3, 4.5 / 5.5])


def test_a_co_medicated_opioid_share_is_taken_out_of_the_drive():
    # mu: naltrexone 0.4, opioid 0.4, free 0.2 -> naltrexone drive x = 2, at kappa x / 2 = 1 -> 0.5
    assert float(kor_occupancy(0.4, agonist_occupancy=0.4)) == pytest.approx(0.5)


def test_an_impossible_ratio_is_refused_by_name():
    with pytest.raises(ValueError, match="ratio"):
        kor_occupancy(0.5, ratio=0.0)
