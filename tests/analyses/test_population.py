import subprocess
import sys

import numpy as np
import pytest

from ldnmodels import Regimen, simulate
from ldnmodels.analyses.population import PopulationParameters, make_population, simulate_population
from ldnmodels.core.metrics import daily_means
from ldnmodels.core.patients import patient


def test_seeded_population_is_reproducible_and_seeds_differ():
    a, b, c = make_population(500, seed=4), make_population(500, seed=4), make_population(500, seed=5)
    np.testing.assert_array_equal(a.esr_mm_h, b.esr_mm_h)
    np.testing.assert_array_equal(a.pk.naltrexone_cl_l_per_h, b.pk.naltrexone_cl_l_per_h)
    assert not np.array_equal(a.esr_mm_h, c.esr_mm_h)


def test_responder_fraction_and_marker_link():
    population = make_population(5000, seed=0)
    assert population.responder.mean() == pytest.approx(PopulationParameters().responder_fraction, abs=0.01)
    assert np.corrcoef(np.log(population.esr_mm_h), population.trait)[0, 1] == pytest.approx(0.8, abs=0.03)
    unlinked = make_population(5000, seed=0, params=PopulationParameters(biomarker_link=0.0))
    assert abs(np.corrcoef(np.log(unlinked.esr_mm_h), unlinked.trait)[0, 1]) < 0.05


def test_vectorised_population_equals_single_patient_simulations():
    population = make_population(6, seed=2)
    regimen = Regimen.daily(4.5, days=14)
    outcome = simulate_population(population, regimen, days=14, step_h=1.0)
    for i in range(6):
        one = simulate(regimen, hours=14 * 24.0, step_h=1.0, pk=patient(population.pk, i),
                       receptor=patient(population.receptor, i), rebound=patient(population.rebound, i),
                       inflammation=patient(population.inflammation, i), symptoms=patient(population.symptoms, i))
        np.testing.assert_allclose(outcome.daily_pain_nrs[i], daily_means(one.t_h, one.pain_nrs), rtol=1e-10)
        np.testing.assert_allclose(outcome.daily_mor_occupancy[i], daily_means(one.t_h, one.mor_occupancy),
                                   rtol=1e-10)


def test_week_12_outcome_is_independent_of_the_grid_step():
    population = make_population(30, seed=3)
    regimen = Regimen.daily(4.5, days=84)
    coarse = simulate_population(population, regimen, 84).daily_pain_nrs[:, -7:].mean(axis=1)  # 0.5 h default
    fine = simulate_population(population, regimen, 84, step_h=0.1).daily_pain_nrs[:, -7:].mean(axis=1)
    # Plasma and blockade are exact on any grid; the microglial stage takes its (nonlinear) input as linear between
    # grid points, which moves single patients by a few hundredths and the mean by far less.
    assert np.max(np.abs(coarse - fine)) < 0.05
    assert abs(np.mean(coarse - fine)) < 0.01


def test_responders_improve_and_no_drug_changes_nothing():
    population = make_population(400, seed=1)
    treated = simulate_population(population, Regimen.daily(4.5, days=84), 84)
    change = treated.daily_pain_nrs[:, -7:].mean(axis=1) - population.symptoms.baseline_pain_nrs
    assert change[population.responder].mean() < -1.0 < change[~population.responder].mean()
    untreated = simulate_population(population, Regimen(), 28)
    np.testing.assert_allclose(untreated.daily_pain_nrs,
                               np.broadcast_to(population.symptoms.baseline_pain_nrs[:, None], (400, 28)))


