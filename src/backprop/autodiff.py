"""Every gradient of the example by automatic differentiation (HIPS autograd), as a cross-check.

    available()                  whether autograd can be imported
    error(theta, example)        E_total from the 10 parameters, written in autograd.numpy
    gradients(params, example)   {"dE_dw1": ..., "dE_db2": ...}, keyed like backward()
    comparison(params, example)  the engine's gradients beside autograd's, as a table
    largest_difference(...)      max |engine - autograd| over the ten gradients
    bound(d)                     "below 1e-16": a difference by its order of magnitude

The forward pass is written once more here, on purpose: autograd differentiates only the
operations it records on its own arrays, and the engine's forward() works on Python floats
with math.exp, which autograd cannot see. Nothing of the engine's backward pass is used,
so agreement is a check made by a different method.
"""
import importlib
import math

import numpy as np

from . import _validate
from .backward import backward
from .network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, WEIGHTS, PARAMETERS
from .tables import Table, code

MISSING = "autograd is not installed: pip install autograd to run this cross-check"
KEYS = tuple(f"dE_d{p}" for p in PARAMETERS)
DTYPES = ("float64", "float32")


class AutogradMissing(ImportError):
    """Raised instead of a bare import error, with the one line that says what to do."""


def available():
    """True if autograd can be imported (it is optional: only this cross-check needs it)."""
    try:
        importlib.import_module("autograd")
    except ImportError:
        return False
    return True


def _autograd():
    try:
        autograd = importlib.import_module("autograd")
        anp = importlib.import_module("autograd.numpy")
    except ImportError:
        raise AutogradMissing(MISSING) from None
    return autograd, anp


def error(theta, example):
    """E_total of the tutorial's network for theta = (w1, ..., w8, b1, b2)."""
    _, anp = _autograd()
    w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 = theta
    i1, i2, t1, t2 = example.i1, example.i2, example.t1, example.t2
    sigma = lambda x: 1 / (1 + anp.exp(-x))
    out_h1 = sigma(w1 * i1 + w2 * i2 + b1)
    out_h2 = sigma(w3 * i1 + w4 * i2 + b1)
    out_o1 = sigma(w5 * out_h1 + w6 * out_h2 + b2)
    out_o2 = sigma(w7 * out_h1 + w8 * out_h2 + b2)
    return (t1 - out_o1) ** 2 / 2 + (t2 - out_o2) ** 2 / 2


def gradients(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, dtype="float64"):
    """{dE_dw1, ..., dE_dw8, dE_db1, dE_db2} from autograd.grad(error).

    The biases must be shared per layer, as in the tutorial (params.b1 raises otherwise).
    dtype "float32" computes in single precision, the default of most frameworks.
    """
    _validate.choice("dtype", dtype, DTYPES)
    autograd, _ = _autograd()
    theta = np.array([getattr(params, p) for p in PARAMETERS], dtype=dtype)
    g = autograd.grad(error)(theta, example)
    return {key: float(value) for key, value in zip(KEYS, g)}


def comparison(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, dtype="float64"):
    """Each gradient from the engine and from autograd, and their absolute difference."""
    engine = backward(params, example).as_dict()
    auto = gradients(params, example, dtype)
    rows = [(code(k), f"{engine[k]:.15f}", f"{auto[k]:.15f}", bound(abs(engine[k] - auto[k])))
            for k in KEYS]
    return Table(["gradient", "engine", f"autograd ({dtype})", r"\|difference\|"], rows)


def largest_difference(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, dtype="float64"):
    """max over all ten gradients of |engine - autograd|."""
    engine = backward(params, example).as_dict()
    auto = gradients(params, example, dtype)
    return max(abs(engine[k] - auto[k]) for k in KEYS)


def bound(d):
    """A rounding-level difference by its order of magnitude: 1.4e-17 -> "below 1e-16".

    Its exact digits depend on how a machine's exp rounds in the last bit, so a book that
    re-checks its outputs on other machines prints only the power of ten above it.
    """
    d = _validate.finite("d", d)
    if d < 0:
        raise ValueError(f"d must be a difference >= 0, got {d!r}")
    if d == 0:
        return "0"
    return f"below 1e{math.floor(math.log10(d)) + 1}"
