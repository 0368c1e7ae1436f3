"""Chapter 5's computational graph, operation counts and bug (chapters.ch05_hidden_layer)."""
import io

import pytest

from backprop import TUTORIAL_EXAMPLE as EX, TUTORIAL_PARAMS as P, WEIGHTS, backward
from backprop.chapters import ch05_hidden_layer as ch05
from backprop.display.figures import save_svg

ENGINE = backward(P, EX).as_dict()


def test_graph_has_every_value_once_and_E_total_last():
    g = ch05.graph()
    assert g.nodes[-1] == "E_total" and len(set(g.nodes)) == len(g.nodes) == 21
    assert len(g.edges) == 24


def test_graph_edges_carry_the_local_gradients_of_the_forward_pass():
    local = {(a, b): v for a, b, v in ch05.graph().edges}
    assert local["out_h1", "net_o1"] == P.w5
    assert local["w5", "net_o1"] == ENGINE["out_h1"]
    assert local["net_h1", "out_h1"] == ENGINE["dout_h1_dnet_h1"]
    assert local["out_o1", "E_o1"] == ENGINE["out_o1"] - EX.t1
    assert local["E_o1", "E_total"] == 1.0


def test_adjoints_of_the_weights_are_the_engines_gradients_to_the_last_bit():
    adjoint = ch05.adjoints(ch05.graph())
    assert all(adjoint[w] == ENGINE[f"dE_d{w}"] for w in WEIGHTS)


def test_adjoint_at_the_fork_is_the_sum_of_both_routes():
    adjoint = ch05.adjoints(ch05.graph())
    assert adjoint["out_h1"] == ENGINE["dE_dout_h1"]
    assert adjoint["out_h1"] == pytest.approx(0.036350306393, abs=1e-12)
    assert adjoint["net_o1"] == ENGINE["delta_o1"]
    assert adjoint["net_h1"] == ENGINE["delta_h1"]


def test_adjoints_of_something_else_raises_naming_g():
    with pytest.raises(ValueError, match="g must be a backprop.chapters.ch05_hidden_layer.Graph"):
        ch05.adjoints({"E_total": 1})


def test_operation_counts_of_the_tutorials_network():
    c = ch05.operation_counts([2, 2, 2])
    assert (c.parameters, c.forward, c.backward) == (12, 27, 28)
    assert (c.backprop, c.finite_differences) == (55, 648)


def test_operation_counts_of_a_wide_and_a_deep_network():
    wide = ch05.operation_counts([256, 256, 256])
    assert (wide.parameters, wide.forward, wide.backward) == (131_584, 263_679, 263_680)
    deep = ch05.operation_counts([3, 4, 5, 2])
    # forward 2(12+20+10) + (4+5+2) + error 3*2 + 1; backward 4*2 at the output, then
    # (20+16+12) into the 4 and (10+5+15) into the 5, and (12+20+10) products for dE/dW
    assert (deep.parameters, deep.forward, deep.backward) == (53, 102, 128)


def test_finite_differences_cost_about_as_many_backprops_as_there_are_parameters():
    for sizes in ch05.cost_sizes():
        c = ch05.operation_counts(sizes)
        assert round(c.finite_differences / c.backprop) == c.parameters


@pytest.mark.parametrize("sizes, match", [([3], "sizes must list at least 2"),
                                          ("22", "sizes must list at least 2"),
                                          ([2, 0, 2], r"sizes\[1\] must be a whole number >= 1")])
def test_operation_counts_of_bad_sizes_raises_naming_sizes(sizes, match):
    with pytest.raises(ValueError, match=match):
        ch05.operation_counts(sizes)


def test_cost_sizes_run_from_about_ten_to_about_a_hundred_thousand_parameters():
    P_ = [ch05.operation_counts(s).parameters for s in ch05.cost_sizes()]
    assert P_[0] == 12 and P_[-1] == 131_584


def test_cost_table_row_of_the_tutorials_network():
    assert ch05.cost_table([[2, 2, 2]]).rows == [["2-2-2", "12", "27", "28", "648", "12"]]


def test_describe_costs_names_both_ends_and_the_slopes():
    text = ch05.describe_costs(ch05.cost_sizes())
    assert "at 12 parameters backprop takes 55 operations and finite differences 648" in text
    assert "slope 1.0" in text and "slope 2.0" in text


@pytest.mark.slow  # over 1.5 s: make check stays under a minute
def test_figures_are_the_same_svg_twice():
    for make in (lambda: ch05.graph_figure(), lambda: ch05.cost_figure(ch05.cost_sizes())):
        a, b = io.BytesIO(), io.BytesIO()
        save_svg(make(), a)
        save_svg(make(), b)
        assert a.getvalue() == b.getvalue()


def test_describe_graph_gives_the_fork_and_its_sum():
    text = ch05.describe_graph()
    assert "out_h1, which feeds net_o1 (local gradient 0.4000, adjoint 0.1385)" in text
    assert "its adjoint 0.0364 is the sum" in text


def test_time_gradients_returns_two_positive_times():
    bp, fd = ch05.time_gradients([2, 2, 2], repeats=1)
    assert bp > 0 and fd > 0


def test_time_gradients_with_no_repeats_raises_naming_repeats():
    with pytest.raises(ValueError, match="repeats must be a whole number >= 1"):
        ch05.time_gradients([2, 2, 2], repeats=0)


def test_w6_read_for_w7_spoils_only_the_gradients_of_w1_and_w2():
    assert ch05.gradients_changed((P.w5, P.w6, P.w6, P.w8)) == ("w1", "w2")
    assert ch05.gradients_changed((P.w5, P.w6, P.w7, P.w8)) == ()


@pytest.mark.parametrize("bad, match", [((0.4, 0.45), "output_weights must hold 4 values"),
                                        ((0.4, 0.45, "x", 0.55), r"output_weights\[2\] must")])
def test_gradients_changed_with_bad_weights_raises_naming_output_weights(bad, match):
    with pytest.raises(ValueError, match=match):
        ch05.gradients_changed(bad)


# -- the numbers the prose names ------------------------------------------------------------


def test_hidden_layer_facts_join_the_walkthrough_the_engine_and_sympy():
    from backprop.derive import symbolic

    f = ch05.hidden_layer_facts(ENGINE, symbolic.factor_values("w1", P, EX))
    assert {k: f[k] for k in ENGINE} == ENGINE
    assert (f"{f['dE_dw1']:.9f}", f"{f['w1_new']:.9f}") == ("0.000438568", "0.149780716")
    assert f"{f['sympy_dE_dout_h1']:.12f}" == "0.036350306393"
    assert (f["decimals_w1_new"], f["decimals_w2_new"]) == (9, 8)


def test_graph_facts_give_local_gradients_and_adjoints():
    g = ch05.graph()
    f = ch05.graph_facts(g, ch05.adjoints(g))
    assert (f["local_w5"], f["local_w7"]) == (P.w5, P.w7)
    assert abs(f["adjoint_net_o1"] - ENGINE["delta_o1"]) < 1e-12
    assert abs(f["adjoint_out_h1"] - ENGINE["dE_dout_h1"]) < 1e-12
    assert f"{f['adjoint_net_o2']:.9f}" == "-0.038098237"


def test_cost_facts_count_the_smallest_and_largest_networks():
    f = ch05.cost_facts(ch05.cost_sizes())
    assert (f["forward_small"], f["backward_small"]) == (27, 28)
    assert (f["parameters_large"], f["forward_large"], f["backward_large"]) == (
        131_584, 263_679, 263_680)
    assert f"{f['fd_over_bp_large']:,.0f}" == "131,584"
