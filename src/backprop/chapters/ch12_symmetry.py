"""Chapter 12's symmetry: two hidden neurons that start alike stay alike.

    twins(params)                          params with h2 made h1's twin
    twin_run(params, example, eta, updates)   train, watching whether h1 and h2 ever differ
    twin_facts(twin, tutorial)             the two runs side by side, for the text
    xor_run(symmetric, seed, eta, epochs)  XOR (chapter 11) from a random start, or from
                                           the same start with h2 made h1's twin
    xor_facts(free, twin)                  the two XOR runs, for the text

If h2 has h1's weights in (w3 = w1, w4 = w2) and out (w6 = w5, w8 = w7), the two neurons
compute the same out, receive the same delta, delta_o1 w5 + delta_o2 w7 = delta_o1 w6 +
delta_o2 w8, and so get the same updates: the same operations on the same numbers, equal to
the last bit, at every update. The network trains as if it had one hidden neuron. Only
different starting weights give the two neurons different gradients, which is why
MLP.random draws every weight on its own.
"""
from dataclasses import dataclass

import numpy as np

from .. import _validate
from ..nn import datasets
from ..nn.mlp import MLP
from ..tutorial.forward import forward
from ..tutorial.network import Example, Params
from ..tutorial.training import update


def twins(params):
    """params with h2 made h1's twin: w3 = w1, w4 = w2 in, w6 = w5, w8 = w7 out."""
    _validate.instance("params", params, Params)
    return params.with_values(w3=params.w1, w4=params.w2, w6=params.w5, w8=params.w7)


@dataclass(frozen=True, kw_only=True)
class TwinRun:
    """A run watched for symmetry: apart is the first update count after which out_h1 and
    out_h2 differ (0: they differ from the start; None: they never do)."""

    start: Params
    updates: int
    apart: int | None
    final: Params
    error: float

    @property
    def twin_weights(self):
        """Whether every weight pair of the twins (w1 w3, w2 w4, w5 w6, w7 w8) is equal."""
        p = self.final
        return p.w1 == p.w3 and p.w2 == p.w4 and p.w5 == p.w6 and p.w7 == p.w8


def twin_run(params, example, eta, updates):
    """Train `updates` times (the tutorial's update, biases frozen), checking out_h1 against
    out_h2 before the first update and after each."""
    _validate.instance("params", params, Params)
    _validate.instance("example", example, Example)
    updates = _validate.count("updates", updates, maximum=100_000)
    p, apart = params, None
    for k in range(updates + 1):
        f = forward(p, example)
        if apart is None and f.out_h1 != f.out_h2:
            apart = k
        if k < updates:
            p = update(p, example, eta)
    return TwinRun(start=params, updates=updates, apart=apart, final=p, error=f.E_total)


def twin_facts(twin, tutorial):
    """{name: value} for the text: the twin run beside the tutorial's start."""
    for name, run in (("twin", twin), ("tutorial", tutorial)):
        _validate.instance(name, run, TwinRun)
    return {"sym_updates": twin.updates, "sym_twin_w1": twin.final.w1, "sym_twin_E": twin.error,
            "sym_tutorial_w1": tutorial.final.w1, "sym_tutorial_w3": tutorial.final.w3,
            "sym_tutorial_E": tutorial.error}


@dataclass(frozen=True, kw_only=True)
class XorRun:
    """A 2-2-1 logistic network trained on XOR, full batch: E after the last epoch, the
    outputs for the four examples then, and how many are on the right side of 0.5."""

    symmetric: bool
    error: float
    outputs: tuple
    right: int


def xor_run(symmetric, seed=3, eta=2.0, epochs=3_000):
    """XOR learned by a 2-2-1 logistic network from MLP.random(seed)'s start, or from that
    start with the second hidden neuron made the first's twin (same weights in and out)."""
    epochs = _validate.count("epochs", epochs, minimum=1, maximum=100_000)
    X, T = datasets.xor()
    net = MLP.random([2, 2, 1], "logistic", seed=seed)
    if symmetric:
        (w_in, _), (w_out,) = net.W[0], net.W[1]
        net = MLP([np.array([w_in, w_in]), np.array([[w_out[0], w_out[0]]])],
                  [np.zeros(2), np.zeros(1)], "logistic")
    history = net.train(X, T, eta, epochs, batch_size=None)
    out = net.predict(X)[:, 0]
    right = int(np.sum((out >= 0.5) == (T[:, 0] == 1)))
    return XorRun(symmetric=bool(symmetric), error=float(history.epochs[-1]),
                  outputs=tuple(out.tolist()), right=right)


def xor_facts(free, twin):
    """{name: value} for the text: XOR from a random start and from its twinned start."""
    for name, run in (("free", free), ("twin", twin)):
        _validate.instance(name, run, XorRun)
    return {"xor_free_right": free.right, "xor_twin_right": twin.right,
            "xor_twin_E": twin.error, "xor_free_E": free.error}
