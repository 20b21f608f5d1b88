"""The one validation layer for numbers, and the hostile inputs of issue 11 that it and its neighbours now refuse."""
import dataclasses
import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ldnmodels as ldn
from ldnmodels.core.validation import is_number, number, number_array, number_sequence, whole


@pytest.mark.parametrize("value", [3, 4.5, np.int64(21), np.float32(1.5), np.float64(2.0)])
def test_numbers_of_every_kind_are_welcome(value):
    assert number(value, "x") == pytest.approx(float(value))


@pytest.mark.parametrize("value", ["4.5", True, np.bool_(True), None, [1.0], b"1"])
def test_strings_bools_and_containers_are_refused_naming_the_argument(value):
    assert not is_number(value)
    with pytest.raises(TypeError, match="^dose_mg must be a number"):
        number(value, "dose_mg")


def test_range_and_finiteness_messages_state_the_allowed_range():
    with pytest.raises(ValueError, match=r"^x must be > 0 and <= 10 mg, got -1"):
        number(-1, "x", 0, 10, closed_low=False, unit="mg")
    with pytest.raises(ValueError, match="^x must be finite"):
        number(math.nan, "x")
    with pytest.raises(ValueError, match="^days must be a whole number from 1 to 5"):
        whole(6, "days", 1, 5)
    with pytest.raises(TypeError, match="^days must be a whole number"):
        whole(2.0, "days", 1, 5)
    with pytest.raises(TypeError, match=r"^doses\[1\] must be a number"):
        number_sequence([1.0, "2"], "doses")
    with pytest.raises(TypeError, match="^cl must be a number or an array"):
        number_array(np.array(["a"]), "cl")


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=5), st.booleans(), st.none(), st.floats(allow_nan=True, allow_infinity=True),
                 st.integers(min_value=-10**6, max_value=10**6)))
def test_regimen_single_either_works_or_names_its_argument(value):
    """Property: any value for dose_mg gives a valid regimen or a ValueError/TypeError naming dose_mg."""
    try:
        regimen = ldn.Regimen.single(value)
    except (ValueError, TypeError) as error:
        assert str(error).startswith("dose_mg must")
    else:
        assert 0 < regimen.doses_mg[0] <= 1000 and not isinstance(value, (bool, str))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["ka_per_h", "naltrexone_cl_l_per_h", "bioavailability_fraction"]),
       st.one_of(st.text(max_size=3), st.booleans(), st.floats(allow_nan=True, allow_infinity=True)))
def test_parameter_classes_refuse_bad_fields_naming_them(name, value):
    try:
        params = ldn.PKParameters(**{name: value})
    except (ValueError, TypeError) as error:
        assert name in str(error)
    else:
        assert math.isfinite(getattr(params, name)) and not isinstance(value, (bool, str))


def test_titration_plan_with_a_tiny_step_is_refused_before_building_steps():
    with pytest.raises(ValueError, match="^step_mg must be at least"):
        ldn.titration.TitrationPlan(step_mg=1e-9, target_mg=1000)


def test_patients_times_points_guard_names_both():
    pk = ldn.PKParameters(naltrexone_cl_l_per_h=np.full(100_000, 94.0))
    with pytest.raises(ValueError, match="100000 patients × 6721 time points"):
        ldn.simulate(ldn.Regimen.daily(4.5, days=28), hours=28 * 24, step_h=0.1, pk=pk)


def test_population_chunks_follow_the_grid_so_memory_stays_bounded(monkeypatch):
    from ldnmodels import population, simulation
    seen = []
    original = population.simulate

    def spy(regimen, **kwargs):
        result = original(regimen, **kwargs)
        seen.append(result.pain_nrs.size)
        return result
    monkeypatch.setattr(population, "simulate", spy)
    monkeypatch.setattr(population, "_CHUNK", 500)  # larger than the memory bound allows on this grid
    pop = population.make_population(500, seed=1)
    population.simulate_population(pop, ldn.Regimen.daily(4.5, days=28, clock_h=21.1), 28)   # off-grid: 0.1 h
    assert max(seen) <= simulation.MAX_PATIENT_POINTS and len(seen) == 2   # 446 + 54 patients, not 500


@pytest.mark.parametrize("output", ["pain_nrs", "opioid_signaling", "sensitization", "mor_occupancy",
                                    "naltrexone_ng_ml", "endorphin_tone"])
def test_every_output_is_time_invariant(output):
    """The same dose 72 h later shifts every curve unchanged (the pain score used to start its average at 0)."""
    early = getattr(ldn.simulate(ldn.Regimen.single(50.0, at_h=0.0), hours=240, step_h=0.1), output)
    late = getattr(ldn.simulate(ldn.Regimen.single(50.0, at_h=72.0), hours=312, step_h=0.1), output)
    np.testing.assert_allclose(early[:2400], late[720:3120], atol=1e-9)


def test_untreated_pain_stays_exactly_at_baseline():
    pain = ldn.simulate(ldn.Regimen(), hours=96, step_h=0.1).pain_nrs
    np.testing.assert_allclose(pain, ldn.SymptomParameters().baseline_pain_nrs, atol=1e-12)


