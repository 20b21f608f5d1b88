"""The plotting namespace and its modules: re-exports, the presentation state, and what the builders draw."""
import ast
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from ldnmodels import Regimen, simulate
from ldnmodels.analyses.side_effects import side_effects
from ldnmodels.teaching import (plotting, plotting_evidence, plotting_regimens, plotting_style,
                                plotting_timecourses)

TEACHING = Path(plotting.__file__).parent
MODULES = (plotting_style, plotting_timecourses, plotting_regimens, plotting_evidence)


@pytest.fixture(scope="module")
def runs():
    """Two short runs of different lengths: 4.5 mg daily for 3 days and 50 mg daily for 4 days."""
    return simulate(Regimen.daily(4.5, days=3), 72.0), simulate(Regimen.daily(50.0, days=4), 96.0)


@pytest.fixture
def presentation():
    """Restore the presentation mode a test changes."""
    was = plotting.presentation_on()
    yield
    plotting.use_presentation(was)


def test_the_namespace_re_exports_each_name_of_its_modules_without_copying():
    defined = [name for module in MODULES for name in module.__all__]
    assert sorted(plotting.__all__) == sorted(defined)
    assert len(set(defined)) == len(defined), "a name defined in two plotting modules"
    for module in MODULES:
        for name in module.__all__:
            assert getattr(plotting, name) is getattr(module, name), name


def test_the_names_callers_use_are_still_there():
    used = {"STYLE", "PRESENTATION_STYLE", "COLORS", "PANELS", "style", "use_presentation", "presentation_on",
            "figure_png", "show", "set_legend_label", "set_panels_label", "reference_linewidth", "text_size",
            "plasma_figure", "update_plasma", "blockade_figure", "update_blockade", "summary_figure",
            "panels_figure", "update_panels", "concentration_gap_figure", "signaling_versus_blockade_figure",
            "schedules_figure", "update_schedules", "day_profile_figure", "update_day_profile",
            "population_bands_figure", "power_figure", "evidence_figure", "replicates_figure"}
    assert used <= set(plotting.__all__)
    assert not {"dose_occupancy_figure", "update_dose_occupancy", "direct_model_figure"} & set(dir(plotting))


def _plotting_sources():
    return sorted(TEACHING.glob("plotting*.py"))


@pytest.mark.parametrize("path", _plotting_sources(), ids=lambda p: p.name)
def test_plotting_modules_are_short_and_import_no_private_names(path):
    source = path.read_text()
    assert len(source.splitlines()) <= 400
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            assert not [alias.name for alias in node.names if alias.name.startswith("_")], (path.name, node.module)


def test_presentation_mode_lives_in_the_style_module_and_scales_lines_and_text(presentation):
    plotting.use_presentation(False)
    assert not plotting_style.presentation_on()
    assert plotting.reference_linewidth(1.2) == pytest.approx(1.2) and plotting.text_size(10) == pytest.approx(10)
    with plotting.style():
        paper = Figure().dpi, _font_size()
    plotting.use_presentation(True)
    assert plotting_style.presentation_on() and plotting.presentation_on()
    assert plotting.reference_linewidth(1.2) == pytest.approx(3.0) and plotting.text_size(10) == pytest.approx(15)
    with plotting.style():
        projector = Figure().dpi, _font_size()
    assert projector != paper


def _font_size():
    import matplotlib
    return matplotlib.rcParams["font.size"]


def test_percent_axis_writes_fractions_as_percentages():
    assert plotting.PERCENT_AXIS(0.5, 0) == "50 %"
    assert plotting.PERCENT_AXIS(1.0, 3) == "100 %"


def test_series_looks_differ_in_style_not_only_in_colour():
    assert len(plotting.SERIES_COLORS) == len(plotting.SERIES_LINESTYLES) == len(plotting.SERIES_MARKERS) == 5
    assert len(set(map(str, plotting.SERIES_LINESTYLES))) == 5 and len(set(plotting.SERIES_MARKERS)) == 5


def test_figure_png_renders_at_the_asked_resolution():
    figure = Figure(figsize=(2, 1))
    figure.subplots().plot([0, 1], [0, 1])
    small, large = plotting.figure_png(figure, dpi=20), plotting.figure_png(figure, dpi=80)
    assert small.startswith(b"\x89PNG") and large.startswith(b"\x89PNG") and len(large) > len(small)


