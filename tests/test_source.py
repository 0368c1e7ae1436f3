"""The engine's code beside its equations (backprop.derive.source)."""
import inspect

import pytest

from backprop import TUTORIAL_EXAMPLE as EX, TUTORIAL_PARAMS as P, backward
from backprop.derive import source
from backprop.tutorial.backward import hidden_layer, output_layer


def test_listing_is_the_functions_own_source_in_a_python_block():
    text = source.listing(output_layer)
    assert text == "```python\n" + inspect.getsource(output_layer).rstrip() + "\n```"
    assert text._repr_markdown_() == text


def test_computed_names_every_assignment_and_every_product_returned_in_order():
    names = [name for name, _ in source.computed(output_layer)]
    assert names == ["dE_dout_o1", "dE_dout_o2", "dout_o1_dnet_o1", "dout_o2_dnet_o2",
                     "delta_o1", "delta_o2", "dE_dw5", "dE_dw6", "dE_dw7", "dE_dw8"]
    rows = dict(source.computed(hidden_layer))
    assert rows["dEo2_dout_h1"] == "dEo2_dout_h1 = o.delta_o2 * w7"
    assert rows["dE_dw1"] == "dE_dw1 = delta_h1 * ex.i1"
    assert len(rows) == 14


def test_every_computed_name_is_a_field_the_engine_returns():
    fields = backward(P, EX).as_dict()
    for fn in (output_layer, hidden_layer):
        assert all(name in fields for name, _ in source.computed(fn))


def test_equation_of_the_output_delta_is_sympys_identity_with_dE_total():
    assert source.equation("delta_o1") == (
        r"\delta_{o1} = \frac{\partial E_{total}}{\partial net_{o1}} = "
        r"\frac{\partial E_{total}}{\partial out_{o1}} \cdot "
        r"\frac{\partial out_{o1}}{\partial net_{o1}} = "
        r"out_{o1} \left(1 - out_{o1}\right) \left(out_{o1} - t_{1}\right)")


def test_equation_of_a_leaf_is_the_derivative_of_one_definition():
    assert source.equation("dE_dout_o1") == (
        r"\frac{\partial E_{total}}{\partial out_{o1}} = out_{o1} - t_{1}")


def test_equation_of_the_blame_at_h1_is_the_sum_over_both_outputs():
    assert source.equation("dE_dout_h1").endswith(r"= \delta_{o1} w_{5} + \delta_{o2} w_{7}")


def test_equation_of_a_weight_gradient_is_the_delta_rule():
    assert source.equation("dE_dw5") == (
        r"\frac{\partial E_{total}}{\partial w_{5}} = \delta_{o1} \, out_{h1}")
    assert source.equation("dE_dw4") == (
        r"\frac{\partial E_{total}}{\partial w_{4}} = \delta_{h2} \, i_{2}")


def test_against_equations_pairs_each_line_with_its_inline_equation():
    table = source.against_equations(hidden_layer)
    assert table.header == ["the engine's line", "the equation"]
    assert table.rows[0] == ["`dEo1_dout_h1 = o.delta_o1 * w5`",
                             r"$\partial E_{o1} / \partial out_{h1} = \delta_{o1} w_{5}$"]
    assert len(table.rows) == 14


def test_inline_equation_of_a_delta_is_the_split_the_code_multiplies():
    assert source.equation("delta_h1", inline=True) == (
        r"\delta_{h1} = \partial E_{total} / \partial net_{h1} = "
        r"\partial E_{total} / \partial out_{h1} \cdot \partial out_{h1} / \partial net_{h1}")


def test_key_shows_symbol_derivative_and_nine_decimals():
    table = source.key(["delta_o1", "dEo2_dout_h1"], backward(P, EX).as_dict())
    assert table.rows == [
        ["`delta_o1`", r"$\delta_{o1} = \partial E_{total} / \partial net_{o1}$",
         "0.138498562"],
        ["`dEo2_dout_h1`", r"$\partial E_{o2} / \partial out_{h1}$", "-0.019049118"]]


def test_key_without_values_has_two_columns():
    assert source.key(["dE_dw1"]).rows == [
        ["`dE_dw1`", r"$\partial E_{total} / \partial w_{1}$"]]


def test_listing_of_another_function_raises_naming_fn():
    with pytest.raises(ValueError, match="fn must be one of .*output_layer, hidden_layer"):
        source.listing(backward)


def test_unknown_name_raises_naming_name_and_the_accepted_ones():
    with pytest.raises(ValueError, match="name must be one of .*delta_o1"):
        source.equation("delta_x")


def test_key_with_a_missing_value_raises_naming_values():
    with pytest.raises(ValueError, match="values must hold every name; 'delta_o1'"):
        source.key(["delta_o1"], {})
