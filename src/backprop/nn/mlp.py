"""The network in matrix form: any number of layers and neurons, a batch of examples at once.

The tutorial's 2-2-2 network is the special case MLP.from_tutorial(), and its numbers
come out the same (tests check every net, out, delta and dE/dw to 1e-12).

    net = MLP.random([64, 32, 10], ["tanh", "softmax"], "cross_entropy", seed=0)
    net = MLP.from_tutorial()               # or MLP.from_params(params), and net.to_params()
    p = net.forward(X)                      # Pass: p.nets[l], p.outs[l], p.output
    g = net.backward(X, T)                  # Gradients: g.deltas[l], g.dE_dW[l], g.dE_db[l]
    net.step(eta)                           # W <- W - eta dE/dW with the last backward's g
    h = net.train(X, T, eta, epochs, batch_size=1)   # History: h.epochs, h.updates
                                            # (on_update=, on_epoch=: called as it trains)
    net.error(X, T), net.classify(X), net.accuracy(X, T)

Shapes. X has one row per example (examples, n_in); T one row of targets (examples, n_out).
Layer l (0-based in Python lists; the book calls mlp.W[0] "W1") has

    W[l]  (n_out, n_in)   row j = the weights into neuron j; for the tutorial
                          W[0] = [[w1, w2], [w3, w4]] and W[1] = [[w5, w6], [w7, w8]]
    b[l]  (n_out,)        one bias per neuron: b[0] = [b_h1, b_h2], b[1] = [b_o1, b_o2]

and the forward pass is, row by row, the tutorial's net_h1 = w1 i1 + w2 i2 + b_h1:

    net[l] = out[l-1] @ W[l].T + b[l],   out[l] = f_l(net[l]),   (X in place of out[l-1]
                                                                  for the first layer)

The backward pass is the tutorial's, one layer at a time from the output back:

    delta[-1]  = dE/dnet of the output layer       (loss.delta: (out - t) out (1 - out)
                                                    for the tutorial; out - t for pairings)
    dE/dout[l] = delta[l+1] @ W[l+1]               (delta_o1 w5 + delta_o2 w7 for out_h1)
    delta[l]   = dE/dout[l] * f_l'(net[l])         (activation.dE_dnet)
    dE/dW[l]   = delta[l].T @ out[l-1]             (delta_o1 out_h1 for w5)
    dE/db[l]   = delta[l] summed over the examples (delta_o1 for b_o1)

Mean or sum over the batch (reduction="mean", the default, or "sum"). Each example's
E_total adds its outputs' errors, as the tutorial does; the batch's error E and its
gradients then average over the examples (mean) or add them up (sum). The mean is the
default because it makes eta mean the same thing for every batch size: a mini-batch of
32 takes a step as long as one example would, not 32 times longer, so one learning rate
works for online, mini-batch and full-batch training and for data sets of any size.
For one example (the tutorial) the two are identical. The deltas are per example (of its
own E_total) and do not depend on the reduction; only dE/dW and dE/db do.

Initialisation (MLP.random, with a seed for numpy's Generator): biases start at 0, weights
at random scaled by the layer's fan-in and fan-out so that signals neither die out nor
blow up through many layers. init="auto" picks by the layer's activation:
    "xavier" (Glorot & Bengio 2010): uniform in +-sqrt(6 / (n_in + n_out)); logistic, tanh,
             identity, softmax layers
    "he"     (He et al. 2015): normal with standard deviation sqrt(2 / n_in); relu layers,
             whose zero half would otherwise halve the signal's variance at every layer

The MLP is changed in place by step() and train() (use copy() to keep a snapshot).
"""
from dataclasses import dataclass

import numpy as np

from .. import _validate
from .activations import Activation, activation as _activation
from .losses import loss as _loss
from ..tutorial.network import BIAS_VECTORS, LAYERS, Params, TUTORIAL_PARAMS, WEIGHT_MATRICES

REDUCTIONS = ("mean", "sum")
INITS = ("auto", "xavier", "he")


@dataclass(frozen=True, kw_only=True)
class Pass:
    """One forward pass over a batch: for each layer its net inputs and outputs."""

    inputs: np.ndarray      # X, (examples, n_in)
    nets: list[np.ndarray]  # nets[l]: (examples, neurons of layer l)
    outs: list[np.ndarray]  # outs[l] = f_l(nets[l])

    @property
    def output(self):
        return self.outs[-1]