def test_plasma_figure_hides_a_missing_reference_and_follows_updates(runs):
    short, long = runs
    _, artists = plotting.plasma_figure(short)
    assert not artists["naltrexone_ref"].get_visible()
    plotting.update_plasma(artists, long, short)
    np.testing.assert_array_equal(artists["naltrexone"].get_ydata(), long.naltrexone_ng_ml)
    assert artists["naltrexol_ref"].get_visible()
    assert artists["axes"][0].get_xlim()[1] == pytest.approx(4.0)
    plotting.set_legend_label(artists, "naltrexone", "50 mg")
    assert "50 mg" in [text.get_text() for text in artists["axes"][0].get_legend().get_texts()]


def test_blockade_figure_moves_its_level_and_band(runs):
    short, long = runs
    _, artists = plotting.blockade_figure(short, 0.5, band=(short.mor_occupancy * 0.9, short.mor_occupancy))
    assert artists["band"].get_visible() and not artists["reference"].get_visible()
    plotting.update_blockade(artists, long, 0.7, short, None)
    assert list(artists["level"].get_ydata()) == [0.7, 0.7]
    assert not artists["band"].get_visible() and artists["reference"].get_visible()
    assert artists["axes"][0].yaxis.get_major_formatter() is plotting.PERCENT_AXIS


def test_panels_figure_draws_daily_means_and_renames_the_chosen_run(runs):
    short, long = runs
    _, artists = plotting.panels_figure(short, ["mor_occupancy", "opioid_signaling"], long)
    assert artists["opioid_signaling_daily_ref"].get_visible()
    plotting.update_panels(artists, long, None)
    assert not artists["opioid_signaling_daily_ref"].get_visible()
    assert artists["opioid_signaling_daily"].get_xdata()[-1] == pytest.approx(4.0)
    plotting.set_panels_label(artists, "50 mg daily")
    texts = [text.get_text() for text in artists["axes"][0].figure.legends[0].get_texts()]
    assert "50 mg daily" in texts and "50 mg daily, daily mean" in texts


def test_summary_figure_has_plasma_and_blockade(runs):
    figure, artists = plotting.summary_figure(runs[0])
    assert len(artists["axes"]) == 3 and "not medical advice" in figure.get_suptitle()


def test_schedules_figure_sums_the_doses_of_each_day(runs):
    short, long = runs
    _, artists = plotting.schedules_figure({"a": (short, side_effects(short)), "b": (long, side_effects(long))})
    np.testing.assert_allclose(artists["dose"]["b"].get_ydata()[:4], [50.0] * 4)
    assert artists["axes"][0].get_xlim() == pytest.approx((0.0, 4.0))


def test_day_profile_shades_a_night_across_midnight_in_two_pieces(runs):
    short, long = runs
    _, artists = plotting.day_profile_figure(long, short, (22.0, 7.0))
    assert len(artists["night"]) == 2 * 3
    plotting.update_day_profile(artists, long, None, (1.0, 8.0))
    assert len(artists["night"]) == 3 and not artists["mor_occupancy_ref"].get_visible()
    hours = artists["mor_occupancy"].get_xdata()
    assert hours[0] == pytest.approx(0.0) and hours[-1] == pytest.approx(24.0)


def test_trial_figures_draw_one_series_per_group():
    rng = np.random.default_rng(0)
    days = np.arange(28.0)
    _, bands = plotting.population_bands_figure(days, {"LDN": rng.normal(5, 1, (20, 28)),
                                                       "placebo": rng.normal(6, 1, (20, 28))}, baseline=6.5)
    assert set(bands["median"]) == {"LDN", "placebo"}
    _, power = plotting.power_figure([10, 20], {"a": [0.2, 0.4], "b": [0.3, 0.6]})
    np.testing.assert_allclose(power["b"].get_ydata(), [0.3, 0.6])


def test_replicate_histogram_greys_the_non_significant_trials():
    from matplotlib.colors import to_rgba
    differences = np.array([-1.0, -0.8, 0.2, 0.5])
    _, artists = plotting.replicates_figure(differences, np.array([0.01, 0.02, 0.6, 0.9]))
    significant, other = artists["axes"][0].containers
    assert other.patches[0].get_facecolor() == to_rgba(plotting.NOT_SIGNIFICANT_COLOR)
    assert sum(patch.get_height() for patch in significant.patches) == 2


def test_evidence_figure_lists_simulated_trials_not_reported_on_a_scale():
    from ldnmodels.analyses.evidence import published_trials
    rows = published_trials()
    key = sorted({row["key"] for row in rows})[0]
    _, artists = plotting.evidence_figure(rows, {key: {"percent": np.zeros(20), "smd": np.zeros(20)}})
    labels = [[tick.get_text() for tick in ax.get_yticklabels()] for ax in artists["axes"]]
    assert all(len(panel) >= 1 for panel in labels)
