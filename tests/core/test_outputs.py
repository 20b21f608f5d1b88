import re

import numpy as np
import pytest

from ldnmodels import InflammationParameters, OpioidCoMedication, Regimen, SimulationResult, cli, plotting, simulate
from ldnmodels.core.outputs import OUTPUTS, names, output

UNIT = re.compile(r"_(ng_ml|nm|nrs|occupancy|tone|density|signaling|inhibition|activation|sensitization)$"
                  r"|^sensitization$")


@pytest.fixture(scope="module")
def runs():
    """No drug, LDN, and 50 mg with morphine under a what-if microglial potency (every output far from rest)."""
    from dataclasses import replace
    what_if = replace(InflammationParameters(), tlr4_ic50_um=0.001)
    return [simulate(Regimen(), hours=72.0), simulate(Regimen.daily(4.5, days=14), hours=336.0),
            simulate(Regimen.daily(50.0, days=14), hours=336.0, inflammation=what_if,
                     opioid=OpioidCoMedication.morphine())]


def test_every_output_lies_on_the_grid_inside_its_panels_axis(runs):
    """Each row of the table is an array of a real run, finite, and inside the fixed y range its figure panel
    draws (a value outside would be clipped off the figure)."""
    for res in runs:
        for row in OUTPUTS:
            values = getattr(res, row.name)
            assert values.shape == res.t_h.shape and np.all(np.isfinite(values)), row.name
            low, high = row.limits
            assert values.min() >= low - 1e-12, (row.name, values.min())
            if high is not None:
                assert values.max() <= high + 1e-12, (row.name, values.max())


def test_mechanisms_carry_what_each_stage_computes(runs):
    """Every field of mechanisms() holds the array its own stage function computes (a swapped name would not)."""
    from ldnmodels import inflammation_from_plasma, mechanisms, pain_from_mechanisms, rebound_from_blockade
    res = runs[1]
    found = mechanisms(res.t_h, res.naltrexone_ng_ml, res.mor_occupancy)
    rebound = rebound_from_blockade(res.t_h, res.mor_occupancy)
    inflamed = inflammation_from_plasma(res.t_h, res.naltrexone_ng_ml)
    expected = {"endorphin_tone": rebound.endorphin_tone, "receptor_density": rebound.receptor_density,
                "opioid_signaling": rebound.opioid_signaling, "tlr4_inhibition": inflamed.tlr4_inhibition,
                "microglial_activation": inflamed.microglial_activation, "sensitization": inflamed.sensitization,
                "pain_nrs": pain_from_mechanisms(res.t_h, rebound.opioid_signaling, inflamed.sensitization)}
    assert sorted(found._fields) == sorted(expected)
    for name, values in expected.items():
        np.testing.assert_allclose(getattr(found, name), values, rtol=1e-12, atol=0, err_msg=name)
        np.testing.assert_array_equal(getattr(res, name), getattr(found, name), err_msg=name)


def test_csv_columns_hold_the_outputs_they_name(tmp_path, runs):
    """The CLI's CSV, read back by name: every output marked for the CSV is there, holding its own numbers (to the
    6 significant digits written), and nothing else but the two time columns."""
    res = runs[2]
    out = tmp_path / "run.csv"
    cli.write_csv(out, res, opioid_name="morphine")
    table = np.genfromtxt(out, delimiter=",", names=True, comments="#")
    assert set(table.dtype.names) == {"t_h", "clock_h"} | {row.name for row in OUTPUTS if row.in_csv}
    np.testing.assert_allclose(table["t_h"], res.t_h, rtol=1e-6)
    np.testing.assert_allclose(table["clock_h"], res.t_h % 24.0, rtol=1e-6, atol=1e-4)
    for row in OUTPUTS:
        if row.in_csv:
            np.testing.assert_allclose(table[row.name], getattr(res, row.name), rtol=1e-5, atol=1e-12,
                                       err_msg=row.name)


def test_every_output_is_drawn_in_its_own_panel_with_its_label(runs):
    res = runs[1]
    figure, artists = plotting.panels_figure(res, names())
    for ax, row in zip(artists["axes"], OUTPUTS, strict=True):
        assert ax.get_ylabel() == row.label
        np.testing.assert_array_equal(artists[row.name].get_ydata(), getattr(res, row.name))
        if row.limits[1] is not None:
            assert ax.get_ylim() == pytest.approx(row.limits)


def test_every_output_is_documented_with_a_named_unit_or_a_dimensionless_name():
    for row in OUTPUTS:
        assert row.description and row.label and row.stage in {"plasma", "receptor", "mechanism"}
        assert UNIT.search(row.name), row.name
        assert row.name in (SimulationResult.__doc__ or "")


def test_unknown_output_names_the_choices():
    assert output("pain_nrs").limits == (0.0, 10.0)
    with pytest.raises(ValueError, match="output must be one of"):
        output("pain")
