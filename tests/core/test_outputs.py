import dataclasses
import re

import pytest

from ldnmodels import Mechanisms, SimulationResult, cli, plotting
from ldnmodels.core.outputs import OUTPUTS, names, output

UNIT = re.compile(r"_(ng_ml|nm|nrs|occupancy|tone|density|signaling|inhibition|activation|sensitization)$|^sensitization$")


def test_simulation_result_has_exactly_the_table_outputs():
    fields = [f.name for f in dataclasses.fields(SimulationResult)]
    assert fields[0] == "t_h"
    assert fields[1: 1 + len(OUTPUTS)] == list(names())


def test_mechanisms_are_the_mechanism_rows_in_order():
    assert Mechanisms._fields == names("mechanism")


def test_panels_and_csv_columns_come_from_the_table():
    assert set(plotting.PANELS) == set(names())
    assert cli._COLUMNS == ("t_h", "clock_h") + tuple(row.name for row in OUTPUTS if row.in_csv)


def test_every_output_is_documented_with_a_named_unit_or_a_dimensionless_name():
    for row in OUTPUTS:
        assert row.description and row.label and row.stage in {"plasma", "receptor", "mechanism"}
        assert UNIT.search(row.name), row.name
        assert row.name in (SimulationResult.__doc__ or "")


def test_unknown_output_names_the_choices():
    assert output("pain_nrs").limits == (0.0, 10.0)
    with pytest.raises(ValueError, match="output must be one of"):
        output("pain")
