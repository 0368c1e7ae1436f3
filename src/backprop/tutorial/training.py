"""Gradient descent: one update, and training for many updates with the error history."""
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

import numpy as np

from .. import _validate
from .backward import backward
from .fast import train_loop
from .forward import Forward, forward
from .network import WEIGHTS, BIAS_SLOTS, Params, Example

BIASES = ("frozen", "shared", "per-neuron")
HIDDEN_DELTAS = ("original", "updated")
VECTOR = WEIGHTS + BIAS_SLOTS  # the order of Params.to_vector()
# The longest run train() accepts: about 3 minutes at the ~2 us an update takes, and
# 800 MB for an error history that keeps every E_total.
MAX_UPDATES = 100_000_000
# Updates per call of the loop: bounds what a run keeps between calls, and paces progress.
CHUNK = 100_000


def _check(p, ex, eta, biases, hidden_deltas):
    """eta as a float, once every argument is checked."""
    _validate.instance("p", p, Params)
    _validate.instance("ex", ex, Example)
    _validate.choice("biases", biases, BIASES)
    _validate.choice("hidden_deltas", hidden_deltas, HIDDEN_DELTAS)
    return _validate.positive("eta", eta)


def _finite(eta, updates, values):
    """values (by name) after `updates` updates, or a ValueError if one is not finite."""
    for name, value in values.items():
        if not math.isfinite(value):
            raise ValueError(f"training diverged: {name} is {value} after {updates:,} "
                             f"update{'' if updates == 1 else 's'}; the learning rate "
                             f"eta = {eta!r} is too large for this start")
    return values


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
    eta = _check(p, ex, eta, biases, hidden_deltas)
    if hidden_deltas == "updated":
        o = backward(p, ex).output
        moved = tuple(getattr(p, w) - eta * getattr(o, f"dE_d{w}") for w in WEIGHTS[4:])
        b = backward(p, ex, output_weights=moved)
    else:
        b = backward(p, ex)
    grads = b.weight_gradients() + bias_gradients(b, biases)
    return replace(p, **_finite(eta, 1, {n: getattr(p, n) - eta * g
                                          for n, g in zip(VECTOR, grads)}))


@dataclass(frozen=True, kw_only=True)
class Training:
    """The trained parameters, errors[k] = E_total after k updates, and the final `Forward`.

    errors is an array of every E_total, or a dict {k: E_total} when train() was asked
    to keep only some (errors_at).
    """

    params: Params
    errors: np.ndarray | dict[int, float]
    final: Forward


def train(p, ex, eta, updates, biases="frozen", hidden_deltas="original", errors_at=None,
          progress=None):
    """Apply `update` `updates` times (at most MAX_UPDATES), recording E_total before the
    first and after each.

    errors_at: None keeps every E_total; else only those after the given numbers of
    updates (each in [0, updates]), for a long run whose history would fill memory.
    progress: None, or a function called with the number of updates made after each
    chunk of CHUNK of them (e.g. a progress bar's update).
    A run whose error or parameters stop being finite raises ValueError naming eta.

    The loop runs in fast.train_loop: update()'s arithmetic, fused, with identical results.
    """
    eta = _check(p, ex, eta, biases, hidden_deltas)
    updates = _validate.count("updates", updates, maximum=MAX_UPDATES)
    if errors_at is None:
        errors = np.empty(updates + 1)
    else:
        wanted = sorted({_validate.count("errors_at", k, maximum=updates) for k in errors_at})
        errors = {}
    forward(p, ex)  # refuses a start whose net inputs overflow, before any update
    example, vector, done = (ex.i1, ex.i2, ex.t1, ex.t2), p.to_vector(), 0
    while True:
        n = min(CHUNK, updates - done)
        # Each call ends with the forward pass that the next one starts with, so the
        # chunks' errors join up exactly: one run, cut into pieces.
        vector, chunk = train_loop(vector, example, eta, n, biases, hidden_deltas)
        done += n
        _finite(eta, done, {"E_total": chunk[-1], **dict(zip(VECTOR, vector))})
        if errors_at is None:
            errors[done - n:done + 1] = chunk
        else:
            for k in wanted[bisect_left(wanted, done - n):bisect_right(wanted, done)]:
                errors[k] = chunk[k - (done - n)]
        if progress is not None:
            progress(n)
        if done == updates:
            break
    params = Params.from_vector(vector)
    return Training(params=params, errors=errors, final=forward(params, ex))


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
