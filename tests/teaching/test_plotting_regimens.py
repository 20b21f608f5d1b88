"""Regimens compared: schedules, the day against the clock, hours of blockade and the concentration gap."""
import numpy as np
import pytest

from ldnmodels.analyses.side_effects import side_effects
from ldnmodels.teaching import plotting_regimens


def test_schedules_figure_sums_the_doses_of_each_day(runs):
    short, long = runs
    _, artists = plotting_regimens.schedules_figure({"a": (short, side_effects(short)),
                                                     "b": (long, side_effects(long))})
    np.testing.assert_allclose(artists["dose"]["b"].get_ydata()[:4], [50.0] * 4)
    assert artists["axes"][0].get_xlim() == pytest.approx((0.0, 4.0))


def test_day_profile_shades_a_night_across_midnight_in_two_pieces(runs):
    short, long = runs
    _, artists = plotting_regimens.day_profile_figure(long, short, (22.0, 7.0))
    assert len(artists["night"]) == 2 * 3
    plotting_regimens.update_day_profile(artists, long, None, (1.0, 8.0))
    assert len(artists["night"]) == 3 and not artists["mor_occupancy_ref"].get_visible()
    hours = artists["mor_occupancy"].get_xdata()
    assert hours[0] == pytest.approx(0.0) and hours[-1] == pytest.approx(24.0)


def test_signaling_versus_blockade_labels_each_dose_beside_the_theory_s_curve():
    hours = np.arange(0.0, 25.0, 4.0)
    _, artists = plotting_regimens.signaling_versus_blockade_figure(
        np.array([2.0, 6.0]), np.array([1.1, 0.9]), ["1.5 mg", "4.5 mg"], hours, 1.0 + hours / 24.0)
    ax = artists["axes"][0]
    assert [text.get_text() for text in ax.texts] == ["1.5 mg", "4.5 mg"]
    np.testing.assert_allclose(artists["doses"].get_offsets(), [[2.0, 1.1], [6.0, 0.9]])
    assert ax.get_ylim()[1] == pytest.approx(2.2)  # 10 % above the curve's top (2)
    _, low = plotting_regimens.signaling_versus_blockade_figure(np.array([2.0]), np.array([1.1]), ["1.5 mg"], hours,
                                                                1.0 + 0.3 * hours / 24.0)
    assert low["axes"][0].get_ylim()[1] == pytest.approx(1.6)  # never lower: untreated (1) stays well inside


def test_concentration_gap_names_the_ratio_and_draws_a_what_if_potency_only_when_asked():
    _, plain = plotting_regimens.concentration_gap_figure(0.01, 0.1, 100.0)
    assert "what_if" not in plain and "× 10,000" in [text.get_text() for text in plain["axes"][0].texts]
    _, what_if = plotting_regimens.concentration_gap_figure(0.01, 0.1, 100.0, what_if_ic50_um=0.5)
    assert list(what_if["what_if"].get_xdata()) == [0.5, 0.5]
