"""Gradient checking: backprop's dE/dW against central finite differences, array by array.

    numerical_gradients(net, X, T, h)   [(name, dE/dparam), ...] by nudging each parameter
    relative_error(a, b)                ||a - b|| / (||a|| + ||b||), 0 when both are 0
    check(net, X, T, h)                 a GradCheck: both gradients and the error per array

Central differences: dE/dp ~ (E(p + h) - E(p - h)) / (2 h), one parameter at a time, the
rest held still. The truncation error falls like h^2 while rounding grows like eps / h
(eps ~ 2.2e-16), so h = 1e-6 balances them: agreement to about 1e-9 relative is what a
correct backward pass gives in float64; a bug typically shows as 1e-2 or worse.

The relative error is taken per parameter array (W1, b1, W2, ...), with norms over the
whole array, so one tiny gradient entry cannot make it blow up. Names follow
mlp.Gradients.named(): "W1" is net.W[0].

Caveat: at a kink (ReLU at net = 0, Huber at |out - t| = delta) the two one-sided slopes
differ and finite differences straddle them, so a check near a kink can fail honestly.
"""
from dataclasses import dataclass

import numpy as np

from .. import _validate
from .mlp import MLP


def numerical_gradients(net, X, T, h=1e-6):
    """dE/dparam for every parameter array of the `MLP` net, by central differences.

    Each parameter is moved by +h and -h in place and restored exactly afterwards.
    """
    _validate.instance("net", net, MLP)
    h = _validate.positive("h", h)
    X, T = net.checked(X, T)
    grads = []
    for name, p in net.named_parameters():
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + h
            up = net.unchecked_error(X, T)
            p[i] = old - h
            down = net.unchecked_error(X, T)
            p[i] = old
            g[i] = (up - down) / (2 * h)
        grads.append((name, g))
    return grads


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): 0 when they agree, 1 when one of them is 0."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


@dataclass(frozen=True)
class GradCheck:
    """Backprop's and the finite differences' gradients, and their relative error, by name."""

    analytic: dict
    numerical: dict
    errors: dict

    @property
    def worst(self):
        """The largest relative error over all parameter arrays."""
        return max(self.errors.values())


def check(net, X, T, h=1e-6):
    """Compare net.backward(X, T) with numerical_gradients(net, X, T, h), array by array."""
    numerical = dict(numerical_gradients(net, X, T, h))
    analytic = dict(net.backward(X, T).named())
    errors = {name: relative_error(analytic[name], numerical[name]) for name in analytic}
    return GradCheck(analytic, numerical, errors)
