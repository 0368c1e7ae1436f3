"""nn.Stacked: K networks trained together are the K networks trained one by one."""
import numpy as np
import pytest

from backprop.nn import datasets
from backprop.nn.mlp import MLP
from backprop.nn.stacked import Stacked

X, T = datasets.xor()


def nets(sizes=(2, 3, 1), seeds=(0, 5, 9), **kw):
    return [MLP.random(list(sizes), "logistic", seed=s, **kw) for s in seeds]


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_each_network_trains_as_it_would_alone(reduction):
    alone = nets(reduction=reduction)
    stack = Stacked(nets(reduction=reduction))
    history = stack.train(X, T, 1.5, 200, batch_size=2, shuffle=False)
    assert history.epochs.shape == (201, 3) and history.updates.shape == (400, 3)
    for i, net in enumerate(alone):
        h = net.train(X, T, 1.5, 200, batch_size=2, shuffle=False)
        assert np.abs(history.epochs[:, i] - h.epochs).max() < 1e-12
        assert np.abs(history.updates[:, i] - h.updates).max() < 1e-12
        assert np.abs(stack.predict(X)[i] - net.predict(X)).max() < 1e-12
        for a, b in zip(stack.network(i).W + stack.network(i).b, net.W + net.b):
            assert np.abs(a - b).max() < 1e-12


def test_the_first_backward_pass_is_each_networks_own():
    stack, alone = Stacked(nets()), nets()
    g = stack.backward(X, T)
    for i, net in enumerate(alone):
        gi = net.backward(X, T)
        assert g.error[i] == pytest.approx(gi.error, abs=1e-15)
        for a, b in zip(g.dE_dW + g.dE_db, gi.dE_dW + gi.dE_db):
            assert np.abs(a[i] - b).max() < 1e-15


def test_shape_and_copy():
    stack = Stacked(nets())
    assert len(stack) == 3 and stack.sizes == [2, 3, 1]
    assert [W.shape for W in stack.W] == [(3, 3, 2), (3, 1, 3)]
    assert repr(stack) == ("Stacked(3 x MLP(2-3-1, logistic/logistic, loss('squared_error'), "
                           "reduction='mean'))")
    twin = stack.copy()
    twin.train(X, T, 1.0, 1)
    assert np.array_equal(stack.W[0], Stacked(nets()).W[0])


@pytest.mark.parametrize("call, message", [
    (lambda: Stacked([]), "^networks must list 1 to 10,000 MLPs"),
    (lambda: Stacked("abc"), "^networks must list"),
    (lambda: Stacked([nets()[0], 3]), r"^networks\[1\] must be an MLP"),
    (lambda: Stacked(nets() + nets(sizes=(2, 2, 1))), "^networks must share one shape"),
    (lambda: Stacked(nets()).network(3), r"^i must be a whole number in \[0, 2\]"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()
