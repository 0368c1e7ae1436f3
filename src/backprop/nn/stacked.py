"""K networks of one shape trained together: MLP's own passes with a leading network axis.

    nets = Stacked([MLP.random(sizes, "logistic", seed=s) for s in range(100)])
    h = nets.train(X, T, eta, epochs, shuffle=False)   # h.epochs[k, i]: network i's E
    nets.predict(X)[i], nets.network(i)                 # network i's outputs, as an MLP

W[l][i], b[l][i] are network i's weights and biases; every network sees the same X, T.
A NumPy operation advances all of them by one step, so a hundred small networks train in
about the time of one. Network i's numbers are those `nets.network(i)` would get training
alone, up to the order of a few sums in the last bit.
"""
import numpy as np

from .mlp import MLP

MAX_NETWORKS = 10_000


class Stacked(MLP):
    """Networks of equal sizes, activations, loss and reduction, side by side."""

    def __init__(self, networks):
        networks = list(networks) if isinstance(networks, (list, tuple)) else None
        if not networks or len(networks) > MAX_NETWORKS:
            raise ValueError(f"networks must list 1 to {MAX_NETWORKS:,} MLPs")
        first = networks[0]
        for k, net in enumerate(networks):
            if not isinstance(net, MLP) or isinstance(net, Stacked):
                raise ValueError(f"networks[{k}] must be an MLP, got {net!r}")
            if repr(net) != repr(first):
                raise ValueError(f"networks must share one shape, activations, loss and "
                                 f"reduction: networks[0] is {first!r}, networks[{k}] {net!r}")
        # MLP's checks already ran on each network; this only stacks their arrays.
        self.W = [np.stack(Ws) for Ws in zip(*(net.W for net in networks))]
        self.b = [np.stack(bs) for bs in zip(*(net.b for net in networks))]
        self.activations, self.loss, self.reduction = first.activations, first.loss, first.reduction
        self.grads = None

    def __len__(self):
        return len(self.W[0])

    def network(self, i):
        """Network i on its own, as an MLP (a copy of its arrays)."""
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < len(self):
            raise ValueError(f"i must be a whole number in [0, {len(self) - 1}], got {i!r}")
        return MLP([W[i] for W in self.W], [b[i] for b in self.b], self.activations,
                   self.loss, self.reduction)

    def copy(self):
        return Stacked([self.network(i) for i in range(len(self))])

    def __repr__(self):
        return f"Stacked({len(self)} x {self.network(0)!r})"

    def _reduce(self, per_example):
        # One E per network: reduce over the examples axis only.
        return per_example.mean(axis=-1) if self.reduction == "mean" else per_example.sum(axis=-1)
