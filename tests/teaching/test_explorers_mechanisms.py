"""Explorers of the mechanisms, driven without a kernel: set a control, check the plotted data followed."""
import numpy as np

from ldnmodels import Regimen, simulate
from ldnmodels.teaching.explorers_mechanisms import BLOCKADE_CHOICES, rebound_explorer, symptoms_explorer, tlr4_explorer


def test_rebound_explorer_gains_change_the_plotted_signal():
    from ldnmodels import ReboundParameters

    explorer = rebound_explorer(dose_mg=4.5, weeks=2)
    explorer.controls["release_gain"].value = 3.0
    expected = simulate(Regimen.daily(4.5, days=14), hours=336.0, step_h=0.25,
                        rebound=ReboundParameters(release_gain=3.0)).opioid_signaling
    np.testing.assert_allclose(explorer.artists["opioid_signaling"].get_ydata(), expected)
    explorer.controls["receptor"].value = "biophase"
    expected = simulate(Regimen.daily(4.5, days=14), hours=336.0, step_h=0.25, receptor="biophase",
                        rebound=ReboundParameters(release_gain=3.0)).opioid_signaling
    np.testing.assert_allclose(explorer.artists["opioid_signaling"].get_ydata(), expected)
    assert "net signalling, last week" in explorer.summary.value


def test_tlr4_explorer_what_if_potency():
    explorer = tlr4_explorer(weeks=4)
    assert explorer.artists["sensitization"].get_ydata().min() < 0.95   # calibrated default: sensitisation falls
    assert "calibrated to the trials" in explorer.summary.value
    explorer.controls["ic50_um"].value = 100.0
    assert explorer.artists["sensitization"].get_ydata().min() > 0.9999  # measured potency: nothing happens
    assert "measured TLR4 potency" in explorer.summary.value


def test_symptoms_explorer_switches_and_theory_blockade():
    explorer = symptoms_explorer()
    model_blockade = explorer.artists["mor_occupancy"].get_ydata().copy()
    explorer.controls["blockade"].value = BLOCKADE_CHOICES[1]
    theory = explorer.artists["mor_occupancy"].get_ydata()
    assert set(np.unique(theory)) == {0.0, 1.0} and not np.array_equal(theory, model_blockade)
    explorer.controls["rebound_on"].value = False
    explorer.controls["tlr4_on"].value = False
    np.testing.assert_allclose(explorer.artists["pain_nrs"].get_ydata(), 6.5)
    assert "not within 12 weeks" in explorer.summary.value