@pytest.mark.parametrize("kwargs, match", [(dict(n_patients=0), "n_patients"), (dict(n_patients=2.5), "n_patients")])
def test_bad_population_sizes(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        make_population(**kwargs)


def test_bad_population_parameters_and_grids():
    with pytest.raises(ValueError, match="responder_fraction"):
        PopulationParameters(responder_fraction=1.5)
    with pytest.raises(ValueError, match="biomarker_link"):
        PopulationParameters(biomarker_link=-0.1)
    population = make_population(3)
    with pytest.raises(ValueError, match="step_h"):
        simulate_population(population, Regimen.daily(4.5, days=2, clock_h=21.0), 2, step_h=0.7)



def test_population_and_simulate_are_one_path_even_off_the_grid():
    """Doses between grid points are exact in both; the same patient gives the same numbers to 1e-9."""
    population = make_population(3, seed=8)
    regimen = Regimen.daily(4.5, days=3, clock_h=21.37)
    outcome = simulate_population(population, regimen, 3, step_h=1.0)
    one = simulate(regimen, hours=72.0, step_h=1.0, pk=patient(population.pk, 1),
                   receptor=patient(population.receptor, 1), rebound=patient(population.rebound, 1),
                   inflammation=patient(population.inflammation, 1), symptoms=patient(population.symptoms, 1))
    np.testing.assert_allclose(outcome.daily_mor_occupancy[1], daily_means(one.t_h, one.mor_occupancy), rtol=0,
                               atol=1e-9)
    np.testing.assert_allclose(outcome.daily_pain_nrs[1], daily_means(one.t_h, one.pain_nrs), rtol=0, atol=1e-9)


@pytest.mark.parametrize("name", ["binding", "biophase"])
def test_any_receptor_structure_can_drive_a_population(name):
    from ldnmodels.model.structures import structure_named
    population = make_population(20, seed=1, receptor=structure_named(name))
    assert type(population.receptor).name == name
    outcome = simulate_population(population, Regimen.daily(4.5, days=7), 7)
    assert outcome.daily_mor_occupancy.shape == (20, 7)
    assert np.ptp(outcome.daily_mor_occupancy[:, -1]) > 0  # potency varies between patients


def test_threads_share_the_chunks_without_changing_the_result(monkeypatch):
    import ldnmodels.analyses.population as module
    monkeypatch.setattr(module, "_CHUNK", 7)  # several chunks, the last one short
    population = make_population(40, seed=6)
    regimen = Regimen.daily(3.0, days=10)
    serial = simulate_population(population, regimen, 10)
    threaded = simulate_population(population, regimen, 10, workers=3)
    for a, b in zip(serial, threaded):
        np.testing.assert_array_equal(a, b)
    assert serial.daily_pain_nrs.shape == (40, 10)


@pytest.mark.parametrize("workers", [0, 65, 1.5, "2"])
def test_bad_worker_counts_are_named(workers):
    with pytest.raises((ValueError, TypeError), match="workers"):
        simulate_population(make_population(3), Regimen.daily(3.0, days=2), 2, workers=workers)


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).

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
    population.simulate_population(pop, Regimen.daily(4.5, days=28, clock_h=21.1), 28)   # off-grid: 0.1 h
    assert max(seen) <= simulation.MAX_PATIENT_POINTS and len(seen) == 2   # 446 + 54 patients, not 500


#: In a process of its own: resident memory (MB) gained by simulating 2 000 patients for 12 weeks, after a small
#: warm-up run. The result itself holds about 4 MB; the chunks' temporaries, if kept by the allocator, about 60 MB.
_MEMORY_SCRIPT = """
import psutil
from ldnmodels import Regimen
from ldnmodels.analyses.population import make_population, simulate_population
regimen = Regimen.daily(4.5, days=84, clock_h=21.0)
simulate_population(make_population(50, seed=1), regimen, 84)
before = psutil.Process().memory_info().rss / 2**20
outcome = simulate_population(make_population(2000, seed=1), regimen, 84)
print(psutil.Process().memory_info().rss / 2**20 - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_a_population_run_gives_its_temporaries_back_to_the_system():
    gained = float(subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT], capture_output=True, text=True,
                                  check=True).stdout)
    assert gained < 20, gained  # an app kernel that ran notebook 09 idles on what it keeps, not on what it freed
