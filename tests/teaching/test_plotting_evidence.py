"""Virtual patients and trials: groups of patients, power curves, replicate trials and published evidence."""
import numpy as np
from matplotlib.colors import to_rgba

from ldnmodels.analyses.evidence import published_trials
from ldnmodels.teaching import plotting_evidence, plotting_style


def test_trial_figures_draw_one_series_per_group():
    rng = np.random.default_rng(0)
    days = np.arange(28.0)
    _, bands = plotting_evidence.population_bands_figure(days, {"LDN": rng.normal(5, 1, (20, 28)),
                                                                "placebo": rng.normal(6, 1, (20, 28))}, baseline=6.5)
    assert set(bands["median"]) == {"LDN", "placebo"}
    _, power = plotting_evidence.power_figure([10, 20], {"a": [0.2, 0.4], "b": [0.3, 0.6]})
    np.testing.assert_allclose(power["b"].get_ydata(), [0.3, 0.6])


def test_replicate_histogram_greys_the_non_significant_trials():
    differences = np.array([-1.0, -0.8, 0.2, 0.5])
    _, artists = plotting_evidence.replicates_figure(differences, np.array([0.01, 0.02, 0.6, 0.9]))
    significant, other = artists["axes"][0].containers
    assert other.patches[0].get_facecolor() == to_rgba(plotting_style.NOT_SIGNIFICANT_COLOR)
    assert sum(patch.get_height() for patch in significant.patches) == 2


def test_evidence_figure_lists_simulated_trials_not_reported_on_a_scale():
    rows = published_trials()
    key = sorted({row["key"] for row in rows})[0]
    _, artists = plotting_evidence.evidence_figure(rows, {key: {"percent": np.zeros(20), "smd": np.zeros(20)}})
    labels = [[tick.get_text() for tick in ax.get_yticklabels()] for ax in artists["axes"]]
    assert all(len(panel) >= 1 for panel in labels)


def test_the_forest_plot_marks_fitted_agreement_and_labels_a_miss_on_the_figure():
    rows = [row for row in published_trials() if row["key"] in ("younger_2009", "younger_2013")]
    near = {row["key"]: {"percent": row["effect"] + np.linspace(-3, 3, 50), "smd": np.zeros(50)} for row in rows}
    near["younger_2009"]["percent"] = near["younger_2009"]["percent"] + 20.0     # far from the published -30.2
    _, artists = plotting_evidence.evidence_figure(rows, near, fitted={"younger_2009", "younger_2013"})
    percent_axis = artists["axes"][0]
    labels = [tick.get_text() for tick in percent_axis.get_yticklabels()]
    assert labels[1].endswith("(fitted: inside by construction)") and "by construction" not in labels[0]
    misses = [t for t in percent_axis.texts if t.get_text() == "outside its simulated range"]
    assert len(misses) == 1 and misses[0].xy[0] == -30.2
    _, unfitted = plotting_evidence.evidence_figure(rows, near)
    assert not any("by construction" in tick.get_text() for tick in unfitted["axes"][0].get_yticklabels())
