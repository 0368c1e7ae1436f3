"""The recap's four equations and its key (backprop.chapters.ch05b_recap)."""
import pytest

from backprop.chapters import ch05b_recap as recap
from backprop.derive import source


def test_equation_1_is_the_output_delta_as_sympy_derives_it():
    assert recap.equation(1) == source.equation("delta_o1")
    assert recap.equation(1)._repr_latex_().startswith(r"$\displaystyle \delta_{o1} =")


def test_equation_2_sends_both_output_deltas_back_to_h1():
    assert recap.equation(2).endswith(
        r"out_{h1} \left(1 - out_{h1}\right) \left(\delta_{o1} w_{5} + \delta_{o2} w_{7}\right)")


def test_equation_3_aligns_the_delta_rule_for_both_layers():
    assert recap.equation(3) == (
        "\\begin{aligned}\n"
        r"\frac{\partial E_{total}}{\partial w_{5}} &= \delta_{o1} \, out_{h1} \\" "\n"
        r"\frac{\partial E_{total}}{\partial w_{1}} &= \delta_{h1} \, i_{1}" "\n"
        "\\end{aligned}")


def test_equation_4_collects_both_deltas_into_the_shared_bias():
    assert recap.equation(4).endswith(r"= \delta_{o1} + \delta_{o2}")


@pytest.mark.parametrize("k", [0, 5, 1.5, "one"])
def test_equation_outside_one_to_four_raises_naming_k(k):
    with pytest.raises(ValueError, match=r"k must be a whole number in \[1, 4\]"):
        recap.equation(k)


def test_code_names_run_through_both_layers_in_order():
    names = recap.code_names()
    assert names[0] == "dE_dout_o1" and names[-1] == "dE_dw4" and len(names) == 24
    assert names.index("delta_o1") < names.index("dEo1_dout_h1") < names.index("delta_h1")


def test_key_table_row_of_the_blame_o2_sends_h1():
    rows = {row[0]: row for row in recap.key_table().rows}
    assert rows["`dEo2_dout_h1`"] == ["`dEo2_dout_h1`",
                                      r"$\partial E_{o2} / \partial out_{h1}$",
                                      "-0.019049118"]
