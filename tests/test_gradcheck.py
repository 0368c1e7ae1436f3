"""Gradient checking: finite differences agree with backprop, and catch a wrong derivative."""
import numpy as np
import pytest

from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, backward
from backprop.nn import datasets, gradcheck
from backprop.nn.activations import Logistic
from backprop.nn.losses import loss
from backprop.nn.mlp import MLP

rng = np.random.default_rng(11)
X = rng.normal(size=(5, 3))
SOFT = rng.uniform(size=(5, 2))
ONE_HOT = np.eye(2)[[0, 1, 1, 0, 1]]
NETWORKS = [
    (["tanh", "logistic"], "binary_cross_entropy", SOFT),
    (["relu", "tanh", "softmax"], "cross_entropy", ONE_HOT),
    (["logistic", "identity"], loss("huber", delta=0.5), rng.normal(size=(5, 2))),
    (["tanh", "softmax"], "squared_error", ONE_HOT),
    (["identity", "logistic"], "squared_error", SOFT),
]


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("activations, loss_, T", NETWORKS)
def test_backprop_agrees_with_finite_differences(activations, loss_, T, reduction):
    sizes = [3] + [4] * (len(activations) - 1) + [2]
    net = MLP.random(sizes, activations, loss_, seed=3, reduction=reduction)
    net.b = [np.random.default_rng(l).normal(0, 0.1, b.shape) for l, b in enumerate(net.b)]
    result = gradcheck.check(net, X, T)
    assert list(result.errors) == [name for name, _ in net.named_parameters()]
    assert result.worst < 1e-7


def test_finite_differences_of_the_tutorial_are_its_gradients():
    X1, T1 = datasets.tutorial()
    numerical = dict(gradcheck.numerical_gradients(MLP.from_tutorial(), X1, T1))
    b = backward(P, EX)
    assert numerical["W2"].ravel() == pytest.approx(b.weight_gradients()[4:], rel=1e-8)
    assert numerical["W1"].ravel() == pytest.approx(b.weight_gradients()[:4], rel=1e-6)
    assert numerical["b2"] == pytest.approx(b.bias_gradients()[2:], rel=1e-8)


class WrongLogistic(Logistic):
    """A logistic whose derivative forgot the (1 - out): the kind of bug a check must catch."""

    name = "wrong_logistic"

    def df(self, net, out=None):
        return self.f(net) if out is None else out


def test_a_wrong_derivative_is_caught():
    net = MLP.random([3, 4, 2], [WrongLogistic(), "logistic"], "squared_error", seed=0)
    result = gradcheck.check(net, X, SOFT)
    assert result.errors["W1"] > 0.1 and result.errors["b1"] > 0.1
    assert result.errors["W2"] < 1e-7  # the output layer does not use the hidden df


def test_parameters_are_restored_exactly():
    net = MLP.random([3, 4, 2], "tanh", seed=0)
    before = [p.copy() for _, p in net.named_parameters()]
    gradcheck.numerical_gradients(net, X, SOFT)
    assert all(np.array_equal(a, p) for a, (_, p) in zip(before, net.named_parameters()))


def test_relative_error_values():
    assert gradcheck.relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert gradcheck.relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert gradcheck.relative_error([3.0, 4.0], [0.0, 0.0]) == 1.0
    assert gradcheck.relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2,
                                                                           rel=1e-15)
    assert gradcheck.relative_error([2.0], [1.0]) == pytest.approx(1 / 3, rel=1e-15)


@pytest.mark.parametrize("call, message", [
    (lambda: gradcheck.check(MLP.from_tutorial(), *datasets.tutorial(), h=0),
     "h must be a finite number greater than 0"),
    (lambda: gradcheck.check("net", *datasets.tutorial()), "net must be a backprop.nn.mlp.MLP"),
    (lambda: gradcheck.check(MLP.from_tutorial(), [[0.05]], [[0.01, 0.99]]),
     r"X must have shape \(examples, 2\)"),
    (lambda: gradcheck.relative_error([1.0], [1.0, 2.0]), "a and b must have the same shape"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()
