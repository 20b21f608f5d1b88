"""The structures side by side: validation criteria, daily-LDN predictions (ldnmodels.analyses.fitting_comparison)."""
import numpy as np
import pytest

from ldnmodels import Regimen, simulate
from ldnmodels.analyses.fitting import default_targets, structure_predictions
from ldnmodels.analyses.fitting_comparison import VALIDATION, daily_ldn_summary, validation_summary
from ldnmodels.model.pharmacokinetics import PKParameters
from ldnmodels.model.structures import comparison, default_receptor


def test_daily_summary_reads_day_14_of_the_stated_regimen():
    """Trough and peak of the last day, and hours above 50 % counted from the time course independently."""
    summary = daily_ldn_summary(default_receptor())
    result = simulate(Regimen.daily(4.5, days=14, clock_h=21.0), hours=14 * 24.0, step_h=0.1)
    last_day = result.mor_occupancy[(result.t_h >= 13 * 24.0) & (result.t_h < 14 * 24.0)]
    assert summary["ldn_trough"] == pytest.approx(last_day.min(), abs=1e-3)
    assert summary["ldn_peak"] == pytest.approx(last_day.max(), abs=1e-3)
    assert summary["ldn_hours_above_50"] == pytest.approx(0.1 * np.sum(last_day > 0.5), abs=0.2)
    assert summary["ldn_trough"] <= summary["ldn_peak"]


def test_the_shipped_comparison_holds_the_default_structures_daily_summary():
    row = {r["structure"]: r for r in comparison()}["two_phase"]
    for key, value in daily_ldn_summary(default_receptor()).items():
        assert row[key] == pytest.approx(value, abs=2e-3), key


def test_validation_summary_names_each_missed_criterion():
    targets = default_targets()
    predictions = structure_predictions(PKParameters(), default_receptor(), targets)
    assert validation_summary(predictions, targets) == "all"
    far_off = predictions._replace(pet=predictions.pet + 0.5)
    summary = validation_summary(far_off, targets)
    assert summary.startswith("misses: ") and "each PET within 12 points" in summary
    assert set(VALIDATION) >= {"each PET within 12 points"}