@dataclass(frozen=True)
class Gradients:
    """One backward pass: the forward values, each layer's deltas, and dE/dW, dE/db."""

    forward: Pass
    deltas: list[np.ndarray]  # deltas[l][n, j] = dE_n/dnet_j, E_n example n's own E_total
    dE_dW: list[np.ndarray]   # dE_dW[l] has the shape of W[l]; reduced over the batch
    dE_db: list[np.ndarray]
    error: float              # E of the batch: its examples' E_total, averaged or summed

    def named(self):
        """[("W1", dE/dW1), ("b1", dE/db1), ("W2", ...), ...]: the book's layer numbering."""
        return [(f"{kind}{l + 1}", g[l]) for l in range(len(self.dE_dW))
                for kind, g in (("W", self.dE_dW), ("b", self.dE_db))]


@dataclass(frozen=True, kw_only=True)
class History:
    """The error during training.

    epochs[k]: E over the whole training set after k epochs (epochs[0]: before training).
    updates[k]: E of the k-th update's mini-batch, just before that update moved anything.
    With one example and batch_size=1 both are the scalar engine's Training.errors.
    """

    epochs: np.ndarray
    updates: np.ndarray


class MLP:
    """A multilayer perceptron: weights W[l], biases b[l], an activation per layer, a loss.

    activations: one name (or `Activation`) for every layer, or one per layer.
    loss: a name or a `Loss` (losses.loss("huber", delta=2.0) for options).
    """

    def __init__(self, W, b, activations, loss="squared_error", reduction="mean"):
        if not isinstance(W, (list, tuple)) or not W:
            raise ValueError("W must be a non-empty list of weight matrices, one per layer")
        if not isinstance(b, (list, tuple)) or len(b) != len(W):
            raise ValueError(f"b must be a list of {len(W)} bias vectors, one per layer "
                             f"(as many as W)")
        self.W, self.b = [], []
        n_in = "inputs"
        for l, (w, bias) in enumerate(zip(W, b)):
            w = _validate.array(f"W[{l}]", w, ("neurons", n_in))
            self.W.append(w)
            self.b.append(_validate.array(f"b[{l}]", bias, (w.shape[0],)))
            n_in = w.shape[0]
        self.activations = _per_layer(activations, len(W))
        self.loss = _loss(loss)
        self.reduction = _validate.choice("reduction", reduction, REDUCTIONS)
        self.grads = None  # the last backward()'s Gradients, which step() applies

    # --- building ---------------------------------------------------------------------

    @classmethod
    def random(cls, sizes, activations, loss="squared_error", seed=0, init="auto",
               reduction="mean"):
        """Layers of the given sizes [n_in, n_1, ..., n_out], weights drawn from seed."""
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise ValueError(f"sizes must list at least 2 layer sizes [inputs, ..., outputs], "
                             f"got {sizes!r}")
        sizes = [_validate.count(f"sizes[{i}]", n, minimum=1) for i, n in enumerate(sizes)]
        acts = _per_layer(activations, len(sizes) - 1)
        _validate.choice("init", init, INITS)
        rng = np.random.default_rng(_validate.count("seed", seed))
        W = []
        for n_in, n_out, act in zip(sizes, sizes[1:], acts):
            scheme = init if init != "auto" else ("he" if act.name == "relu" else "xavier")
            if scheme == "he":
                W.append(rng.normal(0.0, np.sqrt(2 / n_in), (n_out, n_in)))
            else:
                limit = np.sqrt(6 / (n_in + n_out))
                W.append(rng.uniform(-limit, limit, (n_out, n_in)))
        return cls(W, [np.zeros(n) for n in sizes[1:]], acts, loss, reduction)

    @classmethod
    def from_params(cls, p, activations="logistic", loss="squared_error", reduction="mean"):
        """The 2-2-2 network of `Params` p, one bias per neuron from its four bias slots."""
        _validate.instance("p", p, Params)
        W = [[[getattr(p, w) for w in row] for row in rows] for rows in WEIGHT_MATRICES]
        b = [[getattr(p, slot) for slot in slots] for slots in BIAS_VECTORS]
        return cls(W, b, activations, loss, reduction)

    @classmethod
    def from_tutorial(cls):
        """The tutorial's network: logistic neurons, squared error, its weights and biases."""
        return cls.from_params(TUTORIAL_PARAMS)

    def to_params(self):
        """Back to `Params` (only for a 2-2-2 network)."""
        if self.sizes != [2, 2, 2]:
            raise ValueError(f"to_params needs a network of sizes [2, 2, 2], got {self.sizes}")
        values = {}
        for names, W, slots, b in zip(WEIGHT_MATRICES, self.W, BIAS_VECTORS, self.b):
            values |= {w: v for row, numbers in zip(names, W.tolist())
                       for w, v in zip(row, numbers)}
            values |= dict(zip(slots, b.tolist()))
        return Params(**values)

    def copy(self):
        return MLP(self.W, self.b, self.activations, self.loss, self.reduction)

    @property
    def sizes(self):
        """[n_in, n_1, ..., n_out]."""
        return [self.W[0].shape[-1]] + [w.shape[-2] for w in self.W]

    def named_parameters(self):
        """[("W1", W[0]), ("b1", b[0]), ("W2", W[1]), ...]: the arrays themselves."""
        return [(f"{kind}{l + 1}", p[l]) for l in range(len(self.W))
                for kind, p in (("W", self.W), ("b", self.b))]

    def __repr__(self):
        acts = "/".join(a.name for a in self.activations)
        return (f"MLP({'-'.join(map(str, self.sizes))}, {acts}, {self.loss!r}, "
                f"reduction={self.reduction!r})")

    # --- the passes -------------------------------------------------------------------

    def forward(self, X):
        """Net inputs and outputs of every layer for the rows of X."""
        return self._forward(self._inputs(X))

    def error(self, X, T):
        """E: the examples' E_total, averaged (reduction="mean") or summed."""
        X, T = self._data(X, T)
        return self._error(X, T)

    def backward(self, X, T):
        """Deltas and gradients for the batch X, T; kept in self.grads for step()."""
        X, T = self._data(X, T)
        self.grads = self._backward(X, T)
        return self.grads

    def step(self, eta, grads=None, train_biases=True):
        """One gradient-descent step W <- W - eta dE/dW (and b, unless train_biases=False).

        grads: a `Gradients` (default: the last backward()'s).
        """
        eta = _validate.positive("eta", eta)
        grads = self.grads if grads is None else grads
        if grads is None:
            raise ValueError("grads must be given, or backward() called before step()")
        shapes = [w.shape for w in self.W]
        if [g.shape for g in grads.dE_dW] != shapes:
            raise ValueError(f"grads must come from a network of this shape (dE_dW shapes "
                             f"{shapes}), got {[g.shape for g in grads.dE_dW]}")
        self._step(eta, grads, train_biases)

    def train(self, X, T, eta, epochs, batch_size=None, shuffle=True, seed=0,
              train_biases=True, on_update=None, on_epoch=None):
        """Gradient descent for `epochs` passes over X, T, one update per mini-batch.

        batch_size: 1 is online training (the tutorial: one update per example), None the
        full batch (one update per epoch), anything between mini-batches (the last one of
        an epoch may be smaller). shuffle: visit the examples in a new random order every
        epoch, drawn from seed; shuffle=False keeps the rows' order. train_biases=False
        freezes the biases, as the tutorial does.

        on_update(k, g): called after the k-th update (k from 1) with its `Gradients` g,
        computed before that update moved anything; on_epoch(k, E): called after the k-th
        epoch with E over all of X, T. Either may measure the network; neither changes it.
        """
        X, T = self._data(X, T)
        n = len(X)
        eta = _validate.positive("eta", eta)
        epochs = _validate.count("epochs", epochs)
        if batch_size is None:
            batch_size = n
        batch_size = _validate.count("batch_size", batch_size, minimum=1, maximum=n)
        rng = np.random.default_rng(_validate.count("seed", seed))
        on_update = _callback("on_update", on_update, "(k, gradients)")
        on_epoch = _callback("on_epoch", on_epoch, "(k, error)")
        per_epoch, per_update = [self._error(X, T)], []
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n) if shuffle else np.arange(n)
            for start in range(0, n, batch_size):
                rows = order[start:start + batch_size]
                g = self._backward(X[rows], T[rows])
                per_update.append(g.error)
                self._step(eta, g, train_biases)
                if on_update is not None:
                    on_update(len(per_update), g)
            per_epoch.append(self._error(X, T))
            if on_epoch is not None:
                on_epoch(epoch, per_epoch[-1])
        return History(epochs=np.array(per_epoch), updates=np.array(per_update))

    # --- reading the outputs ----------------------------------------------------------

    def predict(self, X):
        """The output layer's out for each row of X."""
        return self.forward(X).output

    def classify(self, X):
        """Class labels: the largest output's index, or out >= 0.5 for a single output."""
        return _labels(self.predict(X))

    def accuracy(self, X, T):
        """The fraction of rows whose class (as classify) is the target's class."""
        X, T = self._data(X, T)
        return float(np.mean(_labels(self._forward(X).output) == _labels(T)))

    # --- for code that evaluates E many times on one data set ------------------------

    def checked(self, X, T):
        """X, T as the passes use them: float arrays of this network's shapes, T within the
        loss's target range. Raises ValueError otherwise."""
        return self._data(X, T)

    def unchecked_error(self, X, T):
        """error(X, T) without the checks, for X, T that checked() returned (finite
        differences call it twice per parameter)."""
        return self._error(X, T)

    # --- the arithmetic, on checked arrays ----------------------------------------------

    # The arithmetic reads arrays by their last axes (.mT transposes the last two, sums run
    # over axis -2, the examples), so a leading network axis (Stacked) runs through unchanged.

    def _forward(self, X):
        nets, outs, out = [], [], X
        for W, b, act in zip(self.W, self.b, self.activations):
            net = out @ W.mT + b[..., None, :]
            out = act.f(net)
            nets.append(net)
            outs.append(out)
        return Pass(inputs=X, nets=nets, outs=outs)

    def _reduce(self, per_example):
        return float(per_example.mean() if self.reduction == "mean" else per_example.sum())

    def _error(self, X, T):
        return self._reduce(self.loss.total(self._forward(X).output, T))

    def _backward(self, X, T):
        p = self._forward(X)
        L = len(self.W)
        deltas = [None] * L
        deltas[-1] = self.loss.delta(p.nets[-1], p.output, T, self.activations[-1])
        for l in range(L - 2, -1, -1):
            # Each neuron's dE/dout: the next layer's deltas, carried back through the
            # weights leaving it (column j of W[l+1] holds the weights leaving neuron j).
            dE_dout = deltas[l + 1] @ self.W[l + 1]
            deltas[l] = self.activations[l].dE_dnet(p.nets[l], p.outs[l], dE_dout)
        ins = [X] + p.outs[:-1]
        dE_dW = [d.mT @ a for d, a in zip(deltas, ins)]
        dE_db = [d.sum(axis=-2) for d in deltas]
        if self.reduction == "mean":
            dE_dW = [g / len(X) for g in dE_dW]
            dE_db = [g / len(X) for g in dE_db]
        error = self._reduce(self.loss.total(p.output, T))
        return Gradients(p, deltas, dE_dW, dE_db, error)

    def _step(self, eta, grads, train_biases):
        self.W = [W - eta * g for W, g in zip(self.W, grads.dE_dW)]
        if train_biases:
            self.b = [b - eta * g for b, g in zip(self.b, grads.dE_db)]

    def _inputs(self, X):
        return _validate.array("X", X, ("examples", self.sizes[0]))

    def _data(self, X, T):
        X = self._inputs(X)
        T = _validate.array("T", T, (len(X), self.sizes[-1]))
        if self.loss.target_range is not None:
            low, high = self.loss.target_range
            if T.min() < low or T.max() > high:
                raise ValueError(f"T must lie in [{low}, {high}] for the {self.loss.name} "
                                 f"loss, got values in [{T.min()}, {T.max()}]")
        return X, T


