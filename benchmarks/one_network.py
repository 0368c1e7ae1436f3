"""One network, 10,000 updates: the engine against the readable code and real peers.

    .venv-bench/bin/python benchmarks/one_network.py [--repeats N] [--updates N]

The tutorial's 2-2-2 network, its example and eta = 0.5, biases frozen, every gradient
taken before any weight moves, the error recorded before the first update and after
each. Contenders (each skipped with a line if its package is missing):

    engine           backprop.train (its loop is fast.train_loop)
    readable code    update() and forward() called in turn: the chapters' code
    NumPy            the same algorithm on 2 x 2 matrices, by hand
    PyTorch eager    float64 tensors on the CPU, autograd for the gradients
    HIPS autograd    value_and_grad of the error, on NumPy arrays
    JAX jit          float64, value_and_grad inside lax.scan over the updates, compiled
                     once (the compilation is reported apart, not in the median)
    micrograd        Karpathy's scalar autograd Values, plus a logistic op
    numba            fast.train_loop itself compiled with numba.njit, C's pow for ** 2
                     (a candidate, not a dependency: see benchmarks/README.md)

Before timing, every contender's final error must equal the engine's to 1e-9, and the
engine's whole error history must equal the readable code's to the last bit.
"""
from _common import header, medians, optional, parser, table  # first: sets threads
import ctypes
import ctypes.util
import inspect
import math
import re
import time

import numpy as np

from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA
from backprop.tutorial import fast
from backprop import forward, train, update

I = np.array([EX.i1, EX.i2])
T = np.array([EX.t1, EX.t2])
W1 = np.array([[P.w1, P.w2], [P.w3, P.w4]])
W2 = np.array([[P.w5, P.w6], [P.w7, P.w8]])
B1 = np.array([P.b_h1, P.b_h2])
B2 = np.array([P.b_o1, P.b_o2])


def engine(n):
    return train(P, EX, ETA, n).errors


def readable(n):
    p, errors = P, [forward(P, EX).E_total]
    for _ in range(n):
        p = update(p, EX, ETA)
        errors.append(forward(p, EX).E_total)
    return np.array(errors)


def numpy_by_hand(n):
    w1, w2, errors = W1, W2, []
    for k in range(n + 1):
        out_h = 1.0 / (1.0 + np.exp(-(w1 @ I + B1)))
        out_o = 1.0 / (1.0 + np.exp(-(w2 @ out_h + B2)))
        errors.append(0.5 * ((T - out_o) ** 2).sum())
        if k == n:
            break
        delta_o = -(T - out_o) * (out_o * (1.0 - out_o))
        delta_h = (w2.T @ delta_o) * (out_h * (1.0 - out_h))
        w2 = w2 - ETA * np.outer(delta_o, out_h)
        w1 = w1 - ETA * np.outer(delta_h, I)
    return np.array(errors)


def pytorch(torch):
    f64 = torch.float64
    x, t, b1, b2 = (torch.tensor(a, dtype=f64) for a in (I, T, B1, B2))

    def error(w1, w2):
        out_h = torch.sigmoid(w1 @ x + b1)
        out_o = torch.sigmoid(w2 @ out_h + b2)
        return 0.5 * ((t - out_o) ** 2).sum()

    def run(n):
        w1 = torch.tensor(W1, dtype=f64, requires_grad=True)
        w2 = torch.tensor(W2, dtype=f64, requires_grad=True)
        errors = []
        for _ in range(n):
            e = error(w1, w2)
            errors.append(e.detach())
            e.backward()
            with torch.no_grad():  # plain SGD, as fast as PyTorch eager gets
                w1 -= ETA * w1.grad
                w2 -= ETA * w2.grad
            w1.grad = w2.grad = None
        with torch.no_grad():
            errors.append(error(w1, w2))
        return torch.stack(errors).numpy()
    return run


def hips_autograd(autograd):
    anp = autograd.numpy

    def error(w):
        w1, w2 = w[:4].reshape(2, 2), w[4:].reshape(2, 2)
        out_h = 1.0 / (1.0 + anp.exp(-(anp.dot(w1, I) + B1)))
        out_o = 1.0 / (1.0 + anp.exp(-(anp.dot(w2, out_h) + B2)))
        return 0.5 * anp.sum((T - out_o) ** 2)

    step = autograd.value_and_grad(error)

    def run(n):
        w, errors = np.concatenate([W1.ravel(), W2.ravel()]), []
        for _ in range(n):
            e, g = step(w)
            errors.append(e)
            w = w - ETA * g
        errors.append(error(w))
        return np.array(errors)
    return run


def jax_jit(jax, n):
    jax.config.update("jax_enable_x64", True)
    jnp = jax.numpy

    def error(w1, w2):
        out_h = 1.0 / (1.0 + jnp.exp(-(w1 @ I + B1)))
        out_o = 1.0 / (1.0 + jnp.exp(-(w2 @ out_h + B2)))
        return 0.5 * jnp.sum((T - out_o) ** 2)

    grad = jax.value_and_grad(error, argnums=(0, 1))

    def step(w, _):
        e, (g1, g2) = grad(*w)
        return (w[0] - ETA * g1, w[1] - ETA * g2), e

    @jax.jit
    def train_jit(w1, w2):
        w, errors = jax.lax.scan(step, (w1, w2), None, length=n)
        return jnp.append(errors, error(*w))

    start = time.perf_counter()
    train_jit(W1, W2).block_until_ready()
    compile_seconds = time.perf_counter() - start
    return (lambda n_: np.asarray(train_jit(W1, W2).block_until_ready())), compile_seconds


