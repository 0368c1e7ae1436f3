"""Readers' questions: each answer's numbers, checked against an independent computation."""
import math

import pytest
import sympy as sp

from backprop import (PUBLISHED, TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA,
                      backward)
from backprop.chapters import ch07_questions as q
from backprop.derive import symbolic


def s(x):
    return 1 / (1 + math.exp(-x))


def reference(w, b1, b2, i1, i2, t1, t2):
    """Forward pass and error written out again from the tutorial's formulas."""
    h1 = s(w[0] * i1 + w[1] * i2 + b1)
    h2 = s(w[2] * i1 + w[3] * i2 + b1)
    o1 = s(w[4] * h1 + w[5] * h2 + b2)
    o2 = s(w[6] * h1 + w[7] * h2 + b2)
    return dict(h1=h1, h2=h2, o1=o1, o2=o2, E_o1=(t1 - o1) ** 2 / 2, E_o2=(t2 - o2) ** 2 / 2)


W = [P.w1, P.w2, P.w3, P.w4, P.w5, P.w6, P.w7, P.w8]


@pytest.mark.parametrize("neuron, weights", [("h1", ("w1", "w2")), ("h2", ("w3", "w4")),
                                             ("o1", ("w5", "w6")), ("o2", ("w7", "w8"))])
def test_each_neuron_is_fed_by_the_two_weights_ending_in_it(neuron, weights):
    assert q.feeding(neuron) == weights


def test_feeding_refuses_an_input_neuron():
    with pytest.raises(ValueError, match="neuron must be one of 'h1'"):
        q.feeding("i1")


def test_definition_of_net_o2_shows_out_h1_enters_only_through_w7():
    assert q.definition("net_o2") == r"net_{o2} = b_{2} + out_{h1} w_{7} + out_{h2} w_{8}"
    assert q.definition("net_h1")._repr_latex_().startswith(r"$\displaystyle net_{h1} = ")
    with pytest.raises(ValueError, match="name must be one of"):
        q.definition("net_h3")


def test_h1_with_w1_w2_is_the_published_forward_pass():
    net, out = q.h1_with("w1", "w2")
    assert PUBLISHED["net_h1"].matches(net) and PUBLISHED["out_h1"].matches(out)


def test_the_slip_w1_w3_gives_a_different_out_h1():
    net, out = q.h1_with("w1", "w3")
    expected = 0.15 * 0.05 + 0.25 * 0.10 + 0.35
    assert net == pytest.approx(expected, abs=1e-15)
    assert out == pytest.approx(s(expected), abs=1e-15)
    assert not PUBLISHED["out_h1"].matches(out)


def test_h1_with_refuses_unknown_weights():
    with pytest.raises(ValueError, match="second must be one of 'w1'"):
        q.h1_with("w1", "w9")


def test_h1_table_says_only_w1_w2_reproduces_the_published_digits():
    rows = str(q.h1_table()).splitlines()
    assert rows[2] == "| `w1`, `w2` (the edges into h1) | 0.377500000 | 0.593269992 | yes |"
    assert rows[3].startswith("| `w1`, `w3` (the slip) | 0.382500000 | ")
    assert rows[3].endswith(" | no |")
    assert rows[4] == "| published | 0.3775 | 0.593269992 |  |"


def test_sympy_factor_for_o2_to_h1_is_delta_o2_times_w7():
    f = q.symbolic_factor("dEo2_dout_h1")
    assert f.expr == symbolic.delta_o2 * symbolic.w7
    assert q.symbolic_factor("dnet_o2_dout_h1").expr == symbolic.w7
    assert symbolic.w6 not in f.expr.free_symbols


def test_symbolic_factor_refuses_an_unknown_name():
    with pytest.raises(ValueError, match="name must be the name of a chain-rule factor"):
        q.symbolic_factor("dEo2_dout_h3")


def test_chain_lines_show_bias_gradients_as_sums_of_deltas():
    text = q.chain_lines(["b1", "b2"])
    assert text.startswith("\\begin{aligned}") and text.count("&=") == 2
    assert r"= \delta_{h1} + \delta_{h2} \\" in text
    assert text.rstrip().endswith(r"= \delta_{o1} + \delta_{o2}" + "\n\\end{aligned}")


def test_carried_by_w7_is_the_true_backward_pass():
    assert q.carried_by("w7").as_dict() == backward(P, EX).as_dict()


