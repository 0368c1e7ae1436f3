"""display.numbers: the one home of the book's number formats (issue 13)."""
import numpy as np
import pytest

from backprop.display.numbers import four_decimals, significant


def test_significant_rounds_to_a_python_float_for_glue_and_about_prose():
    x = significant(np.float64(0.12927947583806546), 10)
    assert type(x) is float and x == 0.1292794758
    assert significant(3.5101877830e-05) == 3.510e-05
    assert significant(7467.3, 2) == 7500.0 and significant(0.48983, 2) == 0.49
    assert repr(significant(np.float64(0.125), 10)) == "0.125"


def test_four_decimals():
    assert four_decimals(0.59326999) == "0.5933" and four_decimals(-0.0004) == "-0.0004"


@pytest.mark.parametrize("call, message", [
    (lambda: significant(float("nan")), "^x must be a finite real number"),
    (lambda: significant(1.0, 0), "^digits must be a whole number"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()
