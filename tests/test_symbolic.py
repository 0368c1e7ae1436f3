"""The symbolic chain rule agrees with SymPy's own derivative and with the numeric engine."""
import math
import os
import subprocess
import sys

import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from backprop import TUTORIAL_EXAMPLE, TUTORIAL_PARAMS, Example, Params, backward
from backprop.derive import symbolic as S

PARAMS = list(S.PARAMETERS)  # w1..w8, b1, b2


def identical(a, b):
    """a == b for every value of the symbols: the difference expands to 0.

    Both sides are polynomials in sigma(...) terms, so expand is the simplification
    that decides it, and it is far faster than sympy.simplify on the hidden layer.
    """
    return sp.expand(S.expanded(a) - S.expanded(b)) == 0


def sum_of_products(factor):
    return sp.Add(*(sp.Mul(*(f.expr for f in term)) for term in factor.terms))


def every_factor():
    return [f for p in PARAMS for f in S.chain(p).walk()]


@pytest.mark.parametrize("p", PARAMS)
def test_chain_rule_for_each_parameter_equals_full_derivative(p):
    assert identical(sum_of_products(S.chain(p)), S.full_derivative(p))


def test_chain_rule_for_w5_equals_full_derivative():
    product = sp.Mul(*(expr for _, expr in S.factors("w5")))
    assert identical(product, sp.diff(S.expanded(S.E_total), S.w5))


def test_every_factor_is_the_partial_derivative_it_names():
    # d(of)/d(wrt) computed afresh: expand `of` down to the base symbols but keep wrt
    # free, then differentiate. This checks each factor, not only the products.
    for f in every_factor():
        rest = {s: d for s, d in S.DEFINITIONS.items() if s != f.wrt}
        of = f.of
        while of.free_symbols & rest.keys():
            of = of.xreplace(rest)
        assert identical(f.expr, sp.diff(of, f.wrt)), f.name


def test_every_split_factor_is_the_sum_of_its_products():
    for f in every_factor():
        if f.terms:
            assert identical(f.expr, sum_of_products(f)), f.name


def test_output_factors_have_the_tutorial_form():
    assert S.factors("w5") == [
        ("dE_dout_o1", -(S.t1 - S.out_o1)),
        ("dout_o1_dnet_o1", S.out_o1 * (1 - S.out_o1)),
        ("dnet_o1_dw5", S.out_h1),
    ]


def test_hidden_output_derivative_sums_delta_times_weight_over_both_outputs():
    dE_dout_h1, dout_dnet, dnet_dw1 = S.chain("w1").terms[0]
    assert dE_dout_h1.name == "dE_dout_h1"
    assert dE_dout_h1.expr == S.delta_o1 * S.w5 + S.delta_o2 * S.w7
    assert [t[0].name for t in dE_dout_h1.terms] == ["dEo1_dout_h1", "dEo2_dout_h1"]
    assert (dout_dnet.expr, dnet_dw1.expr) == (S.out_h1 * (1 - S.out_h1), S.i1)


@pytest.mark.parametrize("b, deltas", [("b1", ("delta_h1", "delta_h2")),
                                       ("b2", ("delta_o1", "delta_o2"))])
def test_shared_bias_gradient_sums_the_deltas_of_the_neurons_it_feeds(b, deltas):
    assert S.chain(b).expr == sp.Add(*(sp.Symbol(d) for d in deltas))
    names = [name for name, _ in S.factors(b)]
    assert names[::2] == list(deltas)
    assert [expr for _, expr in S.factors(b)][1::2] == [1, 1]


def test_expanded_leaves_only_base_symbols():
    for s in S.DEFINITIONS:
        assert S.expanded(s).free_symbols <= set(S.BASE), s


# The engine's name for each factor it has under another name, or its constant value.
SAME_AS = {"dEo1_dout_o1": "dE_dout_o1", "dEo2_dout_o2": "dE_dout_o2"}  # E_o2 ignores out_o1
CONSTANT = {"dnet_h1_db1": 1.0, "dnet_h2_db1": 1.0, "dnet_o1_db2": 1.0, "dnet_o2_db2": 1.0}


def assert_matches_engine(params, example):
    engine = backward(params, example).as_dict()
    for p in PARAMS:
        assert math.isclose(S.derivative_value(p, params, example), engine[f"dE_d{p}"],
                            rel_tol=0, abs_tol=1e-12), p
        for name, value in S.factor_values(p, params, example).items():
            expected = CONSTANT[name] if name in CONSTANT else engine[SAME_AS.get(name, name)]
            assert math.isclose(value, expected, rel_tol=0, abs_tol=1e-12), (p, name)


def test_values_match_backward_at_the_tutorials_numbers():
    assert_matches_engine(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)


weight = st.floats(-3, 3)