def test_carried_by_w6_gives_the_readers_number():
    b = q.carried_by("w6").hidden
    o2 = reference(W, 0.35, 0.6, 0.05, 0.1, 0.01, 0.99)["o2"]
    delta_o2 = (o2 - 0.99) * o2 * (1 - o2)
    assert b.dEo2_dout_h1 == pytest.approx(delta_o2 * 0.45, abs=1e-15)
    assert f"{b.dEo2_dout_h1:.7f}" == "-0.0171442"
    # Only h1's side moves: h2 still hears o2 through w8.
    assert b.dEo2_dout_h2 == backward(P, EX).hidden.dEo2_dout_h2


def test_w7_or_w6_table_lists_both_and_the_published_digits():
    rows = str(q.w7_or_w6_table()).splitlines()
    assert rows[2] == "| `dEo2_dout_h1` | -0.019049118 | -0.017144206 | -0.019049119 |"
    assert rows[3].startswith("| `dE_dout_h1` | 0.036350306 | ")
    assert rows[3].endswith(" | 0.036350306 |")
    assert rows[5] == "| `dE_dw1` | 0.000438568 | 0.000461551 | 0.000438568 |"


def test_target_comparison_changes_only_what_t1_reaches():
    c = q.target_comparison((0.01, 0.1))
    ref = reference(W, 0.35, 0.6, 0.05, 0.1, 0.1, 0.99)
    assert c[0.1]["E_o1"] == pytest.approx(ref["E_o1"], abs=1e-12)
    assert c[0.1]["E_total"] == pytest.approx(ref["E_o1"] + ref["E_o2"], abs=1e-12)
    delta_o1 = (ref["o1"] - 0.1) * ref["o1"] * (1 - ref["o1"])
    assert c[0.1]["dE_dw5"] == pytest.approx(delta_o1 * ref["h1"], abs=1e-12)
    assert c[0.1]["dE_dw6"] == pytest.approx(delta_o1 * ref["h2"], abs=1e-12)
    for k in ("E_o2", "dE_dw7", "dE_dw8"):
        assert c[0.1][k] == c[0.01][k]


def test_only_t1_001_reproduces_the_published_error_of_o1():
    c = q.target_comparison((0.01, 0.1))
    assert q.reproducing_targets("E_o1", c) == [0.01]
    assert q.reproducing_targets("dE_dw5", c) == [0.01]
    assert q.reproducing_targets("E_o2", c) == [0.01, 0.1]


def test_target_table_names_the_reproducing_target():
    rows = str(q.target_table()).splitlines()
    assert rows[0] == "| quantity | t1 = 0.01 | t1 = 0.1 | published | reproduced by |"
    assert rows[2] == "| `E_o1` | 0.274811083 | 0.212138227 | 0.274811083 | t1 = 0.01 |"
    assert rows[6] == "| `dE_dw6` | 0.082667628 | 0.072631970 |  |  |"


@pytest.mark.parametrize("targets, message", [((), "targets must hold at least one"),
                                              ((0.01, 1.5), r"t1 must lie in \[0, 1\]")])
def test_bad_targets_are_refused(targets, message):
    with pytest.raises(ValueError, match=message):
        q.target_comparison(targets)


def test_bias_table_one_update_frozen_and_shared():
    b = backward(P, EX)
    eta = TUTORIAL_ETA
    w = [x - eta * g for x, g in zip(W, b.weight_gradients())]
    b1, b2 = 0.35 - eta * b.dE_db1, 0.6 - eta * b.dE_db2
    frozen = reference(w, 0.35, 0.6, 0.05, 0.1, 0.01, 0.99)
    shared = reference(w, b1, b2, 0.05, 0.1, 0.01, 0.99)
    rows = str(q.bias_table()).splitlines()
    assert rows[2] == (f"| `frozen` (the tutorial) | 0.350000000 | 0.600000000 | "
                       f"{frozen['E_o1'] + frozen['E_o2']:.9f} |")
    assert rows[3] == (f"| `shared` (b1, b2 learn too) | {b1:.9f} | {b2:.9f} | "
                       f"{shared['E_o1'] + shared['E_o2']:.9f} |")
    assert rows[3].endswith("| 0.285750887 |")


def test_bias_gradients_are_not_zero():
    b = backward(P, EX)
    assert b.dE_db1 == pytest.approx(0.018725609395, abs=1e-12)
    assert b.dE_db2 == pytest.approx(0.100400325112, abs=1e-12)


def test_per_neuron_bias_gradients_add_up_to_the_shared_ones():
    b = backward(P, EX)
    rows = str(q.per_neuron_bias_table()).splitlines()
    assert rows[2] == (f"| `b1` | `b_h1`: {b.hidden.delta_h1:.9f}, `b_h2`: "
                       f"{b.hidden.delta_h2:.9f} | 0.018725609 | 0.018725609 |")
    assert rows[3].startswith("| `b2` | `b_o1`: 0.138498562, `b_o2`: -0.038098237 | ")
    assert rows[3].endswith("| 0.100400325 | 0.100400325 |")


