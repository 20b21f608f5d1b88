"""Tables behind notebook 02: the decisive scans (ldnmodels.analyses.receptor_scans).

Every expectation is a relation worked out here independently (Φ from erfc, the separation from the draws) or an
invariant of the table; no expected number is copied from the code under test.
"""
import math

import numpy as np
import pytest

from ldnmodels.analyses import ensembles, receptor_evidence, receptor_scans
from ldnmodels.analyses.fitting import PET_SD_FRACTION
from tests.analyses.shipped_fits import phi


@pytest.mark.parametrize("z", [0.0, 1.0, 2.4, 3.0, 6.0])
def test_wrong_pick_probability_is_phi_of_minus_half_z(z):
    assert receptor_scans.wrong_pick_probability(z) == pytest.approx(phi(-z / 2), rel=1e-12, abs=1e-15)


def test_scan_power_separation_grows_with_volunteers_but_levels_off(daily):
    volunteers = (1, 2, 3, 4, 8, 1000, 10 ** 6)
    rows = receptor_scans.scan_power(daily, 21.0, volunteers)
    z = np.array([r["separation"] for r in rows])
    assert [r["volunteers"] for r in rows] == list(volunteers)
    assert np.all(np.diff(z) > 0)
    assert z[0] == pytest.approx(ensembles.scan_time_separation(daily, 21.0).separation.max())
    assert z[-1] - z[-2] < 0.01 * z[-1]  # the structures' own spread stays, however many are scanned
    for row in rows:
        assert row["naive_separation"] == pytest.approx(z[0] * math.sqrt(row["volunteers"]))
        assert row["separation"] <= row["naive_separation"] + 1e-12
        assert row["wrong_pick_probability"] == pytest.approx(phi(-row["separation"] / 2))


def test_scan_levels_read_the_scan_times(daily):
    scan = ensembles.scan_time_separation(daily, 21.0)
    rows = receptor_scans.scan_levels(scan, (0, 6, 12, 18))
    assert [r["hours_after_dose"] for r in rows] == [0, 6, 12, 18]
    for row in rows:
        at = int(np.argmin(np.abs(scan.hours_after_dose - row["hours_after_dose"])))
        assert abs(scan.hours_after_dose[at] - row["hours_after_dose"]) <= 0.05 + 1e-9
        assert row["separation"] <= scan.separation.max()
        assert row["share_blocked"] == {name: curve[at] for name, curve in scan.by_structure.items()}


def test_rise_test_reads_the_time_course_and_its_separation():
    test = receptor_scans.rise_test(5.0, 1.0, 8.0)
    names = [r["structure"] for r in test.by_structure]
    course = receptor_evidence.blockade_after_one_dose({n: n for n in names}, 5.0, (1.0, 8.0))
    for row in test.by_structure:
        rise = course[1]["share_blocked"][row["structure"]] - course[0]["share_blocked"][row["structure"]]
        assert row["rise_points"] == pytest.approx(100 * rise, abs=1e-6)
        assert row["lowest_rise_points"] <= row["rise_points"] <= row["highest_rise_points"]
    assert test.wrong_pick_probability == pytest.approx(phi(-test.separation / 2))
    # without parameter draws only the two scans' scatter is left: |difference| / (√2 × scan SD)
    bare = receptor_scans.rise_test(5.0, 1.0, 8.0, n_draws=0)
    first, second = (r["rise_points"] / 100 for r in bare.by_structure)
    assert bare.separation == pytest.approx(abs(first - second) / (math.sqrt(2) * PET_SD_FRACTION))
    assert bare.separation > test.separation
    assert receptor_scans.rise_test(5.0, 1.0, 8.0, measurement_sd=0.3).separation < test.separation


def test_format_helpers_print_one_line_per_row(daily):
    scan = ensembles.scan_time_separation(daily, 21.0)
    levels = receptor_scans.scan_levels(scan, (0, 12))
    power = receptor_scans.scan_power(daily, 21.0, (1, 4))
    assert len(receptor_scans.format_scan_power(levels, power).splitlines()) == len(levels) + 1 + len(power)
    week = receptor_evidence.blockade_after_one_dose({"binding": "binding"}, 50.0, (1, 48))
    text = receptor_evidence.format_blockade_after_one_dose(week)
    assert text.splitlines()[0] == "share blocked after one 50 mg dose"
    assert f"{week[1]['share_blocked']['binding']:.2f}" in text.splitlines()[-1]
    groups = receptor_evidence.chi_square_by_group()
    assert len(receptor_evidence.format_chi_square_by_group(groups).splitlines()) == len(groups) + 1
