"""The default receptor structure against PET (Rabiner 2011) and the decline after 50 mg (Lee 1988).

Tolerances are stated per test. Every other structure's status against the same targets is in
``ldnmodels/data/receptor_comparison.csv`` (tests/test_structures.py checks it is current).
"""
import numpy as np
import pytest

from ldnmodels import PKParameters, Regimen, data, simulate
from ldnmodels.analyses.fitting import pet_predictions, structure_predictions
from ldnmodels.model.structures import default_receptor

PK, REC = PKParameters(), default_receptor()


@pytest.fixture(scope="module")
def predicted():
    return structure_predictions(PK, REC)


def test_each_pet_occupancy_within_12_percentage_points(predicted):
    # Tolerance 0.12: the three 5 mg scans themselves span 0.43-0.58.
    _, observed = data.pet_occupancy()
    assert np.all(np.abs(predicted.pet - observed) <= 0.12), list(zip(observed, predicted.pet.round(3)))


def test_pet_root_mean_square_error_no_worse_than_the_published_hyperbola(predicted):
    # Tolerance 7.1 points. The published fit to the same scans, dose / (dose + 5.59 mg) (Trøstheim 2022), scores
    # 7.0; no model whose occupancy within 8 h is a hyperbola in dose can go below 6.98 (fitting the PET scans
    # alone); fitting the decline after 50 mg too costs the default structure 0.05 points.
    doses, observed = data.pet_occupancy()
    hyperbola = np.sqrt(np.mean((doses / (doses + 5.59) - observed) ** 2))
    model = np.sqrt(np.mean((predicted.pet - observed) ** 2))
    assert hyperbola == pytest.approx(0.0702, abs=5e-4)
    assert model <= 0.071


def test_dose_occupancy_close_to_published_hyperbola():
    # Trøstheim et al. 2022 fit occupancy = dose / (dose + 5.59 mg) to the same data; within 0.12 over 2-50 mg.
    doses = np.array([2.0, 5.0, 10.0, 15.0, 25.0, 50.0])
    assert np.all(np.abs(pet_predictions(PK, REC, doses) - doses / (doses + 5.59)) <= 0.12)


def test_onset_near_complete_within_4_h_of_50_mg():
    # PET: 92 and 98 % within 8 h of 50 mg; the done criterion: at least 85 % within 4 h.
    occupancy = simulate(Regimen.single(50.0), hours=4.0, step_h=0.05, receptor=REC).mor_occupancy
    assert occupancy.max() >= 0.85


def test_decline_after_50_mg_has_lee_1988_shape(predicted):
    # Lee 1988 (per-time values, secondary transcription): blockade relative to the 1 h scan at 48, 72, 120, 168 h.
    # Tolerance: each within 2 SEM; and blockade at 168 h between 20 and 60 % of the 48 h value (observed 0.33).
    times, relative, sem = data.lee_decline()
    assert np.all(np.abs(predicted.lee_relative - relative) <= 2 * sem), predicted.lee_relative.round(2)
    assert 0.2 <= predicted.ratio_168_48 <= 0.6


def test_blockade_outlasts_plasma_by_days(predicted):
    # Lee 1988: blockade falls with a half-time of days while plasma naltrexone falls with a 4 h half-life.
    # Tolerance: the log-linear half-life over 48-168 h at least 0.8 x the lower end of 72-108 h (the default
    # gives 65 h; the comparison table reports every structure's value).
    low, _ = data.blockade_half_time_range_h()
    assert predicted.half_time_h >= 0.8 * low
    assert predicted.half_time_h > 10 * PK.naltrexone_half_life_h