def micrograd(engine_module):
    Value = engine_module.Value

    def logistic(v):  # micrograd has no exp; one op in its own style
        s = 1.0 / (1.0 + math.exp(-v.data))
        out = Value(s, (v,), "logistic")

        def _backward():
            v.grad += s * (1.0 - s) * out.grad
        out._backward = _backward
        return out

    def error(w):
        out_h1 = logistic(w[0] * EX.i1 + w[1] * EX.i2 + P.b_h1)
        out_h2 = logistic(w[2] * EX.i1 + w[3] * EX.i2 + P.b_h2)
        out_o1 = logistic(w[4] * out_h1 + w[5] * out_h2 + P.b_o1)
        out_o2 = logistic(w[6] * out_h1 + w[7] * out_h2 + P.b_o2)
        return 0.5 * (EX.t1 - out_o1) ** 2 + 0.5 * (EX.t2 - out_o2) ** 2

    def run(n):
        w = [Value(x) for x in P.to_vector()[:8]]
        errors = []
        for _ in range(n):
            e = error(w)
            errors.append(e.data)
            for v in w:
                v.grad = 0.0
            e.backward()
            for v in w:
                v.data -= ETA * v.grad
        errors.append(error(w).data)
        return np.array(errors)
    return run


def numba_loop(numba):
    """fast.train_loop's own source compiled with numba.njit, exp a global (numba takes
    no function defaults). x ** 2 becomes a call of the C library's pow through ctypes,
    as CPython's ** does: numba would otherwise compile it to x * x, which differs in
    the last bit for about 1 value in 1,000."""
    libm = ctypes.CDLL(ctypes.util.find_library("m"))
    libm.pow.restype, libm.pow.argtypes = ctypes.c_double, [ctypes.c_double] * 2
    source = inspect.getsource(fast.train_loop).replace(", exp=math.exp)", ")")
    source, squares = re.subn(r"(gap[12]|\(t[12] - out_o[12]\)) \*\* 2", r"pow(\1, 2.0)",
                              source)
    if squares != 4:
        raise SystemExit(f"expected 4 squares in fast.train_loop, found {squares}")
    namespace = {"exp": math.exp, "pow": libm.pow}
    exec(source, namespace)
    compiled = numba.njit(namespace["train_loop"])
    args = (tuple(P.to_vector()), (EX.i1, EX.i2, EX.t1, EX.t2), ETA)
    start = time.perf_counter()
    compiled(*args, 1, "frozen", "original")
    compile_seconds = time.perf_counter() - start
    return (lambda n: np.array(compiled(*args, n, "frozen", "original")[1])), compile_seconds


def main():
    p = parser(__doc__, repeats=5)
    p.add_argument("--updates", type=int, default=10_000)
    args = p.parse_args()
    n = args.updates
    header("one network", f"the tutorial's 2-2-2 network, {n:,} updates, error history "
                          "recorded", args.repeats)
    reference = engine(n)
    if not np.array_equal(reference, readable(n)):
        raise SystemExit("engine's error history differs from the readable code's")
    print("   check: the engine's error history equals the readable code's to the last bit")

    runs = {"engine": engine, "readable code": readable, "NumPy by hand": numpy_by_hand}
    compiled = {}
    torch = optional("torch", "PyTorch")
    if torch:
        runs["PyTorch eager"] = pytorch(torch)
    autograd = optional("autograd", "HIPS autograd")
    if autograd:
        runs["HIPS autograd"] = hips_autograd(autograd)
    jax = optional("jax", "JAX")
    if jax:
        runs["JAX jit"], compiled["JAX jit"] = jax_jit(jax, n)
    mg = optional("micrograd.engine")
    if mg:
        runs["micrograd"] = micrograd(mg)
    numba = optional("numba")
    if numba:
        runs["numba"], compiled["numba"] = numba_loop(numba)

    worst = 0.0
    for name, run in runs.items():
        final = run(n)[-1]
        if abs(final - reference[-1]) > 1e-9:
            raise SystemExit(f"{name} ends at E_total = {final!r}, the engine at "
                             f"{reference[-1]!r}: not the same computation")
        worst = max(worst, abs(final / reference[-1] - 1))
    print(f"   check: every contender ends at E_total = {reference[-1]:.9e} to 1e-9 "
          f"(largest relative difference {worst:.1e})")
    if numba:
        same = np.array_equal(runs["numba"](n), reference)
        print(f"   numba's error history {'equals' if same else 'differs from'} the engine's "
              "to the last bit")

    times = medians({name: (lambda run=run: run(n)) for name, run in runs.items()},
                    args.repeats)
    table(times, "engine", "us per update", 1e6 / n)
    for name, seconds in compiled.items():
        print(f"   {name}: compiling took {seconds:.2f} s, once (not in its median)")


if __name__ == "__main__":
    main()
