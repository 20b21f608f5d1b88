import dataclasses

import pytest

from ldnmodels import (
    SOURCES,
    InflammationParameters,
    OpioidCoMedication,
    PKParameters,
    ReboundParameters,
    ReceptorParameters,
    SymptomParameters,
    provenance_markdown,
    provenance_rows,
)
from ldnmodels.analyses.side_effects import SideEffectParameters
from ldnmodels.core.sources import ILLUSTRATIVE, sourced
from ldnmodels.model.opioids import OxycodoneCoMedication

PARAMETER_SETS = (PKParameters, ReceptorParameters, ReboundParameters, InflammationParameters, SymptomParameters,
                  SideEffectParameters, OpioidCoMedication, OxycodoneCoMedication)


@pytest.mark.parametrize("cls", PARAMETER_SETS)
def test_every_default_has_a_known_source_and_a_note(cls):
    for f in dataclasses.fields(cls):
        assert f.metadata.get("source") in SOURCES, f.name
        assert f.metadata.get("note"), f"{cls.__name__}.{f.name} has no note on how the value was obtained"


def test_parameter_names_carry_units_or_are_fractions():
    suffixes = ("_h", "_per_h", "_l", "_l_per_h", "_nm", "_um", "_ng_ml", "_g_per_mol", "_days", "_nrs",
                # dimensionless, named for what they scale
                "_fraction", "_affinity", "_factor", "_ratio", "_gain", "_exponent", "_weight", "_hill",
                "_blockade", "_rise")
    for cls in PARAMETER_SETS:
        for f in dataclasses.fields(cls):
            assert f.name.endswith(suffixes), f.name


def test_parameter_sets_are_frozen_and_keyword_only():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PKParameters().ka_per_h = 1.0
    with pytest.raises(TypeError):
        PKParameters(0.9)


def test_unknown_source_is_an_error():
    with pytest.raises(KeyError, match="unknown source"):
        sourced(1.0, "my memory")


def test_provenance_table_lists_every_parameter_and_marks_changes():
    rows = provenance_rows(PKParameters(), ReceptorParameters())
    assert {r["parameter"] for r in rows} == {f.name for c in (PKParameters, ReceptorParameters)
                                              for f in dataclasses.fields(c)}
    text = provenance_markdown(PKParameters(ka_per_h=2.0), ReceptorParameters())
    assert f"| PKParameters | `ka_per_h` | 2 (default {PKParameters().ka_per_h:.4g})" in text
    assert "illustrative" in text.lower()
    assert SOURCES[ILLUSTRATIVE].confidence == "I"
