"""Explorers of LDN in practice, driven without a kernel: set a control, check the plotted data followed."""
import numpy as np

from ldnmodels import Regimen, simulate
from ldnmodels.teaching.explorers_practice import (
    RECEPTOR_MODELS,
    adherence_explorer,
    liver_explorer,
    opioid_explorer,
    timing_explorer,
    titration_explorer,
)


def test_titration_explorer_follows_the_controls():
    explorer = titration_explorer(weeks=4)
    explorer.controls["start_mg"].value = 4.5
    explorer.controls["target_mg"].value = 4.5
    doses = explorer.artists["dose"]["your schedule"].get_ydata()
    assert set(np.unique(doses[:-1])) == {4.5}  # no titration at all
    explorer.controls["hold"].value = "vivid_dreams"
    assert "your schedule" in explorer.summary.value


def test_timing_explorer_clock_and_model():
    explorer = timing_explorer(days=7)
    explorer.controls["clock_h"].value = 9.0
    expected = simulate(Regimen.daily(4.5, days=7, clock_h=9.0), hours=168.0).mor_occupancy[-241:]
    np.testing.assert_allclose(explorer.artists["mor_occupancy"].get_ydata(), expected)
    assert "binding" in RECEPTOR_MODELS and "two_phase" in RECEPTOR_MODELS
    explorer.controls["model"].value = "binding"
    binding = simulate(Regimen.daily(4.5, days=7, clock_h=9.0), hours=168.0, receptor="binding").mor_occupancy[-241:]
    np.testing.assert_allclose(explorer.artists["mor_occupancy"].get_ydata(), binding)
    assert binding.min() > expected.min()  # slow binding holds more blockade at the trough
    assert "not trial results" in explorer.summary.value


def test_timing_explorer_compares_with_the_same_dose_at_21():
    """The grey 21:00 curve is the chosen dose taken at 21:00 (it once stayed at the first dose when the dose moved)."""
    explorer = timing_explorer(days=7)
    explorer.controls["dose_mg"].value = 50.0
    evening = simulate(Regimen.daily(50.0, days=7, clock_h=21.0), hours=168.0).mor_occupancy[-241:]
    np.testing.assert_allclose(explorer.artists["mor_occupancy_ref"].get_ydata(), evening)
    explorer.controls["night_start"].value = 20.0  # the night window changes the summary, not the 21:00 curve
    np.testing.assert_allclose(explorer.artists["mor_occupancy_ref"].get_ydata(), evening)


def test_adherence_opioid_and_liver_explorers():
    adherence = adherence_explorer(weeks=2)
    adherence.controls["missed"].value = 1.0
    assert not adherence.artists["mor_occupancy"].get_ydata().any()  # every dose missed: no blockade
    opioid = opioid_explorer(weeks=1)
    before = opioid.artists["agonist_occupancy"].get_ydata()[-1]
    opioid.controls["dose_mg"].value = 50.0
    assert opioid.artists["agonist_occupancy"].get_ydata()[-1] < before
    liver = liver_explorer(days=7)
    liver.controls["exposure"].value = 1.0
    np.testing.assert_allclose(liver.artists["naltrexone_ng_ml"].get_ydata(),
                               liver.artists["naltrexone_ng_ml_ref"].get_ydata())
