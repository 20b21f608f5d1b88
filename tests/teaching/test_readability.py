"""Series that only hue tells apart are caught: greyscale prints, projectors and colour-blind viewers (issue 13)."""
import pytest
from matplotlib.figure import Figure

from ldnmodels import plotting, widgets
from ldnmodels.teaching.readability import MIN_LIGHTNESS_GAP, clashes, lightness

BLUE, VERMILION, GREY = plotting.COLORS["naltrexone"], plotting.COLORS["naltrexol"], plotting.COLORS["reference"]


def test_lightness_is_cie_l_star():
    assert lightness("black") == pytest.approx(0.0, abs=1e-9)
    assert lightness("white") == pytest.approx(100.0, abs=1e-6)
    assert lightness("#777777") == pytest.approx(50.0, abs=0.5)   # the sRGB grey of L* 50
    # the reason for the check: Okabe-Ito blue, vermilion and the reference grey are close in greyscale
    assert abs(lightness(BLUE) - lightness(VERMILION)) < MIN_LIGHTNESS_GAP
    assert abs(lightness(BLUE) - lightness(GREY)) < MIN_LIGHTNESS_GAP


@pytest.mark.parametrize("second, expected", [
    (dict(color=VERMILION), 1),                          # hue alone
    (dict(color=VERMILION, linestyle="--"), 0),          # a line style tells them apart
    (dict(color=VERMILION, marker="s"), 0),              # a marker does
    (dict(color=VERMILION, linewidth=4.0), 0),           # a much thicker line does
    (dict(color="black"), 0),                            # lightness does
    (dict(color=BLUE), 0),                               # the same colour is one series, not a clash
])
def test_clashes_are_pairs_told_apart_by_hue_alone(second, expected):
    figure = Figure()
    ax = figure.subplots()
    ax.plot([0, 1, 2], [0, 1, 2], color=BLUE, linewidth=1.5)
    ax.plot([0, 1, 2], [2, 1, 0], **{"linewidth": 1.5, **second})
    ax.plot([], [], color=VERMILION)            # an empty placeholder is not a series
    assert len(clashes(figure)) == expected


EXPLORERS = {"plasma": lambda: widgets.plasma_explorer(days=3), "blockade": lambda: widgets.blockade_explorer(days=3),
             "rebound": lambda: widgets.rebound_explorer(weeks=1), "tlr4": lambda: widgets.tlr4_explorer(weeks=2),
             "symptoms": lambda: widgets.symptoms_explorer(weeks=2), "titration": widgets.titration_explorer,
             "timing": widgets.timing_explorer, "adherence": widgets.adherence_explorer,
             "opioid": lambda: widgets.opioid_explorer(weeks=1), "liver": lambda: widgets.liver_explorer(days=3),
             "trial": lambda: widgets.trial_explorer(pool_size=300)}


@pytest.mark.parametrize("presentation", [False, True])
@pytest.mark.parametrize("name", list(EXPLORERS))
def test_no_explorer_figure_relies_on_hue_alone(name, presentation):
    plotting.use_presentation(presentation)
    try:
        assert clashes(EXPLORERS[name]().figure) == []
    finally:
        plotting.use_presentation(False)


def test_show_refuses_a_figure_that_relies_on_hue_alone_when_checking(monkeypatch):
    """The test suite sets LDN_CHECK_FIGURES=1, so nbval checks every figure the notebooks show."""
    figure = Figure()
    ax = figure.subplots()
    ax.plot([0, 1], [0, 1], color=BLUE)
    ax.plot([0, 1], [1, 0], color=VERMILION)
    monkeypatch.setenv("LDN_CHECK_FIGURES", "1")
    with pytest.raises(ValueError, match="only hue"):
        plotting.show(figure, "two lines")
    monkeypatch.setenv("LDN_CHECK_FIGURES", "0")
    plotting.show(figure, "two lines")  # outside the tests a figure is shown as it is


def test_custom_dash_patterns_count_as_different_styles():
    figure = Figure()
    ax = figure.subplots()
    ax.plot([0, 1], [0, 1], color=BLUE, linestyle="--")
    ax.plot([0, 1], [1, 0], color=VERMILION, linestyle=(0, (6, 1.5, 1, 1.5)))
    assert clashes(figure) == []
    ax.plot([0, 1], [0.5, 0.5], color=GREY, linestyle=(0, (6, 1.5, 1, 1.5)))
    assert len(clashes(figure)) == 1


def test_bar_series_told_apart_by_hue_alone_are_clashes_too():
    figure = Figure()
    ax = figure.subplots()
    ax.bar([0, 1], [1, 2], color=plotting.COLORS["occupancy"], label="significant")
    ax.bar([0, 1], [1, 1], bottom=[1, 2], color=GREY, label="not significant")    # green and grey: equally light
    assert len(clashes(figure)) == 1
    ax.containers[1].patches[0].set_hatch("//")
    for patch in ax.containers[1].patches:
        patch.set_hatch("//")
    assert clashes(figure) == []


def test_the_cli_s_replicate_histogram_does_not_rely_on_hue_alone():
    """Built by `ldnmodels trial --png`, outside any notebook (nbval does not see it)."""
    import numpy as np
    rng = np.random.default_rng(0)
    differences = rng.normal(-0.5, 0.5, 200)
    p_values = np.where(differences < -0.6, 0.01, 0.5)
    figure, _ = plotting.replicates_figure(differences, p_values)
    assert clashes(figure) == []
