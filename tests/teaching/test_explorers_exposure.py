"""Explorers of exposure, driven without a kernel: set a control, check the plotted data followed."""
import numpy as np
import pytest

from ldnmodels import Regimen, simulate
from ldnmodels.model.regimen import MAX_DOSE_MG
from ldnmodels.teaching.explorer import CLINICAL_DOSES_MG, DOSE_RANGE_MG, structure_options
from ldnmodels.teaching.explorers_exposure import (
    REGIMEN_CHOICES,
    blockade_explorer,
    plasma_explorer,
    regimen_from_choice,
)


@pytest.fixture
def plasma():
    return plasma_explorer(dose_mg=4.5, days=7)


def test_dose_slider_scales_plotted_plasma(plasma):
    before = plasma.artists["naltrexone"].get_ydata().copy()
    image_before = plasma.image.value
    plasma.controls["dose_mg"].value = 1.5
    after = plasma.artists["naltrexone"].get_ydata()
    np.testing.assert_allclose(after, before / 3.0, rtol=1e-9, atol=1e-15)
    assert plasma.image.value != image_before


def test_plotted_data_is_the_simulation(plasma):
    plasma.controls["clock_h"].value = 8.0
    expected = simulate(Regimen.daily(4.5, days=7, clock_h=8.0), hours=168.0, step_h=0.1)
    np.testing.assert_array_equal(plasma.artists["naltrexol"].get_ydata(), expected.naltrexol_ng_ml)
    np.testing.assert_array_equal(plasma.artists["naltrexone"].get_xdata(), expected.t_h / 24)
    reference = simulate(Regimen.daily(50.0, days=7, clock_h=8.0), hours=168.0, step_h=0.1)
    np.testing.assert_array_equal(plasma.artists["naltrexone_ref"].get_ydata(), reference.naltrexone_ng_ml)


def test_days_and_regimen_controls(plasma):
    plasma.controls["days"].value = 14
    assert plasma.artists["naltrexone"].get_xdata()[-1] == pytest.approx(14.0)
    assert plasma.artists["axes"][0].get_xlim()[1] == pytest.approx(14.0)
    plasma.controls["regimen"].value = "single"
    peaks = plasma.artists["naltrexone"].get_ydata() > 0.5 * plasma.artists["naltrexone"].get_ydata().max()
    assert np.count_nonzero(np.diff(peaks.astype(int)) == 1) == 1  # one dose, one peak


def test_callbacks_print_nothing(capsys, plasma):
    plasma.controls["dose_mg"].value = 25.0
    plasma.controls["regimen"].value = REGIMEN_CHOICES[2]
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_blockade_explorer_level_and_summary():
    explorer = blockade_explorer(dose_mg=4.5, days=7, level=0.5)
    assert explorer.artists["level"].get_ydata()[0] == pytest.approx(0.5)
    explorer.controls["level"].value = 0.9
    assert explorer.artists["level"].get_ydata()[0] == pytest.approx(0.9)
    assert "hours per day above 90%" in explorer.summary.value
    explorer.controls["dose_mg"].value = 50.0
    expected = simulate(Regimen.daily(50.0, days=7), hours=168.0).mor_occupancy
    np.testing.assert_array_equal(explorer.artists["occupancy"].get_ydata(), expected)


def test_blockade_explorer_structure_selector_and_band():
    from ldnmodels import ensemble, receptor_structures

    explorer = blockade_explorer(dose_mg=4.5, days=7)
    assert {value for _, value in structure_options()} == set(receptor_structures())
    explorer.controls["receptor"].value = "binding"
    regimen = Regimen.daily(4.5, days=7)
    np.testing.assert_array_equal(explorer.artists["occupancy"].get_ydata(),
                                  simulate(regimen, hours=168.0, receptor="binding").mor_occupancy)
    low, high = ensemble(regimen, hours=168.0, n_draws=4).band("mor_occupancy")
    path = explorer.artists["band"].get_paths()[0].vertices
    assert path[:, 1].min() == pytest.approx(low.min()) and path[:, 1].max() == pytest.approx(high.max())
    assert "band of the structures that fit" in explorer.summary.value
    assert "(binding)" in explorer.summary.value


def test_a_custom_parameter_set_is_offered_in_the_selector():
    from ldnmodels import ReceptorParameters

    mine = ReceptorParameters(ke0_per_h=1.0)
    explorer = blockade_explorer(receptor=mine, days=3)
    np.testing.assert_array_equal(explorer.artists["occupancy"].get_ydata(),
                                  simulate(Regimen.daily(4.5, days=3), hours=72.0, receptor=mine).mor_occupancy)


def test_sliders_cannot_reach_values_the_model_refuses():
    explorer = blockade_explorer()
    dose = explorer.controls["dose_mg"]
    offered = [value for _label, value in dose.options]
    assert 0 < min(offered) and max(offered) <= MAX_DOSE_MG
    assert (min(offered), max(offered)) == DOSE_RANGE_MG
    clock_hours = [value for _label, value in explorer.controls["clock_h"].options]
    assert min(clock_hours) >= 0 and max(clock_hours) < 24
    assert explorer.controls["clock_h"].label == "21:00"  # shown as a clock time
    assert explorer.controls["days"].min >= 1
    for choice in REGIMEN_CHOICES:  # every corner of every control simulates without error
        for dose_mg in DOSE_RANGE_MG:
            regimen = regimen_from_choice(choice, dose_mg, explorer.controls["days"].max, max(clock_hours))
            simulate(regimen, hours=24.0 * explorer.controls["days"].max)


def test_unknown_choice_is_refused():
    with pytest.raises(ValueError, match="choice"):
        regimen_from_choice("weekly", 4.5, 7, 21.0)


def test_dose_sliders_land_on_clinical_doses_exactly():
    explorer = plasma_explorer(dose_mg=4.5, days=2)
    dose = explorer.controls["dose_mg"]
    assert dose.value == 4.5 and dose.label == "4.5"  # not 4.46, as a log slider's step made it
    assert [value for _label, value in dose.options] == list(CLINICAL_DOSES_MG)
    assert {0.5, 1.5, 3.0, 4.5, 6.0, 12.5, 25.0, 50.0, 100.0} <= set(CLINICAL_DOSES_MG)
    assert np.all(np.diff(CLINICAL_DOSES_MG) > 0)
    with pytest.raises(ValueError, match="dose_mg must be one of the clinical doses"):
        plasma_explorer(dose_mg=4.46)
