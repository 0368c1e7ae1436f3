"""Every gradient of the example by automatic differentiation (HIPS autograd), as a cross-check.

    available()                  whether autograd can be imported
    error(theta, example)        E_total from the 10 parameters, written in autograd.numpy
    gradients(params, example)   {"dE_dw1": ..., "dE_db2": ...}, keyed like backward()
    comparison(params, example)  the engine's gradients beside autograd's, as a table
    largest_difference(...)      max |engine - autograd| over the ten gradients
    bound(d, tolerance)          "below 1e-14": a rounding-level difference, stated stably

The forward pass is written once more here, on purpose: autograd differentiates only the
operations it records on its own arrays, and the engine's forward() works on Python floats
with math.exp, which autograd cannot see. Nothing of the engine's backward pass is used,
so agreement is a check made by a different method.
"""
import importlib
import math

import numpy as np

from .. import _validate
from ..tutorial.backward import backward
from ..tutorial.network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, PARAMETERS
from ..display.tables import Table, code

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


# Tolerances a difference is stated against (see bound).
ROUNDING = 1e-14            # float64 results of size up to 1 that differ only by rounding
FLOAT32 = 1e-6              # the same, computed in single precision
FINITE_DIFFERENCES = 1e-10  # a central difference with h = 1e-5 against the exact gradient


def bound(d, tolerance=ROUNDING):
    """A difference that is rounding, shown as the tolerance it stays below: "below 1e-14".

    Its own digits, even its power of ten, depend on how a machine rounds the last bit (its
    vector unit's exp, the order of a BLAS sum), so printing them would make the book's
    outputs a property of the CPU. A difference at or above the tolerance is not rounding;
    it is shown with two significant digits ("3.2e-07").
    """
    d = _validate.finite("d", d)
    if d < 0:
        raise ValueError(f"d must be a difference >= 0, got {d!r}")
    tolerance = _validate.positive("tolerance", tolerance)
    if d < tolerance:
        return f"below 1e{round(math.log10(tolerance))}"
    return f"{d:.1e}"
