"""Many networks, 10,000 updates each, in one vectorised run: cost per network-update.

    .venv-bench/bin/python benchmarks/many_networks.py [--repeats N] [--updates N] [--sizes ...]

K copies of the tutorial's network, each with its own learning rate (log-spaced from
0.01 to 10), trained side by side for 10,000 updates with the error histories recorded
(K x 10,001 numbers). Contenders, for every K:

    sweep.train_many   fast.train_loop on NumPy arrays, one network per element
    engine, one        backprop.train on one network (per network-update: the same
                       number for every K; measured in the same run)
and, at the largest K only (each skipped with a line if its package is missing):
    PyTorch eager      fast.train_loop itself on float64 tensors, exp=torch.exp
    JAX jit            value_and_grad in lax.scan, vmapped over the K networks, compiled
                       once (the compilation is reported apart)

Before timing: every network of the smallest K > 1 must match `train` run alone to
1e-12, and the peers' final errors must match train_many's to 1e-9.
"""
from _common import header, medians, optional, parser, table  # first: sets threads
import time

import numpy as np

from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, train
from backprop.tutorial import fast
from backprop.tutorial.sweep import train_many

EX_TUPLE = (EX.i1, EX.i2, EX.t1, EX.t2)


def etas(k):
    return np.geomspace(0.01, 10.0, k)


def pytorch(torch, rates, n):
    def run():
        f64 = torch.float64
        k = len(rates)
        p = [torch.full((k,), x, dtype=f64) for x in P.to_vector()]
        _, errors = fast.train_loop(p, EX_TUPLE, torch.tensor(rates, dtype=f64), n,
                                    "frozen", "original", exp=torch.exp)
        return torch.stack(errors, dim=1).numpy()
    return run


def jax_jit(jax, rates, n):
    jax.config.update("jax_enable_x64", True)
    jnp = jax.numpy
    x, t = jnp.array(EX_TUPLE[:2]), jnp.array(EX_TUPLE[2:])
    b1, b2 = jnp.array([P.b_h1, P.b_h2]), jnp.array([P.b_o1, P.b_o2])
    w1 = jnp.array([[P.w1, P.w2], [P.w3, P.w4]])
    w2 = jnp.array([[P.w5, P.w6], [P.w7, P.w8]])

    def error(w1, w2):
        out_h = 1.0 / (1.0 + jnp.exp(-(w1 @ x + b1)))
        out_o = 1.0 / (1.0 + jnp.exp(-(w2 @ out_h + b2)))
        return 0.5 * jnp.sum((t - out_o) ** 2)

    grad = jax.value_and_grad(error, argnums=(0, 1))

    def train_one(eta):
        def step(w, _):
            e, (g1, g2) = grad(*w)
            return (w[0] - eta * g1, w[1] - eta * g2), e
        w, errors = jax.lax.scan(step, (w1, w2), None, length=n)
        return jnp.append(errors, error(*w))

    train_all = jax.jit(jax.vmap(train_one))
    rates = jnp.array(rates)
    start = time.perf_counter()
    train_all(rates).block_until_ready()
    compile_seconds = time.perf_counter() - start
    return (lambda: np.asarray(train_all(rates).block_until_ready())), compile_seconds


def main():
    p = parser(__doc__, repeats=3)
    p.add_argument("--updates", type=int, default=10_000)
    p.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    args = p.parse_args()
    n, sizes = args.updates, sorted(args.sizes)
    header("many networks", f"K networks (eta log-spaced 0.01..10), {n:,} updates each, "
                            "error histories recorded", args.repeats)

    k_check = next((k for k in sizes if k > 1), sizes[0])
    s = train_many(P, EX, etas(k_check), n)
    for i, eta in enumerate(etas(k_check)):
        alone = train(P, EX, eta, n)
        if not (np.allclose(s.errors[i], alone.errors, rtol=0, atol=1e-12)
                and np.allclose(s.params[i], alone.params.to_vector(), rtol=0, atol=1e-12)):
            raise SystemExit(f"train_many's network {i} (eta {eta}) differs from train's")
    print(f"   check: all {k_check} networks of train_many match train run alone to 1e-12")

    largest = sizes[-1]
    runs = {"engine, one network": lambda: train(P, EX, 0.5, n)}
    networks = {"engine, one network": 1}  # how many networks each run trains
    for k in sizes:
        name = f"train_many, K = {k:,}"
        runs[name], networks[name] = (lambda k=k: train_many(P, EX, etas(k), n)), k
    peers, compiled = {}, {}
    torch = optional("torch", "PyTorch")
    if torch:
        peers[f"PyTorch eager, K = {largest:,}"] = pytorch(torch, etas(largest), n)
    jax = optional("jax", "JAX")
    if jax:
        name = f"JAX jit, K = {largest:,}"
        peers[name], compiled[name] = jax_jit(jax, etas(largest), n)
    reference = train_many(P, EX, etas(largest), n).final_errors
    for name, run in peers.items():
        if not np.allclose(run()[:, -1], reference, rtol=0, atol=1e-9):
            raise SystemExit(f"{name} ends elsewhere than train_many")
        runs[name], networks[name] = run, largest
    if peers:
        print("   check: the peers' final errors match train_many's to 1e-9")

    times = medians(runs, args.repeats)
    per = {name: seconds / networks[name] for name, seconds in times.items()}
    table(per, "engine, one network", "us per network-update", 1e6 / n)
    for name, seconds in compiled.items():
        print(f"   {name}: compiling took {seconds:.2f} s, once (not in its median)")
    print("   (the last column: a network-update's cost over the engine's on one network;"
          " below 1 is cheaper)")


if __name__ == "__main__":
    main()
