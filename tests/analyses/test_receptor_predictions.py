"""Tables behind notebook 02: what the fitted structures predict (ldnmodels.analyses.receptor_predictions).

Every expectation comes from the shipped data files, from a relation worked out here independently (a pooled SD
from per-dose variances, Φ from erfc, the direct structure's x / (1 + x) from plasma), or is an invariant of the
table; no expected number is copied from the code under test.
"""
import math

import pytest

import ldnmodels as ldn
from ldnmodels import data
from ldnmodels.analyses import receptor_evidence, receptor_predictions
from ldnmodels.model.structures import acceptable_structures
from tests.analyses.shipped_fits import COMPARISON, LABEL, PRINTED, shipped_parameter

# --- strains and single doses -------------------------------------------------------------------------------------

def test_structure_strains_convert_units_correctly():
    strains = receptor_predictions.structure_strains()
    koff = shipped_parameter("binding", "koff_per_h")
    assert koff * strains.binding_dissociation_half_life_h == pytest.approx(math.log(2), rel=PRINTED)
    kinetics = {r["quantity"]: r for r in data.receptor_kinetics()}
    koff_in_vitro = float(kinetics["naltrexone_koff_in_vitro"]["value"])  # per minute
    assert math.exp(-koff_in_vitro * strains.in_vitro_dissociation_half_life_min) == pytest.approx(0.5)
    assert strains.binding_times_slower_than_in_vitro == pytest.approx(
        60 * strains.binding_dissociation_half_life_h / strains.in_vitro_dissociation_half_life_min)
    # 1 per nM per hour = 1e9 per M per 3600 s
    assert strains.binding_kon_per_nm_h == pytest.approx(shipped_parameter("binding", "kon_per_nm_h"), rel=PRINTED)
    assert strains.binding_kon_per_molar_s / strains.binding_kon_per_nm_h == pytest.approx(1e9 / 3600)
    assert strains.tissue_return_half_life_h == pytest.approx(shipped_parameter("tissue", "tissue_half_life_h"),
                                                              rel=PRINTED)
    _, lee_relative, _ = data.lee_decline()
    assert strains.observed_ratio_168_48 == pytest.approx(lee_relative[-1] / lee_relative[0])


def test_single_dose_peaks_bound_the_time_course():
    peaks = {r["structure"]: r for r in receptor_predictions.single_dose_peaks(4.5)}
    course = receptor_evidence.blockade_after_one_dose({name: name for name in peaks}, 4.5, (1, 4, 8, 16, 24, 48))
    for name, row in peaks.items():
        # (the peak is read on a 0.05 h grid, the course on a 0.1 h one: equal to rounding where they meet)
        assert row["peak_share_blocked"] >= max(r["share_blocked"][name] for r in course) - 1e-5
    assert peaks["direct"]["hours_after_dose_of_peak"] <= 2.0       # follows plasma (label: peak within 1 h)
    assert peaks["two_phase"]["hours_after_dose_of_peak"] <= 2.0    # its fast phase is in place at once
    assert peaks["biophase"]["hours_after_dose_of_peak"] >= 6.0     # slow compartment: peaks many hours later
    assert peaks["binding"]["hours_after_dose_of_peak"] >= 6.0      # slow binding


# --- daily LDN and the decisive scans -----------------------------------------------------------------------------

def test_daily_band_envelopes_the_structures_and_matches_the_file(daily):
    band = receptor_predictions.daily_band(daily)
    assert band.structures == tuple(acceptable_structures()) and band.n_draws == 8
    for row in band.by_structure:
        assert band.lowest_share_blocked <= row["lowest_share_blocked"] <= row["mean_share_blocked"]
        assert row["mean_share_blocked"] <= row["highest_share_blocked"] <= band.highest_share_blocked
        assert row["hours_above_80_percent"] <= row["hours_above_50_percent"] <= 24.0
        expected = COMPARISON[row["structure"]]
        assert row["lowest_share_blocked"] == pytest.approx(expected["ldn_trough"], abs=0.01)
        assert row["highest_share_blocked"] == pytest.approx(expected["ldn_peak"], abs=0.01)
        assert row["hours_above_80_percent"] == pytest.approx(expected["ldn_hours_above_80"], abs=0.15)
    higher = receptor_predictions.daily_band(ldn.ensemble(ldn.Regimen.daily(50.0, days=14), hours=14 * 24.0))
    assert higher.lowest_share_blocked > band.lowest_share_blocked


def test_bioavailability_raises_blockade_and_matches_the_file_at_the_default():
    rows = receptor_predictions.bioavailability_sensitivity()
    fractions = list(dict.fromkeys(r["bioavailability_fraction"] for r in rows))
    assert fractions[0] == LABEL["bioavailability_low"] and fractions[-1] == LABEL["bioavailability_high"]
    assert fractions == sorted(fractions)
    for name in acceptable_structures():
        mine = [r for r in rows if r["structure"] == name]
        for key in ("daily_lowest_share_blocked", "daily_highest_share_blocked"):
            assert mine[0][key] < mine[1][key] < mine[2][key]
        for scan in (0, 1):
            assert mine[0]["share_blocked"][scan] < mine[1]["share_blocked"][scan] < mine[2]["share_blocked"][scan]
        assert mine[1]["daily_lowest_share_blocked"] == pytest.approx(COMPARISON[name]["ldn_trough"], abs=0.01)
        assert mine[1]["daily_highest_share_blocked"] == pytest.approx(COMPARISON[name]["ldn_peak"], abs=0.01)


# --- the text ------------------------------------------------------------------------------------------------------



def test_the_between_people_band_is_centred_on_the_point_fit_and_widens_with_the_spread():
    """The middle person of 200 sits near the structure's point fit; people who absorb more block more; the band is
    wider than the envelope of fits (people differ more than the fits do, with the population's spreads)."""
    import numpy as np

    from ldnmodels.analyses.population import make_population

    regimen = ldn.Regimen.daily(4.5, days=14, clock_h=21.0)
    band = receptor_predictions.between_people_band(regimen, hours=14 * 24.0, structure="two_phase", n_people=200)
    point = ldn.simulate(regimen, hours=14 * 24.0, receptor=ldn.receptor_structures()["two_phase"])
    last = band.t_h > band.t_h[-1] - 24.0
    assert np.all(band.low <= band.median) and np.all(band.median <= band.high)
    assert np.abs(band.median[last] - point.mor_occupancy[last]).max() < 0.05
    envelope = receptor_predictions.daily_band(ldn.ensemble(regimen, hours=14 * 24.0))
    assert band.highest_share_blocked - band.lowest_share_blocked > (envelope.highest_share_blocked
                                                                     - envelope.lowest_share_blocked)
    people = make_population(200, 0, receptor=ldn.receptor_structures()["two_phase"])
    result = ldn.simulate(regimen, hours=14 * 24.0, pk=people.pk, receptor=people.receptor)
    mean_last_day = result.mor_occupancy[:, last].mean(axis=1)
    assert np.corrcoef(people.pk.bioavailability_fraction, mean_last_day)[0, 1] > 0.5


@pytest.mark.parametrize("n_people, error", [(0, ValueError), (10_001, ValueError), (2.5, TypeError)])
def test_the_between_people_band_names_a_bad_count(n_people, error):
    with pytest.raises(error, match="n_people must be a whole number from 1 to 10000"):
        receptor_predictions.between_people_band(ldn.Regimen.single(4.5), hours=24.0, n_people=n_people)
