"""Many networks at once: the same training, one network per array element.

    train_many(params, example, etas, updates)   K networks, 10,000 updates, one run -> Sweep
    learning_rates(low, high, per_decade)        log-spaced etas
    learning_rate_sweep(updates, ...)            the tutorial's network at many etas
    best(sweep), too_large(sweep, than)          the lowest final error; where larger
                                                 rates stop paying
    unmoved(params, example, eta)                the weights one more update leaves as
                                                 they are (their steps round away)
    by_eta(sweep)                                etas, final errors and their order, by eta

(The figure of a sweep, sweep_figure and describe_sweep, is chapter 6b's:
backprop.chapters.ch06b_learning_rate.)

train_many hands NumPy arrays to the engine's own loop (fast.train_loop, which `train`
runs): every operation is applied to K numbers at once, so K networks cost far less than
K runs of one. The arithmetic is the same; only two functions differ in the last bit
(numpy.exp against math.exp, and NumPy's x ** 2, a product, against C's pow), so the
numbers agree with `train` to about 1e-16 (tests check 1e-12).
"""
from dataclasses import dataclass

import numpy as np

from .. import _validate
from .fast import train_loop
from .network import (Params, Example, TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA,
                      WEIGHTS)
from .training import BIASES, HIDDEN_DELTAS, MAX_UPDATES, update

N_PARAMS = 12  # Params.to_vector(): w1..w8, b_h1, b_h2, b_o1, b_o2
SWEEP_RANGE = (0.01, 1000.0)
PER_DECADE = 40


@dataclass(frozen=True, kw_only=True)
class Sweep:
    """K networks trained side by side.

    etas[n]: network n's learning rate; params[n]: its 12 numbers after the last update
    (in Params.to_vector() order); errors[n, k]: its E_total after k updates.
    """

    etas: np.ndarray
    params: np.ndarray
    errors: np.ndarray

    def __len__(self):
        return len(self.etas)

    @property
    def updates(self):
        return self.errors.shape[1] - 1

    @property
    def final_errors(self):
        return self.errors[:, -1]

    def index(self, eta, name="eta"):
        """The first network trained with learning rate eta (exactly)."""
        matches = np.flatnonzero(self.etas == eta)
        if len(matches) == 0:
            raise ValueError(f"{name} must be one of the sweep's learning rates, "
                             f"got {eta!r}")
        return int(matches[0])

    def network(self, n):
        """Network n's trained parameters as `Params`."""
        return Params.from_vector(self.params[n].tolist())


def _starts(params):
    """(K, 12) array of starting parameters, or (1, 12) for one start shared by all."""
    if isinstance(params, Params):
        return np.array([params.to_vector()])
    if isinstance(params, (list, tuple)) and params and all(isinstance(p, Params)
                                                            for p in params):
        return np.array([p.to_vector() for p in params])
    return _validate.array("params", params, ("networks", N_PARAMS))


def _etas(etas):
    try:
        e = np.array(etas, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"etas must be a number or a 1-D sequence of numbers greater "
                         f"than 0, got {etas!r}") from None
    if e.ndim > 1 or e.size == 0 or not (np.all(np.isfinite(e)) and np.all(e > 0)):
        raise ValueError(f"etas must be a number or a non-empty 1-D sequence of finite "
                         f"numbers greater than 0, got {etas!r}")
    return e.reshape(-1)


def train_many(params, example, etas, updates, biases="frozen", hidden_deltas="original"):
    """Train K networks at once, each as `train` would, and return a `Sweep`.

    params: one `Params` (every network starts there), a list of K `Params`, or a (K, 12)
    array of Params.to_vector() rows. etas: one learning rate for all, or K of them.
    K is the longer of the two; the other must have length 1 or K.

    Where e^-net overflows (a net input below about -709), numpy.exp gives infinity and
    that neuron's out is 0, the logistic's limit, as in `train`; such a network still
    trains on.
    """
    _validate.instance("example", example, Example)
    starts, rates = _starts(params), _etas(etas)
    updates = _validate.count("updates", updates, maximum=MAX_UPDATES)
    _validate.choice("biases", biases, BIASES)
    _validate.choice("hidden_deltas", hidden_deltas, HIDDEN_DELTAS)
    k = max(len(starts), len(rates))
    if len(starts) not in (1, k):
        raise ValueError(f"params must hold 1 or {k} networks (as many as etas), "
                         f"got {len(starts)}")
    if len(rates) not in (1, k):
        raise ValueError(f"etas must hold 1 or {k} learning rates (as many networks as "
                         f"params), got {len(rates)}")
    columns = [np.array(np.broadcast_to(c, (k,))) for c in starts.T]
    rates = np.array(np.broadcast_to(rates, (k,)))
    ex = (example.i1, example.i2, example.t1, example.t2)
    with np.errstate(over="ignore"):
        final, errors = train_loop(columns, ex, rates, updates, biases, hidden_deltas,
                                   exp=np.exp)
    return Sweep(etas=rates, params=np.stack(np.broadcast_arrays(*final), axis=1),
                 errors=np.stack(errors, axis=1))


def learning_rates(low=SWEEP_RANGE[0], high=SWEEP_RANGE[1], per_decade=PER_DECADE,
                   include=(TUTORIAL_ETA,)):
    """Log-spaced learning rates from low to high, per_decade of them in each factor of
    10 (both ends included), with the values in `include` added; sorted."""
    low = _validate.positive("low", low)
    high = _validate.positive("high", high)
    if high <= low:
        raise ValueError(f"high must be greater than low ({low!r}), got {high!r}")
    per_decade = _validate.count("per_decade", per_decade, minimum=1)
    n = round(per_decade * np.log10(high / low)) + 1
    extra = [_validate.positive(f"include[{i}]", x) for i, x in enumerate(include)]
    return np.union1d(np.geomspace(low, high, max(n, 2)), extra)


def learning_rate_sweep(updates=10_000, etas=None, params=TUTORIAL_PARAMS,
                        example=TUTORIAL_EXAMPLE):
    """The tutorial's network trained at each learning rate (default: learning_rates())."""
    return train_many(params, example, learning_rates() if etas is None else etas, updates)


def by_eta(sweep):
    order = np.argsort(sweep.etas, kind="stable")
    return sweep.etas[order], sweep.final_errors[order], order


def best(sweep):
    """(index, eta, error): the network with the lowest error after the last update."""
    n = int(np.argmin(sweep.final_errors))
    return n, float(sweep.etas[n]), float(sweep.final_errors[n])


def too_large(sweep, than):
    """(index, eta): the smallest learning rate above the best one (see `best`) from
    which every larger rate ends with an error above `than`; None if there is none."""
    etas, final, order = by_eta(sweep)
    than = _validate.finite("than", than)
    b = int(np.argmin(final))
    within = np.flatnonzero(final[b + 1:] <= than)
    j = b + 1 + (within[-1] + 1 if len(within) else 0)
    if j == len(final):
        return None
    return int(order[j]), float(etas[j])


def unmoved(params, example, eta):
    """The weights (of w1..w8) that one more update leaves exactly as they are.

    Near the bottom a step can be smaller than half the gap between neighbouring 64-bit
    numbers at the weight; w - step then rounds back to w, and that weight is stuck.
    """
    after = update(params, example, eta)
    return tuple(w for w in WEIGHTS if getattr(after, w) == getattr(params, w))


