"""The training loop of `training.train`, fused into one function of plain floats.

Same operations in the same order as forward(), backward() and update(), so the numbers
are identical to the last bit (tests check it); only the objects and function calls are
gone, which makes an update several times cheaper. Readers should read training.py.

Given NumPy arrays for the parameters and exp=numpy.exp, the same loop trains many
networks at once, one per array element (e.g. a grid of starting points); sweep.py
wraps that.

Speed notes (each change measured, and each keeps the bits):
  - 1.0, not 1: a float-float operation takes the interpreter's fast path, int-float not.
  - The last forward pass comes after the loop, so the loop has no "is this the last
    one?" test.
  - The hidden deltas are computed before w5..w8 move ("original") or after ("updated"),
    so no weights are shuffled through temporaries.
  - (t1 - out_o1) ** 2 stays a power, not a product: CPython's ** calls the C library's
    pow, which differs from gap * gap in the last bit for about 1 value in 1,000, and the
    error history must equal forward()'s E_total exactly.
"""
import math

from .forward import exp as exp_or_inf


def train_loop(p, ex, eta, updates, biases, hidden_deltas, exp=math.exp):
    """(final 12 parameters, [E_total after k updates for k = 0..updates]).

    Where math.exp overflows (a net input below about -709.78), the run starts again
    with forward.exp, which gives infinity there, as logistic() does. The first try keeps
    the builtin: a Python-level exp in the loop would make it about a quarter slower.
    """
    try:
        return _train_loop(p, ex, eta, updates, biases, hidden_deltas, exp)
    except OverflowError:
        return _train_loop(p, ex, eta, updates, biases, hidden_deltas, exp_or_inf)


def _train_loop(p, ex, eta, updates, biases, hidden_deltas, exp):
    w1, w2, w3, w4, w5, w6, w7, w8, b_h1, b_h2, b_o1, b_o2 = p
    i1, i2, t1, t2 = ex
    move_biases = biases != "frozen"
    shared = biases == "shared"
    carry_updated = hidden_deltas == "updated"
    errors = []
    for _ in range(updates):
        # forward()
        out_h1 = 1.0 / (1.0 + exp(-(w1 * i1 + w2 * i2 + b_h1)))
        out_h2 = 1.0 / (1.0 + exp(-(w3 * i1 + w4 * i2 + b_h2)))
        out_o1 = 1.0 / (1.0 + exp(-(w5 * out_h1 + w6 * out_h2 + b_o1)))
        out_o2 = 1.0 / (1.0 + exp(-(w7 * out_h1 + w8 * out_h2 + b_o2)))
        gap1 = t1 - out_o1
        gap2 = t2 - out_o2
        errors.append(0.5 * gap1 ** 2 + 0.5 * gap2 ** 2)
        # backward() and update()
        delta_o1 = -gap1 * (out_o1 * (1.0 - out_o1))
        delta_o2 = -gap2 * (out_o2 * (1.0 - out_o2))
        if not carry_updated:
            delta_h1 = (delta_o1 * w5 + delta_o2 * w7) * (out_h1 * (1.0 - out_h1))
            delta_h2 = (delta_o1 * w6 + delta_o2 * w8) * (out_h2 * (1.0 - out_h2))
        w5 = w5 - eta * (delta_o1 * out_h1)
        w6 = w6 - eta * (delta_o1 * out_h2)
        w7 = w7 - eta * (delta_o2 * out_h1)
        w8 = w8 - eta * (delta_o2 * out_h2)
        if carry_updated:
            delta_h1 = (delta_o1 * w5 + delta_o2 * w7) * (out_h1 * (1.0 - out_h1))
            delta_h2 = (delta_o1 * w6 + delta_o2 * w8) * (out_h2 * (1.0 - out_h2))
        w1 = w1 - eta * (delta_h1 * i1)
        w2 = w2 - eta * (delta_h1 * i2)
        w3 = w3 - eta * (delta_h2 * i1)
        w4 = w4 - eta * (delta_h2 * i2)
        if move_biases:
            if shared:
                g_h1 = g_h2 = delta_h1 + delta_h2
                g_o1 = g_o2 = delta_o1 + delta_o2
            else:
                g_h1, g_h2, g_o1, g_o2 = delta_h1, delta_h2, delta_o1, delta_o2
            b_h1 = b_h1 - eta * g_h1
            b_h2 = b_h2 - eta * g_h2
            b_o1 = b_o1 - eta * g_o1
            b_o2 = b_o2 - eta * g_o2
    # The error after the last update: one more forward pass.
    out_h1 = 1.0 / (1.0 + exp(-(w1 * i1 + w2 * i2 + b_h1)))
    out_h2 = 1.0 / (1.0 + exp(-(w3 * i1 + w4 * i2 + b_h2)))
    out_o1 = 1.0 / (1.0 + exp(-(w5 * out_h1 + w6 * out_h2 + b_o1)))
    out_o2 = 1.0 / (1.0 + exp(-(w7 * out_h1 + w8 * out_h2 + b_o2)))
    errors.append(0.5 * (t1 - out_o1) ** 2 + 0.5 * (t2 - out_o2) ** 2)
    return (w1, w2, w3, w4, w5, w6, w7, w8, b_h1, b_h2, b_o1, b_o2), errors
