"""Activation functions, each a small object: its function f and its derivative df.

    activation("relu")      the object for a name; unknown names raise ValueError
    ACTIVATIONS             the accepted names, in the order the book meets them

Every activation has
    name                    "logistic", "tanh", "relu", "identity", "softmax"
    f(net)                  out, element by element (softmax: row by row)
    df(net, out=None)       dout/dnet, written through out where the tutorial would:
                            logistic out (1 - out), tanh 1 - out^2
    dE_dnet(net, out, dE_dout)
                            the chain rule's step through this activation: from dE/dout to
                            the node delta dE/dnet. Element-wise activations multiply by
                            df; softmax mixes a row's outputs (see Softmax).
    sympy_expr(x)           f as a SymPy expression of the symbol x (softmax: of a list of
                            symbols), so tests can check f and df against sympy.diff
                            (SymPy is imported only there: `import backprop` stays quick)

Arrays are NumPy float64; net and out have one row per example, one column per neuron.
The tutorial's network is all logistic: activation("logistic").df(net_o1) is
out_o1 (1 - out_o1), its dout_o1/dnet_o1.

ReLU at its kink. max(0, net) has no derivative at net = 0 (the slope jumps from 0 to 1).
We use 0 there, as PyTorch and TensorFlow do: a neuron sitting exactly at 0 passes no
gradient back. Any value in [0, 1] is a valid subgradient; 0 keeps "df = 1 where out > 0"
true, and exact zeros of net are rare in training anyway. sympy_expr encodes the same
convention (Piecewise with the 0 branch for x <= 0), so sympy.diff agrees with df.
"""
import numpy as np

from .. import _validate


class Activation:
    """The pieces every activation shares; subclasses set name, f, df and sympy_expr."""

    name = None

    def f(self, net):
        raise NotImplementedError

    def df(self, net, out=None):
        raise NotImplementedError

    def dE_dnet(self, net, out, dE_dout):
        """The node delta: dE/dnet = dE/dout * dout/dnet, neuron by neuron."""
        return dE_dout * self.df(net, out)

    def sympy_expr(self, x):
        raise NotImplementedError

    def __repr__(self):
        return f"activation({self.name!r})"


def _out(activation, net, out):
    return activation.f(net) if out is None else out


class Logistic(Activation):
    """1 / (1 + e^-net), the tutorial's squashing function; its outputs lie in (0, 1)."""

    name = "logistic"

    def f(self, net):
        return 1 / (1 + np.exp(-np.asarray(net, dtype=float)))

    def df(self, net, out=None):
        out = _out(self, net, out)
        return out * (1 - out)

    def sympy_expr(self, x):
        import sympy as sp
        return 1 / (1 + sp.exp(-x))


class Tanh(Activation):
    """tanh(net) = 2 logistic(2 net) - 1: the logistic stretched to (-1, 1), centred at 0."""

    name = "tanh"

    def f(self, net):
        return np.tanh(np.asarray(net, dtype=float))

    def df(self, net, out=None):
        out = _out(self, net, out)
        return 1 - out ** 2

    def sympy_expr(self, x):
        import sympy as sp
        return sp.tanh(x)


class ReLU(Activation):
    """max(0, net). Slope 1 where the neuron is on (out > 0), 0 where it is off and at 0."""

    name = "relu"

    def f(self, net):
        return np.maximum(np.asarray(net, dtype=float), 0.0)

    def df(self, net, out=None):
        out = _out(self, net, out)
        return (out > 0).astype(float)  # 0 at the kink net = 0: see the module docstring

    def sympy_expr(self, x):
        import sympy as sp
        return sp.Piecewise((0, x <= 0), (x, True))


class Identity(Activation):
    """out = net: no squashing, for an output that may take any real value (regression)."""

    name = "identity"

    def f(self, net):
        return np.array(net, dtype=float)

    def df(self, net, out=None):
        return np.ones_like(_out(self, net, out))

    def sympy_expr(self, x):
        return x


class Softmax(Activation):
    """e^net_k / sum_j e^net_j over each row: the outputs are positive and add up to 1.

    Unlike the others it is a layer-wise activation: out_k depends on every net_j of its
    row, so df is a Jacobian, one n x n matrix per example,

        dout_k/dnet_j = out_k (1[k = j] - out_j),

    and dE_dnet multiplies dE/dout by it without forming it:

        dE/dnet_j = sum_k dE/dout_k out_k (1[k = j] - out_j)
                  = out_j (dE/dout_j - sum_k dE/dout_k out_k).

    Paired with cross-entropy this whole product collapses to out - target (losses.py).
    """

    name = "softmax"

    def f(self, net):
        net = np.asarray(net, dtype=float)
        # Subtracting the row's largest net changes nothing mathematically (the factor
        # e^-max cancels) but keeps exp from overflowing.
        e = np.exp(net - net.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def df(self, net, out=None):
        """The Jacobian dout_k/dnet_j, indexed [..., k, j]."""
        out = _out(self, net, out)
        n = out.shape[-1]
        return out[..., :, None] * (np.eye(n) - out[..., None, :])

    def dE_dnet(self, net, out, dE_dout):
        return out * (dE_dout - (dE_dout * out).sum(axis=-1, keepdims=True))

    def sympy_expr(self, x):
        import sympy as sp
        x = list(x)
        total = sum(sp.exp(xj) for xj in x)
        return [sp.exp(xk) / total for xk in x]


_ALL = {a.name: a for a in (Logistic(), Tanh(), ReLU(), Identity(), Softmax())}
ACTIVATIONS = tuple(_ALL)


def activation(name):
    """The activation called name (an `Activation` passes through unchanged)."""
    if isinstance(name, Activation):
        return name
    return _ALL[_validate.choice("activation", name, ACTIVATIONS)]
