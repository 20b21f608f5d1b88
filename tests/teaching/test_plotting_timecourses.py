"""Time courses of one simulation: plasma, blockade, the summary and stacked panels, built once and updated."""
import numpy as np
import pytest

from ldnmodels.teaching import plotting_style, plotting_timecourses


def test_plasma_figure_hides_a_missing_reference_and_follows_updates(runs):
    short, long = runs
    _, artists = plotting_timecourses.plasma_figure(short)
    assert not artists["naltrexone_ref"].get_visible()
    plotting_timecourses.update_plasma(artists, long, short)
    np.testing.assert_array_equal(artists["naltrexone"].get_ydata(), long.naltrexone_ng_ml)
    assert artists["naltrexol_ref"].get_visible()
    assert artists["axes"][0].get_xlim()[1] == pytest.approx(4.0)
    plotting_style.set_legend_label(artists, "naltrexone", "50 mg")
    assert "50 mg" in [text.get_text() for text in artists["axes"][0].get_legend().get_texts()]


def test_blockade_figure_moves_its_level_and_band(runs):
    short, long = runs
    _, artists = plotting_timecourses.blockade_figure(short, 0.5, band=(short.mor_occupancy * 0.9,
                                                                        short.mor_occupancy))
    assert artists["band"].get_visible() and not artists["reference"].get_visible()
    plotting_timecourses.update_blockade(artists, long, 0.7, short, None)
    assert list(artists["level"].get_ydata()) == [0.7, 0.7]
    assert not artists["band"].get_visible() and artists["reference"].get_visible()
    assert artists["axes"][0].yaxis.get_major_formatter() is plotting_style.PERCENT_AXIS


def test_panels_figure_draws_daily_means_and_renames_the_chosen_run(runs):
    short, long = runs
    _, artists = plotting_timecourses.panels_figure(short, ["mor_occupancy", "opioid_signaling"], long)
    assert artists["opioid_signaling_daily_ref"].get_visible()
    plotting_timecourses.update_panels(artists, long, None)
    assert not artists["opioid_signaling_daily_ref"].get_visible()
    assert artists["opioid_signaling_daily"].get_xdata()[-1] == pytest.approx(4.0)
    plotting_timecourses.set_panels_label(artists, "50 mg daily")
    texts = [text.get_text() for text in artists["axes"][0].figure.legends[0].get_texts()]
    assert "50 mg daily" in texts and "50 mg daily, daily mean" in texts


def test_summary_figure_has_plasma_and_blockade(runs):
    figure, artists = plotting_timecourses.summary_figure(runs[0])
    assert len(artists["axes"]) == 3 and "not medical advice" in figure.get_suptitle()
