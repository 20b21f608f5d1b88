import numpy as np
import pytest

from ldnmodels import Regimen, data, ensemble
from ldnmodels.analyses.ensembles import fit_curves, scan_time_separation
from ldnmodels.model.structures import STRUCTURES
from ldnmodels.teaching.plotting_structures import (
    STRUCTURE_COLORS,
    band_figure,
    scan_time_figure,
    structure_fits_figure,
    update_band,
)


@pytest.fixture(scope="module")
def daily():
    return ensemble(Regimen.daily(4.5, days=10, clock_h=21.0), hours=240.0, n_draws=3)


def test_every_structure_has_a_colour():
    assert {cls.name for cls in STRUCTURES} <= set(STRUCTURE_COLORS)


def test_fits_figure_draws_each_structure_and_the_data():
    curves = fit_curves(["two_phase", "direct"])
    _, artists = structure_fits_figure(curves, *data.pet_occupancy(), *data.lee_decline())
    dose_line, decline_line = artists["two_phase"]
    np.testing.assert_array_equal(dose_line.get_ydata(), curves["two_phase"].pet_window)
    np.testing.assert_array_equal(decline_line.get_ydata(), curves["two_phase"].relative_blockade)
    assert curves["direct"].relative_blockade[int(1 / 0.5)] == pytest.approx(1.0)


def test_band_figure_holds_the_band_and_updates(daily):
    _, artists = band_figure(daily, days=3)
    low, high = daily.band("mor_occupancy")
    np.testing.assert_array_equal(artists["two_phase"].get_ydata(), daily.by_structure("mor_occupancy")["two_phase"])
    other = ensemble(Regimen.daily(1.5, days=10, clock_h=21.0), hours=240.0, n_draws=3)
    update_band(artists, other)
    np.testing.assert_array_equal(artists["binding"].get_ydata(), other.by_structure("mor_occupancy")["binding"])
    vertices = artists["band"].get_paths()[0].vertices
    assert vertices[:, 1].max() == pytest.approx(other.band("mor_occupancy")[1].max())
    assert artists["axes"].get_xlim() == pytest.approx((7.0, 10.0))
    assert high.max() > other.band("mor_occupancy")[1].max()


def test_scan_time_figure_marks_the_best_time(daily):
    scan = scan_time_separation(daily, 21.0)
    assert scan.hours_after_dose[0] == pytest.approx(0.0) and scan.hours_after_dose[-1] < 24.0
    assert scan.separation.max() == pytest.approx(scan.separation[np.argmax(scan.separation)])
    _, artists = scan_time_figure(scan, daily, 21.0)
    np.testing.assert_array_equal(artists["separation"].get_ydata(), scan.separation)
    assert artists["best"].get_xdata()[0] == pytest.approx(scan.best_hours_after_dose)


def test_scan_time_needs_two_structures():
    single = ensemble(Regimen.daily(4.5, days=3), hours=72.0, structures=["two_phase"], n_draws=2)
    with pytest.raises(ValueError, match="two structures"):
        scan_time_separation(single, 21.0)


def test_band_figure_reference_line_and_limits(daily):
    _, artists = band_figure(daily, output="pain_nrs", percent=False, reference=6.5, ylim=(5.0, 8.0))
    assert artists["reference"].get_ydata()[0] == pytest.approx(6.5)
    assert artists["axes"].get_ylim() == pytest.approx((5.0, 8.0))


def test_dose_response_figure_plots_benefit_as_minus_the_change():
    from ldnmodels.analyses.evidence import DoseResponse
    from ldnmodels.teaching.plotting_structures import dose_response_figure
    response = DoseResponse(np.array([1.5, 6.0]), np.array([-0.8, -0.2]), np.array([-1.5, -0.6]),
                            np.array([-0.5, 0.0]), np.array([0.4, 0.7]))
    _, artists = dose_response_figure({"two_phase": response}, 3.88, 5.40)
    np.testing.assert_allclose(artists["two_phase"].get_ydata(), [0.8, 0.2])
    assert artists["span"].get_x() == pytest.approx(3.88) and artists["span"].get_width() == pytest.approx(1.52)


def test_a_dose_response_that_falls_before_the_highest_dose_is_labelled_on_the_figure():
    """The label names the dose of largest benefit of each falling line; a rising line gets none."""
    from ldnmodels.analyses.evidence import DoseResponse
    from ldnmodels.teaching.plotting_structures import dose_response_figure

    def response(changes):
        doses = np.array([0.75, 3.0, 6.0])
        return DoseResponse(doses, np.array(changes), np.zeros(3), np.zeros(3), np.zeros(3))

    _, falling = dose_response_figure({"two_phase": response([-0.5, -0.7, -0.6]),
                                       "binding": response([-0.5, -0.3, -0.1])}, 3.88, 5.40)
    text = falling["unseen"].get_text()
    assert "3 mg (two_phase)" in text and "0.75 mg (binding)" in text
    _, rising = dose_response_figure({"two_phase": response([-0.1, -0.4, -0.7])}, 3.88, 5.40)
    assert "unseen" not in rising


def test_the_band_figure_labels_a_rise_above_the_reference_no_study_saw(daily):
    pain = daily.by_structure("pain_nrs")
    highest = max(float(curve.max()) for curve in pain.values())
    _, above = band_figure(daily, output="pain_nrs", percent=False, reference=highest - 0.01,
                           unseen_above="above untreated")
    assert above["unseen"].xy[1] == pytest.approx(highest) and above["unseen"].get_text() == "above untreated"
    _, below = band_figure(daily, output="pain_nrs", percent=False, reference=highest + 0.01,
                           unseen_above="above untreated")
    assert "unseen" not in below


def test_the_band_legend_calls_the_envelope_what_it_is(daily):
    _, artists = band_figure(daily)
    members = sum(np.atleast_2d(run.mor_occupancy).shape[0] for run in daily.members.values())
    assert artists["band"].get_label().startswith(f"envelope of {members} fits")
    assert "not an interval" in artists["band"].get_label()


def test_the_dose_response_figure_draws_a_hypothesis_posterior_as_benefit_up_to_the_highest_dose():
    from ldnmodels.analyses.evidence import DoseResponse
    from ldnmodels.teaching.plotting_structures import dose_response_figure

    response = DoseResponse(np.array([1.5, 6.0]), np.array([-0.5, -0.4]), np.zeros(2), np.zeros(2), np.zeros(2))
    posterior = {"microglia_required": {1.5: (-0.7, -0.4, -0.1), 6.0: (-1.1, -0.8, -0.2), 9.0: (-1.3, -0.9, -0.3)}}
    _, artists = dose_response_figure({"two_phase": response}, 3.88, 5.40, posterior=posterior)
    band = artists["posterior microglia_required"].get_paths()[0].vertices
    assert band[:, 0].max() == pytest.approx(6.0)                       # 9 mg lies beyond the figure's doses
    assert band[:, 1].max() == pytest.approx(1.1) and band[:, 1].min() == pytest.approx(0.1)   # benefit = -change