def _per_layer(activations, layers):
    """One activation per layer, from a single name or a list of them."""
    if isinstance(activations, (str, Activation)):
        return [_activation(activations)] * layers
    if not isinstance(activations, (list, tuple)) or len(activations) != layers:
        got = len(activations) if isinstance(activations, (list, tuple)) else repr(activations)
        raise ValueError(f"activations must name one activation, or one per layer "
                         f"({layers}), got {got}")
    return [_activation(a) for a in activations]


def _callback(name, f, arguments):
    if f is not None and not callable(f):
        raise ValueError(f"{name} must be a function {arguments} or None, got {f!r}")
    return f


def _labels(Y):
    return (Y[:, 0] >= 0.5).astype(int) if Y.shape[1] == 1 else Y.argmax(axis=1)


def tutorial_values(g):
    """A 2-2-2 network's one-example `Gradients` in the tutorial's names, like backward().

    {"net_h1", "out_h1", ..., "E_total", "delta_o1", ..., "dE_dw1", ..., "dE_db_h1", ...}
    """
    if [w.shape for w in g.dE_dW] != [(2, 2), (2, 2)] or len(g.forward.inputs) != 1:
        raise ValueError("g must come from a 2-2-2 network's backward() on one example")
    values = {}
    for l, neurons in enumerate(LAYERS):
        for j, n in enumerate(neurons):
            values[f"net_{n}"] = float(g.forward.nets[l][0, j])
            values[f"out_{n}"] = float(g.forward.outs[l][0, j])
    values["E_total"] = g.error
    for l, neurons in enumerate(LAYERS):
        for j, n in enumerate(neurons):
            values[f"delta_{n}"] = float(g.deltas[l][0, j])
    for l, rows in enumerate(WEIGHT_MATRICES):
        for j, row in enumerate(rows):
            for k, w in enumerate(row):
                values[f"dE_d{w}"] = float(g.dE_dW[l][j, k])
    for l, neurons in enumerate(LAYERS):
        for j, n in enumerate(neurons):
            values[f"dE_db_{n}"] = float(g.dE_db[l][j])
    return values