@settings(max_examples=40, deadline=None)
@given(st.lists(weight, min_size=10, max_size=10),
       st.floats(-2, 2), st.floats(-2, 2), st.floats(0, 1), st.floats(0, 1))
def test_values_match_backward_at_random_parameters(ws, x1, x2, y1, y2):
    assert_matches_engine(Params.layered(*ws), Example(x1, x2, y1, y2))


def test_values_refuse_biases_that_are_no_longer_shared():
    params = TUTORIAL_PARAMS.with_values(b_h1=0.1)
    with pytest.raises(ValueError, match="b1 is not shared"):
        S.factor_values("w1", params, TUTORIAL_EXAMPLE)


@pytest.mark.parametrize("fn", [S.chain, S.factors, S.full_derivative, S.identity,
                                S.derivation])
@pytest.mark.parametrize("bad", ["w9", "b_h1", "eta", 5])
def test_unknown_parameter_raises_value_error_naming_it_and_the_accepted_names(fn, bad):
    with pytest.raises(ValueError, match=rf"{bad!r}.*w1, w2, w3, w4, w5, w6, w7, w8, b1, b2"):
        fn(bad)


def test_unknown_parameter_is_refused_by_the_numeric_helpers_too():
    with pytest.raises(ValueError, match="'w0'"):
        S.factor_values("w0", TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)


def test_parameter_may_be_given_as_its_symbol():
    assert S.chain(S.w5) is S.chain("w5")


def test_identity_for_w5_reads_as_in_the_tutorial():
    assert S.identity("w5") == (
        r"\frac{\partial E_{total}}{\partial w_{5}} = "
        r"\frac{\partial E_{total}}{\partial out_{o1}} \cdot "
        r"\frac{\partial out_{o1}}{\partial net_{o1}} \cdot "
        r"\frac{\partial net_{o1}}{\partial w_{5}}")


def test_derivation_gives_each_factors_symbolic_value():
    lines = S.derivation("w1").splitlines()
    assert lines[0] == r"\begin{aligned}" and lines[-1] == r"\end{aligned}"
    assert (r"\frac{\partial E_{total}}{\partial out_{h1}} &= "
            r"\frac{\partial E_{o1}}{\partial out_{h1}} + "
            r"\frac{\partial E_{o2}}{\partial out_{h1}} = "
            r"\delta_{o1} w_{5} + \delta_{o2} w_{7} \\") in lines
    assert (r"\frac{\partial out_{o1}}{\partial net_{o1}} &= "
            r"out_{o1} \left(1 - out_{o1}\right) \\") in lines


def test_symbols_print_with_the_tutorials_subscripts():
    printed = [sp.latex(s) for s in (S.w5, S.out_o1, S.net_h1, S.E_total, S.eta, S.delta_o1)]
    assert printed == ["w_{5}", "out_{o1}", "net_{h1}", "E_{total}", r"\eta", r"\delta_{o1}"]


def test_results_render_as_math_in_jupyter():
    for shown in (S.identity("w5"), S.derivation("b1"), S.chain("w1")):
        assert shown._repr_latex_().startswith("$\\displaystyle ")
    assert S.full_derivative("w5")._repr_latex_()  # SymPy's own


def test_sigma_differentiates_as_out_times_one_minus_out_and_is_the_logistic():
    x = sp.Symbol("x")
    assert sp.diff(S.sigma(x), x) == S.sigma(x) * (1 - S.sigma(x))
    assert S.sigma(x).rewrite(sp.exp) == 1 / (1 + sp.exp(-x))
    # fdiff is declared by hand, so check it against the formula's own derivative.
    by_formula = sp.diff(1 / (1 + sp.exp(-x)), x)
    assert sp.simplify(by_formula - sp.diff(S.sigma(x), x).rewrite(sp.exp)) == 0
    assert math.isclose(float(S.sigma(sp.Rational(1, 2)).evalf()), 1 / (1 + math.exp(-0.5)))


@pytest.mark.slow
def test_module_imports_without_ipython():
    code = "import sys; sys.modules['IPython'] = None; import backprop.derive.symbolic"
    src = os.path.dirname(os.path.dirname(S.__file__))  # wherever backprop was found
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "PYTHONPATH": src})


# -- one bias per neuron ------------------------------------------------------------------

OWN = list(S.PER_NEURON_BIASES)  # b_h1, b_h2, b_o1, b_o2
DELTA_OF = {"b_h1": "delta_h1", "b_h2": "delta_h2", "b_o1": "delta_o1", "b_o2": "delta_o2"}


def identical_per_neuron(a, b):
    """identical() in the per-neuron network: expand with its own definitions."""
    return sp.expand(S._expanded_in(a, S.PER_NEURON_DEFINITIONS)
                     - S._expanded_in(b, S.PER_NEURON_DEFINITIONS)) == 0


