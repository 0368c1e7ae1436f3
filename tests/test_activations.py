"""Activations: f and df agree with SymPy, the tutorial's out (1 - out), ReLU's kink, softmax."""
import numpy as np
import pytest
import sympy as sp

from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, backward, forward, logistic
from backprop.nn.activations import ACTIVATIONS, Activation, activation

x = sp.Symbol("x", real=True)
# Points on both sides of 0 but not at it: ReLU's kink is pinned separately.
POINTS = [-3.7, -1.25, -0.4, -1e-3, 2e-3, 0.3, 1.1, 2.9]
ELEMENTWISE = ("logistic", "tanh", "relu", "identity")


def exact(expr, value):
    """expr at x = value, evaluated in 40 digits."""
    return float(expr.subs(x, sp.Float(value, 40)).evalf(40))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_f_is_the_sympy_expression(name):
    a = activation(name)
    expr = a.sympy_expr(x)
    for v in POINTS:
        assert a.f(np.array([v]))[0] == pytest.approx(exact(expr, v), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_df_is_sympy_diff_of_f(name):
    a = activation(name)
    derivative = sp.diff(a.sympy_expr(x), x)
    for v in POINTS:
        assert a.df(np.array([v]))[0] == pytest.approx(exact(derivative, v), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_df_from_out_equals_df_from_net(name):
    a = activation(name)
    net = np.array(POINTS)
    out = np.array([exact(a.sympy_expr(x), v) for v in POINTS])  # from SymPy, not a.f
    np.testing.assert_allclose(a.df(net, out), a.df(net), rtol=1e-12, atol=1e-15)


def test_logistic_df_is_out_times_one_minus_out():
    out = np.array([0.1, 0.5, 0.75])
    assert np.array_equal(activation("logistic").df(None, out), out * (1 - out))


def test_logistic_matches_the_scalar_engine_at_the_tutorial():
    f, b = forward(P, EX), backward(P, EX)
    a = activation("logistic")
    nets = np.array([f.net_h1, f.net_h2, f.net_o1, f.net_o2])
    outs = a.f(nets)
    assert outs.tolist() == pytest.approx([logistic(n) for n in nets], rel=1e-15)
    assert a.df(nets[2:], outs[2:]).tolist() == pytest.approx(
        [b.output.dout_o1_dnet_o1, b.output.dout_o2_dnet_o2], rel=1e-15)


def test_tanh_df_is_one_minus_out_squared_and_tanh_is_a_stretched_logistic():
    net = np.array(POINTS)
    out = activation("tanh").f(net)
    assert np.array_equal(activation("tanh").df(net, out), 1 - out ** 2)
    assert np.allclose(out, 2 * activation("logistic").f(2 * net) - 1, rtol=0, atol=1e-15)


def test_relu_derivative_at_the_kink_is_zero():
    relu = activation("relu")
    assert relu.f(np.array([0.0]))[0] == 0.0
    assert relu.df(np.array([0.0]))[0] == 0.0
    assert relu.df(np.array([-1e-300, 1e-300])).tolist() == [0.0, 1.0]
    # The SymPy form carries the same convention: its 0 branch includes x = 0.
    assert sp.diff(relu.sympy_expr(x), x).subs(x, 0) == 0


def test_identity_passes_net_through_with_slope_one():
    net = np.array([[-2.0, 0.0, 3.5]])
    identity = activation("identity")
    assert np.array_equal(identity.f(net), net)
    assert np.array_equal(identity.df(net), np.ones((1, 3)))


def test_elementwise_dE_dnet_multiplies_by_df():
    a, net = activation("tanh"), np.array([[0.2, -1.0]])
    out, dE_dout = a.f(net), np.array([[0.5, -2.0]])
    assert np.array_equal(a.dE_dnet(net, out, dE_dout), dE_dout * (1 - out ** 2))


SOFTMAX_NET = np.array([[0.3, -1.2, 2.0], [1.0, 1.0, 1.0]])


def test_softmax_rows_are_positive_and_add_up_to_one():
    out = activation("softmax").f(SOFTMAX_NET)
    assert (out > 0).all()
    assert np.allclose(out.sum(axis=1), 1, rtol=0, atol=1e-15)
    assert np.allclose(out[1], 1 / 3, rtol=0, atol=1e-16)


def test_softmax_is_the_sympy_expression_and_survives_huge_nets():
    xs = sp.symbols("x1:4", real=True)
    exprs = activation("softmax").sympy_expr(xs)
    out = activation("softmax").f(SOFTMAX_NET[:1])[0]
    point = {s: sp.Float(v, 40) for s, v in zip(xs, SOFTMAX_NET[0])}
    assert out.tolist() == pytest.approx([float(e.subs(point).evalf(40)) for e in exprs],
                                         rel=1e-12)
    # exp(1000) overflows; subtracting the row's maximum first keeps the answer exact.
    assert activation("softmax").f(np.array([[1000.0, 1000.0]])).tolist() == [[0.5, 0.5]]


def test_softmax_jacobian_is_sympy_jacobian():
    xs = sp.symbols("x1:4", real=True)
    jacobian = sp.Matrix(activation("softmax").sympy_expr(xs)).jacobian(xs)
    point = {s: sp.Float(v, 40) for s, v in zip(xs, SOFTMAX_NET[0])}
    expected = np.array(jacobian.subs(point).evalf(40).tolist(), dtype=float)
    J = activation("softmax").df(SOFTMAX_NET[:1])[0]
    assert np.allclose(J, expected, rtol=1e-12, atol=1e-14)


def test_softmax_dE_dnet_is_the_jacobian_vector_product():
    softmax = activation("softmax")
    out, g = softmax.f(SOFTMAX_NET), np.array([[0.4, -1.5, 2.0], [3.0, 0.0, -1.0]])
    via_jacobian = np.einsum("nk,nkj->nj", g, softmax.df(SOFTMAX_NET, out))
    assert np.allclose(softmax.dE_dnet(SOFTMAX_NET, out, g), via_jacobian, rtol=1e-12, atol=1e-15)


def test_lookup_by_name_returns_the_shared_object_and_passes_objects_through():
    assert activation("relu") is activation("relu")
    assert activation(activation("tanh")) is activation("tanh")
    assert [activation(n).name for n in ACTIVATIONS] == list(ACTIVATIONS)
    assert ACTIVATIONS == ("logistic", "tanh", "relu", "identity", "softmax")
    assert isinstance(activation("softmax"), Activation)
    assert repr(activation("relu")) == "activation('relu')"


def test_unknown_activation_names_the_accepted_ones():
    with pytest.raises(ValueError, match="activation must be one of 'logistic', 'tanh', "
                                         "'relu', 'identity', 'softmax'; got 'sigmoid'"):
        activation("sigmoid")
