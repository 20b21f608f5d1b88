"""Explorers driven without a kernel: set a control, check the plotted data followed."""
import numpy as np
import pytest

from ldnmodels import Regimen, simulate
from ldnmodels.model.regimen import MAX_DOSE_MG
from ldnmodels.teaching.widgets import DOSE_RANGE_MG, REGIMEN_CHOICES, blockade_explorer, plasma_explorer, regimen_from_choice


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
    from ldnmodels.teaching.widgets import structure_options

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


def test_rebound_explorer_gains_change_the_plotted_signal():
    from ldnmodels import ReboundParameters
    from ldnmodels.teaching.widgets import rebound_explorer

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
    from ldnmodels.teaching.widgets import tlr4_explorer

    explorer = tlr4_explorer(weeks=4)
    assert explorer.artists["sensitization"].get_ydata().min() < 0.95   # calibrated default: sensitisation falls
    assert "calibrated to the trials" in explorer.summary.value
    explorer.controls["ic50_um"].value = 100.0
    assert explorer.artists["sensitization"].get_ydata().min() > 0.9999  # measured potency: nothing happens
    assert "measured TLR4 potency" in explorer.summary.value


def test_symptoms_explorer_switches_and_theory_blockade():
    from ldnmodels.teaching.widgets import BLOCKADE_CHOICES, symptoms_explorer

    explorer = symptoms_explorer()
    model_blockade = explorer.artists["mor_occupancy"].get_ydata().copy()
    explorer.controls["blockade"].value = BLOCKADE_CHOICES[1]
    theory = explorer.artists["mor_occupancy"].get_ydata()
    assert set(np.unique(theory)) == {0.0, 1.0} and not np.array_equal(theory, model_blockade)
    explorer.controls["rebound_on"].value = False
    explorer.controls["tlr4_on"].value = False
    np.testing.assert_allclose(explorer.artists["pain_nrs"].get_ydata(), 6.5)
    assert "not within 12 weeks" in explorer.summary.value


def test_titration_explorer_follows_the_controls():
    from ldnmodels.teaching.widgets import titration_explorer

    explorer = titration_explorer(weeks=4)
    explorer.controls["start_mg"].value = 4.5
    explorer.controls["target_mg"].value = 4.5
    doses = explorer.artists["dose"]["your schedule"].get_ydata()
    assert set(np.unique(doses[:-1])) == {4.5}  # no titration at all
    explorer.controls["hold"].value = "vivid_dreams"
    assert "your schedule" in explorer.summary.value


def test_timing_explorer_clock_and_model():
    from ldnmodels.teaching.widgets import RECEPTOR_MODELS, timing_explorer

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


def test_adherence_opioid_and_liver_explorers():
    from ldnmodels.teaching.widgets import adherence_explorer, liver_explorer, opioid_explorer

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


def test_trial_explorer_immediate_controls():
    from ldnmodels.teaching.widgets import trial_explorer

    explorer = trial_explorer(pool_size=600)
    explorer.controls["n_per_arm"].value = 100
    assert "n per arm 100" in explorer.summary.value
    explorer.controls["enrichment"].value = 0.8  # the pool cannot supply 200 patients: n shrinks, no error
    assert "n per arm" in explorer.summary.value
    assert not explorer.controls["n_per_arm"].continuous_update is False
    assert explorer.controls["dose_mg"].continuous_update is False


def test_trial_explorer_starts_on_final_s_design():
    """One "FINAL-size trial" in the kit: the explorer's defaults are the FINAL counterpart's design."""
    from ldnmodels.analyses.evidence import simulated_counterparts
    from ldnmodels.teaching.widgets import trial_explorer

    final = simulated_counterparts()["bruun_2024"]
    controls = trial_explorer(pool_size=600).controls
    assert controls["design"].value == final.design and controls["n_per_arm"].value == final.n_per_arm
    assert controls["dose_mg"].value == final.dose_mg and controls["weeks"].value == final.weeks
    assert controls["titrate"].value and final.titration_steps_mg == (1.5, 3.0, 4.5)
    assert controls["dropout"].value == pytest.approx(final.dropout_fraction)


def test_dose_sliders_land_on_clinical_doses_exactly():
    from ldnmodels.teaching.widgets import CLINICAL_DOSES_MG

    explorer = plasma_explorer(dose_mg=4.5, days=2)
    dose = explorer.controls["dose_mg"]
    assert dose.value == 4.5 and dose.label == "4.5"  # not 4.46, as a log slider's step made it
    assert [value for _label, value in dose.options] == list(CLINICAL_DOSES_MG)
    assert {0.5, 1.5, 3.0, 4.5, 6.0, 12.5, 25.0, 50.0, 100.0} <= set(CLINICAL_DOSES_MG)
    assert np.all(np.diff(CLINICAL_DOSES_MG) > 0)
    with pytest.raises(ValueError, match="dose_mg must be one of the clinical doses"):
        plasma_explorer(dose_mg=4.46)


def test_trial_explorer_reuses_a_pool_prepared_for_its_design(monkeypatch):
    """Notebook 08 hands its FINAL-design pool to the explorer instead of simulating another one."""
    from ldnmodels import trials
    from ldnmodels.analyses.trials import TrialDesign, prepare_pool
    from ldnmodels.teaching.widgets import trial_explorer

    final_like = TrialDesign(design="parallel", n_per_arm=50, dose_mg=6.0, titration_steps_mg=(1.5, 3.0, 4.5),
                             weeks=12, dropout_fraction=0.05)
    pool = prepare_pool(final_like, pool_size=300, seed=0)
    calls = []

    def counting(*args, **kwargs):
        calls.append(args)
        return prepare_pool(*args, **kwargs)

    monkeypatch.setattr(trials, "prepare_pool", counting)
    explorer = trial_explorer(pool=pool)
    assert calls == [] and explorer.summary.value
    explorer.controls["dose_mg"].value = 4.5  # another drug course: a new pool is simulated
    assert len(calls) == 1
