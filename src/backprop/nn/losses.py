"""Loss functions, each a small object: the error of each output and its derivative.

    loss("huber", delta=1.0)   the object for a name (options as keywords); unknown names
                               raise ValueError listing the accepted ones
    LOSSES                     the accepted names

Every loss has
    name, paired_with          its name, and the output activation it is usually paired with
    f(out, target)             the error of each output, element by element: the tutorial's
                               E_o1 = 1/2 (t1 - out_o1)^2 for squared error
    total(out, target)         E_total of each example: f summed over the outputs (a row)
    d_out(out, target)         dE_total/dout, element by element: -(t1 - out_o1)
    delta(net, out, target, activation=None)
                               the output layer's node delta dE_total/dnet: d_out times
                               dout/dnet (through activation, default paired_with), or the
                               simpler formula the pairing reduces to
    sympy_expr(out, target)    f as a SymPy expression, for checking f and d_out with
                               sympy.diff (SymPy is imported only there)

Two pairings make the output delta collapse to out - target:

    logistic + binary cross-entropy:
        d_out = (out - t) / (out (1 - out)),  dout/dnet = out (1 - out)   =>  delta = out - t
    softmax + cross-entropy (one-hot, or any target row that adds up to 1):
        delta_j = out_j (d_out_j - sum_k d_out_k out_k) with d_out_k = -t_k / out_k
                = -t_j + out_j sum_k t_k                                   =>  delta = out - t

This is why they are the usual choices: the logistic's flat tails (out (1 - out) near 0)
no longer shrink the output delta of a confidently wrong neuron. For the tutorial's
logistic + squared error, delta = (out - t) out (1 - out), the tutorial's delta_o1.

Values use 0 log 0 = 0 (the limit), so a one-hot target's zeros never meet log 0.
"""
import numpy as np

from .. import _validate
from .activations import activation as _activation


def _t_log(t, p):
    """t log p, with 0 log 0 = 0: the t = 0 entries are 0 whatever p is."""
    t, p = np.asarray(t, dtype=float), np.asarray(p, dtype=float)
    zero = t == 0
    return np.where(zero, 0.0, t * np.log(np.where(zero, 1.0, p)))


class Loss:
    """The pieces every loss shares; subclasses set name, paired_with, f, d_out, sympy_expr."""

    name = None
    paired_with = None
    target_range = None  # (low, high) a target must lie in, if the loss needs one

    def f(self, out, target):
        raise NotImplementedError

    def d_out(self, out, target):
        raise NotImplementedError

    def total(self, out, target):
        """E_total of each example: the outputs' errors added up, as the tutorial does."""
        return self.f(out, target).sum(axis=-1)

    def delta(self, net, out, target, activation=None):
        """dE_total/dnet of the output layer: the chain rule dE/dout * dout/dnet."""
        act = _activation(activation or self.paired_with)
        return act.dE_dnet(net, out, self.d_out(out, target))

    def sympy_expr(self, out, target):
        raise NotImplementedError

    def __repr__(self):
        return f"loss({self.name!r})"


class SquaredError(Loss):
    """1/2 (t - out)^2 per output, the tutorial's; the 1/2 cancels the 2 of the derivative."""

    name = "squared_error"
    paired_with = "logistic"

    def f(self, out, target):
        return 0.5 * (np.asarray(target, dtype=float) - out) ** 2

    def d_out(self, out, target):
        return -(np.asarray(target, dtype=float) - out)

    def sympy_expr(self, out, target):
        return (target - out) ** 2 / 2


class BinaryCrossEntropy(Loss):
    """-(t log out + (1 - t) log(1 - out)) per output: each output a probability in (0, 1).

    With a logistic output the delta is out - t (see the module docstring).
    """

    name = "binary_cross_entropy"
    paired_with = "logistic"
    target_range = (0, 1)

    def f(self, out, target):
        t = np.asarray(target, dtype=float)
        return -(_t_log(t, out) + _t_log(1 - t, 1 - out))

    def d_out(self, out, target):
        return (out - np.asarray(target, dtype=float)) / (out * (1 - out))

    def delta(self, net, out, target, activation=None):
        if _activation(activation or self.paired_with).name == "logistic":
            # d_out's out (1 - out) in the denominator cancels the logistic's df.
            return out - np.asarray(target, dtype=float)
        return super().delta(net, out, target, activation)

    def sympy_expr(self, out, target):
        import sympy as sp
        return -(target * sp.log(out) + (1 - target) * sp.log(1 - out))


class CrossEntropy(Loss):
    """Categorical cross-entropy, -t log out per output, so E_total = -sum_k t_k log out_k.

    The outputs are one probability distribution per example (softmax), the targets too
    (usually one-hot). With softmax the delta is out - t (see the module docstring).
    """

    name = "cross_entropy"
    paired_with = "softmax"
    target_range = (0, 1)

    def f(self, out, target):
        return -_t_log(target, out)

    def d_out(self, out, target):
        return -np.asarray(target, dtype=float) / out

    def delta(self, net, out, target, activation=None):
        if _activation(activation or self.paired_with).name == "softmax":
            # Exact when each target row adds up to 1: out_j sum_k t_k = out_j.
            return out - np.asarray(target, dtype=float)
        return super().delta(net, out, target, activation)

    def sympy_expr(self, out, target):
        import sympy as sp
        return -target * sp.log(out)


class Huber(Loss):
    """Squared error for small residuals, linear beyond |out - t| = delta (robust to outliers).

        f = 1/2 r^2                    if |r| <= delta,    r = out - t
            delta (|r| - delta / 2)    otherwise
        d_out = r clipped to [-delta, delta]

    The two pieces meet with equal value and slope at |r| = delta. The parameter is called
    delta in the literature (loss("huber", delta=1.0)); the object stores it as threshold,
    because delta names the node delta everywhere else in this book.
    """

    name = "huber"
    paired_with = "identity"

    def __init__(self, delta=1.0):
        self.threshold = _validate.positive("delta", delta)

    def f(self, out, target):
        r = np.abs(out - np.asarray(target, dtype=float))
        d = self.threshold
        return np.where(r <= d, 0.5 * r ** 2, d * (r - d / 2))

    def d_out(self, out, target):
        d = self.threshold
        return np.clip(out - np.asarray(target, dtype=float), -d, d)

    def sympy_expr(self, out, target):
        import sympy as sp
        r, d = out - target, sp.nsimplify(self.threshold)
        return sp.Piecewise((r ** 2 / 2, sp.Abs(r) <= d), (d * (sp.Abs(r) - d / 2), True))

    def __repr__(self):
        return f"loss('huber', delta={self.threshold!r})"


_CLASSES = {c.name: c for c in (SquaredError, BinaryCrossEntropy, CrossEntropy, Huber)}
LOSSES = tuple(_CLASSES)


def loss(name, **options):
    """The loss called name, built with options (only huber takes one: delta, default 1.0).

    A `Loss` object passes through unchanged (no options then).
    """
    if isinstance(name, Loss):
        if options:
            raise ValueError(f"options must be empty when passing a Loss object, got "
                             f"{sorted(options)}")
        return name
    cls = _CLASSES[_validate.choice("loss", name, LOSSES)]
    accepted = ("delta",) if cls is Huber else ()
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise ValueError(f"loss {name!r} takes the options {list(accepted)}; got {unknown[0]!r}")
    return cls(**options)
