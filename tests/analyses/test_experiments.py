import math

import numpy as np
import pytest

from ldnmodels import Regimen, simulate
from ldnmodels.analyses.experiments import dose_summary, signaling_by_dose, signaling_by_hours_blocked, theory_blockade


def test_square_wave_sweep_rises_then_falls():
    hours = np.array([0.0, 2.0, 5.0, 8.0, 16.0, 24.0])
    signal = signaling_by_hours_blocked(hours)
    assert signal[0] == pytest.approx(1.0)          # no blockade, no change
    assert signal[2] > 1.05                          # a few hours a day: rebound
    assert signal[-1] == pytest.approx(0.0, abs=1e-9)  # fully blocked all day: no signal at all


@pytest.mark.parametrize("structure", ["two_phase", "binding"])
def test_dose_sweep_uses_the_chosen_structure(structure):
    hours, signal = signaling_by_dose([1.5, 4.5, 50.0], receptor=structure)
    assert hours[1] == hours[2] == 24.0          # 4.5 mg: above 50 % blockade around the clock
    assert hours[0] <= hours[1]
    assert signal[0] > signal[1] > signal[2]


def test_theory_blockade_starts_at_the_first_dose_and_repeats_daily():
    res = simulate(Regimen.daily(4.5, days=3, clock_h=22.0), hours=72.0)
    theory = theory_blockade(res, hours_per_day=4.0)
    on = theory.t_h[theory.mor_occupancy == 1.0]
    assert on.min() == pytest.approx(22.0) and np.all(((on - 22.0) % 24.0) < 4.0 + 1e-9)
    assert theory_blockade(simulate(Regimen(), hours=24.0)).mor_occupancy.max() == 0.0


def test_dose_summary_reports_every_number_the_issue_asks_for():
    rows = dose_summary((1.5, 50.0), weeks=4)
    assert [row["dose_mg"] for row in rows] == [1.5, 50.0]
    assert 0.0 < rows[0]["tlr4_inhibition_peak"] < rows[1]["tlr4_inhibition_peak"] < 1.0
    for row in rows:
        assert math.isinf(row["weeks_to_30"]) or row["weeks_to_30"] > 0
    assert rows[1]["net_signaling"] < rows[0]["net_signaling"]
    assert rows[0]["theory_net_signaling"] > 1.0
