"""The forward pass: net input and logistic output of each neuron, then the error."""
import math
from dataclasses import dataclass, asdict

from .. import _validate
from .network import Params, Example


def exp(x):
    """e^x as math.exp computes it, but infinity where that overflows (x above ~709.78)."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def logistic(x):
    """The squashing function 1 / (1 + e^-x).

    Below a net input of about -709.78, e^-x is too large for a float and the result is
    1 / (1 + inf) = 0.0, the function's limit (as with numpy.exp), instead of an error.
    """
    return 1.0 / (1.0 + exp(-x))


def squared_error(target, out):
    """The tutorial's error of one output, with the 1/2 that cancels when differentiated."""
    return 0.5 * (target - out) ** 2


@dataclass(frozen=True, kw_only=True)
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
    _validate.instance("p", p, Params)
    _validate.instance("ex", ex, Example)
    net_h1 = p.w1 * ex.i1 + p.w2 * ex.i2 + p.b_h1
    net_h2 = p.w3 * ex.i1 + p.w4 * ex.i2 + p.b_h2
    # Only here can finite givens give no number: two products beyond the largest float
    # (about 1.8e308), of opposite signs, add up to inf - inf. (An out is in [0, 1], so
    # the output layer's products cannot overflow.)
    for net, terms in ((net_h1, "w1 * i1 + w2 * i2"), (net_h2, "w3 * i1 + w4 * i2")):
        if math.isnan(net):
            raise ValueError(f"{terms} overflows for these weights and inputs (a product "
                             "beyond 1.8e308); use smaller ones")
    out_h1 = logistic(net_h1)
    out_h2 = logistic(net_h2)

    net_o1 = p.w5 * out_h1 + p.w6 * out_h2 + p.b_o1
    net_o2 = p.w7 * out_h1 + p.w8 * out_h2 + p.b_o2
    out_o1 = logistic(net_o1)
    out_o2 = logistic(net_o2)

    E_o1 = squared_error(ex.t1, out_o1)
    E_o2 = squared_error(ex.t2, out_o2)
    return Forward(net_h1=net_h1, out_h1=out_h1, net_h2=net_h2, out_h2=out_h2,
                   net_o1=net_o1, out_o1=out_o1, net_o2=net_o2, out_o2=out_o2,
                   E_o1=E_o1, E_o2=E_o2, E_total=E_o1 + E_o2)