def test_per_neuron_network_differs_only_in_the_net_inputs_bias():
    changed = {s for s in S.DEFINITIONS if S.PER_NEURON_DEFINITIONS[s] != S.DEFINITIONS[s]}
    assert changed == {S.net_h1, S.net_h2, S.net_o1, S.net_o2}
    assert S.PER_NEURON_DEFINITIONS[S.net_h2] == S.w3 * S.i1 + S.w4 * S.i2 + S.b_h2
    assert S.PER_NEURON_DEFINITIONS[S.net_o1] == S.w5 * S.out_h1 + S.w6 * S.out_h2 + S.b_o1
    assert S.DEFINITIONS[S.net_h2] == S.w3 * S.i1 + S.w4 * S.i2 + S.b1  # the shared one stays


@pytest.mark.parametrize("b", OWN)
def test_per_neuron_bias_gradient_is_its_own_neurons_delta(b):
    top = S.per_neuron_chain(b)
    assert top.expr == sp.Symbol(DELTA_OF[b])
    (delta, dnet_db), = top.terms  # one path: the bias feeds one neuron
    assert (delta.name, dnet_db.name) == (DELTA_OF[b], f"dnet_{b[2:]}_d{b}")
    assert dnet_db.expr == 1


@pytest.mark.parametrize("b", OWN)
def test_per_neuron_chain_rule_equals_full_derivative(b):
    assert identical_per_neuron(S.per_neuron_chain(b).expr, S.per_neuron_full_derivative(b))


def test_per_neuron_full_derivative_sees_only_the_per_neuron_biases():
    for b in OWN:
        found = S.per_neuron_full_derivative(b).free_symbols
        assert found <= set(S.PER_NEURON_BASE) and not found & {S.b1, S.b2}, b


@pytest.mark.parametrize("shared", ["b1", "b2"])
def test_shared_bias_derivative_is_the_sum_of_the_per_neuron_ones(shared):
    assert identical(S.full_derivative(shared), S.per_neuron_sum(shared))


@pytest.mark.parametrize("shared", ["b1", "b2"])
def test_sum_rule_shows_a_zero_difference(shared):
    rule = S.sum_rule(shared)
    assert rule.endswith("= 0")
    assert rule.startswith(rf"\frac{{\partial E_{{total}}}}{{\partial b_{{{shared[1]}}}}} - ")
    assert rule._repr_latex_().startswith("$\\displaystyle ")


def assert_per_neuron_matches_engine(params, example):
    engine = dict(zip(OWN, backward(params, example).bias_gradients()))
    for b in OWN:
        assert math.isclose(S.per_neuron_value(b, params, example), engine[b],
                            rel_tol=0, abs_tol=1e-12), b


def test_per_neuron_values_match_the_engines_deltas_at_the_tutorials_numbers():
    assert_per_neuron_matches_engine(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)


@settings(max_examples=40, deadline=None)
@given(st.lists(weight, min_size=12, max_size=12),
       st.floats(-2, 2), st.floats(-2, 2), st.floats(0, 1), st.floats(0, 1))
def test_per_neuron_values_match_the_engine_when_every_bias_differs(ws, x1, x2, y1, y2):
    assert_per_neuron_matches_engine(Params(*ws), Example(x1, x2, y1, y2))


@pytest.mark.parametrize("fn", [S.per_neuron_chain, S.per_neuron_full_derivative])
@pytest.mark.parametrize("bad", ["b1", "b_h3", "w1", 5])
def test_unknown_per_neuron_bias_raises_value_error_naming_the_accepted_ones(fn, bad):
    with pytest.raises(ValueError, match=rf"{bad!r}.*b_h1, b_h2, b_o1, b_o2"):
        fn(bad)


def test_per_neuron_value_refuses_an_unknown_bias():
    with pytest.raises(ValueError, match="'b2'; accepted: b_h1"):
        S.per_neuron_value("b2", TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)


@pytest.mark.parametrize("fn", [S.per_neuron_sum, S.sum_rule])
@pytest.mark.parametrize("bad", ["b_h1", "b3", 1])
def test_unknown_shared_bias_raises_value_error_naming_b1_and_b2(fn, bad):
    with pytest.raises(ValueError, match=rf"{bad!r}; accepted: b1, b2"):
        fn(bad)


def test_per_neuron_bias_may_be_given_as_its_symbol():
    assert S.per_neuron_chain(S.b_o2) is S.per_neuron_chain("b_o2")


def test_definitions_are_read_only_and_hold_the_deltas():
    assert S.delta_h1 in S.DEFINITIONS and S.E_total in S.DEFINITIONS
    with pytest.raises(TypeError):
        S.DEFINITIONS[S.net_h1] = 0