def test_degenerate_replicates_are_counted_not_fatal():
    from ldnmodels.analyses.trials import DegenerateTrial, TrialDesign, power_curve, prepare_pool, run_trials
    design = TrialDesign(weeks=2, dropout_fraction=0.5, n_per_arm=3)
    pool = prepare_pool(design, pool_size=200, seed=0)
    with pytest.warns(RuntimeWarning, match="could not be analysed"):
        powers = power_curve(design, [3], n_trials=40, pool=pool)
    assert 0.0 <= powers[0] <= 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        results = run_trials(design, 40, pool=pool)
    assert 0 < len(results) < 40
    with pytest.raises(DegenerateTrial):
        run_trials(TrialDesign(weeks=2, dropout_fraction=0.99, n_per_arm=2), 3,
                   pool=prepare_pool(TrialDesign(weeks=2, dropout_fraction=0.99, n_per_arm=2), pool_size=50))


def test_trial_explorer_survives_its_slider_corners():
    from ldnmodels import widgets
    explorer = widgets.trial_explorer(pool_size=400)
    for design in ("parallel", "crossover"):
        explorer.controls["design"].value = design
        for n in (explorer.controls["n_per_arm"].min, explorer.controls["n_per_arm"].max):
            explorer.controls["n_per_arm"].value = n
            for dropout in (explorer.controls["dropout"].min, explorer.controls["dropout"].max):
                explorer.controls["dropout"].value = dropout
                for seed in range(4):
                    explorer.controls["seed"].value = seed
                    assert explorer.summary.value


