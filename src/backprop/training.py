"""Gradient descent: one update, and training for many updates with the error history."""
from dataclasses import dataclass, replace

import numpy as np

from . import _validate
from .backward import backward
from .fast import train_loop
from .forward import forward
from .network import WEIGHTS, BIAS_SLOTS, Params

BIASES = ("frozen", "shared", "per-neuron")
HIDDEN_DELTAS = ("original", "updated")


def _check(eta, biases, hidden_deltas):
    _validate.positive("eta", eta)
    _validate.choice("biases", biases, BIASES)
    _validate.choice("hidden_deltas", hidden_deltas, HIDDEN_DELTAS)


def bias_gradients(b, biases):
    """dE/d(b_h1, b_h2, b_o1, b_o2) under a bias option, for `Backward` b.

    frozen: none move (the tutorial). shared: one bias per layer, whose gradient is the sum
    of the deltas of the neurons sharing it. per-neuron: each bias follows its own delta.
    """
    if biases == "frozen":
        return (0.0, 0.0, 0.0, 0.0)
    if biases == "shared":
        return (b.dE_db1, b.dE_db1, b.dE_db2, b.dE_db2)
    return b.bias_gradients()


def update(p, ex, eta, biases="frozen", hidden_deltas="original"):
    """One gradient-descent step p <- p - eta dE/dp, every gradient taken before any change.

    hidden_deltas="updated" is the variant that first moves w5..w8 and then carries the
    output deltas back through the moved weights (it reproduces the tutorial's summary).
    """
    _check(eta, biases, hidden_deltas)
    if hidden_deltas == "updated":
        o = backward(p, ex).output
        moved = tuple(getattr(p, w) - eta * getattr(o, f"dE_d{w}") for w in WEIGHTS[4:])
        b = backward(p, ex, output_weights=moved)
    else:
        b = backward(p, ex)
    grads = b.weight_gradients() + bias_gradients(b, biases)
    names = WEIGHTS + BIAS_SLOTS
    return replace(p, **{n: getattr(p, n) - eta * g for n, g in zip(names, grads)})


@dataclass(frozen=True)
class Training:
    """The trained parameters, errors[k] = E_total after k updates, and the final `Forward`."""

    params: object
    errors: np.ndarray
    final: object


def train(p, ex, eta, updates, biases="frozen", hidden_deltas="original"):
    """Apply `update` `updates` times, recording E_total before the first and after each.

    The loop runs in fast.train_loop: update()'s arithmetic, fused, with identical results.
    """
    _check(eta, biases, hidden_deltas)
    updates = _validate.count("updates", updates)
    vector, errors = train_loop(p.to_vector(), (ex.i1, ex.i2, ex.t1, ex.t2), float(eta),
                                updates, biases, hidden_deltas)
    params = Params.from_vector(vector)
    return Training(params, np.array(errors), forward(params, ex))


def reproducible_error(p, ex):
    """E_total with the same bits on every machine, for where the book shows rounding itself.

    forward() rounds like the C library's exp and pow, whose last bit differs between CPUs
    (an x86-64 CPU with FMA takes other code paths than one without). Here the engine's own
    loop runs on mpmath numbers at 53 bits, float64's precision: every +, -, * and / rounds
    as float64 does, and exp and the square round correctly, so the result is a property of
    the arithmetic alone. It differs from forward(p, ex).E_total by a few units in the last
    place at most.
    """
    import mpmath  # only here: `import backprop` stays quick

    with mpmath.workprec(53):
        vector = [mpmath.mpf(x) for x in p.to_vector()]
        given = [mpmath.mpf(x) for x in (ex.i1, ex.i2, ex.t1, ex.t2)]
        _, errors = train_loop(vector, given, 1.0, 0, "frozen", "original", exp=mpmath.exp)
        return float(errors[0])