def test_sympy_check_sets_sympy_beside_the_engine():
    rows = str(q.sympy_check(["dE_db2", "dEo2_dout_h1"])).splitlines()
    assert rows[0] == r"| derivative | SymPy | engine | \|difference\| |"
    cells = rows[2].split(" | ")
    assert cells[1] == cells[2] == "0.100400325112001"
    assert rows[3].startswith("| `dEo2_dout_h1` | -0.019049118258278 | -0.019049118258278 |")


def test_sympy_check_refuses_an_unknown_key():
    with pytest.raises(ValueError, match="keys must name gradients"):
        q.sympy_check(["dE_dw9"])


def test_misnamed_factor_contrasts_out_1_minus_out_with_the_weight():
    text = q.misnamed_factor()
    assert (r"\frac{\partial out_{o1}}{\partial net_{o1}} &= out_{o1} \left(1 - out_{o1}\right)"
            r" = 0.186815602") in text
    assert r"\frac{\partial net_{o1}}{\partial out_{h1}} &= w_{5} = 0.400000000" in text


def test_cli_excerpt_keeps_the_command_headings_and_chosen_rows():
    text = q.cli_excerpt(["--set", "w5=0.3"], ["out_o1", "w5_new"])
    lines = text.splitlines()
    assert lines[0] == "$ python -m backprop --set w5=0.3"
    assert lines[1].startswith("A Step by Step Backpropagation Example, recomputed")
    assert lines[2:5] == ["", "The forward pass", lines[4]] and lines[4].split()[0] == "out_o1"
    dE_dw5 = backward(P.with_values(w5=0.3), EX).output.dE_dw5
    assert lines[-1].split() == ["w5_new", f"{0.3 - 0.5 * dE_dw5:.12f}"]
    assert "published" not in text


def test_cli_excerpt_of_the_tutorial_shows_the_marks():
    text = q.cli_excerpt([], ["out_o1", "dEo2_dout_h1"])
    assert "published 0.75136507     matches" in text
    assert "published -0.019049119   differs: " in text


@pytest.mark.parametrize("argv, keys, message", [
    (["--set", "w9=1"], ["out_o1"], "argv: python -m backprop: error: --set 'w9=1'"),
    ([], ["out_o9"], "keys: 'out_o9' is not a row of the output"),
])
def test_cli_excerpt_refuses_bad_arguments_and_keys(argv, keys, message):
    with pytest.raises(ValueError, match=message):
        q.cli_excerpt(argv, keys)


# -- the prose's numbers ---------------------------------------------------------------------


def test_question_facts_give_the_prose_digits():
    facts = {**q.h1_slip_facts(), **q.w7_or_w6_facts(), **q.target_facts((0.01, 0.1)),
             **q.bias_gradient_facts(), **q.bias_update_facts()}
    assert f"{facts['q1_out_h1']:.9f}" == "0.593269992"  # the tutorial's published out_h1
    assert facts["q1_out_h1_slip"] == pytest.approx(
        1 / (1 + math.exp(-(P.w1 * EX.i1 + P.w3 * EX.i2 + P.b1))), abs=1e-15)
    assert (facts["q1_w2"], facts["q1_w3"]) == (0.2, 0.25)
    b = backward(P, EX)
    assert facts["q2_wrong"] == pytest.approx(b.output.delta_o2 * P.w6, abs=1e-15)
    assert f"{facts['q2_right']:.9f}" == "-0.019049118" and facts["q2_published"] == -0.019049119
    assert (facts["q3_t_text"], facts["q3_t_figure"]) == (0.01, 0.1)
    assert f"{facts['q3_E_o1_figure']:.9f}" == "0.212138227"
    assert facts["q4_db2"] == pytest.approx(b.output.delta_o1 + b.output.delta_o2, abs=1e-15)
    assert (f"{facts['q4_db1']:.9f}", f"{facts['q4_E_shared']:.9f}",
            f"{facts['q4_E_frozen']:.9f}") == ("0.018725609", "0.285750887", "0.291027774")
    assert facts["q4_E_published"] == 0.291027924


def test_autodiff_facts_are_bounds_or_nothing_without_jax():
    from backprop.derive import autodiff
    expected = {"q6_largest": "below 1e-14", "q6_largest32": "below 1e-6"}
    assert q.autodiff_facts() == (expected if autodiff.available() else {})
