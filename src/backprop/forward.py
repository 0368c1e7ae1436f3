"""The forward pass: net input and logistic output of each neuron, then the error."""
import math
from dataclasses import dataclass, asdict


def logistic(x):
    """The squashing function 1 / (1 + e^-x)."""
    return 1.0 / (1.0 + math.exp(-x))


def squared_error(target, out):
    """The tutorial's error of one output, with the 1/2 that cancels when differentiated."""
    return 0.5 * (target - out) ** 2


@dataclass(frozen=True)
class Forward:
    net_h1: float
    out_h1: float
    net_h2: float
    out_h2: float
    net_o1: float
    out_o1: float
    net_o2: float
    out_o2: float
    E_o1: float
    E_o2: float
    E_total: float

    def as_dict(self):
        return asdict(self)


def forward(p, ex):
    """Run `Example` ex through the network with `Params` p."""
    net_h1 = p.w1 * ex.i1 + p.w2 * ex.i2 + p.b_h1
    net_h2 = p.w3 * ex.i1 + p.w4 * ex.i2 + p.b_h2
    out_h1 = logistic(net_h1)
    out_h2 = logistic(net_h2)

    net_o1 = p.w5 * out_h1 + p.w6 * out_h2 + p.b_o1
    net_o2 = p.w7 * out_h1 + p.w8 * out_h2 + p.b_o2
    out_o1 = logistic(net_o1)
    out_o2 = logistic(net_o2)

    E_o1 = squared_error(ex.t1, out_o1)
    E_o2 = squared_error(ex.t2, out_o2)
    return Forward(net_h1, out_h1, net_h2, out_h2, net_o1, out_o1, net_o2, out_o2,
                   E_o1, E_o2, E_o1 + E_o2)
