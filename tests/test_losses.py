"""Losses: f and d_out agree with SymPy, the tutorial's E and delta, the out - target pairings."""
import numpy as np
import pytest
import sympy as sp

from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, backward, forward
from backprop.nn.activations import activation
from backprop.nn.losses import LOSSES, Loss, loss

o, t = sp.symbols("out t", real=True)
# (out, target) pairs inside (0, 1), where every loss here is defined.
PAIRS = [(0.75136507, 0.01), (0.77292847, 0.99), (0.2, 0.0), (0.9, 1.0), (0.5, 0.3), (0.05, 0.6)]
HUBER_PAIRS = PAIRS + [(-2.0, 1.5), (3.0, 0.25), (0.1, 2.9)]  # both branches, both signs
CASES = [("squared_error", {}, PAIRS), ("binary_cross_entropy", {}, PAIRS),
         ("cross_entropy", {}, PAIRS), ("huber", {}, HUBER_PAIRS),
         ("huber", {"delta": 0.3}, HUBER_PAIRS), ("huber", {"delta": 2.5}, HUBER_PAIRS)]


def exact(expr, out, target):
    return float(expr.subs({o: sp.Float(out, 40), t: sp.Float(target, 40)}).evalf(40))


@pytest.mark.parametrize("name, options, pairs", CASES)
def test_f_is_the_sympy_expression(name, options, pairs):
    L = loss(name, **options)
    expr = L.sympy_expr(o, t)
    for out, target in pairs:
        assert L.f(np.array([out]), np.array([target]))[0] == pytest.approx(
            exact(expr, out, target), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("name, options, pairs", CASES)
def test_d_out_is_sympy_diff_of_f(name, options, pairs):
    L = loss(name, **options)
    derivative = sp.diff(L.sympy_expr(o, t), o)
    for out, target in pairs:
        assert L.d_out(np.array([out]), np.array([target]))[0] == pytest.approx(
            exact(derivative, out, target), rel=1e-12, abs=1e-15)


def test_squared_error_is_the_tutorials_error_and_delta():
    f, b = forward(P, EX), backward(P, EX)
    out, target = np.array([[f.out_o1, f.out_o2]]), np.array([[EX.t1, EX.t2]])
    se = loss("squared_error")
    assert se.f(out, target).tolist() == [[f.E_o1, f.E_o2]]
    assert se.total(out, target).tolist() == [f.E_total]
    assert se.d_out(out, target).tolist() == [[b.output.dE_dout_o1, b.output.dE_dout_o2]]
    delta = se.delta(None, out, target)  # paired with the logistic, as in the tutorial
    assert delta.tolist() == [[b.output.delta_o1, b.output.delta_o2]]


def test_logistic_with_binary_cross_entropy_gives_delta_out_minus_target():
    bce, logistic = loss("binary_cross_entropy"), activation("logistic")
    net = np.array([[-1.3, 0.2, 2.4]])
    out, target = logistic.f(net), np.array([[0.0, 0.7, 1.0]])
    assert np.array_equal(bce.delta(net, out, target), out - target)
    # The same number from the full chain rule: d_out times the logistic's out (1 - out).
    chain = logistic.dE_dnet(net, out, bce.d_out(out, target))
    assert np.allclose(chain, out - target, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("target", [[0.0, 1.0, 0.0], [0.2, 0.5, 0.3]])
def test_softmax_with_cross_entropy_gives_delta_out_minus_target(target):
    ce, softmax = loss("cross_entropy"), activation("softmax")
    net, target = np.array([[0.3, -1.2, 2.0]]), np.array([target])
    out = softmax.f(net)
    assert np.array_equal(ce.delta(net, out, target), out - target)
    via_jacobian = np.einsum("nk,nkj->nj", ce.d_out(out, target), softmax.df(net, out))
    assert np.allclose(via_jacobian, out - target, rtol=1e-12, atol=1e-15)


def test_other_pairings_take_the_full_chain_rule():
    net = np.array([[0.4, -0.9]])
    out, target = activation("tanh").f(net) * 0.5 + 0.5, np.array([[0.1, 0.8]])
    bce = loss("binary_cross_entropy")
    assert np.array_equal(bce.delta(net, out, target, "identity"), bce.d_out(out, target))
    ce = loss("cross_entropy")
    out = activation("logistic").f(net)
    assert np.array_equal(ce.delta(net, out, target, "logistic"),
                          ce.d_out(out, target) * out * (1 - out))


def test_cross_entropy_treats_zero_log_zero_as_zero():
    out = np.array([[1.0, 0.0]])  # a softmax that underflowed to an exact 0
    assert loss("cross_entropy").f(out, np.array([[1.0, 0.0]])).tolist() == [[0.0, 0.0]]
    assert loss("binary_cross_entropy").f(out, np.array([[1.0, 0.0]])).tolist() == [[0.0, 0.0]]


def test_cross_entropy_total_is_minus_log_of_the_true_class():
    out = np.array([[0.7, 0.2, 0.1]])
    total = loss("cross_entropy").total(out, np.array([[0.0, 1.0, 0.0]]))
    assert total.tolist() == [-np.log(0.2)]


def test_huber_is_squared_error_inside_delta_and_linear_outside():
    huber, se = loss("huber", delta=1.5), loss("squared_error")
    out, target = np.array([0.2, -1.0, 2.0, 5.0]), np.array([1.0, 0.4, -3.0, 0.0])
    assert huber.f(out[:2], target[:2]).tolist() == se.f(out[:2], target[:2]).tolist()
    assert huber.f(out[2:], target[2:]).tolist() == [1.5 * (5 - 0.75), 1.5 * (5 - 0.75)]
    assert huber.d_out(out, target).tolist() == [-0.8, -1.4, 1.5, 1.5]


def test_huber_pieces_meet_with_equal_value_and_slope_at_delta():
    huber = loss("huber", delta=2.0)
    edge = np.array([2.0 - 1e-9, 2.0, 2.0 + 1e-9])
    values, slopes = huber.f(edge, 0.0), huber.d_out(edge, 0.0)
    assert np.allclose(values, 2.0, rtol=0, atol=1e-8)
    assert np.allclose(slopes, 2.0, rtol=0, atol=1e-8)


def test_each_loss_names_the_activation_it_pairs_with():
    assert {n: loss(n).paired_with for n in LOSSES} == {
        "squared_error": "logistic", "binary_cross_entropy": "logistic",
        "cross_entropy": "softmax", "huber": "identity"}


def test_lookup_by_name_and_options():
    assert LOSSES == ("squared_error", "binary_cross_entropy", "cross_entropy", "huber")
    assert loss("huber").threshold == 1.0
    assert loss("huber", delta=2).threshold == 2.0
    assert repr(loss("huber", delta=0.5)) == "loss('huber', delta=0.5)"
    se = loss("squared_error")
    assert loss(se) is se and isinstance(se, Loss)


@pytest.mark.parametrize("call, message", [
    (lambda: loss("mse"), "loss must be one of 'squared_error', 'binary_cross_entropy', "
                          "'cross_entropy', 'huber'; got 'mse'"),
    (lambda: loss("huber", delta=-1), "delta must be a finite number greater than 0"),
    (lambda: loss("huber", delta=float("nan")), "delta must be a finite real number"),
    (lambda: loss("huber", width=1), r"loss 'huber' takes the options \['delta'\]; got 'width'"),
    (lambda: loss("squared_error", delta=1), r"takes the options \[\]; got 'delta'"),
    (lambda: loss(loss("huber"), delta=2), "options must be empty"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()
