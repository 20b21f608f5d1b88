"""The trial explorer's figure: built once, its artists pointed at one trial and at replicate trials."""
import numpy as np
import pytest

from ldnmodels.analyses.trial_statistics import Estimate
from ldnmodels.teaching.plotting_trials import histogram_ylim_top, trial_figure, update_trial_figure


def estimate(difference, ci_low, ci_high, p_value):
    return Estimate(difference=difference, ci_low=ci_low, ci_high=ci_high, p_value=p_value, df=40.0)


def stacked_heights(artists):
    return [(low.get_height(), high.get_y(), high.get_height())
            for low, high in zip(artists["significant_bars"], artists["other_bars"], strict=True)]


def test_one_trial_is_drawn_with_its_interval_and_p_value():
    figure, artists = trial_figure()
    update_trial_figure(artists, estimate(-1.0, -1.8, -0.2, 0.012), 7, np.array([]), np.array([], dtype=bool), 0)
    markers = [line for line in figure.axes[0].get_lines() if line.get_marker() == "o"]
    assert len(markers) == 1 and tuple(markers[0].get_xydata()[0]) == (-1.0, 0.0)
    assert artists["trial_text"].get_text() == "seed 7: p = 0.012"
    update_trial_figure(artists, estimate(0.5, -0.3, 1.3, 0.2), 8, np.array([]), np.array([], dtype=bool), 0)
    markers = [line for line in figure.axes[0].get_lines() if line.get_marker() == "o"]
    assert len(markers) == 1 and markers[0].get_xdata()[0] == 0.5  # the previous trial's point is gone


def test_a_trial_that_cannot_be_analysed_is_said_not_drawn():
    figure, artists = trial_figure()
    update_trial_figure(artists, estimate(-1.0, -1.8, -0.2, 0.012), 7, np.array([]), np.array([], dtype=bool), 0)
    update_trial_figure(artists, None, 3, np.array([]), np.array([], dtype=bool), 0)
    assert not [line for line in figure.axes[0].get_lines() if line.get_marker() == "o"]
    assert artists["trial_text"].get_text().startswith("seed 3: cannot be analysed")
    assert artists["power_text"].get_text() == "no replicate trials"


def test_replicates_are_stacked_by_significance_in_bins_of_a_fifth_of_a_point():
    _figure, artists = trial_figure(n_replicates=10)
    differences = np.array([-1.1, -1.15, -1.1, 0.3, 0.35, -1.05, 5.0, -2.99, 0.31, -0.1])
    significant = np.array([True, True, False, False, False, True, False, True, False, False])
    update_trial_figure(artists, None, 0, differences, significant, not_analysable=0)
    heights = stacked_heights(artists)
    # bins of 0.2 points from -3: [-1.2, -1.0) is bin 9, [0.2, 0.4) bin 16, [-3.0, -2.8) bin 0, [-0.2, 0) bin 14
    assert heights[9] == (3, 3, 1)
    assert heights[16] == (0, 0, 3)
    assert heights[0] == (1, 1, 0)
    assert heights[14] == (0, 0, 1)
    assert sum(low + high for low, _y, high in heights) == 9  # 5.0 points is off the axis
    assert artists["power_text"].get_text() == "power 40%"


def test_not_analysable_replicates_count_as_not_significant_in_the_power():
    _figure, artists = trial_figure()
    differences = np.full(80, -1.0)
    significant = np.arange(80) < 40
    update_trial_figure(artists, None, 0, differences, significant, not_analysable=20)
    assert artists["power_text"].get_text() == "power 40%, 20 not analysable"


def test_the_histogram_limit_rises_at_once_but_falls_only_when_half_empty():
    assert histogram_ylim_top(20.0, 5) == 20.0            # the smallest limit
    assert histogram_ylim_top(20.0, 19) == 20.0
    assert histogram_ylim_top(20.0, 20) == 30.0           # a bar touching the limit raises it
    assert histogram_ylim_top(30.0, 19) == 30.0           # back and forth across a step: no flip
    assert histogram_ylim_top(30.0, 20) == 30.0
    assert histogram_ylim_top(60.0, 12) == 20.0           # bars under half the limit: it falls
    for top, tallest in ((20.0, 0), (20.0, 37), (50.0, 49), (90.0, 44)):
        assert histogram_ylim_top(top, tallest) > tallest


def test_the_histogram_limit_follows_the_replicates():
    figure, artists = trial_figure()
    update_trial_figure(artists, None, 0, np.full(45, 0.1), np.zeros(45, dtype=bool), 0)
    assert figure.axes[1].get_ylim()[1] == pytest.approx(50.0)
