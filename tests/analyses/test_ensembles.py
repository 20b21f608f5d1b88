"""Ensembles: one regimen through every structure that fits and its bootstrap draws; the band is their envelope."""
import numpy as np
import pytest

from ldnmodels import Regimen, receptor_structures, simulate
from ldnmodels.analyses.ensembles import ensemble
from ldnmodels.model.structures import DEFAULT_STRUCTURE, acceptable_structures, default_receptor

DAILY = Regimen.daily(4.5, days=14, clock_h=21.0)


@pytest.fixture(scope="module")
def band():
    return ensemble(DAILY, hours=336.0, n_draws=4)


@pytest.mark.parametrize("output", ["mor_occupancy", "opioid_signaling", "pain_nrs"])
def test_band_contains_every_member(band, output):
    low, high = band.band(output)
    for result in band.members.values():
        values = np.atleast_2d(getattr(result, output))
        assert values.shape[0] == 5
        assert np.all(values >= low - 1e-15) and np.all(values <= high + 1e-15)


def test_band_members_are_the_structures_point_fits(band):
    assert list(band.members) == acceptable_structures()
    for name, curve in band.by_structure("mor_occupancy").items():
        np.testing.assert_allclose(curve, simulate(DAILY, hours=336.0, receptor=name).mor_occupancy, rtol=1e-12)


def test_one_structure_without_uncertainty_gives_a_zero_width_band():
    single = ensemble(DAILY, hours=72.0, structures=[DEFAULT_STRUCTURE], n_draws=0)
    low, high = single.band("mor_occupancy")
    np.testing.assert_array_equal(low, high)


def test_ensemble_of_all_structures_and_bad_calls():
    every = ensemble(Regimen.single(4.5), hours=24.0, structures="all", n_draws=0)
    assert set(every.members) == set(receptor_structures())
    with pytest.raises(ValueError, match="receptor"):
        ensemble(DAILY, hours=24.0, receptor=default_receptor())
    with pytest.raises(ValueError, match="structures"):
        ensemble(DAILY, hours=24.0, structures=[])


def test_scan_separation_is_the_gap_over_the_combined_uncertainty(band):
    """At the best hour, the separation equals the two structures' point-fit gap divided by the root sum of squares
    of the scan's scatter and each structure's spread over its draws (computed here from the members)."""
    from ldnmodels.analyses.ensembles import scan_time_separation
    scan = scan_time_separation(band, 21.0, measurement_sd=0.05)
    last_day = (band.t_h >= band.t_h[-1] - 24.0 - 1e-9) & (band.t_h < band.t_h[-1] - 1e-9)
    hours = (band.t_h[last_day] - 21.0) % 24.0
    at = int(np.argmin(np.abs(hours - scan.best_hours_after_dose)))
    (a, first), (b, second) = [(name, np.atleast_2d(r.mor_occupancy)[:, last_day][:, at]) for name, r in
                               band.members.items()]
    expected = abs(first[0] - second[0]) / np.sqrt(0.05 ** 2 + first.std() ** 2 + second.std() ** 2)
    assert scan.separation.max() == pytest.approx(expected, rel=1e-6)


def test_fit_curves_are_relative_to_the_hour_after_50mg():
    from ldnmodels.analyses.ensembles import fit_curves
    curves = fit_curves(["two_phase"])["two_phase"]
    assert np.interp(1.0, curves.t_h, curves.relative_blockade) == pytest.approx(1.0)
    assert np.all(np.diff(curves.pet_window) > 0)   # more drug, more blockade
