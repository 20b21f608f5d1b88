"""The one validation layer for numbers (ldnmodels.core.validation): what it welcomes, what it refuses, and how
its messages name the argument and the allowed range.

Hostile inputs to the rest of the package (issue 11) are tested with each module; the sweeps over every parameter
class and every public function are in tests/test_hostile_input.py.
"""
import math

import numpy as np
import pytest

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