def test_python_dash_m_cli_runs_the_trial_command(tmp_path):
    out = tmp_path / "trial.csv"
    done = subprocess.run([sys.executable, "-m", "ldnmodels.teaching.cli", "trial", "--n-per-arm", "10", "--replicates", "2",
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.exists()


@pytest.mark.parametrize("args, message", [
    (["--out", "{tmp}"], "is a directory"),
    (["--out", "{tmp}/ok.csv", "--png", "/proc/x.png"], "cannot be written"),
])
def test_cli_checks_output_paths_before_computing(tmp_path, args, message):
    args = [a.format(tmp=tmp_path) for a in args]
    done = subprocess.run([sys.executable, "-m", "ldnmodels", "simulate", "--days", "2", *args],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "ok.csv").exists()          # a failing PNG leaves no CSV behind


def test_cli_dash_writes_csv_to_standard_output():
    done = subprocess.run([sys.executable, "-m", "ldnmodels", "simulate", "--days", "1", "--out", "-"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.startswith("t_h,") and "# ldnmodels" in done.stdout
    assert "t_h," in done.stdout


@pytest.mark.parametrize("plasma", [np.array([-1.0, 2.0]), np.array([np.nan, 2.0])])
def test_receptor_blockade_refuses_impossible_plasma(plasma):
    from ldnmodels.model.receptor import receptor_blockade
    with pytest.raises(ValueError, match="^naltrexone_ng_ml must be finite and >= 0"):
        receptor_blockade(plasma, np.zeros(2), 0.1, ldn.ReceptorParameters())


def test_plasma_concentrations_refuses_a_zero_step():
    with pytest.raises(ValueError, match="^step_h must be > 0"):
        ldn.plasma_concentrations(ldn.Regimen.single(4.5), 10, 0.0, ldn.PKParameters())


@pytest.mark.parametrize("kwargs, match", [(dict(alpha=2.0), "^alpha must"), (dict(n_trials=0), "^n_trials must")])
def test_power_curve_arguments_are_checked(kwargs, match):
    from ldnmodels.analyses.trials import TrialDesign, power_curve
    with pytest.raises(ValueError, match=match):
        power_curve(TrialDesign(weeks=2), [10], **kwargs)


@pytest.mark.parametrize("seed", [-1, 1.5])
def test_bad_seeds_are_refused(seed):
    from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trials
    design = TrialDesign(weeks=2, n_per_arm=5)
    with pytest.raises((ValueError, TypeError), match="^seed must"):
        run_trials(design, 2, seed=seed, pool=prepare_pool(design, pool_size=50))


@pytest.mark.parametrize("args, message", [
    (["--hold-index", "headache"], "--hold-index needs --regimen plan"),
    (["--opioid-ng-ml", "10"], "--opioid-ng-ml needs --opioid"),
])
def test_cli_options_that_need_another_say_which(tmp_path, args, message):
    done = subprocess.run([sys.executable, "-m", "ldnmodels", "simulate", "--out", str(tmp_path / "x.csv"), *args],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and message in done.stderr


def test_progress_bars_are_optional_and_change_nothing(capsys):
    from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trials
    design = TrialDesign(weeks=2, n_per_arm=10)
    pool = prepare_pool(design, pool_size=100)
    assert run_trials(design, 5, pool=pool, progress=True) == run_trials(design, 5, pool=pool)


def _parameter_classes():
    from ldnmodels.analyses.population import PopulationParameters
    from ldnmodels.analyses.side_effects import SideEffectParameters
    classes = [ldn.PKParameters, ldn.ReboundParameters, ldn.InflammationParameters, ldn.SymptomParameters,
               PopulationParameters, SideEffectParameters, *ldn.structures.STRUCTURES]
    return [(cls, f.name) for cls in classes for f in dataclasses.fields(cls)
            if isinstance(f.default, (int, float)) and not isinstance(f.default, bool)]


HOSTILE = st.one_of(st.text(max_size=3), st.booleans(), st.none(), st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(min_value=-10**9, max_value=10**9),
                    st.lists(st.floats(allow_nan=True), min_size=1, max_size=3))


@pytest.mark.parametrize("cls, name", _parameter_classes(), ids=lambda v: getattr(v, "__name__", v))
@settings(max_examples=12, deadline=None)
@given(value=HOSTILE)
def test_every_parameter_field_refuses_hostile_values_naming_itself(cls, name, value):
    """Sweep over every numeric field of every parameter class: construction either works (and then a short
    simulation gives finite outputs) or raises ValueError/TypeError whose message names the field."""
    try:
        params = cls(**{name: value})
    except (ValueError, TypeError) as error:
        assert name in str(error), str(error)
        return
    assert not isinstance(value, (str, bool)) and value is not None
    if cls in (ldn.PKParameters, ldn.ReboundParameters, ldn.InflammationParameters, ldn.SymptomParameters,
               *ldn.structures.STRUCTURES) and np.ndim(getattr(params, name)) == 0:
        key = {ldn.PKParameters: "pk", ldn.ReboundParameters: "rebound", ldn.InflammationParameters: "inflammation",
               ldn.SymptomParameters: "symptoms"}.get(cls, "receptor")
        result = ldn.simulate(ldn.Regimen.daily(4.5, days=2), hours=48.0, step_h=0.5, **{key: params})
        for output in ("naltrexone_ng_ml", "mor_occupancy", "opioid_signaling", "sensitization", "pain_nrs"):
            values = getattr(result, output)
            assert np.all(np.isfinite(values)), (output, value)
        assert np.all((result.mor_occupancy >= 0) & (result.mor_occupancy <= 1))
        assert np.all((result.pain_nrs >= 0) & (result.pain_nrs <= 10))


def test_opioid_level_is_one_number_not_a_list():
    with pytest.raises(TypeError, match="^plasma_ng_ml must be a number"):
        ldn.OpioidCoMedication.morphine(plasma_ng_ml=[10, 20])


def _calls():
    """Public functions with a numeric argument, called with everything else small: name -> f(value)."""
    from ldnmodels import evidence, exercises, population, titration, trials
    reg = ldn.Regimen.daily(4.5, days=2)
    small_pop = population.make_population(3, seed=0)
    design = trials.TrialDesign(weeks=1, n_per_arm=4)
    pool = trials.prepare_pool(design, pool_size=20, seed=0)
    return {
        "hours": lambda v: ldn.simulate(reg, hours=v, step_h=1.0),
        "step_h": lambda v: ldn.simulate(reg, hours=48.0, step_h=v),
        "n_patients": lambda v: population.make_population(v, seed=0),
        "seed": lambda v: population.make_population(3, seed=v),
        "days": lambda v: population.simulate_population(small_pop, reg, v),
        "clock_h": lambda v: ldn.Regimen.daily(4.5, days=2, clock_h=v),
        "n_trials": lambda v: trials.run_trials(design, v, pool=pool),
        "alpha": lambda v: trials.power_curve(design, [4], n_trials=2, pool=pool, alpha=v),
        "n_per_arm": lambda v: trials.TrialDesign(n_per_arm=v),
        "weeks": lambda v: trials.TrialDesign(weeks=v),
        "dropout_fraction": lambda v: trials.TrialDesign(dropout_fraction=v),
        "target_mg": lambda v: titration.TitrationPlan(target_mg=v),
        "gain": lambda v: evidence.signalling_optimum_blockade(v),
        "answer": lambda v: exercises.check("01-peak-ratio", v),
    }


CALLS = _calls()


@pytest.mark.parametrize("name", list(CALLS))
@settings(max_examples=10, deadline=None)
@given(value=st.one_of(st.text(max_size=3), st.booleans(), st.none(), st.floats(allow_nan=True, allow_infinity=True),
                       st.integers(min_value=-10**12, max_value=10**12)))
def test_public_functions_refuse_hostile_numbers_naming_the_argument(name, value):
    """Sweep over the public API's numeric arguments: a hostile value either works (giving finite numbers) or raises
    ValueError/TypeError whose message names the argument — never a deep numpy error, a NaN or a huge allocation
    (every size is capped far below 2 GB)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)      # degenerate replicates are reported by a warning
        try:
            result = CALLS[name](value)
        except (ValueError, TypeError) as error:
            assert name in str(error), f"{name}={value!r}: {error}"
            return
    assert not isinstance(value, (str, bool)) and value is not None, f"{name} accepted {value!r}"
    for array in (getattr(result, "pain_nrs", None), result if isinstance(result, float) else None):
        if array is not None:
            assert np.all(np.isfinite(array))
