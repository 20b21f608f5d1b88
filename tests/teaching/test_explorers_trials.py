"""The trial explorer, driven without a kernel."""
import pytest

from ldnmodels.teaching.explorers_trials import trial_explorer


def test_trial_explorer_immediate_controls():
    explorer = trial_explorer(pool_size=600)
    explorer.controls["n_per_arm"].value = 100
    assert "n per arm 100" in explorer.summary.value
    explorer.controls["enrichment"].value = 0.8  # the pool cannot supply 200 patients: n shrinks, no error
    assert "n per arm" in explorer.summary.value
    assert explorer.controls["n_per_arm"].continuous_update is not False
    assert explorer.controls["dose_mg"].continuous_update is False


def test_trial_explorer_starts_on_final_s_design():
    """One "FINAL-size trial" in the kit: the explorer's defaults are the FINAL counterpart's design."""
    from ldnmodels.analyses.evidence import simulated_counterparts

    final = simulated_counterparts()["bruun_2024"]
    controls = trial_explorer(pool_size=600).controls
    assert controls["design"].value == final.design and controls["n_per_arm"].value == final.n_per_arm
    assert controls["dose_mg"].value == final.dose_mg and controls["weeks"].value == final.weeks
    assert controls["titrate"].value and final.titration_steps_mg == (1.5, 3.0, 4.5)
    assert controls["dropout"].value == pytest.approx(final.dropout_fraction)


def test_trial_explorer_reuses_a_pool_prepared_for_its_design(monkeypatch):
    """Notebook 08 hands its FINAL-design pool to the explorer instead of simulating another one."""
    from ldnmodels import trials
    from ldnmodels.analyses.trials import TrialDesign, prepare_pool

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


def test_the_trial_explorer_says_what_every_drug_effect_rests_on():
    from ldnmodels.model.inflammation import InflammationParameters
    from ldnmodels.teaching.explorers_trials import resting_on

    sentence = resting_on()
    assert f"({InflammationParameters().tlr4_ic50_um * 1000:.2g} nM)" in sentence and "calibrated" in sentence
    assert sentence in trial_explorer(pool_size=300).description.value
